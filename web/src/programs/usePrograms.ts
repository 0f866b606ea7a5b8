import type { Program } from '../api/types';
import { useApiQuery, type QueryState } from '../api/useApiQuery';

export function usePrograms(): QueryState<Program[]> {
  return useApiQuery('programs', (api, signal) => api.programs(signal));
}
