import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { useApiQuery, type QueryState } from '../api/useApiQuery';
import { getDirectoryStatus, startDirectorySync, type DirectoryStatus, type DirectoryTenantStatus } from './directory.api';

/** How often the status is read while a sync runs. */
export const POLL_MS = 3_000;
/** How long "Sync now" waits for the round to show up before saying it hasn't started. */
const START_GRACE_MS = 60_000;

export interface DirectoryStatusState extends QueryState<DirectoryStatus> {
  /** Shows a status read while polling without going back to the loading state. */
  replace: (status: DirectoryStatus) => void;
}

export function useDirectoryStatus({ enabled = true } = {}): DirectoryStatusState {
  const query = useApiQuery('directory-status', (api, signal) => getDirectoryStatus(api, signal), { enabled });
  const fetched = useRef(query.data);
  fetched.current = query.data;
  const [polled, setPolled] = useState<{ status: DirectoryStatus; base: DirectoryStatus | undefined } | null>(null);
  const replace = useCallback((status: DirectoryStatus) => setPolled({ status, base: fetched.current }), []);
  // A fresh fetch (Retry, after an import) wins over anything polled before it.
  const data = polled && polled.base === query.data ? polled.status : query.data;
  return { ...query, data, loading: data ? false : query.loading, error: data ? undefined : query.error, replace };
}

export const isRunning = (status: DirectoryStatus | undefined) => status?.tenants.some((t) => t.phase !== 'idle') ?? false;

/** How a "Sync now" ended, tenant by tenant. */
export type SyncOutcome =
  | { kind: 'done'; tenants: DirectoryTenantStatus[] }
  | { kind: 'failed'; failed: DirectoryTenantStatus[]; tenants: DirectoryTenantStatus[] }
  | { kind: 'not-started' };

interface Request {
  /** Each tenant's marks before the request: any change means a round ran. */
  before: Map<string, string>;
  sawRunning: boolean;
  at: number;
}

const marks = (t: DirectoryTenantStatus) => `${t.runStartedAt ?? ''}|${t.lastSuccessAt ?? ''}|${t.lastErrorAt ?? ''}`;

function outcomeOf(request: Request, status: DirectoryStatus): SyncOutcome | null {
  if (isRunning(status)) return null;
  const ran = status.tenants.filter((t) => request.before.get(t.tenantId) !== marks(t));
  if (!request.sawRunning && ran.length === 0) {
    return Date.now() - request.at > START_GRACE_MS ? { kind: 'not-started' } : null;
  }
  const failed = status.tenants.filter((t) => {
    const before = request.before.get(t.tenantId) ?? '||';
    const [, success, error] = before.split('|');
    return t.lastError !== null && (t.lastErrorAt ?? '') !== error && (t.lastSuccessAt ?? '') === success;
  });
  return failed.length > 0 ? { kind: 'failed', failed, tenants: status.tenants } : { kind: 'done', tenants: status.tenants };
}

export interface SyncNow {
  /** The request is being sent. */
  starting: boolean;
  /** A round runs (asked for here, or found running) and the status is being polled. */
  syncing: boolean;
  error: Error | null;
  /** Resolves to whether the server took the request. */
  start: () => Promise<boolean>;
}

/**
 * "Sync now": asks for a round, then reads the status every few seconds until every tenant is back
 * to idle (a round found running when the page opens is followed the same way).
 */
export function useSyncNow(status: DirectoryStatusState, onFinished: (outcome: SyncOutcome) => void): SyncNow {
  const api = useApi();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [request, setRequest] = useState<Request | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  const { data, replace } = status;
  const running = isRunning(data);

  const start = useCallback(async () => {
    if (!data) return false;
    setError(null);
    setStarting(true);
    try {
      await startDirectorySync(api);
      setRequest({ before: new Map(data.tenants.map((t) => [t.tenantId, marks(t)])), sawRunning: false, at: Date.now() });
      return true;
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      return false;
    } finally {
      setStarting(false);
    }
  }, [api, data]);

  // Settle the request against each status read.
  useEffect(() => {
    if (!request || !data) return;
    if (isRunning(data) && !request.sawRunning) {
      setRequest({ ...request, sawRunning: true });
      return;
    }
    const outcome = outcomeOf(request, data);
    if (outcome) {
      setRequest(null);
      finished.current(outcome);
    }
  }, [request, data]);

  const watching = request !== null || running;
  useEffect(() => {
    if (!watching) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      getDirectoryStatus(api, controller.signal).then(
        (next) => {
          if (!controller.signal.aborted) replace(next);
        },
        () => {
          // A failed read is retried on the next tick; the status on screen stays as it was.
          if (!controller.signal.aborted) replace({ ...(data as DirectoryStatus) });
        },
      );
    }, POLL_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [watching, data, api, replace]);

  return { starting, syncing: watching, error, start };
}
