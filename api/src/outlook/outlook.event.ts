import { DateTime } from 'luxon';
import type { SeriesFrequency } from '../db/schema';
import { windowsZoneOf } from '../graph/time-zones';

/** What the Outlook event of a series is made from. */
export interface EventSource {
  seriesId: string;
  pairId: string;
  programName: string;
  timeZone: string;
  /** wall-clock `YYYY-MM-DDTHH:mm:ss` of the first occurrence (or of the single check-in) */
  startLocal: string;
  durationMinutes: number;
  frequency: SeriesFrequency;
  occurrenceCount: number | null;
  /** last date of the series, in its zone */
  untilDate: string | null;
  agenda: string | null;
  organizer: { displayName: string };
  partner: { displayName: string; email: string };
  /** Teams app id: when known the body links back to the pair's page in the tab */
  teamsAppId: string | null;
}

const GRAPH_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** `dateTimeTimeZone` for a wall-clock time, with the Windows zone name Outlook keeps. */
export function graphDateTime(local: string, ianaZone: string) {
  return { dateTime: local, timeZone: windowsZoneOf(ianaZone) };
}

export function localPlusMinutes(local: string, ianaZone: string, minutes: number): string {
  return DateTime.fromISO(local, { zone: ianaZone }).plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

export function utcToLocal(instant: string, ianaZone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(ianaZone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

/**
 * Graph's `patternedRecurrence` for a Tandem rule. Tandem's monthly rule keeps the day of the
 * month (clamped to the month's last day), which is Outlook's `absoluteMonthly`.
 */
export function graphRecurrence(source: Pick<EventSource, 'startLocal' | 'timeZone' | 'frequency' | 'occurrenceCount' | 'untilDate'>) {
  if (source.frequency === 'once') return null;
  const start = DateTime.fromISO(source.startLocal, { zone: source.timeZone });
  const pattern =
    source.frequency === 'monthly'
      ? { type: 'absoluteMonthly', interval: 1, dayOfMonth: start.day }
      : { type: 'weekly', interval: source.frequency === 'biweekly' ? 2 : 1, daysOfWeek: [GRAPH_DAYS[start.weekday - 1]], firstDayOfWeek: 'monday' };
  const range =
    source.untilDate !== null
      ? { type: 'endDate', startDate: source.startLocal.slice(0, 10), endDate: source.untilDate }
      : { type: 'numbered', startDate: source.startLocal.slice(0, 10), numberOfOccurrences: source.occurrenceCount ?? 1 };
  return { pattern, range: { ...range, recurrenceTimeZone: windowsZoneOf(source.timeZone) } };
}

/**
 * The series master as Outlook should hold it (without `transactionId`, which only a create
 * sends). Its JSON is the fingerprint that tells a later sync whether the master must change.
 */
export function buildEvent(source: EventSource): Record<string, unknown> {
  const recurrence = graphRecurrence(source);
  return {
    subject: `Mentoring check-in: ${source.organizer.displayName} & ${source.partner.displayName}`,
    body: { contentType: 'html', content: eventBody(source) },
    start: graphDateTime(source.startLocal, source.timeZone),
    end: graphDateTime(localPlusMinutes(source.startLocal, source.timeZone, source.durationMinutes), source.timeZone),
    ...(recurrence ? { recurrence } : {}),
    attendees: [{ type: 'required', emailAddress: { address: source.partner.email, name: source.partner.displayName } }],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    allowNewTimeProposals: false,
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
    showAs: 'busy',
  };
}

function eventBody(source: EventSource): string {
  const parts = [`<p>A check-in of your mentoring pair in <b>${escapeHtml(source.programName)}</b>, booked with Tandem.</p>`];
  if (source.agenda) parts.push(`<p><b>Agenda</b><br>${escapeHtml(source.agenda).replace(/\r?\n/g, '<br>')}</p>`);
  if (source.teamsAppId) {
    const context = encodeURIComponent(JSON.stringify({ subEntityId: `pairs/${source.pairId}` }));
    const link = `https://teams.microsoft.com/l/entity/${encodeURIComponent(source.teamsAppId)}/home?context=${context}`;
    parts.push(`<p><a href="${escapeHtml(link)}">Open your pair in Tandem</a> to prepare the agenda, take notes and follow up on action items.</p>`);
  } else {
    parts.push('<p>Open Tandem in Teams to prepare the agenda, take notes and follow up on action items.</p>');
  }
  parts.push('<p>Please move or cancel check-ins in Tandem, so both calendars and your pair’s history stay in step.</p>');
  return parts.join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
