import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ApiClient } from './client';
import type { Prefetch } from './prefetch';

interface ApiContextValue {
  client: ApiClient;
  prefetch: Prefetch | undefined;
}

const ApiContext = createContext<ApiContextValue | null>(null);

/** `prefetch`: answers asked for at start-up with this same sign-in (app/startup.ts), if any. */
export function ApiProvider({ client, prefetch, children }: { client: ApiClient; prefetch?: Prefetch | undefined; children: ReactNode }) {
  const value = useMemo(() => ({ client, prefetch }), [client, prefetch]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi() must be used inside <ApiProvider>');
  return value;
}

export function useApi(): ApiClient {
  return useApiContext().client;
}

export function usePrefetch(): Prefetch | undefined {
  return useApiContext().prefetch;
}
