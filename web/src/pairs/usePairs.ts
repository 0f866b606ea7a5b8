import type { ApiQuery } from '../api/prefetch';
import type { Pair } from '../api/types';
import { useApiQuery, type QueryState } from '../api/useApiQuery';

export const pairsQuery: ApiQuery<Pair[]> = { key: 'pairs', load: (api, signal) => api.pairs(signal) };

export function usePairs(): QueryState<Pair[]> {
  return useApiQuery(pairsQuery.key, pairsQuery.load);
}
