import { createContext, useContext, type ReactNode } from 'react';
import type { ApiQuery } from '../api/prefetch';
import type { Me } from '../api/types';
import { useApiQuery, type QueryState } from '../api/useApiQuery';

const MeContext = createContext<QueryState<Me> | null>(null);

export const meQuery: ApiQuery<Me> = { key: 'me', load: (api, signal) => api.me(signal) };

/** Fetches /api/me once for the signed-in shell (header, nav and views all read it). */
export function MeProvider({ children }: { children: ReactNode }) {
  const me = useApiQuery(meQuery.key, meQuery.load);
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useMe(): QueryState<Me> {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() must be used inside <MeProvider>');
  return me;
}

export function isAdmin(me: Me | undefined): boolean {
  return me?.roles.includes('admin') ?? false;
}
