import { useApiQuery, type QueryState } from '../api/useApiQuery';
import {
  filterQuery,
  getAnalytics,
  listAdminPairs,
  listPairsAtRisk,
  type AdminPairsPage,
  type AdminPairsQuery,
  type Analytics,
  type AnalyticsFilters,
  type AtRiskFilters,
  type AtRiskPair,
} from './analytics.api';

/** The dashboard's metrics for one set of filters. */
export function useAnalytics(filters: AnalyticsFilters, { enabled = true } = {}): QueryState<Analytics> {
  return useApiQuery(`admin-analytics${filterQuery(filters)}`, (api, signal) => getAnalytics(api, filters, signal), { enabled });
}

/** Pairs active now that need attention (the period is ignored by the API: risk is about now). */
export function usePairsAtRisk(filters: AtRiskFilters, { enabled = true } = {}): QueryState<AtRiskPair[]> {
  return useApiQuery(`admin-pairs-at-risk${filterQuery({ programId: filters.programId, department: filters.department })}`, (api, signal) => listPairsAtRisk(api, filters, signal), { enabled });
}

/** One page of the pairs table. */
export function useAdminPairs(query: AdminPairsQuery, { enabled = true } = {}): QueryState<AdminPairsPage> {
  return useApiQuery(`admin-pairs${filterQuery(query)}`, (api, signal) => listAdminPairs(api, query, signal), { enabled });
}
