import { ApiError } from './client';
import type { ProblemDetails } from './types';

/**
 * Calls the JSON client can't make (a CSV body, a file to save): fetched with the bearer token,
 * failures thrown as ApiError with the problem's detail, as the JSON client does.
 */
export async function sendRaw(
  getToken: () => Promise<string>,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: string; contentType?: string; accept: string; signal?: AbortSignal | undefined },
): Promise<Response> {
  const token = await getToken();
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: init.accept };
  if (init.contentType) headers['Content-Type'] = init.contentType;
  try {
    return await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body ?? null,
      signal: init.signal ?? null,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { detail: 'Check your network connection, then try again.' });
  }
}

/** The ApiError for a failed response, with its problem+json when it has one. */
export async function problemOf(response: Response): Promise<ApiError> {
  let problem: ProblemDetails = { detail: response.statusText || undefined };
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      problem = (await response.json()) as ProblemDetails;
    } catch {
      // keep the generic problem
    }
  }
  return new ApiError(response.status, problem);
}
