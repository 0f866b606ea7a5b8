import { createContext, useContext, type ReactNode } from 'react';
import type { Me } from '../api/types';
import { useApiQuery, type QueryState } from '../api/useApiQuery';

const MeContext = createContext<QueryState<Me> | null>(null);

/** Fetches /api/me once for the signed-in shell (header, nav and views all read it). */
export function MeProvider({ children }: { children: ReactNode }) {
  const me = useApiQuery('me', (api, signal) => api.me(signal));
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
