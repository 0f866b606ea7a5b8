import type { ApiClient } from './client';
import { useApi, usePrefetch } from './ApiContext';
import { useAsync, type QueryState } from './useAsync';

export type { QueryState } from './useAsync';

/**
 * useAsync with the signed-in API client (a new sign-in remounts the views, so it refetches),
 * served from the start-up prefetch when that asked for `key` already.
 */
export function useApiQuery<T>(
  key: string,
  load: (api: ApiClient, signal: AbortSignal) => Promise<T>,
  options?: { enabled?: boolean },
): QueryState<T> {
  const api = useApi();
  const prefetch = usePrefetch();
  return useAsync(key, (signal) => load(api, signal), { ...options, prefetch });
}
