import { todayIso } from '../app/format';

// Time helpers for check-ins. Instants from the API are shown in the viewer's zone (the browser's),
// or in another zone when asked (a partner's). Requests carry wall-clock local date-times
// ("YYYY-MM-DDTHH:mm:ss") plus the viewer's IANA zone; the server does the zone arithmetic.

/** The viewer's IANA time zone, e.g. "Europe/Berlin". */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Calendar date and 24-hour time of an instant in `timeZone`: { date: "YYYY-MM-DD", time: "HH:mm" }. */
export function wallClock(iso: string | Date, timeZone = viewerTimeZone()): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof iso === 'string' ? new Date(iso) : iso);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** "YYYY-MM-DD" + "HH:mm" → "YYYY-MM-DDTHH:mm:00" (no zone, no "Z"). */
export function localDateTime(date: string, time: string): string {
  return `${date}T${time.slice(0, 5)}:00`;
}

/** The same instant as a local date-time in the viewer's zone, for a booking request. */
export function toLocalStart(iso: string, timeZone = viewerTimeZone()): string {
  const { date, time } = wallClock(iso, timeZone);
  return localDateTime(date, time);
}

/** "YYYY-MM-DD" plus `days` (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

export { todayIso };

const dayFormat = (timeZone?: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', ...(timeZone ? { timeZone } : {}) });
const longDayFormat = (timeZone?: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...(timeZone ? { timeZone } : {}) });
const timeFormat = (timeZone?: string) =>
  new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });
const timeWithZone = (timeZone?: string) =>
  new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', ...(timeZone ? { timeZone } : {}) });

/** "Tue, 3 Dec" */
export function formatDay(iso: string, timeZone?: string): string {
  return dayFormat(timeZone).format(new Date(iso));
}

/** "Tuesday, 3 December 2026" */
export function formatLongDay(iso: string, timeZone?: string): string {
  return longDayFormat(timeZone).format(new Date(iso));
}

/** "10:00" */
export function formatTime(iso: string, timeZone?: string): string {
  return timeFormat(timeZone).format(new Date(iso));
}

/** "10:00 – 10:45 CET" */
export function formatTimeRange(startIso: string, endIso: string, timeZone?: string): string {
  return timeWithZone(timeZone).formatRange(new Date(startIso), new Date(endIso));
}

/** "Tue, 3 Dec, 10:00 – 10:45 CET" */
export function formatWhen(startIso: string, endIso: string, timeZone?: string): string {
  return `${formatDay(startIso, timeZone)}, ${formatTimeRange(startIso, endIso, timeZone)}`;
}

/** A zone's everyday name, e.g. "Central European Time", falling back to the IANA id. */
export function zoneName(timeZone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** "Central European Time (Europe/Berlin)" */
export function zoneLabel(timeZone: string): string {
  const name = zoneName(timeZone);
  return name === timeZone ? timeZone : `${name} (${timeZone})`;
}

/** Whether two zones show different clock times at this instant. */
export function zonesDiffer(a: string, b: string, at: string | Date = new Date()): boolean {
  if (a === b) return false;
  const x = wallClock(at, a);
  const y = wallClock(at, b);
  return x.date !== y.date || x.time !== y.time;
}

/** "30 minutes", "1 hour", "1 hour 30 minutes" */
export function durationLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 0 ? '' : h === 1 ? '1 hour' : `${h} hours`;
  const mins = m === 0 ? '' : `${m} minutes`;
  return [hours, mins].filter(Boolean).join(' ') || '0 minutes';
}

export function minutesBetween(startIso: string, endIso: string): number {
  return Math.round((new Date(endIso).getTime() - new Date(startIso).getTime()) / 60_000);
}
