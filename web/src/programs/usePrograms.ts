import type { ApiQuery } from '../api/prefetch';
import { useApiQuery, type QueryState } from '../api/useApiQuery';
import { listPrograms, type Program } from './programs.api';

export const programsQuery: ApiQuery<Program[]> = { key: 'programs', load: (api, signal) => listPrograms(api, signal) };

export function usePrograms(): QueryState<Program[]> {
  return useApiQuery(programsQuery.key, programsQuery.load);
}
