import type { ApiClient } from './client';
import { useApi } from './ApiContext';
import { useAsync, type QueryState } from './useAsync';

export type { QueryState } from './useAsync';

/** useAsync with the signed-in API client (a new sign-in remounts the views, so it refetches). */
export function useApiQuery<T>(
  key: string,
  load: (api: ApiClient, signal: AbortSignal) => Promise<T>,
  options?: { enabled?: boolean },
): QueryState<T> {
  const api = useApi();
  return useAsync(key, (signal) => load(api, signal), options);
}
