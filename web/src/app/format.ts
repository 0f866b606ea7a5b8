// Date formatting in the viewer's locale. Calendar dates ("YYYY-MM-DD") are formatted in UTC so
// they never shift a day; instants are shown in the viewer's local time zone.

import { onFirstUse } from './onFirstUse';

const calendarDate = onFirstUse(() => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
const localDate = onFirstUse(() => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }));
const meetingTime = onFirstUse(
  () =>
    new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }),
);

function parseCalendarDate(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function formatCalendarDate(value: string): string {
  return calendarDate().format(parseCalendarDate(value));
}

export function formatCalendarRange(from: string, to: string): string {
  return calendarDate().formatRange(parseCalendarDate(from), parseCalendarDate(to));
}

export function formatInstantDate(iso: string): string {
  return localDate().format(new Date(iso));
}

export function formatMeeting(startIso: string, endIso: string): string {
  return meetingTime().formatRange(new Date(startIso), new Date(endIso));
}

/** Today's calendar date in the viewer's time zone, as "YYYY-MM-DD" (comparable as a string). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Orders ISO dates and instants ("YYYY-MM-DD…") by time: their code units already sort that way,
 * and unlike localeCompare this needs no collator, which is slow to set up on first use.
 */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
