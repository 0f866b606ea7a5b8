import { useCallback, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { useApiQuery, type QueryState } from '../api/useApiQuery';

export interface EditableQueryState<T> extends QueryState<T> {
  /** Replaces the data locally (an optimistic change, or the server's answer to a change) until the next load. */
  setData: (next: T | ((current: T | undefined) => T)) => void;
}

/**
 * useApiQuery whose data the view can change in place. Local changes last until the next
 * load (reload() or a new key) brings fresh data from the server.
 */
export function useEditableQuery<T>(
  key: string,
  load: (api: ApiClient, signal: AbortSignal) => Promise<T>,
  options?: { enabled?: boolean },
): EditableQueryState<T> {
  const query = useApiQuery(key, load, options);
  const [local, setLocal] = useState<{ base: T | undefined; value: T } | undefined>(undefined);
  const baseRef = useRef(query.data);
  baseRef.current = query.data;

  const setData = useCallback((next: T | ((current: T | undefined) => T)) => {
    setLocal((prev) => {
      const base = baseRef.current;
      const current = prev && prev.base === base ? prev.value : base;
      const value = typeof next === 'function' ? (next as (current: T | undefined) => T)(current) : next;
      return { base, value };
    });
  }, []);

  const data = local && local.base === query.data ? local.value : query.data;
  return { ...query, data, setData };
}
