import { useEffect, useState } from 'react';
import { onFirstUse } from './onFirstUse';

const relative = onFirstUse(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' }));
const absolute = onFirstUse(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
const shortDate = onFirstUse(() => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "2 hr ago", "yesterday", "3 days ago"; older than a week: the date. */
export function relativeTime(iso: string, now: number): string {
  const at = new Date(iso).getTime();
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return relative().format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return relative().format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return relative().format(-Math.floor(ago / DAY), 'day');
  return shortDate().format(at);
}

/** The full local date and time, for the hover title and screen readers. */
export function absoluteTime(iso: string): string {
  return absolute().format(new Date(iso));
}

/** The current time, refreshed every minute so "5 min ago" keeps counting while it is on screen. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), MINUTE);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}
