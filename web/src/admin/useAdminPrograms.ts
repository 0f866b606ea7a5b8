import type { AdminProgram } from '../api/types';
import { useApiQuery, type QueryState } from '../api/useApiQuery';

/** Program health for admins. Pass `enabled: false` for people who aren't admins (nothing is fetched). */
export function useAdminPrograms({ enabled = true } = {}): QueryState<AdminProgram[]> {
  return useApiQuery('admin-programs', (api, signal) => api.adminPrograms(signal), { enabled });
}
