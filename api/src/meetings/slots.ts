import { DateTime } from 'luxon';

/**
 * Meeting-time suggestions without anyone's Outlook calendar: times inside both members'
 * working hours, each read in that member's own zone, that clash with no Tandem check-in of
 * theirs. Pure: the caller loads hours and busy times and passes the clock's "now".
 */

/** Suggestions start on the hour or half past (UTC, which is the same for almost every zone). */
export const SLOT_GRID_MINUTES = 30;
export const MAX_SUGGESTIONS = 5;

export interface WorkingHours {
  /** IANA zone the hours are in */
  timeZone: string;
  /** `HH:mm` local */
  workdayStart: string;
  workdayEnd: string;
}

export interface Interval {
  /** UTC instants */
  start: string;
  end: string;
}

export interface SlotRequest {
  members: WorkingHours[];
  /** times at least one member is already booked */
  busy: Interval[];
  /** the window to search, UTC instants (end exclusive) */
  windowStart: string;
  windowEnd: string;
  now: string;
  durationMinutes: number;
  /** the zone whose calendar days "spread across days" refers to (the caller's) */
  dayZone: string;
  max?: number;
}

const MINUTE = 60_000;

function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Monday–Friday in the member's zone, starting and ending inside their working hours on one day. */
function withinWorkingHours(hours: { timeZone: string; start: number; end: number }, startMs: number, endMs: number): boolean {
  const start = DateTime.fromMillis(startMs, { zone: hours.timeZone });
  if (start.weekday > 5) return false;
  const end = DateTime.fromMillis(endMs, { zone: hours.timeZone });
  if (!end.hasSame(start, 'day')) return false;
  return start.hour * 60 + start.minute >= hours.start && end.hour * 60 + end.minute <= hours.end;
}

/**
 * Up to `max` slots of `durationMinutes` on the 30-minute grid, not before `now`, fitting
 * everyone's working hours and nobody's busy times. Spread out: the first free slot of each
 * day (in `dayZone`) is taken first, earliest days first; only when there are fewer days than
 * slots wanted are further slots of the same days added. Returned in time order.
 */
export function suggestSlots(request: SlotRequest): Interval[] {
  const max = request.max ?? MAX_SUGGESTIONS;
  const duration = request.durationMinutes * MINUTE;
  const grid = SLOT_GRID_MINUTES * MINUTE;
  const members = request.members.map((m) => ({ timeZone: m.timeZone, start: minutesOfDay(m.workdayStart), end: minutesOfDay(m.workdayEnd) }));
  const busy = request.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }));
  const earliest = Math.max(Date.parse(request.windowStart), Date.parse(request.now));
  const windowEnd = Date.parse(request.windowEnd);

  const candidates: { start: number; day: string }[] = [];
  for (let t = Math.ceil(earliest / grid) * grid; t + duration <= windowEnd; t += grid) {
    const end = t + duration;
    if (!members.every((m) => withinWorkingHours(m, t, end))) continue;
    if (busy.some((b) => t < b.end && end > b.start)) continue;
    candidates.push({ start: t, day: DateTime.fromMillis(t, { zone: request.dayZone }).toISODate()! });
  }

  const chosen = new Set<number>();
  const seenDays = new Set<string>();
  for (const c of candidates) {
    if (chosen.size >= max) break;
    if (seenDays.has(c.day)) continue;
    seenDays.add(c.day);
    chosen.add(c.start);
  }
  for (const c of candidates) {
    if (chosen.size >= max) break;
    chosen.add(c.start);
  }
  return [...chosen]
    .sort((a, b) => a - b)
    .map((start) => ({ start: new Date(start).toISOString(), end: new Date(start + duration).toISOString() }));
}
