import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/ApiContext';
import {
  listNotifications,
  markAllRead as postReadAll,
  markRead as postRead,
  unreadCount,
  type NotificationView,
} from './notifications.api';

export const POLL_INTERVAL_MS = 60_000;

export interface UnreadCount {
  /** undefined until the first answer */
  unread: number | undefined;
  /** asks the server again */
  refresh: () => void;
  /** takes a count the client already knows (a feed page, an optimistic change) */
  set: (next: number | ((current: number) => number)) => void;
}

/**
 * The bell's unread count: polled every minute while the tab is visible, and again whenever the
 * window regains focus (the person may have acted in Teams meanwhile).
 */
export function useUnreadCount(): UnreadCount {
  const api = useApi();
  const [unread, setUnread] = useState<number | undefined>(undefined);
  // A poll answer that left before a newer local change must not undo that change.
  const version = useRef(0);
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    const asked = ++version.current;
    unreadCount(api, controller.signal).then(
      ({ unread: count }) => {
        if (version.current === asked) setUnread(count);
      },
      () => {
        // A failed poll keeps the last known count: the bell is no place for an error message.
      },
    );
  }, [api]);

  const set = useCallback((next: number | ((current: number) => number)) => {
    version.current += 1;
    inFlight.current?.abort();
    setUnread((current) => Math.max(0, typeof next === 'function' ? next(current ?? 0) : next));
  }, []);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_INTERVAL_MS);
    const onFocus = () => refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
      inFlight.current?.abort();
    };
  }, [refresh]);

  return { unread, refresh, set };
}

export interface NotificationFeed {
  items: NotificationView[] | undefined;
  loading: boolean;
  error: Error | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: Error | undefined;
  /** the last failed mark-as-read (the change was undone) */
  actionError: Error | undefined;
  reload: () => void;
  /** resolves to the id of the first item it added, if any */
  loadMore: () => Promise<string | undefined>;
  markRead: (item: NotificationView) => void;
  markAllRead: () => void;
  surveyAnswered: (item: NotificationView) => void;
}

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * The feed, loaded afresh each time the panel opens, with "load more" pages appended. Read state
 * changes at once and is put back if the server refuses it; `counter` follows along.
 *
 * A page fetched while a mark-as-read is on its way would show the item unread again (and the
 * old count), so pages are fetched only once no change is in flight, and a change made while the
 * first page loads starts that load again.
 */
export function useNotificationFeed(open: boolean, counter: UnreadCount): NotificationFeed {
  const api = useApi();
  const [items, setItems] = useState<NotificationView[] | undefined>(undefined);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error | undefined>(undefined);
  const [actionError, setActionError] = useState<Error | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const { set: setUnread, refresh: refreshUnread } = counter;
  const itemsRef = useRef(items);
  itemsRef.current = items;
  // Bumped by each first-page load, so a late "load more" answer can't append to a newer list.
  const generation = useRef(0);
  const firstPageLoading = useRef(false);
  const changes = useRef(new Set<Promise<unknown>>());
  // Bumped by each change; a page fetched across one doesn't get to set the count.
  const changeCount = useRef(0);

  const settledChanges = () => Promise.allSettled([...changes.current]);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const mine = ++generation.current;
    firstPageLoading.current = true;
    setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    setActionError(undefined);
    void (async () => {
      try {
        await settledChanges();
        if (controller.signal.aborted) return;
        const page = await listNotifications(api, null, controller.signal);
        if (controller.signal.aborted || generation.current !== mine) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setUnread(page.unread);
        setLoading(false);
      } catch (e) {
        if (controller.signal.aborted) return;
        setItems(undefined);
        setError(toError(e));
        setLoading(false);
      } finally {
        if (generation.current === mine) firstPageLoading.current = false;
      }
    })();
    return () => controller.abort();
  }, [api, open, attempt, setUnread]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  /** Runs a change against the server, keeping later page loads behind it. */
  const change = useCallback(
    (send: () => Promise<void>, undo: () => void) => {
      changeCount.current += 1;
      setActionError(undefined);
      const sent = send().then(
        () => refreshUnread(),
        (e: unknown) => {
          undo();
          setActionError(toError(e));
          refreshUnread();
        },
      );
      changes.current.add(sent);
      void sent.finally(() => changes.current.delete(sent));
      if (firstPageLoading.current) reload();
    },
    [refreshUnread, reload],
  );

  const loadMore = useCallback(async () => {
    if (!nextCursor) return undefined;
    const mine = generation.current;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      await settledChanges();
      const changesBefore = changeCount.current;
      const page = await listNotifications(api, nextCursor);
      if (generation.current !== mine) return undefined;
      // Something new since the first page shifts the pages: skip what is already listed.
      const seen = new Set((itemsRef.current ?? []).map((i) => i.id));
      const fresh = page.items.filter((i) => !seen.has(i.id));
      setItems((current) => [...(current ?? []), ...fresh.filter((f) => !current?.some((i) => i.id === f.id))]);
      setNextCursor(page.nextCursor);
      if (changeCount.current === changesBefore) setUnread(page.unread);
      return fresh[0]?.id;
    } catch (e) {
      setMoreError(toError(e));
      return undefined;
    } finally {
      setLoadingMore(false);
    }
  }, [api, nextCursor, setUnread]);

  const patch = useCallback((id: string, edit: (item: NotificationView) => NotificationView) => {
    setItems((current) => current?.map((i) => (i.id === id ? edit(i) : i)));
  }, []);

  const markRead = useCallback(
    (item: NotificationView) => {
      if (item.readAt !== null) return;
      patch(item.id, (i) => ({ ...i, readAt: new Date().toISOString() }));
      setUnread((n) => n - 1);
      change(
        () => postRead(api, item.id),
        () => patch(item.id, (i) => ({ ...i, readAt: null })),
      );
    },
    [api, patch, setUnread, change],
  );

  const markAllRead = useCallback(() => {
    const before = itemsRef.current;
    const now = new Date().toISOString();
    setItems((current) => current?.map((i) => (i.readAt === null ? { ...i, readAt: now } : i)));
    setUnread(0);
    change(
      () => postReadAll(api),
      () => setItems(before),
    );
  }, [api, setUnread, change]);

  const surveyAnswered = useCallback(
    (item: NotificationView) => {
      patch(item.id, (i) => ({ ...i, survey: i.survey ? { ...i.survey, answered: true } : null }));
      markRead(item);
    },
    [patch, markRead],
  );

  return {
    items,
    loading,
    error,
    hasMore: nextCursor !== null,
    loadingMore,
    moreError,
    actionError,
    reload,
    loadMore,
    markRead,
    markAllRead,
    surveyAnswered,
  };
}
