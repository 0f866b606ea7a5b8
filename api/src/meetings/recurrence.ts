import { DateTime } from 'luxon';
import type { SeriesFrequency } from '../db/schema';

/**
 * Occurrences of a check-in series, computed with Luxon in the series' own zone so a weekly
 * 10:00 Europe/Berlin check-in stays at 10:00 local across DST changes. Nothing here reads
 * the process time zone (`TZ`): the results are the same on any server. Pure: no I/O, no clock.
 */

/** The most occurrences one series may have (a year of weekly check-ins). */
export const MAX_OCCURRENCES = 52;
/** A recurring series sent with neither `count` nor `until`. */
export const DEFAULT_OCCURRENCES = 12;

const WALL_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface SeriesRule {
  /** wall-clock `YYYY-MM-DDTHH:mm:ss` in `timeZone` */
  startLocal: string;
  timeZone: string;
  durationMinutes: number;
  frequency: SeriesFrequency;
  count?: number | null;
  /** `YYYY-MM-DD`, inclusive, in the series zone */
  until?: string | null;
}

export interface Occurrence {
  /** position in the rule, 0-based */
  position: number;
  /** UTC instants `YYYY-MM-DDTHH:mm:ss.sssZ` */
  start: string;
  end: string;
}

/** `YYYY-MM-DDTHH:mm[:ss]` → `YYYY-MM-DDTHH:mm:ss`, or undefined when it is no real date-time. */
export function normalizeLocalDateTime(value: string): string | undefined {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return undefined;
  const wall = DateTime.fromISO(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}`, { zone: 'UTC' });
  return wall.isValid ? wall.toFormat(WALL_FORMAT) : undefined;
}

export function isKnownTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * The instant a local wall time names in a zone. A time skipped by a DST change (02:30 on a
 * spring-forward night) gives `exists: false` and the instant RFC 5545 assigns it (the offset
 * before the gap, i.e. 03:30 local); a time that happens twice (autumn) is the first of the two,
 * as RFC 5545 says, so the database agrees with calendar clients expanding our ICS.
 */
export function resolveLocal(startLocal: string, zone: string): { instant: DateTime; exists: boolean } {
  const wall = DateTime.fromISO(startLocal, { zone: 'UTC' });
  const naive = wall.toMillis();
  // The instant lies within 15 h of the wall time read as UTC (offsets span −12…+14 h), and such
  // a window holds at most one offset change: its two ends and middle give every candidate offset.
  const offsets = new Set([-15, 0, 15].map((hours) => DateTime.fromMillis(naive + hours * 3_600_000, { zone }).offset));
  const matches = [...offsets]
    .map((offset) => DateTime.fromMillis(naive - offset * 60_000, { zone }))
    .filter((candidate) => candidate.toFormat(WALL_FORMAT) === wall.toFormat(WALL_FORMAT))
    .sort((a, b) => a.toMillis() - b.toMillis());
  const first = matches[0];
  if (first) return { instant: first, exists: true };
  // Luxon moves a nonexistent wall time forward by the gap, which is RFC 5545's reading too.
  return { instant: DateTime.fromISO(startLocal, { zone }), exists: false };
}

/** The local wall time (in the zone) of a UTC instant, `YYYY-MM-DDTHH:mm:ss`. */
export function toLocal(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'UTC' }).setZone(zone).toFormat(WALL_FORMAT);
}

export function toUtcIso(instant: DateTime): string {
  const iso = instant.toUTC().toISO();
  if (!iso) throw new Error(`Invalid instant: ${instant.invalidReason ?? 'unknown'}`);
  return iso;
}

/** Wall-clock arithmetic in whole calendar units; a missing day of month clamps to the month's last. */
function nthWall(startLocal: string, frequency: SeriesFrequency, n: number): DateTime {
  const wall = DateTime.fromISO(startLocal, { zone: 'UTC' });
  switch (frequency) {
    case 'once':
      return wall;
    case 'weekly':
      return wall.plus({ weeks: n });
    case 'biweekly':
      return wall.plus({ weeks: 2 * n });
    case 'monthly':
      // Always from the first date, never from the previous occurrence: 31 Jan → 28 Feb → 31 Mar.
      return wall.plus({ months: n });
  }
}

/**
 * Every occurrence of the rule, in order. `once` is one occurrence; otherwise `count` of them,
 * or every one up to and including the local date `until`, or DEFAULT_OCCURRENCES; never more
 * than MAX_OCCURRENCES.
 */
export function computeOccurrences(rule: SeriesRule): Occurrence[] {
  const limit = rule.frequency === 'once' ? 1 : Math.min(rule.count ?? (rule.until ? MAX_OCCURRENCES : DEFAULT_OCCURRENCES), MAX_OCCURRENCES);
  const occurrences: Occurrence[] = [];
  for (let n = 0; n < limit; n++) {
    const wall = nthWall(rule.startLocal, rule.frequency, n);
    if (rule.until && rule.frequency !== 'once' && wall.toISODate()! > rule.until) break;
    const { instant } = resolveLocal(wall.toFormat(WALL_FORMAT), rule.timeZone);
    occurrences.push({ position: n, start: toUtcIso(instant), end: toUtcIso(instant.plus({ minutes: rule.durationMinutes })) });
  }
  return occurrences;
}
