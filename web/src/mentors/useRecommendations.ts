import { useApiQuery, type QueryState } from '../api/useApiQuery';
import { listRecommendations, type Recommendation } from './recommendations.api';

export function useRecommendations(programId: string | undefined): QueryState<Recommendation[]> {
  return useApiQuery(`recommendations:${programId ?? ''}`, (api, signal) => listRecommendations(api, programId ?? '', signal), {
    enabled: !!programId,
  });
}
