import type { ApiClient } from '../api/client';
import { useApiQuery, type QueryState } from '../api/useApiQuery';

export interface Term {
  id: string;
  label: string;
}

export interface Taxonomy {
  skills: Term[];
  values: Term[];
}

export const getTaxonomy = (api: ApiClient, signal?: AbortSignal) => api.request<Taxonomy>('/api/taxonomy', { signal });

export function useTaxonomy(): QueryState<Taxonomy> {
  return useApiQuery('taxonomy', (api, signal) => getTaxonomy(api, signal));
}
