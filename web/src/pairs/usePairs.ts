import type { Pair } from '../api/types';
import { useApiQuery, type QueryState } from '../api/useApiQuery';

export function usePairs(): QueryState<Pair[]> {
  return useApiQuery('pairs', (api, signal) => api.pairs(signal));
}
