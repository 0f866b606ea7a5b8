import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { Host } from './host';

const HostContext = createContext<Host>({ kind: 'browser' });

export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  return useContext(HostContext);
}

export type ViewStatus = 'loading' | 'ready' | 'failed';

/**
 * Tells the Teams host, once, that the first view has its data (notifySuccess) or could not get it
 * (notifyFailure). Outside Teams it does nothing. Later views calling it again are ignored by the host adapter.
 */
export function useReportViewStatus(status: ViewStatus, failureMessage?: string): void {
  const host = useHost();
  useEffect(() => {
    if (host.kind !== 'teams') return;
    if (status === 'ready') host.notifySuccess();
    if (status === 'failed') host.notifyFailure('other', failureMessage ?? 'Tandem could not load its data.');
  }, [host, status, failureMessage]);
}
