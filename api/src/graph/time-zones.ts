import { findWindows } from 'windows-iana';

/**
 * The Windows time zone name Outlook stores for an IANA zone ("America/New_York" →
 * "Eastern Standard Time"). Graph accepts IANA names in some places, but a recurrence's
 * `recurrenceTimeZone` and Outlook clients are only dependable with Windows names. Zones
 * without a Windows equivalent fall back to the IANA name, which Graph also understands.
 */
export function windowsZoneOf(ianaZone: string): string {
  if (ianaZone === 'UTC' || ianaZone === 'Etc/UTC') return 'UTC';
  return findWindows(ianaZone)?.[0] ?? ianaZone;
}
