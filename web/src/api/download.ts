import { useCallback } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { ApiError } from './client';
import { problemOf, sendRaw } from './raw';

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
 * Saves a file the API serves to signed-in people only (a series' .ics, an admin CSV export).
 * A plain link can't carry the bearer token, so the file is fetched with it and saved from a
 * Blob. Resolves to the saved file's name; failures throw ApiError like the JSON client does.
 */
export function useDownload(accept: string): (path: string, fallbackName: string) => Promise<string> {
  const { state } = useAuth();
  return useCallback(
    async (path: string, fallbackName: string) => {
      if (state.status !== 'signed-in') throw new ApiError(401, { detail: 'Sign in again, then try once more.' });
      const response = await sendRaw(() => state.provider.getToken(), path, { accept: `${accept}, application/problem+json` });
      if (!response.ok) throw await problemOf(response);
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
    [state, accept],
  );
}
