import type {
  AdminProgram,
  DevTokenRequest,
  DevTokenResponse,
  DevUser,
  Health,
  Me,
  Pair,
  ProblemDetails,
  Program,
} from './types';

export interface FieldError {
  field: string;
  message: string;
}

/** An HTTP failure, carrying the API's RFC 9457 problem details when it sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly errors: FieldError[];

  constructor(status: number, problem: ProblemDetails) {
    const title = problem.title ?? defaultTitle(status);
    super(problem.detail ? `${title}: ${problem.detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

function defaultTitle(status: number): string {
  if (status === 0) return "Can't reach Tandem";
  if (status === 401) return 'Your sign-in has expired';
  if (status === 403) return "You don't have access to this";
  if (status === 404) return 'Not found';
  if (status >= 500) return 'Tandem had a problem';
  return 'Request failed';
}

export interface ClientOptions {
  /** Returns a bearer token for authenticated calls (or the token itself, when it is at hand). */
  getToken: () => Promise<string> | string;
  /** Called when an authenticated call is answered 401 (dev mode uses it to drop the token). */
  onUnauthorized?: () => void;
  baseUrl?: string;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal | undefined;
  auth?: boolean;
}

async function send<T>(baseUrl: string, path: string, options: RequestOptions, token?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(baseUrl + path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { detail: 'Check your network connection, then try again.' });
  }

  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (body && typeof body === 'object') return body as ProblemDetails;
    } catch {
      // fall through to a generic problem
    }
  }
  return { status: response.status, title: undefined, detail: response.statusText || undefined };
}

/** Calls that need no token: health and the dev-only sign-in endpoints. */
export const publicApi = {
  health: (signal?: AbortSignal) => send<Health>('', '/api/health', { signal }),
  devUsers: (signal?: AbortSignal) => send<DevUser[]>('', '/api/dev/users', { signal }),
  devToken: (request: DevTokenRequest) =>
    send<DevTokenResponse>('', '/api/dev/token', { method: 'POST', body: request }),
};

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient({ getToken, onUnauthorized, baseUrl = '' }: ClientOptions) {
  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    // Not awaited when at hand: the request then leaves before this call returns, even while the
    // page's code is still being run (the start-up reads).
    const pending = getToken();
    const token = typeof pending === 'string' ? pending : await pending;
    try {
      return await send<T>(baseUrl, path, options, token);
    } catch (error) {
      if (isApiError(error, 401)) onUnauthorized?.();
      throw error;
    }
  }

  return {
    request,
    me: (signal?: AbortSignal) => request<Me>('/api/me', { signal }),
    programs: (signal?: AbortSignal) => request<Program[]>('/api/programs', { signal }),
    pairs: (signal?: AbortSignal) => request<Pair[]>('/api/pairs', { signal }),
    adminPrograms: (signal?: AbortSignal) => request<AdminProgram[]>('/api/admin/programs', { signal }),
  };
}
