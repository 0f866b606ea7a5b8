import { useApiQuery, type QueryState } from '../api/useApiQuery';
import { listAdminPrograms, type AdminProgram } from './admin.api';

/** Program health for admins. Pass `enabled: false` for people who aren't admins (nothing is fetched). */
export function useAdminPrograms({ enabled = true } = {}): QueryState<AdminProgram[]> {
  return useApiQuery('admin-programs', (api, signal) => listAdminPrograms(api, signal), { enabled });
}
