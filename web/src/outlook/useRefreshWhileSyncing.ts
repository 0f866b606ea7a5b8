import { useEffect, useRef } from 'react';
import type { Series } from '../meetings/meetings.api';

/** How often a series still being added to Outlook is looked at again. */
const WORKING_DELAYS_MS = [4_000, 8_000, 16_000, 32_000];
/** A planned retry further ahead than this isn't waited for on the page. */
const LONGEST_WAIT_MS = 10 * 60_000;

/**
 * While a series is on its way to Outlook (pending, nothing asked of anyone), reloads the pair's
 * meetings a few times, backing off — and once just after a planned retry (throttled/unreachable) —
 * so the status catches up without a manual refresh. Waiting for a person is not polled.
 */
export function useRefreshWhileSyncing(series: Series[] | undefined, reload: () => void): void {
  const round = useRef(0);

  useEffect(() => {
    const working = (series ?? []).filter(
      (s) =>
        !s.cancelledAt &&
        s.calendar.status === 'pending' &&
        s.calendar.problem !== 'consent-required' &&
        s.calendar.problem !== 'awaiting-organizer',
    );
    if (working.length === 0) {
      round.current = 0;
      return;
    }
    const backoff = WORKING_DELAYS_MS[round.current];
    if (backoff === undefined) return; // looked often enough: the next visit shows the rest
    const now = Date.now();
    const delays = working.map((s) => {
      const planned = s.calendar.nextAttemptAt ? Date.parse(s.calendar.nextAttemptAt) - now : NaN;
      // A retry planned ahead: look just after it. Otherwise (or when it is overdue): back off.
      return Number.isFinite(planned) && planned > 0 ? planned + 3_000 : backoff;
    });
    const delay = Math.min(...delays);
    if (delay > LONGEST_WAIT_MS) return;
    const timer = window.setTimeout(() => {
      round.current += 1;
      reload();
    }, delay);
    return () => window.clearTimeout(timer);
  }, [series, reload]);
}
