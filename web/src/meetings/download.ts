import { useCallback } from 'react';
import { ApiError } from '../api/client';
import type { ProblemDetails } from '../api/types';
import { useAuth } from '../auth/AuthProvider';

/** The file name from a Content-Disposition header, if it gives one. */
function fileName(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

/**
 * Downloads a file the API serves to signed-in members only (e.g. a series' .ics): fetched with the
 * bearer token, then saved from a Blob. Failures throw ApiError like the JSON client does.
 */
export function useDownload(): (path: string, fallbackName: string) => Promise<void> {
  const { state } = useAuth();
  return useCallback(
    async (path: string, fallbackName: string) => {
      if (state.status !== 'signed-in') throw new ApiError(401, { detail: 'Sign in again, then try once more.' });
      const token = await state.provider.getToken();
      let response: Response;
      try {
        response = await fetch(path, {
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/calendar, application/problem+json' },
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
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName(response.headers.get('content-disposition')) ?? fallbackName;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    [state],
  );
}
