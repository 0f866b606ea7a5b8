import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ApiQuery } from '../api/prefetch';
import { useApiQuery } from '../api/useApiQuery';
import { listRequests, type MentorshipRequest } from './requests.api';

export const incomingRequestsQuery: ApiQuery<MentorshipRequest[]> = {
  key: 'requests:incoming',
  load: (api, signal) => listRequests(api, 'incoming', signal),
};

export const outgoingRequestsQuery: ApiQuery<MentorshipRequest[]> = {
  key: 'requests:outgoing',
  load: (api, signal) => listRequests(api, 'outgoing', signal),
};

export interface RequestsState {
  /** Requests people sent me (as a mentor), newest first. */
  incoming: MentorshipRequest[] | undefined;
  /** Requests I sent (as a mentee), newest first. */
  outgoing: MentorshipRequest[] | undefined;
  loading: boolean;
  error: Error | undefined;
  reload: () => void;
  /** Shows a changed request straight away (the next load replaces it with the server's copy). */
  update: (request: MentorshipRequest) => void;
  /** Adds a request I just sent to the top of the outgoing list. */
  add: (request: MentorshipRequest) => void;
}

const RequestsContext = createContext<RequestsState | null>(null);

/**
 * My incoming and outgoing requests, loaded once for the signed-in shell: the nav badge, Home,
 * Find a mentor and Requests all read (and refresh) the same lists.
 */
export function RequestsProvider({ children }: { children: ReactNode }) {
  const incoming = useApiQuery(incomingRequestsQuery.key, incomingRequestsQuery.load);
  const outgoing = useApiQuery(outgoingRequestsQuery.key, outgoingRequestsQuery.load);
  const [changed, setChanged] = useState<Record<string, MentorshipRequest>>({});
  const [added, setAdded] = useState<MentorshipRequest[]>([]);

  // Fresh server data supersedes local changes. (Unchanged state when there are none, so the
  // first answers don't render the whole shell a second time.)
  useEffect(() => setChanged((c) => (Object.keys(c).length > 0 ? {} : c)), [incoming.data, outgoing.data]);
  useEffect(() => setAdded((a) => (a.length > 0 ? [] : a)), [outgoing.data]);

  const reloadIncoming = incoming.reload;
  const reloadOutgoing = outgoing.reload;
  const reload = useCallback(() => {
    reloadIncoming();
    reloadOutgoing();
  }, [reloadIncoming, reloadOutgoing]);

  // Someone may have answered while the tab was in the background.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const update = useCallback((request: MentorshipRequest) => setChanged((c) => ({ ...c, [request.id]: request })), []);
  const add = useCallback((request: MentorshipRequest) => setAdded((a) => [request, ...a.filter((r) => r.id !== request.id)]), []);

  const value = useMemo<RequestsState>(() => {
    const apply = (list: MentorshipRequest[] | undefined) => list?.map((r) => changed[r.id] ?? r);
    const out = apply(outgoing.data);
    return {
      incoming: apply(incoming.data),
      outgoing: out && [...added.filter((a) => !out.some((r) => r.id === a.id)), ...out],
      loading: incoming.loading || outgoing.loading,
      error: incoming.error ?? outgoing.error,
      reload,
      update,
      add,
    };
  }, [incoming.data, incoming.loading, incoming.error, outgoing.data, outgoing.loading, outgoing.error, changed, added, reload, update, add]);

  return <RequestsContext.Provider value={value}>{children}</RequestsContext.Provider>;
}

export function useRequests(): RequestsState {
  const state = useContext(RequestsContext);
  if (!state) throw new Error('useRequests() must be used inside <RequestsProvider>');
  return state;
}

/** Requests waiting for my answer as a mentor. */
export function pendingIncoming(state: RequestsState): MentorshipRequest[] {
  return state.incoming?.filter((r) => r.status === 'pending') ?? [];
}

export function pendingOutgoing(state: RequestsState): MentorshipRequest[] {
  return state.outgoing?.filter((r) => r.status === 'pending') ?? [];
}
