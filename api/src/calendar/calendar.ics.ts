import icalGenerator, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { MeetingStatus, SeriesFrequency } from '../db/schema';
import { vtimezoneFor } from './calendar.timezones';

/** What a calendar entry may show: times and names, never agendas or notes. */
export interface CalendarSeries {
  id: string;
  pairId: string;
  timeZone: string;
  startLocal: string;
  durationMinutes: number;
  frequency: SeriesFrequency;
  icalSequence: number;
  cancelledAt: string | null;
  updatedAt: string;
  mentorName: string;
  menteeName: string;
  occurrences: CalendarOccurrence[];
}

export interface CalendarOccurrence {
  startAt: string;
  endAt: string;
  originalStartAt: string;
  status: MeetingStatus;
  updatedAt: string;
}

interface Span {
  start: DateTime;
  end: DateTime;
}

/** One series as iCalendar sees it: a master event plus one override per moved occurrence. */
interface SeriesPlan {
  cancelled: boolean;
  master: Span & { recurrence: string | null };
  overrides: (Span & { recurrenceId: DateTime })[];
}

/** Beyond this many rule instances a series is described by its occurrences alone. */
const MAX_RULE_INSTANCES = 520;

/**
 * The iCalendar form of a series, derived from its occurrence rows rather than from how
 * they were booked: the rule's instances (as a client expands them) minus the rows is the
 * EXDATE list, rows off the rule are RDATEs, and any row whose times differ from its slot
 * gets an overriding VEVENT. So edits, cancellations and reschedules always show exactly
 * what Tandem holds, whatever produced them.
 */
export function planSeries(series: CalendarSeries): SeriesPlan | null {
  const zone = series.timeZone;
  const anchor = DateTime.fromISO(series.startLocal, { zone });
  if (!anchor.isValid) return null;
  const minutes = series.durationMinutes;
  const inZone = (iso: string) => DateTime.fromISO(iso, { zone });
  const live = series.occurrences.filter((o) => o.status !== 'cancelled').sort((a, b) => a.startAt.localeCompare(b.startAt));
  const cancelled = series.cancelledAt !== null || live.length === 0;

  if (series.frequency === 'once' || live.length === 0) {
    const only = live[0];
    const master = only ? { start: inZone(only.startAt), end: inZone(only.endAt) } : { start: anchor, end: anchor.plus({ minutes }) };
    return { cancelled, master: { ...master, recurrence: null }, overrides: [] };
  }

  // Clients match EXDATE and RECURRENCE-ID to instances by wall time in the TZID, so rows are
  // matched to the rule the same way (this also sidesteps which of two 02:30s an autumn night means).
  const originals = new Set(live.map((o) => wall(inZone(o.originalStartAt))));
  const lastOriginal = [...originals].sort().at(-1)!;
  const instances: DateTime[] = [];
  for (const instance of ruleInstances(anchor, series.frequency)) {
    if (instances.length > 0 && (wall(instance) > lastOriginal || instances.length >= MAX_RULE_INSTANCES)) break;
    instances.push(instance);
  }
  const onRule = new Set(instances.map(wall));
  const exdates = instances.filter((i) => !originals.has(wall(i)));
  const rdates = live.map((o) => inZone(o.originalStartAt)).filter((original) => !onRule.has(wall(original)));
  const overrides = live
    .filter((o) => Date.parse(o.startAt) !== Date.parse(o.originalStartAt) || Date.parse(o.endAt) - Date.parse(o.startAt) !== minutes * 60_000)
    .map((o) => ({ recurrenceId: inZone(o.originalStartAt), start: inZone(o.startAt), end: inZone(o.endAt) }));

  const lines = [`RRULE:${ruleText(anchor, series.frequency)};COUNT=${instances.length}`];
  if (exdates.length > 0) lines.push(dateList('EXDATE', zone, exdates));
  if (rdates.length > 0) lines.push(dateList('RDATE', zone, rdates));
  return { cancelled, master: { start: anchor, end: anchor.plus({ minutes }), recurrence: lines.join('\n') }, overrides };
}

/**
 * The rule we write, chosen so that every client expands it the same way. "Monthly" means
 * the same day, clamped to the month's end: day 31 is exactly BYMONTHDAY=-1; days 29–30 use
 * the plain rule (which skips months without that day) and the clamped dates arrive as
 * RDATEs. BYSETPOS would say it in one rule, but ical.js (Thunderbird) expands it wrongly.
 */
function ruleText(anchor: DateTime, frequency: Exclude<SeriesFrequency, 'once'>): string {
  if (frequency === 'weekly') return 'FREQ=WEEKLY';
  if (frequency === 'biweekly') return 'FREQ=WEEKLY;INTERVAL=2';
  return anchor.day === 31 ? 'FREQ=MONTHLY;BYMONTHDAY=-1' : 'FREQ=MONTHLY';
}

/** The instances a client derives from `ruleText` (wall-clock times in the series zone). */
function* ruleInstances(anchor: DateTime, frequency: Exclude<SeriesFrequency, 'once'>): Generator<DateTime> {
  for (let i = 0; ; i++) {
    if (frequency === 'weekly') yield anchor.plus({ weeks: i });
    else if (frequency === 'biweekly') yield anchor.plus({ weeks: 2 * i });
    // Luxon clamps to the month's end, which for day 31 is exactly "the last day".
    else if (anchor.day === 31) yield anchor.plus({ months: i });
    else {
      const month = anchor.startOf('month').plus({ months: i });
      if (month.daysInMonth! >= anchor.day) yield anchor.plus({ months: i });
    }
  }
}

/** Wall-clock time in the DateTime's zone; sorts chronologically within one zone. */
function wall(at: DateTime): string {
  return at.toFormat("yyyy-LL-dd'T'HH:mm:ss");
}

/** Written like ical-generator writes DTSTART: UTC as `…Z` (it never uses TZID=UTC), other zones as TZID wall times. */
function dateList(property: 'EXDATE' | 'RDATE', zone: string, dates: DateTime[]): string {
  if (zone === 'UTC') return `${property}:${dates.map((d) => d.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")).join(',')}`;
  return `${property};TZID=${zone}:${dates.map((d) => d.toFormat("yyyyLLdd'T'HHmmss")).join(',')}`;
}

export interface RenderOptions {
  /** the calendar's display name */
  name: string;
  /** `https://host`, for links back to the pair page */
  origin: string;
  /** feeds leave cancelled series out; a single download shows them as cancelled */
  includeCancelled: boolean;
}

/** An iCalendar document for the given series; VTIMEZONEs cover every TZID used. */
export function renderCalendar(seriesList: CalendarSeries[], options: RenderOptions): string {
  const planned = seriesList
    .map((series) => ({ series, plan: planSeries(series) }))
    .filter((p): p is { series: CalendarSeries; plan: SeriesPlan } => p.plan !== null && (options.includeCancelled || !p.plan.cancelled));

  // Each zone's definition must be right at every instant written in it.
  const instantsByZone = new Map<string, number[]>();
  for (const { series, plan } of planned) {
    const instants = instantsByZone.get(series.timeZone) ?? [];
    const spans = [plan.master, ...plan.overrides];
    for (const span of spans) instants.push(span.start.toMillis(), span.end.toMillis());
    for (const o of plan.overrides) instants.push(o.recurrenceId.toMillis());
    for (const o of series.occurrences) instants.push(Date.parse(o.startAt), Date.parse(o.endAt), Date.parse(o.originalStartAt));
    instantsByZone.set(series.timeZone, instants);
  }

  const calendar = icalGenerator({
    prodId: { company: 'Tandem', product: 'Mentoring check-ins', language: 'EN' },
    name: options.name,
    ttl: 60 * 60,
    timezone: { name: null, generator: (zone) => vtimezoneFor(zone, instantsByZone.get(zone) ?? []) },
  });
  for (const { series, plan } of planned) {
    const link = `${options.origin}/tab/pairs/${series.pairId}`;
    const common = {
      id: `${series.id}@tandem`,
      sequence: series.icalSequence,
      // The latest change to the series or any occurrence: stable between fetches, so
      // unchanged feeds keep their ETag.
      stamp: DateTime.fromISO(latest([series.updatedAt, ...series.occurrences.map((o) => o.updatedAt)]), { zone: 'utc' }),
      timezone: series.timeZone,
      summary: `Mentoring check-in: ${series.mentorName} & ${series.menteeName}`,
      description: `Open the pair in Tandem: ${link}`,
      url: link,
      status: plan.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    };
    calendar.createEvent({ ...common, start: plan.master.start, end: plan.master.end, repeating: plan.master.recurrence });
    for (const o of plan.overrides) calendar.createEvent({ ...common, start: o.start, end: o.end, recurrenceId: o.recurrenceId });
  }
  // RFC 5545 ends every content line with CRLF, the last one included.
  return `${calendar.toString()}\r\n`;
}

function latest(isoInstants: string[]): string {
  return isoInstants.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
