import { useApiQuery, type QueryState } from '../api/useApiQuery';
import { listPrograms, type Program } from './programs.api';

export function usePrograms(): QueryState<Program[]> {
  return useApiQuery('programs', (api, signal) => listPrograms(api, signal));
}
