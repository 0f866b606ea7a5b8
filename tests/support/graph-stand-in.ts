import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import { GRAPH_RESOURCE, PUBLIC_AUTHORITY, type EntraStandIn } from './entra-stand-in';
import { graphCsdl } from './graph-csdl';

/**
 * A local stand-in for the slice of Microsoft Graph v1.0 Tandem uses (a user's own calendar, and
 * the Teams meetings behind its online events with their attendance reports),
 * speaking Graph's wire format: bearer tokens from the Entra stand-in, OData error bodies, event
 * JSON, paging with @odata.nextLink, Prefer: outlook.timezone. Every request body is checked
 * against Graph's published CSDL, and what the organiser's Outlook would hold can be inspected.
 */
export interface GraphStandIn {
  /** http://127.0.0.1:<port>/v1.0 */
  baseUrl: string;
  /** latency added to every answer (ms) */
  delayMs: number;
  /** every request, in arrival order; `status` is 0 while unanswered (and stays 0 for hung ones) */
  requests: GraphRequestRecord[];
  /** request-body problems (CSDL or Graph's own rules); each one was also answered 400 */
  contractViolations: string[];
  /**
   * The next `times` requests matching `match` get `fault` instead of their normal answer.
   * `process: true` first lets the request take effect (the event is created, then the answer is
   * lost or replaced), which is how a client learns to need transactionId.
   */
  fail(match: FaultMatch, fault: GraphFault, times?: number): void;
  /** free/busy items for `email` that getSchedule reports (replaces earlier ones for that email) */
  setBusy(email: string, items: Array<{ start: string; end: string; status?: FreeBusyStatus; subject?: string }>): void;
  setWorkingHours(email: string, hours: WorkingHours): void;
  /** the events (singleInstance and series masters) stored in the mailbox of `mailboxEmail` */
  events(mailboxEmail: string): StoredEventView[];
  /** the live occurrences of an event overlapping [fromIso, toIso), UTC, in start order ([] when it is gone) */
  occurrences(mailboxEmail: string, eventId: string, fromIso: string, toIso: string): OccurrenceView[];
  /** the most requests that were in flight at once for that mailbox */
  maxInFlight(mailboxEmail: string): number;
  /**
   * Teams publishes an attendance report for a session of the online meeting behind `joinUrl`
   * (an event's onlineMeeting.joinUrl) organised by `organiserEmail`; returns the report's id.
   * Entries for the same email become one attendance record with several intervals, as Teams
   * reports someone who left and rejoined. Throws when the stand-in holds no such meeting.
   */
  addAttendanceReport(organiserEmail: string, joinUrl: string, report: AttendanceReportInput): string;
  close(): Promise<void>;
}

/** Attendance roles as Teams reports them; invitees inside the organisation are Presenters by default. */
export type AttendanceRole = 'Organizer' | 'Presenter' | 'Attendee' | 'None';
export interface AttendanceReportInput {
  /** ISO instants of the session */
  meetingStart: string;
  meetingEnd: string;
  attendees: Array<{
    email: string;
    /** default: the mailbox's name when that person has called the stand-in, else the email */
    displayName?: string;
    /** ISO instants of one stay in the meeting */
    joined: string;
    left: string;
    /** Entra object id reported as identity.id (default: the mailbox's oid, else one derived from the email) */
    oid?: string;
    /** default: Organizer for the organiser, Presenter for everyone else */
    role?: AttendanceRole;
  }>;
}

export interface GraphRequestRecord {
  method: string;
  /** path without /v1.0, e.g. /me/events/AAMk.../instances */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  mailbox?: string;
  status: number;
}

export type FreeBusyStatus = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
export interface FaultMatch {
  method?: string;
  path?: RegExp;
}
export type GraphFault =
  | { status: number; retryAfterSeconds?: number; code?: string; message?: string; process?: boolean }
  | { hang: true; process?: boolean };
export interface WorkingHours {
  daysOfWeek: string[];
  startTime: string;
  endTime: string;
  timeZone: { name: string };
}

export interface StoredEventView {
  id: string;
  type: 'singleInstance' | 'seriesMaster';
  subject?: string;
  transactionId?: string;
  /** UTC ISO instants of the event (the series' first occurrence for a master) */
  startUtc: string;
  endUtc: string;
  recurrence: Record<string, unknown> | null;
  attendees: Array<{ emailAddress: { address: string; name?: string }; type?: string }>;
  isOnlineMeeting: boolean;
  joinUrl?: string;
  /** moved or edited occurrences */
  exceptions: Array<{ id: string; originalStart: string; start: string; end: string; subject?: string }>;
  /** originalStart (UTC ISO) of each cancelled occurrence */
  cancelledOccurrences: string[];
  /** the event as GET /me/events/{id} answers it (times in UTC) */
  graph: Record<string, unknown>;
}

export interface OccurrenceView {
  id: string;
  type: 'occurrence' | 'exception' | 'singleInstance';
  originalStart: string;
  start: string;
  end: string;
  subject?: string;
}

interface Mailbox {
  oid: string;
  email: string;
  name: string;
  events: Map<string, StoredEvent>;
  transactions: Map<string, string>;
  inFlight: number;
  maxInFlight: number;
}
interface Exception {
  id: string;
  start: DateTime;
  end: DateTime;
  startZoneName: string;
  endZoneName: string;
  overrides: Record<string, unknown>;
}
interface StoredEvent {
  id: string;
  iCalUId: string;
  changeKey: string;
  created: string;
  modified: string;
  mailbox: Mailbox;
  /** the writable Graph properties as the client last set them */
  props: Record<string, unknown>;
  joinUrl?: string;
  /** keyed by originalStart (UTC ISO) */
  exceptions: Map<string, Exception>;
  cancelled: Set<string>;
}
interface OnlineMeeting {
  id: string;
  joinWebUrl: string;
  organiser: Mailbox;
  created: string;
  threadId: string;
  joinMeetingId: string;
  subject: string;
  start: DateTime;
  end: DateTime;
  attendeeEmails: string[];
  reports: AttendanceReport[];
}
interface AttendanceReport {
  id: string;
  start: DateTime;
  end: DateTime;
  records: Array<{ id: string; email: string; displayName: string; oid: string; role: AttendanceRole; intervals: Array<{ join: DateTime; leave: DateTime }> }>;
}
interface Occurrence {
  id: string;
  type: 'occurrence' | 'exception';
  originalStart: string;
  start: DateTime;
  end: DateTime;
  exception?: Exception;
}
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Ctx {
  mailbox: Mailbox;
  record: GraphRequestRecord;
  query: URLSearchParams;
  body: unknown;
  preferZone?: { name: string; iana: string };
  scopes: Set<string>;
}
interface DateTimeTimeZone {
  dateTime: string;
  timeZone?: string;
}

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const PAGE_SIZE = 10;
/** expanding a series never goes beyond this many occurrences (noEnd series are cut by the window) */
const EXPANSION_CAP = 5000;
const DAY_INDEX: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const AVAILABILITY_CODE: Record<string, number> = { free: 0, workingElsewhere: 0, unknown: 0, tentative: 1, busy: 2, oof: 3 };
const DEFAULT_FAULT_CODES: Record<number, [string, string]> = {
  400: ['BadRequest', 'The request is malformed or incorrect.'],
  401: ['InvalidAuthenticationToken', 'Access token validation failure.'],
  403: ['ErrorAccessDenied', 'Access is denied. Check credentials and try again.'],
  404: ['ErrorItemNotFound', 'The specified object was not found in the store.'],
  409: ['ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.'],
  429: ['TooManyRequests', 'Application is over its MailboxConcurrency limit.'],
  500: ['InternalServerError', 'An internal server error occurred. The operation failed.'],
  502: ['BadGateway', 'The server received an invalid response from an upstream server.'],
  503: ['ServiceUnavailable', 'The service is currently unavailable. Please retry later.'],
  504: ['GatewayTimeout', 'The gateway did not receive a timely response from the upstream server.'],
};
/** properties Graph computes: a client may send them back, but they do not change the event */
const COMPUTED = new Set(['id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'iCalUId', 'type', 'seriesMasterId', 'webLink', 'onlineMeeting', 'onlineMeetingUrl', 'organizer', 'isOrganizer', 'responseStatus', 'bodyPreview', 'hasAttachments', 'originalStart', 'originalStartTimeZone', 'originalEndTimeZone', 'isCancelled', 'cancelledOccurrences', 'occurrenceId']);

/** Windows zone names (what Outlook stores) and IANA names (which Graph also accepts). */
export function resolveZone(name: string | undefined): string | undefined {
  if (!name) return undefined;
  if (/^(utc|etc\/utc|gmt|z)$/i.test(name)) return 'UTC';
  if (IANAZone.isValidZone(name)) return name;
  const iana = findIana(name)[0];
  return iana && IANAZone.isValidZone(iana) ? iana : undefined;
}

/** Graph's dateTime rendering: local wall time with seven fractional digits, no offset. */
function graphDateTime(dt: DateTime): string {
  return `${dt.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000`;
}
const utcIso = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: false })!;
/** originalStart as Graph renders it */
const utcZ = (dt: DateTime) => dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

export async function startGraphStandIn(options: { entra: EntraStandIn }): Promise<GraphStandIn> {
  const { entra } = options;
  const csdl = graphCsdl();
  const mailboxesByOid = new Map<string, Mailbox>();
  const occurrenceIndex = new Map<string, { masterId: string; originalStart: string }>();
  const busy = new Map<string, Array<{ start: DateTime; end: DateTime; status: FreeBusyStatus; subject?: string }>>();
  const workingHours = new Map<string, WorkingHours>();
  const faults: Array<{ match: FaultMatch; fault: GraphFault; remaining: number }> = [];
  const onlineMeetingsById = new Map<string, OnlineMeeting>();
  const onlineMeetingsByUrl = new Map<string, OnlineMeeting>();
  const requests: GraphRequestRecord[] = [];
  const contractViolations: string[] = [];
  const state = { delayMs: 0 };
  let baseUrl = '';

  const mailboxByEmail = (email: string) => [...mailboxesByOid.values()].find((m) => m.email === email.toLowerCase());

  // ---------- time ----------

  function zonedStart(value: DateTimeTimeZone): { dt: DateTime; name: string } | undefined {
    const zone = resolveZone(value.timeZone ?? 'UTC');
    if (!zone) return undefined;
    const dt = DateTime.fromISO(value.dateTime, { zone });
    return dt.isValid ? { dt, name: value.timeZone ?? 'UTC' } : undefined;
  }
  const eventStart = (ev: StoredEvent) => zonedStart(ev.props.start as DateTimeTimeZone)!;
  const eventEnd = (ev: StoredEvent) => zonedStart(ev.props.end as DateTimeTimeZone)!;
  const dtz = (dt: DateTime, zone?: { name: string; iana: string }, fallbackName?: string) =>
    zone ? { dateTime: graphDateTime(dt.setZone(zone.iana)), timeZone: zone.name } : { dateTime: graphDateTime(dt), timeZone: fallbackName ?? 'UTC' };

  // ---------- recurrence ----------

  /** Calendar dates the pattern yields from the range's start date on, in order (no range end applied). */
  function* patternDates(pattern: Record<string, unknown>, from: DateTime): Generator<DateTime> {
    const interval = Math.max(1, Number(pattern.interval ?? 1));
    const days = new Set(((pattern.daysOfWeek as string[] | undefined) ?? []).map((d) => DAY_INDEX[d.toLowerCase()]!));
    const dayIdx = (d: DateTime) => d.weekday % 7;
    const pickRelative = (month: DateTime): DateTime | undefined => {
      const candidates: DateTime[] = [];
      for (let d = month.startOf('month'); d.month === month.month; d = d.plus({ days: 1 })) if (days.has(dayIdx(d))) candidates.push(d);
      const index = String(pattern.index ?? 'first').toLowerCase();
      return index === 'last' ? candidates.at(-1) : candidates[['first', 'second', 'third', 'fourth'].indexOf(index)];
    };
    const type = String(pattern.type);
    for (let k = 0; k < EXPANSION_CAP; k += 1) {
      if (type === 'daily') {
        yield from.plus({ days: k * interval });
      } else if (type === 'weekly') {
        const firstDay = DAY_INDEX[String(pattern.firstDayOfWeek ?? 'sunday').toLowerCase()] ?? 0;
        const week = from.minus({ days: (dayIdx(from) - firstDay + 7) % 7 }).plus({ weeks: k * interval });
        for (let i = 0; i < 7; i += 1) {
          const d = week.plus({ days: i });
          if (d >= from && days.has(dayIdx(d))) yield d;
        }
      } else if (type === 'absoluteMonthly' || type === 'relativeMonthly') {
        const month = from.startOf('month').plus({ months: k * interval });
        // A dayOfMonth the month does not have falls on its last day, as Outlook does.
        const d = type === 'absoluteMonthly' ? month.set({ day: Math.min(Number(pattern.dayOfMonth), month.daysInMonth!) }) : pickRelative(month);
        if (d && d >= from) yield d;
      } else if (type === 'absoluteYearly' || type === 'relativeYearly') {
        const month = DateTime.fromObject({ year: from.year + k * interval, month: Number(pattern.month), day: 1 }, { zone: 'UTC' });
        const d = type === 'absoluteYearly' ? month.set({ day: Math.min(Number(pattern.dayOfMonth), month.daysInMonth!) }) : pickRelative(month);
        if (d && d >= from) yield d;
      } else {
        return;
      }
    }
  }

  /** The series' occurrences (before exceptions/cancellations) whose pattern start is before `until`. */
  function expandSeries(ev: StoredEvent, until: DateTime): Array<{ originalStart: DateTime; start: DateTime; end: DateTime }> {
    const start = eventStart(ev).dt;
    const durationMs = eventEnd(ev).dt.toMillis() - start.toMillis();
    const recurrence = ev.props.recurrence as { pattern: Record<string, unknown>; range: Record<string, unknown> };
    const range = recurrence.range;
    const recurrenceZone = resolveZone(range.recurrenceTimeZone as string | undefined) ?? start.zoneName!;
    const from = DateTime.fromISO(String(range.startDate ?? start.toISODate()), { zone: 'UTC' });
    const endDate = range.type === 'endDate' ? String(range.endDate) : undefined;
    const count = range.type === 'numbered' ? Number(range.numberOfOccurrences) : Infinity;
    const out: Array<{ originalStart: DateTime; start: DateTime; end: DateTime }> = [];
    for (const date of patternDates(recurrence.pattern, from)) {
      if (out.length >= count || out.length >= EXPANSION_CAP) break;
      // Wall-clock time in the event's zone, so occurrences keep 10:00 across DST changes.
      const occStart = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: start.hour, minute: start.minute, second: start.second }, { zone: start.zone });
      if (endDate && occStart.setZone(recurrenceZone).toISODate()! > endDate) break;
      if (occStart >= until) break;
      out.push({ originalStart: occStart, start: occStart, end: occStart.plus({ milliseconds: durationMs }) });
    }
    return out;
  }

  function occurrenceId(masterId: string, originalStart: string): string {
    const id = `AAMkAGI2${createHash('sha256').update(`${masterId}|${originalStart}`).digest('base64url').slice(0, 40)}AAA=`;
    occurrenceIndex.set(id, { masterId, originalStart });
    return id;
  }

  /** Live occurrences (exceptions applied, cancellations removed) overlapping [from, to). */
  function liveOccurrences(ev: StoredEvent, from: DateTime, to: DateTime): Occurrence[] {
    // An exception moved into the window may come from an occurrence that started after it.
    let until = to;
    for (const key of ev.exceptions.keys()) {
      const original = DateTime.fromISO(key, { zone: 'UTC' }).plus({ milliseconds: 1 });
      if (original > until) until = original;
    }
    const out: Occurrence[] = [];
    for (const occ of expandSeries(ev, until)) {
      const key = utcIso(occ.originalStart);
      if (ev.cancelled.has(key)) continue;
      const exception = ev.exceptions.get(key);
      const start = exception?.start ?? occ.start;
      const end = exception?.end ?? occ.end;
      if (!(start < to && end > from)) continue;
      out.push({ id: occurrenceId(ev.id, key), type: exception ? 'exception' : 'occurrence', originalStart: key, start, end, exception });
    }
    return out.sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.originalStart.localeCompare(b.originalStart));
  }

  function findOccurrence(mailbox: Mailbox, id: string): { master: StoredEvent; originalStart: string } | undefined {
    const ref = occurrenceIndex.get(id);
    const master = ref && mailbox.events.get(ref.masterId);
    if (!ref || !master || !master.props.recurrence || master.cancelled.has(ref.originalStart)) return undefined;
    const original = DateTime.fromISO(ref.originalStart, { zone: 'UTC' });
    // Still part of the series (a later PATCH may have moved or shortened it)?
    const exists = expandSeries(master, original.plus({ milliseconds: 1 })).some((o) => utcIso(o.originalStart) === ref.originalStart);
    return exists ? { master, originalStart: ref.originalStart } : undefined;
  }

  // ---------- rendering ----------

  function renderEvent(ev: StoredEvent, zone?: { name: string; iana: string }): Record<string, unknown> {
    const p = ev.props;
    const start = eventStart(ev);
    const end = eventEnd(ev);
    const content = String((p.body as { content?: string } | undefined)?.content ?? '');
    return {
      '@odata.etag': `W/"${ev.changeKey}"`,
      id: ev.id,
      createdDateTime: ev.created,
      lastModifiedDateTime: ev.modified,
      changeKey: ev.changeKey,
      categories: p.categories ?? [],
      transactionId: p.transactionId ?? null,
      originalStartTimeZone: start.name,
      originalEndTimeZone: end.name,
      iCalUId: ev.iCalUId,
      reminderMinutesBeforeStart: p.reminderMinutesBeforeStart ?? 15,
      isReminderOn: p.isReminderOn ?? true,
      hasAttachments: false,
      subject: p.subject ?? '',
      bodyPreview: content.replace(/<[^>]*>/g, '').trim().slice(0, 255),
      importance: p.importance ?? 'normal',
      sensitivity: p.sensitivity ?? 'normal',
      isAllDay: p.isAllDay ?? false,
      isCancelled: false,
      isOrganizer: true,
      responseRequested: p.responseRequested ?? true,
      seriesMasterId: null,
      showAs: p.showAs ?? 'busy',
      type: p.recurrence ? 'seriesMaster' : 'singleInstance',
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(ev.id)}&exvsurl=1&path=/calendar/item`,
      onlineMeetingUrl: null,
      isOnlineMeeting: p.isOnlineMeeting ?? false,
      onlineMeetingProvider: p.isOnlineMeeting ? (p.onlineMeetingProvider ?? 'teamsForBusiness') : 'unknown',
      allowNewTimeProposals: p.allowNewTimeProposals ?? true,
      isDraft: false,
      hideAttendees: p.hideAttendees ?? false,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      body: { contentType: (p.body as { contentType?: string } | undefined)?.contentType ?? 'html', content },
      start: dtz(start.dt, zone, start.name),
      end: dtz(end.dt, zone, end.name),
      location: p.location ?? { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} },
      locations: p.locations ?? [],
      recurrence: p.recurrence ? withRecurrenceZone(p.recurrence as Record<string, unknown>, start.name) : null,
      attendees: ((p.attendees as Array<Record<string, unknown>> | undefined) ?? []).map((a) => ({
        type: 'required',
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        ...a,
      })),
      organizer: { emailAddress: { name: ev.mailbox.name, address: ev.mailbox.email } },
      onlineMeeting: ev.joinUrl ? { joinUrl: ev.joinUrl } : null,
    };
  }

  function withRecurrenceZone(recurrence: Record<string, unknown>, zoneName: string) {
    const range = recurrence.range as Record<string, unknown>;
    return { ...recurrence, range: { recurrenceTimeZone: zoneName, numberOfOccurrences: 0, ...range } };
  }

  function renderOccurrence(ev: StoredEvent, occ: Occurrence, zone?: { name: string; iana: string }): Record<string, unknown> {
    const base = renderEvent(ev, zone);
    const overrides = occ.exception?.overrides ?? {};
    return {
      ...base,
      ...overrides,
      '@odata.etag': `W/"${ev.changeKey}"`,
      id: occ.id,
      iCalUId: createHash('sha256').update(`${ev.iCalUId}|${occ.originalStart}`).digest('hex').toUpperCase().slice(0, 64),
      seriesMasterId: ev.id,
      type: occ.type,
      recurrence: null,
      isCancelled: false,
      originalStart: utcZ(DateTime.fromISO(occ.originalStart, { zone: 'UTC' })),
      start: dtz(occ.start, zone ?? { name: 'UTC', iana: 'UTC' }),
      end: dtz(occ.end, zone ?? { name: 'UTC', iana: 'UTC' }),
    };
  }

  // ---------- validation ----------

  /** Graph's own rules beyond the CSDL for what an event must say; problems are contract violations too. */
  function eventRules(props: Record<string, unknown>, where: string): string[] {
    const out: string[] = [];
    for (const key of ['start', 'end'] as const) {
      const v = props[key] as DateTimeTimeZone | undefined;
      if (!v || typeof v !== 'object' || typeof v.dateTime !== 'string') out.push(`${where}.${key}: a dateTimeTimeZone is required`);
      else if (!v.timeZone) out.push(`${where}.${key}.timeZone: required`);
      else if (!resolveZone(v.timeZone)) out.push(`${where}.${key}.timeZone: ${JSON.stringify(v.timeZone)} is neither a Windows nor an IANA time zone`);
      else if (!DateTime.fromISO(v.dateTime).isValid) out.push(`${where}.${key}.dateTime: ${JSON.stringify(v.dateTime)} is not an ISO 8601 date-time`);
    }
    if (out.length === 0) {
      const start = zonedStart(props.start as DateTimeTimeZone)!.dt;
      const end = zonedStart(props.end as DateTimeTimeZone)!.dt;
      if (end < start) out.push(`${where}.end: is before start`);
    }
    const rec = props.recurrence as { pattern?: Record<string, unknown>; range?: Record<string, unknown> } | null | undefined;
    if (rec) {
      const { pattern, range } = rec;
      if (!pattern || !range) out.push(`${where}.recurrence: needs both pattern and range`);
      else {
        if (!(Number(pattern.interval) >= 1)) out.push(`${where}.recurrence.pattern.interval: must be at least 1`);
        if (['weekly', 'relativeMonthly', 'relativeYearly'].includes(String(pattern.type)) && !(Array.isArray(pattern.daysOfWeek) && pattern.daysOfWeek.length > 0)) {
          out.push(`${where}.recurrence.pattern.daysOfWeek: required for a ${String(pattern.type)} pattern`);
        }
        if (['absoluteMonthly', 'absoluteYearly'].includes(String(pattern.type)) && !(Number(pattern.dayOfMonth) >= 1 && Number(pattern.dayOfMonth) <= 31)) {
          out.push(`${where}.recurrence.pattern.dayOfMonth: required (1-31) for a ${String(pattern.type)} pattern`);
        }
        if (['absoluteYearly', 'relativeYearly'].includes(String(pattern.type)) && !(Number(pattern.month) >= 1 && Number(pattern.month) <= 12)) {
          out.push(`${where}.recurrence.pattern.month: required (1-12) for a ${String(pattern.type)} pattern`);
        }
        if (!range.startDate) out.push(`${where}.recurrence.range.startDate: required`);
        if (range.type === 'endDate' && !range.endDate) out.push(`${where}.recurrence.range.endDate: required for an endDate range`);
        if (range.type === 'endDate' && range.endDate && range.startDate && String(range.endDate) < String(range.startDate)) out.push(`${where}.recurrence.range.endDate: is before startDate`);
        if (range.type === 'numbered' && !(Number(range.numberOfOccurrences) >= 1)) out.push(`${where}.recurrence.range.numberOfOccurrences: must be at least 1 for a numbered range`);
        if (range.recurrenceTimeZone && !resolveZone(String(range.recurrenceTimeZone))) out.push(`${where}.recurrence.range.recurrenceTimeZone: ${JSON.stringify(range.recurrenceTimeZone)} is not a time zone`);
      }
    }
    return out;
  }

  function rejectBody(ctx: Ctx, problems: string[]): Reply {
    for (const p of problems) contractViolations.push(`${ctx.record.method} ${ctx.record.path}: ${p}`);
    const first = problems[0]!;
    const unknown = /^([\w.[\]]+)\.(\w+): no such property on (\w+)/.exec(first);
    const badEnum = /: "([^"]*)" is not a member of (\w+)/.exec(first);
    const message = unknown
      ? `The property '${unknown[2]}' does not exist on type 'Microsoft.OutlookServices.${cap(unknown[3]!)}'. Make sure to only use property names that are defined by the type or mark the type as open type.`
      : badEnum
        ? `Cannot convert the literal '${badEnum[1]}' to the expected type 'Microsoft.OutlookServices.${cap(badEnum[2]!)}'.`
        : first;
    return graphError(ctx, 400, problems.some((p) => /no such property|not a member|expected |no such parameter|null is not allowed/.test(p)) ? 'RequestBodyRead' : 'ErrorInvalidRequest', message);
  }

  function graphError(ctx: { record: GraphRequestRecord } | undefined, status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
    const requestId = randomUUID();
    return {
      status,
      headers: { 'request-id': requestId, ...headers },
      body: {
        error: {
          code,
          message,
          innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': ctx?.record.headers['client-request-id'] ?? requestId },
        },
      },
    };
  }
  const notFound = (ctx: Ctx) => graphError(ctx, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

  // ---------- handlers ----------

  function writableProps(body: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(body).filter(([k]) => !COMPUTED.has(k) && !k.includes('@')));
  }
  const newChangeKey = () => randomBytes(12).toString('base64');
  const nowIso = () => entra.now().toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
  const teamsJoinUrl = (mailbox: Mailbox) =>
    `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${randomBytes(36).toString('base64url')}%40thread.v2/0?context=${encodeURIComponent(JSON.stringify({ Tid: entra.tenantId, Oid: mailbox.oid }))}`;

  function createEvent(ctx: Ctx): Reply {
    const body = ctx.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return rejectBody(ctx, ['event: the body must be a JSON object']);
    const problems = [...csdl.checkType('event', body), ...eventRules(body, 'event')];
    if (problems.length) return rejectBody(ctx, problems);
    const { mailbox } = ctx;
    const transactionId = typeof body.transactionId === 'string' ? body.transactionId : undefined;
    const existing = transactionId ? mailbox.events.get(mailbox.transactions.get(transactionId) ?? '') : undefined;
    // transactionId makes a retried POST return the event the lost answer was about.
    if (existing) return { status: 201, body: withContext(renderEvent(existing, ctx.preferZone), `users('${mailbox.oid}')/events/$entity`), headers: preferenceApplied(ctx) };
    const id = `AAMkAD${randomBytes(45).toString('base64url')}AAA=`;
    const ev: StoredEvent = {
      id,
      iCalUId: `040000008200E00074C5B7101A82E00800000000${randomBytes(24).toString('hex').toUpperCase()}`,
      changeKey: newChangeKey(),
      created: nowIso(),
      modified: nowIso(),
      mailbox,
      props: writableProps(body),
      exceptions: new Map(),
      cancelled: new Set(),
    };
    if (body.isOnlineMeeting === true) ev.joinUrl = teamsJoinUrl(mailbox);
    mailbox.events.set(id, ev);
    syncOnlineMeeting(ev);
    if (transactionId) mailbox.transactions.set(transactionId, id);
    return { status: 201, body: withContext(renderEvent(ev, ctx.preferZone), `users('${mailbox.oid}')/events/$entity`), headers: { location: `${baseUrl}/users('${mailbox.oid}')/events('${id}')`, ...preferenceApplied(ctx) } };
  }

  function getEvent(ctx: Ctx, id: string): Reply {
    const ev = ctx.mailbox.events.get(id);
    const zone = ctx.preferZone ?? { name: 'UTC', iana: 'UTC' };
    if (ev) return { status: 200, body: withContext(renderEvent(ev, zone), `users('${ctx.mailbox.oid}')/events/$entity`), headers: preferenceApplied(ctx) };
    const occ = findOccurrence(ctx.mailbox, id);
    if (!occ) return notFound(ctx);
    const original = DateTime.fromISO(occ.originalStart, { zone: 'UTC' });
    const exception = occ.master.exceptions.get(occ.originalStart);
    const duration = eventEnd(occ.master).dt.toMillis() - eventStart(occ.master).dt.toMillis();
    const live: Occurrence = {
      id,
      type: exception ? 'exception' : 'occurrence',
      originalStart: occ.originalStart,
      start: exception?.start ?? original,
      end: exception?.end ?? original.plus({ milliseconds: duration }),
      exception,
    };
    return { status: 200, body: withContext(renderOccurrence(occ.master, live, zone), `users('${ctx.mailbox.oid}')/events/$entity`), headers: preferenceApplied(ctx) };
  }

  function patchEvent(ctx: Ctx, id: string): Reply {
    const body = ctx.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return rejectBody(ctx, ['event: the body must be a JSON object']);
    const csdlProblems = csdl.checkType('event', body, { partial: true });
    if (csdlProblems.length) return rejectBody(ctx, csdlProblems);
    const changes = writableProps(body);
    const ev = ctx.mailbox.events.get(id);
    if (ev) {
      const next = { ...ev.props, ...changes };
      if (changes.recurrence === null) delete next.recurrence;
      const problems = eventRules(next, 'event');
      if (problems.length) return rejectBody(ctx, problems);
      const before = ev.props;
      ev.props = next;
      const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
      const beforeRec = before.recurrence as { pattern?: unknown; range?: Record<string, unknown> } | undefined;
      const nextRec = next.recurrence as { pattern?: unknown; range?: Record<string, unknown> } | undefined;
      const timeOrPatternChanged =
        !same(before.start, next.start) || !same(before.end, next.end) || !same(beforeRec?.pattern, nextRec?.pattern) || !same(beforeRec?.range?.startDate, nextRec?.range?.startDate) || !beforeRec !== !nextRec;
      if (timeOrPatternChanged) {
        // Outlook rebuilds the series: moved and deleted occurrences are forgotten.
        ev.exceptions.clear();
        ev.cancelled.clear();
      } else if (nextRec && !same(beforeRec?.range, nextRec.range)) {
        // Only the range's end moved: exceptions still inside the series survive, as in Outlook.
        const keys = [...ev.exceptions.keys(), ...ev.cancelled];
        const latest = keys.reduce((m, k) => (k > m ? k : m), '');
        const valid = new Set(latest ? expandSeries(ev, DateTime.fromISO(latest, { zone: 'UTC' }).plus({ milliseconds: 1 })).map((o) => utcIso(o.originalStart)) : []);
        for (const k of [...ev.exceptions.keys()]) if (!valid.has(k)) ev.exceptions.delete(k);
        for (const k of [...ev.cancelled]) if (!valid.has(k)) ev.cancelled.delete(k);
      }
      if (changes.isOnlineMeeting === true && !ev.joinUrl) ev.joinUrl = teamsJoinUrl(ctx.mailbox);
      if (changes.isOnlineMeeting === false) delete ev.joinUrl;
      syncOnlineMeeting(ev);
      ev.changeKey = newChangeKey();
      ev.modified = nowIso();
      return { status: 200, body: withContext(renderEvent(ev, ctx.preferZone), `users('${ctx.mailbox.oid}')/events/$entity`), headers: preferenceApplied(ctx) };
    }
    const occ = findOccurrence(ctx.mailbox, id);
    if (!occ) return notFound(ctx);
    if ('recurrence' in changes && changes.recurrence !== null) return rejectBody(ctx, ['event.recurrence: an occurrence of a series cannot have its own recurrence']);
    const { master, originalStart } = occ;
    const original = DateTime.fromISO(originalStart, { zone: 'UTC' });
    const current = master.exceptions.get(originalStart);
    const duration = eventEnd(master).dt.toMillis() - eventStart(master).dt.toMillis();
    const startZoneName = eventStart(master).name;
    const startIn = changes.start ? zonedStart(changes.start as DateTimeTimeZone) : undefined;
    const endIn = changes.end ? zonedStart(changes.end as DateTimeTimeZone) : undefined;
    if ((changes.start && !startIn) || (changes.end && !endIn)) return rejectBody(ctx, eventRules({ start: changes.start ?? master.props.start, end: changes.end ?? master.props.end }, 'event'));
    const start = startIn?.dt ?? current?.start ?? original.setZone(eventStart(master).dt.zone);
    const end = endIn?.dt ?? current?.end ?? start.plus({ milliseconds: duration });
    if (end < start) return rejectBody(ctx, ['event.end: is before start']);
    const { start: _s, end: _e, recurrence: _r, ...rest } = changes;
    master.exceptions.set(originalStart, {
      id,
      start,
      end,
      startZoneName: startIn?.name ?? current?.startZoneName ?? startZoneName,
      endZoneName: endIn?.name ?? current?.endZoneName ?? startZoneName,
      overrides: { ...(current?.overrides ?? {}), ...rest },
    });
    master.changeKey = newChangeKey();
    master.modified = nowIso();
    const live: Occurrence = { id, type: 'exception', originalStart, start, end, exception: master.exceptions.get(originalStart) };
    return { status: 200, body: withContext(renderOccurrence(master, live, ctx.preferZone), `users('${ctx.mailbox.oid}')/events/$entity`), headers: preferenceApplied(ctx) };
  }

  function removeEvent(ctx: Ctx, id: string, status: number): Reply {
    const ev = ctx.mailbox.events.get(id);
    if (ev) {
      ctx.mailbox.events.delete(id);
      return { status };
    }
    const occ = findOccurrence(ctx.mailbox, id);
    if (!occ) return notFound(ctx);
    occ.master.exceptions.delete(occ.originalStart);
    occ.master.cancelled.add(occ.originalStart);
    occ.master.changeKey = newChangeKey();
    occ.master.modified = nowIso();
    return { status };
  }

  function cancelEvent(ctx: Ctx, id: string): Reply {
    const problems = csdl.checkAction('cancel', 'event', ctx.body);
    if (problems.length) return rejectBody(ctx, problems);
    return removeEvent(ctx, id, 202);
  }

  function parseWindowParam(ctx: Ctx, name: string): DateTime | undefined {
    const raw = ctx.query.get(name);
    if (!raw) return undefined;
    const dt = DateTime.fromISO(raw, { zone: 'UTC' });
    return dt.isValid ? dt : undefined;
  }

  function page<T>(ctx: Ctx, items: T[], contextPath: string): Reply {
    const top = Math.max(1, Math.min(Number(ctx.query.get('$top') ?? PAGE_SIZE) || PAGE_SIZE, 1000));
    const skip = Math.max(0, Number(ctx.query.get('$skip') ?? 0) || 0);
    const body: Record<string, unknown> = { '@odata.context': `${baseUrl}/$metadata#${contextPath}`, value: items.slice(skip, skip + top) };
    if (skip + top < items.length) {
      const params = [...ctx.query.entries()].filter(([k]) => k !== '$skip' && k !== '$top').map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
      params.push(`$top=${top}`, `$skip=${skip + top}`);
      body['@odata.nextLink'] = `${baseUrl}${ctx.record.path.split('/').map(encodeURIComponent).join('/')}?${params.join('&')}`;
    }
    return { status: 200, body, headers: preferenceApplied(ctx) };
  }

  function listInstances(ctx: Ctx, id: string): Reply {
    const from = parseWindowParam(ctx, 'startDateTime');
    const to = parseWindowParam(ctx, 'endDateTime');
    if (!from || !to) {
      return graphError(ctx, 400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
    }
    const ev = ctx.mailbox.events.get(id);
    if (!ev) return findOccurrence(ctx.mailbox, id) ? page(ctx, [], 'Collection(microsoft.graph.event)') : notFound(ctx);
    const zone = ctx.preferZone ?? { name: 'UTC', iana: 'UTC' };
    const items = ev.props.recurrence ? liveOccurrences(ev, from, to).map((o) => renderOccurrence(ev, o, zone)) : [];
    return page(ctx, items, `users('${ctx.mailbox.oid}')/events('${encodeURIComponent(id)}')/instances`);
  }

  function listEvents(ctx: Ctx): Reply {
    const zone = ctx.preferZone ?? { name: 'UTC', iana: 'UTC' };
    return page(ctx, [...ctx.mailbox.events.values()].map((ev) => renderEvent(ev, zone)), `users('${ctx.mailbox.oid}')/events`);
  }

  function getSchedule(ctx: Ctx): Reply {
    const problems = csdl.checkAction('getSchedule', 'calendar', ctx.body);
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const param = (name: string) => Object.entries(body).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    const schedules = param('schedules') as string[] | undefined;
    const startIn = param('startTime') as DateTimeTimeZone | undefined;
    const endIn = param('endTime') as DateTimeTimeZone | undefined;
    const interval = (param('availabilityViewInterval') as number | undefined) ?? 30;
    if (problems.length === 0) {
      if (!Array.isArray(schedules) || schedules.length === 0) problems.push('getSchedule.Schedules: at least one address is required');
      for (const [name, v] of [['StartTime', startIn], ['EndTime', endIn]] as const) {
        if (!v) problems.push(`getSchedule.${name}: required`);
        else if (!zonedStart(v)) problems.push(`getSchedule.${name}: ${JSON.stringify(v)} is not a date-time in a known time zone`);
      }
      if (!(interval >= 5 && interval <= 1440)) problems.push('getSchedule.AvailabilityViewInterval: must be between 5 and 1440 minutes');
    }
    if (problems.length) return rejectBody(ctx, problems);
    const from = zonedStart(startIn!)!;
    const to = zonedStart(endIn!)!.dt;
    if (to <= from.dt) return rejectBody(ctx, ['getSchedule.EndTime: must be after StartTime']);
    const zone = ctx.preferZone ?? { name: from.name, iana: from.dt.zoneName! };

    const value = schedules!.map((scheduleId) => {
      const email = scheduleId.toLowerCase();
      const items: Array<{ start: DateTime; end: DateTime; status: string; subject?: string; isPrivate: boolean; location?: string }> = [];
      for (const b of busy.get(email) ?? []) if (b.start < to && b.end > from.dt) items.push({ ...b, isPrivate: false });
      for (const mailbox of mailboxesByOid.values()) {
        for (const ev of mailbox.events.values()) {
          const attendees = (ev.props.attendees as Array<{ emailAddress?: { address?: string } }> | undefined) ?? [];
          if (mailbox.email !== email && !attendees.some((a) => a.emailAddress?.address?.toLowerCase() === email)) continue;
          const spans = ev.props.recurrence
            ? liveOccurrences(ev, from.dt, to).map((o) => ({ start: o.start, end: o.end, subject: (o.exception?.overrides.subject as string | undefined) ?? (ev.props.subject as string | undefined) }))
            : [{ start: eventStart(ev).dt, end: eventEnd(ev).dt, subject: ev.props.subject as string | undefined }].filter((s) => s.start < to && s.end > from.dt);
          for (const s of spans) {
            items.push({
              ...s,
              status: String(ev.props.showAs ?? 'busy'),
              isPrivate: ev.props.sensitivity === 'private',
              location: (ev.props.location as { displayName?: string } | undefined)?.displayName,
            });
          }
        }
      }
      items.sort((a, b) => a.start.toMillis() - b.start.toMillis());
      const slots = Math.ceil(to.diff(from.dt, 'minutes').minutes / interval);
      let availabilityView = '';
      for (let i = 0; i < slots; i += 1) {
        const slotStart = from.dt.plus({ minutes: i * interval });
        const slotEnd = slotStart.plus({ minutes: interval });
        const codes = items.filter((it) => it.start < slotEnd && it.end > slotStart).map((it) => AVAILABILITY_CODE[it.status] ?? 0);
        availabilityView += String(Math.max(0, ...codes));
      }
      return {
        scheduleId,
        availabilityView,
        scheduleItems: items.map((it) => ({
          isPrivate: it.isPrivate,
          status: it.status,
          subject: it.isPrivate ? undefined : (it.subject ?? ''),
          location: it.location ?? '',
          start: dtz(it.start, zone),
          end: dtz(it.end, zone),
        })),
        workingHours: workingHours.get(email) ?? {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '08:00:00.0000000',
          endTime: '17:00:00.0000000',
          timeZone: { name: 'UTC' },
        },
      };
    });
    return { status: 200, body: { '@odata.context': `${baseUrl}/$metadata#Collection(microsoft.graph.scheduleInformation)`, value }, headers: preferenceApplied(ctx) };
  }

  // ---------- Teams online meetings and attendance reports ----------

  /** An Entra object id for someone who never called the stand-in (stable per email). */
  function stableOid(email: string): string {
    const h = createHash('sha256').update(`oid|${email.toLowerCase()}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  const oidFor = (email: string) => mailboxByEmail(email)?.oid ?? stableOid(email);

  /** Every event with a Teams join URL has an online meeting in its organiser's mailbox; edits to the event carry over. */
  function syncOnlineMeeting(ev: StoredEvent): void {
    if (!ev.joinUrl) return;
    let meeting = onlineMeetingsByUrl.get(ev.joinUrl);
    if (!meeting) {
      const threadId = safeDecode(/\/meetup-join\/([^/]+)\//.exec(ev.joinUrl)?.[1] ?? `19:meeting_${randomBytes(24).toString('base64url')}@thread.v2`);
      // Graph's ids are base64 of "1*{organiser oid}*0**{thread id}"; kept free of '/' so they stay one path segment.
      const id = Buffer.from(`1*${ev.mailbox.oid}*0**${threadId}`).toString('base64').replace(/\//g, '_').replace(/\+/g, '-');
      const digits = BigInt(`0x${createHash('sha256').update(ev.joinUrl).digest('hex').slice(0, 15)}`).toString().padStart(12, '1').slice(0, 12);
      meeting = { id, joinWebUrl: ev.joinUrl, organiser: ev.mailbox, created: nowIso(), threadId, joinMeetingId: digits, subject: '', start: DateTime.utc(), end: DateTime.utc(), attendeeEmails: [], reports: [] };
      onlineMeetingsByUrl.set(ev.joinUrl, meeting);
      onlineMeetingsById.set(id, meeting);
    }
    meeting.subject = String(ev.props.subject ?? '');
    meeting.start = eventStart(ev).dt.toUTC();
    meeting.end = eventEnd(ev).dt.toUTC();
    meeting.attendeeEmails = ((ev.props.attendees as Array<{ emailAddress?: { address?: string } }> | undefined) ?? [])
      .map((a) => a.emailAddress?.address?.toLowerCase())
      .filter((a): a is string => !!a);
  }

  /** "2021-10-05T04:43:49.77Z": how Graph renders a report's meeting times (trailing zeros dropped). */
  const trimmedZ = (dt: DateTime) => `${dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS").replace(/\.?0+$/, '')}Z`;
  /** "2021-03-16T18:59:52.2780000Z": seven fractional digits, as attendance intervals come. */
  const sevenZ = (dt: DateTime) => `${dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000Z`;
  const participant = (email: string, role: 'presenter' | 'attendee') => ({ upn: email, role, identity: { user: { id: oidFor(email), displayName: null } } });

  function renderOnlineMeeting(m: OnlineMeeting): Record<string, unknown> {
    return {
      id: m.id,
      creationDateTime: m.created,
      startDateTime: utcZ(m.start),
      endDateTime: utcZ(m.end),
      joinWebUrl: m.joinWebUrl,
      meetingOptionsWebUrl: `https://teams.microsoft.com/meetingOptions/?organizerId=${m.organiser.oid}&tenantId=${entra.tenantId}&threadId=${encodeURIComponent(m.threadId.replace(/:/g, '_'))}&messageId=0&language=en-US`,
      subject: m.subject,
      isBroadcast: false,
      externalId: null,
      videoTeleconferenceId: null,
      allowedPresenters: 'everyone',
      allowMeetingChat: 'enabled',
      allowTeamworkReactions: true,
      isEntryExitAnnounced: true,
      recordAutomatically: false,
      chatInfo: { threadId: m.threadId, messageId: '0', replyChainMessageId: null },
      joinMeetingIdSettings: { isPasscodeRequired: false, joinMeetingId: m.joinMeetingId, passcode: null },
      lobbyBypassSettings: { scope: 'organization', isDialInBypassEnabled: false },
      participants: {
        organizer: participant(m.organiser.email, 'presenter'),
        attendees: m.attendeeEmails.map((email) => participant(email, 'attendee')),
      },
    };
  }

  function renderReport(r: AttendanceReport, withRecords: boolean): Record<string, unknown> {
    return {
      id: r.id,
      totalParticipantCount: r.records.length,
      meetingStartDateTime: trimmedZ(r.start),
      meetingEndDateTime: trimmedZ(r.end),
      // Listing reports leaves the records empty (Graph documents that); $expand fills them.
      attendanceRecords: withRecords ? r.records.map(renderRecord) : [],
    };
  }

  function renderRecord(rec: AttendanceReport['records'][number]): Record<string, unknown> {
    const intervals = rec.intervals.map((i) => ({
      joinDateTime: sevenZ(i.join),
      leaveDateTime: sevenZ(i.leave),
      durationInSeconds: Math.floor(i.leave.diff(i.join, 'seconds').seconds),
    }));
    return {
      id: rec.id,
      emailAddress: rec.email,
      totalAttendanceInSeconds: intervals.reduce((sum, i) => sum + i.durationInSeconds, 0),
      role: rec.role,
      identity: { id: rec.oid, displayName: rec.displayName, tenantId: null },
      attendanceIntervals: intervals,
    };
  }

  function routeOnlineMeetings(ctx: Ctx, rest: string[]): Reply {
    const { method } = ctx.record;
    const [meetingId, sub, reportId, sub2] = rest;
    const scopes = [...ctx.scopes];
    const missingScope = (required: string[]) =>
      graphError(ctx, 403, 'Forbidden', `Missing scope permissions on the request. API requires one of '${required.join(', ')}'. Scopes on the request '${scopes.join(' ')}'.`);
    if (rest.length <= 1) {
      if (!scopes.some((s) => /^OnlineMeetings\.(Read|ReadWrite)$/.test(s))) return missingScope(['OnlineMeetings.Read', 'OnlineMeetings.ReadWrite']);
      if (method !== 'GET') return methodNotAllowed(ctx);
      return meetingId === undefined ? listOnlineMeetings(ctx) : getOnlineMeeting(ctx, meetingId);
    }
    if (sub !== 'attendanceReports') return graphError(ctx, 400, 'BadRequest', `Resource not found for the segment '${sub ?? ''}'.`);
    if (!scopes.includes('OnlineMeetingArtifact.Read.All')) return missingScope(['OnlineMeetingArtifact.Read.All']);
    if (method !== 'GET') return methodNotAllowed(ctx);
    const found = organisersMeeting(ctx, meetingId!);
    if ('status' in found) return found;
    const meeting = found;
    const base = `users('${ctx.mailbox.oid}')/onlineMeetings('${meeting.id}')/attendanceReports`;
    if (rest.length === 2) {
      const expand = expandRecords(ctx);
      if (typeof expand !== 'boolean') return expand;
      // Graph lists at most the 50 latest reports, newest first.
      const reports = [...meeting.reports].sort((x, y) => y.start.toMillis() - x.start.toMillis()).slice(0, 50);
      return { status: 200, body: { '@odata.context': `${baseUrl}/$metadata#${base}`, value: reports.map((r) => renderReport(r, expand)) } };
    }
    const report = meeting.reports.find((r) => r.id === reportId);
    if (!report) return graphError(ctx, 404, 'NotFound', `The attendance report '${reportId ?? ''}' was not found.`);
    if (rest.length === 3) {
      const expand = expandRecords(ctx);
      if (typeof expand !== 'boolean') return expand;
      return { status: 200, body: withContext(renderReport(report, expand), `${base}('${report.id}')`) };
    }
    if (rest.length === 4 && sub2 === 'attendanceRecords') {
      return { status: 200, body: { '@odata.context': `${baseUrl}/$metadata#${base}('${report.id}')/attendanceRecords`, value: report.records.map(renderRecord) } };
    }
    return graphError(ctx, 400, 'BadRequest', `Resource not found for the segment '${rest.at(-1) ?? ''}'.`);
  }

  /** $expand on a report: only attendanceRecords exists. */
  function expandRecords(ctx: Ctx): boolean | Reply {
    const raw = ctx.query.get('$expand');
    if (raw === null) return false;
    const names = raw.split(',').map((n) => n.trim());
    const unknown = names.find((n) => n.toLowerCase() !== 'attendancerecords');
    if (unknown !== undefined) return graphError(ctx, 400, 'BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.meetingAttendanceReport'.`);
    return true;
  }

  /** Only the organiser may read a meeting's artifacts (Graph answers everyone else 403). */
  function organisersMeeting(ctx: Ctx, id: string): OnlineMeeting | Reply {
    const meeting = onlineMeetingsById.get(id);
    if (!meeting) return graphError(ctx, 404, 'NotFound', 'The online meeting was not found.');
    if (meeting.organiser !== ctx.mailbox) return graphError(ctx, 403, 'Forbidden', 'Only the meeting organizer can access the attendance reports of this meeting.');
    return meeting;
  }

  function getOnlineMeeting(ctx: Ctx, id: string): Reply {
    const meeting = onlineMeetingsById.get(id);
    if (!meeting) return graphError(ctx, 404, 'NotFound', 'The online meeting was not found.');
    // By id, Graph answers the organiser and the invitees.
    if (meeting.organiser !== ctx.mailbox && !meeting.attendeeEmails.includes(ctx.mailbox.email)) return graphError(ctx, 403, 'Forbidden', 'The caller is neither the organizer nor an invitee of this meeting.');
    return { status: 200, body: withContext(renderOnlineMeeting(meeting), `users('${ctx.mailbox.oid}')/onlineMeetings/$entity`) };
  }

  /** GET /me/onlineMeetings answers only $filter=JoinWebUrl eq '…' (or joinMeetingIdSettings/joinMeetingId eq '…'). */
  function listOnlineMeetings(ctx: Ctx): Reply {
    const filter = ctx.query.get('$filter') ?? '';
    const m = /^\s*(joinWebUrl|joinMeetingIdSettings\/joinMeetingId)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
    if (!m) return graphError(ctx, 400, 'InvalidArgument', "Filter expression expected - /onlineMeetings?$filter={ParameterName} eq '{id}'.");
    const value = m[2]!.replace(/''/g, "'");
    const meeting = m[1]!.toLowerCase() === 'joinweburl' ? onlineMeetingsByUrl.get(value) : [...onlineMeetingsById.values()].find((x) => x.joinMeetingId === value);
    const body = (items: OnlineMeeting[]) => ({ status: 200, body: { '@odata.context': `${baseUrl}/$metadata#users('${ctx.mailbox.oid}')/onlineMeetings`, value: items.map(renderOnlineMeeting) } });
    if (!meeting) return body([]);
    // Looking a meeting up by its join URL works for its organiser only; invitees get 403.
    if (meeting.organiser !== ctx.mailbox) return graphError(ctx, 403, 'Forbidden', 'The meeting was not organized by the caller.');
    return body([meeting]);
  }

  function withContext(body: Record<string, unknown>, context: string): Record<string, unknown> {
    return { '@odata.context': `${baseUrl}/$metadata#${context}`, ...body };
  }
  function preferenceApplied(ctx: Ctx): Record<string, string> {
    return ctx.preferZone ? { 'preference-applied': `outlook.timezone="${ctx.preferZone.name}"` } : {};
  }

  function route(ctx: Ctx): Reply {
    const { method } = ctx.record;
    const segments = ctx.record.path.split('/').filter(Boolean);
    const [root, a, b, c] = segments;
    const wantsWrite = method !== 'GET';
    const canRead = [...ctx.scopes].some((s) => /^Calendars\.(Read|ReadBasic|ReadWrite)(\.Shared)?$/.test(s));
    const canWrite = [...ctx.scopes].some((s) => /^Calendars\.ReadWrite(\.Shared)?$/.test(s));
    if (root !== 'me') return graphError(ctx, 400, 'BadRequest', `Resource not found for the segment '${root ?? ''}'.`);
    if (a === 'onlineMeetings') return routeOnlineMeetings(ctx, segments.slice(2));
    const isGetSchedule = a === 'calendar' && b === 'getSchedule' && segments.length === 3;
    if (!(isGetSchedule ? canRead : wantsWrite ? canWrite : canRead)) return graphError(ctx, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    if (isGetSchedule) return method === 'POST' ? getSchedule(ctx) : methodNotAllowed(ctx);
    if (a !== 'events') return graphError(ctx, 400, 'BadRequest', `Resource not found for the segment '${a ?? ''}'.`);
    if (segments.length === 2) return method === 'POST' ? createEvent(ctx) : method === 'GET' ? listEvents(ctx) : methodNotAllowed(ctx);
    const id = b!;
    if (!/^AAMk[A-Za-z0-9_=-]+$/.test(id)) return graphError(ctx, 400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
    if (segments.length === 3) {
      if (method === 'GET') return getEvent(ctx, id);
      if (method === 'PATCH') return patchEvent(ctx, id);
      if (method === 'DELETE') return removeEvent(ctx, id, 204);
      return methodNotAllowed(ctx);
    }
    if (segments.length === 4 && c === 'cancel') return method === 'POST' ? cancelEvent(ctx, id) : methodNotAllowed(ctx);
    if (segments.length === 4 && c === 'instances') return method === 'GET' ? listInstances(ctx, id) : methodNotAllowed(ctx);
    return graphError(ctx, 400, 'BadRequest', `Resource not found for the segment '${c ?? ''}'.`);
  }
  const methodNotAllowed = (ctx: Ctx) => graphError(ctx, 405, 'Request_BadRequest', `The HTTP method '${ctx.record.method}' is not allowed for this resource.`);

  /** /users/{me}/... and /me/calendar/events are the same resources as /me/... */
  function normalisePath(path: string, mailbox: Mailbox): string | undefined {
    let p = path;
    const users = /^\/users\/([^/]+)(\/.*)?$/.exec(p);
    if (users) {
      const who = users[1]!.replace(/^'|'$/g, '').toLowerCase();
      if (who !== mailbox.oid && who !== mailbox.email) return undefined;
      p = `/me${users[2] ?? ''}`;
    }
    return p.replace(/^\/me\/calendar\/events(?=\/|$)/, '/me/events');
  }

  // ---------- authentication ----------

  async function authenticate(header: string | undefined): Promise<{ mailbox: Mailbox; scopes: Set<string> } | { error: string }> {
    if (!header) return { error: 'Access token is empty.' };
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return { error: 'Access token validation failure. Invalid authorization header.' };
    try {
      const { payload } = await jwtVerify(m[1]!, entra.publicKey, {
        algorithms: ['RS256'],
        audience: [GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID],
        issuer: [entra.graphTokenIssuer, `${entra.authorityHost}/${entra.tenantId}/v2.0`, `${PUBLIC_AUTHORITY}/${entra.tenantId}/v2.0`],
        currentDate: entra.now(),
        // Graph tolerates a few minutes of clock skew.
        clockTolerance: 300,
      });
      const oid = String(payload.oid ?? '');
      const email = String(payload.preferred_username ?? payload.upn ?? '').toLowerCase();
      if (!oid || !email) return { error: 'Access token validation failure. The token has no user.' };
      let mailbox = mailboxesByOid.get(oid);
      if (!mailbox) {
        mailbox = { oid, email, name: String(payload.name ?? email), events: new Map(), transactions: new Map(), inFlight: 0, maxInFlight: 0 };
        mailboxesByOid.set(oid, mailbox);
      }
      return { mailbox, scopes: new Set(String(payload.scp ?? '').split(' ').filter(Boolean)) };
    } catch (err) {
      const code = (err as { code?: string; claim?: string }).code;
      const claim = (err as { claim?: string }).claim;
      if (code === 'ERR_JWT_EXPIRED') return { error: 'Lifetime validation failed, the token is expired.' };
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud') return { error: 'Access token validation failure. Invalid audience.' };
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iss') return { error: 'Access token validation failure. Invalid issuer.' };
      if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { error: 'Access token validation failure. Invalid signature.' };
      return { error: 'IDX14100: JWT is not well formed.' };
    }
  }

  // ---------- transport ----------

  function takeFault(method: string, path: string) {
    const i = faults.findIndex((f) => (!f.match.method || f.match.method.toUpperCase() === method) && (!f.match.path || f.match.path.test(path)));
    if (i < 0) return undefined;
    const entry = faults[i]!;
    if (--entry.remaining <= 0) faults.splice(i, 1);
    return entry.fault;
  }

  const hanging = new Set<http.ServerResponse>();
  const send = (res: http.ServerResponse, record: GraphRequestRecord, reply: Reply) => {
    record.status = reply.status;
    if (res.destroyed) return;
    const headers: Record<string, string> = { 'cache-control': 'no-cache', 'client-request-id': record.headers['client-request-id'] ?? randomUUID(), ...reply.headers };
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8', ...headers });
    res.end(JSON.stringify(reply.body));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const record: GraphRequestRecord = {
      method: (req.method ?? 'GET').toUpperCase(),
      // Decoded, so a test can match an event id (ids end in '=') without thinking about encoding.
      path: safeDecode(url.pathname).replace(/^\/v1\.0(?=\/|$)/, ''),
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      status: 0,
    };
    requests.push(record);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        if (!url.pathname.startsWith('/v1.0/')) return send(res, record, graphError({ record }, 404, 'BadRequest', 'Unsupported API version or segment.'));
        const raw = Buffer.concat(chunks).toString('utf8');
        let parseFailed = false;
        if (raw.trim()) {
          try {
            record.body = JSON.parse(raw);
          } catch {
            parseFailed = true;
          }
        }
        const auth = await authenticate(headers.authorization);
        if ('error' in auth) {
          return send(res, record, graphError({ record }, 401, 'InvalidAuthenticationToken', auth.error, { 'www-authenticate': `Bearer realm="", authorization_uri="${PUBLIC_AUTHORITY}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"` }));
        }
        const { mailbox } = auth;
        record.mailbox = mailbox.email;
        mailbox.inFlight += 1;
        mailbox.maxInFlight = Math.max(mailbox.maxInFlight, mailbox.inFlight);
        let released = false;
        res.on('close', () => {
          if (!released) mailbox.inFlight -= 1;
          released = true;
          hanging.delete(res);
        });
        if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
        if (res.destroyed) return;

        const fault = takeFault(record.method, record.path);
        const preferRaw = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(headers.prefer ?? '')?.[1];
        const preferIana = resolveZone(preferRaw);
        const ctx: Ctx = { mailbox, record, query: url.searchParams, body: record.body, scopes: auth.scopes, preferZone: preferRaw && preferIana ? { name: preferRaw, iana: preferIana } : undefined };
        let reply: Reply | undefined;
        if (!fault || fault.process) {
          const path = normalisePath(record.path, mailbox);
          reply = parseFailed
            ? graphError(ctx, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.')
            : path === undefined
              ? graphError(ctx, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.')
              : route({ ...ctx, record: { ...record, path } });
          if (parseFailed) contractViolations.push(`${record.method} ${record.path}: the body is not JSON`);
        }
        if (fault && 'hang' in fault) {
          hanging.add(res);
          return;
        }
        if (fault) {
          const [defaultCode, defaultMessage] = DEFAULT_FAULT_CODES[fault.status] ?? ['UnknownError', 'An error occurred.'];
          const extra: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
          reply = graphError(ctx, fault.status, fault.code ?? defaultCode, fault.message ?? defaultMessage, extra);
        }
        send(res, record, reply!);
      })().catch((err: unknown) => {
        send(res, record, graphError({ record }, 500, 'InternalServerError', `stand-in failure: ${err instanceof Error ? err.stack : String(err)}`));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;

  function view(ev: StoredEvent): StoredEventView {
    return {
      id: ev.id,
      type: ev.props.recurrence ? 'seriesMaster' : 'singleInstance',
      subject: ev.props.subject as string | undefined,
      transactionId: ev.props.transactionId as string | undefined,
      startUtc: utcIso(eventStart(ev).dt),
      endUtc: utcIso(eventEnd(ev).dt),
      recurrence: (ev.props.recurrence as Record<string, unknown> | undefined) ?? null,
      attendees: (ev.props.attendees as StoredEventView['attendees'] | undefined) ?? [],
      isOnlineMeeting: ev.props.isOnlineMeeting === true,
      joinUrl: ev.joinUrl,
      exceptions: [...ev.exceptions.entries()]
        .map(([originalStart, x]) => ({ id: x.id, originalStart, start: utcIso(x.start), end: utcIso(x.end), subject: x.overrides.subject as string | undefined }))
        .sort((a, b) => a.originalStart.localeCompare(b.originalStart)),
      cancelledOccurrences: [...ev.cancelled].sort(),
      graph: renderEvent(ev, { name: 'UTC', iana: 'UTC' }),
    };
  }

  return {
    baseUrl,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    requests,
    contractViolations,
    fail(match, fault, times = 1) {
      faults.push({ match, fault, remaining: times });
    },
    setBusy(email, items) {
      busy.set(
        email.toLowerCase(),
        items.map((i) => ({ start: DateTime.fromISO(i.start, { zone: 'UTC' }), end: DateTime.fromISO(i.end, { zone: 'UTC' }), status: i.status ?? 'busy', subject: i.subject })),
      );
    },
    setWorkingHours(email, hours) {
      workingHours.set(email.toLowerCase(), hours);
    },
    events(mailboxEmail) {
      const mailbox = mailboxByEmail(mailboxEmail);
      return mailbox ? [...mailbox.events.values()].map(view) : [];
    },
    occurrences(mailboxEmail, eventId, fromIso, toIso) {
      const ev = mailboxByEmail(mailboxEmail)?.events.get(eventId);
      if (!ev) return [];
      const from = DateTime.fromISO(fromIso, { zone: 'UTC' });
      const to = DateTime.fromISO(toIso, { zone: 'UTC' });
      if (!ev.props.recurrence) {
        const start = eventStart(ev).dt;
        const end = eventEnd(ev).dt;
        return start < to && end > from ? [{ id: ev.id, type: 'singleInstance', originalStart: utcIso(start), start: utcIso(start), end: utcIso(end), subject: ev.props.subject as string | undefined }] : [];
      }
      return liveOccurrences(ev, from, to).map((o) => ({
        id: o.id,
        type: o.type,
        originalStart: o.originalStart,
        start: utcIso(o.start),
        end: utcIso(o.end),
        subject: (o.exception?.overrides.subject as string | undefined) ?? (ev.props.subject as string | undefined),
      }));
    },
    maxInFlight(mailboxEmail) {
      return mailboxByEmail(mailboxEmail)?.maxInFlight ?? 0;
    },
    addAttendanceReport(organiserEmail, joinUrl, report) {
      const meeting = onlineMeetingsByUrl.get(joinUrl);
      if (!meeting) throw new Error(`addAttendanceReport: no online meeting has the join URL ${joinUrl}`);
      if (meeting.organiser.email !== organiserEmail.toLowerCase()) throw new Error(`addAttendanceReport: that meeting is organised by ${meeting.organiser.email}, not ${organiserEmail}`);
      const instant = (iso: string, what: string) => {
        const dt = DateTime.fromISO(iso, { zone: 'UTC' });
        if (!dt.isValid) throw new Error(`addAttendanceReport: ${what} ${JSON.stringify(iso)} is not an ISO instant`);
        return dt;
      };
      const start = instant(report.meetingStart, 'meetingStart');
      const end = instant(report.meetingEnd, 'meetingEnd');
      if (end < start) throw new Error('addAttendanceReport: meetingEnd is before meetingStart');
      const records = new Map<string, AttendanceReport['records'][number]>();
      for (const a of report.attendees) {
        const join = instant(a.joined, 'joined');
        const leave = instant(a.left, 'left');
        if (leave < join) throw new Error(`addAttendanceReport: ${a.email} left before joining`);
        const key = a.email.toLowerCase();
        let rec = records.get(key);
        if (!rec) {
          const oid = a.oid ?? oidFor(a.email);
          rec = {
            id: oid,
            email: a.email,
            displayName: a.displayName ?? mailboxByEmail(a.email)?.name ?? a.email,
            oid,
            role: a.role ?? (key === meeting.organiser.email ? 'Organizer' : 'Presenter'),
            intervals: [],
          };
          records.set(key, rec);
        }
        rec.intervals.push({ join, leave });
      }
      const sorted = [...records.values()];
      for (const r of sorted) r.intervals.sort((x, y) => x.join.toMillis() - y.join.toMillis());
      sorted.sort((x, y) => x.intervals[0]!.join.toMillis() - y.intervals[0]!.join.toMillis());
      const id = randomUUID();
      meeting.reports.push({ id, start, end, records: sorted });
      return id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung answers and keep-alive sockets would otherwise hold close() open.
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
      }),
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
