// Date formatting in the viewer's locale. Calendar dates ("YYYY-MM-DD") are formatted in UTC so
// they never shift a day; instants are shown in the viewer's local time zone.

const calendarDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const localDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const meetingTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

function parseCalendarDate(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function formatCalendarDate(value: string): string {
  return calendarDate.format(parseCalendarDate(value));
}

export function formatCalendarRange(from: string, to: string): string {
  return calendarDate.formatRange(parseCalendarDate(from), parseCalendarDate(to));
}

export function formatInstantDate(iso: string): string {
  return localDate.format(new Date(iso));
}

export function formatMeeting(startIso: string, endIso: string): string {
  return meetingTime.formatRange(new Date(startIso), new Date(endIso));
}

/** Today's calendar date in the viewer's time zone, as "YYYY-MM-DD" (comparable as a string). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
