import { useCallback } from 'react';
import { ApiError } from '../api/client';
import type { ProblemDetails } from '../api/types';
import { useAuth } from '../auth/AuthProvider';

/** The file name a Content-Disposition header gives, if any. */
export function dispositionFileName(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall back to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

/**
 * Saves an admin CSV export. A plain link can't carry the bearer token, so the file is fetched
 * with it and saved from a Blob. Resolves to the saved file's name; failures throw ApiError
 * (with the problem's detail) like the JSON client does.
 */
export function useCsvDownload(): (path: string, fallbackName: string) => Promise<string> {
  const { state } = useAuth();
  return useCallback(
    async (path: string, fallbackName: string) => {
      if (state.status !== 'signed-in') throw new ApiError(401, { detail: 'Sign in again, then try once more.' });
      const token = await state.provider.getToken();
      let response: Response;
      try {
        response = await fetch(path, {
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/csv, application/problem+json' },
          credentials: 'same-origin',
        });
      } catch {
        throw new ApiError(0, { detail: 'Check your network connection, then try again.' });
      }
      if (!response.ok) {
        let problem: ProblemDetails = { detail: response.statusText || undefined };
        if ((response.headers.get('content-type') ?? '').includes('json')) {
          try {
            problem = (await response.json()) as ProblemDetails;
          } catch {
            // keep the generic problem
          }
        }
        throw new ApiError(response.status, problem);
      }
      const blob = await response.blob();
      const name = dispositionFileName(response.headers.get('content-disposition')) ?? fallbackName;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return name;
    },
    [state],
  );
}
