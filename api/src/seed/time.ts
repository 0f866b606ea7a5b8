import { DateTime } from 'luxon';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, the stored form of an instant */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `YYYY-MM-DD` of the UTC day containing `ms` */
export function isoDay(ms: number): string {
  return iso(ms).slice(0, 10);
}

export function clamp(ms: number, min: number, max: number): number {
  return Math.min(Math.max(ms, min), max);
}

/** Minutes east of UTC for a zone at a given instant (DST-aware). */
export function utcOffsetMinutes(zone: string, atMs: number): number {
  return DateTime.fromMillis(atMs, { zone }).offset;
}

/**
 * Moves an instant to a plausible working moment (09:00–18:00, Mon–Fri) on or after the
 * same local day in `zone`, so activity charts by hour or weekday look like real office
 * life rather than uniform noise. Callers clamp the result to their own bounds.
 */
export function duringWorkday(ms: number, zone: string, minuteOfDay: number): number {
  let local = DateTime.fromMillis(ms, { zone }).startOf('day');
  while (local.weekday > 5) local = local.plus({ days: 1 });
  return local.plus({ minutes: minuteOfDay }).toMillis();
}

/** "HH:mm" → minutes after midnight */
export function minutesOfClock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
