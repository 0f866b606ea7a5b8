import { DateTime } from 'luxon';

/** `2026-07-01` → `1 July 2026` for messages people read: unambiguous whatever their locale. */
export function longDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLLL yyyy');
}
