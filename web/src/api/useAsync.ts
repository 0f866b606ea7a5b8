import { useCallback, useEffect, useRef, useState } from 'react';
import type { EarlyAnswer, Prefetch } from './prefetch';

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` and tracks its result. `key` identifies the request: a new key (or `reload()`)
 * loads again and aborts the request in flight. With `enabled: false` nothing runs and the
 * state is idle (not loading). With `prefetch`, an answer already asked for under `key` stands in
 * for the first load (shown in the first render when it is already in).
 */
export function useAsync<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  { enabled = true, prefetch }: { enabled?: boolean; prefetch?: Prefetch | undefined } = {},
): QueryState<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [attempt, setAttempt] = useState(0);
  // Only looked at here; taken (so no later component reuses it) once this one commits.
  const [peeked] = useState(() => {
    const answer = enabled ? prefetch?.peek<T>(key) : undefined;
    return answer && { answer, shown: answer.data !== undefined };
  });
  const [state, setState] = useState<Omit<QueryState<T>, 'reload'>>(() =>
    peeked?.shown ? { data: peeked.answer.data, error: undefined, loading: false } : { data: undefined, error: undefined, loading: enabled },
  );
  // The early answer for the first load of the first key; null once any other load has run.
  const early = useRef<{ key: string; answer: EarlyAnswer<T> | undefined } | null | undefined>(undefined);

  useEffect(() => {
    if (!enabled) {
      setState((s) => (s.loading ? { ...s, loading: false } : s));
      return;
    }
    if (early.current === undefined) early.current = { key, answer: prefetch?.take<T>(key) };
    const answer = early.current && early.current.key === key && attempt === 0 ? early.current.answer : undefined;
    if (!answer) early.current = null;
    else if (peeked?.shown && answer === peeked.answer) return;

    const controller = new AbortController();
    // Unchanged state when already loading (a first load): no render of everything below for nothing.
    setState((s) => (s.loading ? s : { data: s.data, error: undefined, loading: true }));
    const loading = answer ? answer.promise.catch(() => loadRef.current(controller.signal)) : loadRef.current(controller.signal);
    loading.then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: undefined, error: error instanceof Error ? error : new Error(String(error)), loading: false });
      },
    );
    return () => controller.abort();
    // prefetch and peeked only matter for the first run, and they are fixed for it.
  }, [key, attempt, enabled]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
