import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Cadence, CalendarProblem, Database, MeetingStatus, SeriesFrequency } from '../db/schema';
import { AppError } from '../errors/app-error';
import { requireOpenPair, requirePairAccess, type PairAccess } from '../pairs/pair-access';
import { lockPairForWrite } from '../pairs/pairs.service';
import type { CurrentUser } from '../users/users.service';
import {
  cancelFutureScheduledOfSeries,
  findConfirmation,
  findFeedback,
  findMeeting,
  findPairCadence,
  findSeries,
  insertConfirmation,
  insertFeedback,
  insertMeetings,
  insertSeries,
  listBusyIntervals,
  listConfirmations,
  listMeetingsOfPair,
  listMeetingsOfSeries,
  listMyFeedback,
  listSeriesWithOrganizer,
  listWorkingHours,
  markSeriesChanged,
  updateConfirmation,
  updateFeedback,
  updateMeeting,
  updateMeetingsStatus,
  updateSeries,
  type MeetingRow,
  type SeriesRow,
  type SeriesWithOrganizerRow,
} from './meetings.queries';
import {
  computeOccurrences,
  DEFAULT_OCCURRENCES,
  isKnownTimeZone,
  MAX_OCCURRENCES,
  normalizeLocalDateTime,
  resolveLocal,
  toLocal,
  toUtcIso,
  type SeriesRule,
} from './recurrence';
import { suggestSlots } from './slots';

export type FreeBusyAnswer =
  | { busy: Map<string, { start: string; end: string }[]> }
  | { unavailable: 'consent-required' | 'unavailable' };

/**
 * Outlook, when Microsoft Graph is configured (api/src/outlook). The meetings domain records
 * every change Outlook must mirror in its own transaction (`markSeriesChanged`) and tells the
 * sync after commit; a failed sync never fails the request — it records its state on the series.
 */
export interface CalendarSync {
  /** after commit; runs the sync when the actor is the organiser */
  seriesChanged(seriesId: string, actorId: string): Promise<void>;
  /** "retry now" / "update Outlook" by the organiser */
  syncNow(seriesId: string, actorId: string): Promise<void>;
  /** busy intervals by (lower-cased) email, read as the actor */
  busyTimes(actorId: string, emails: string[], from: string, to: string): Promise<FreeBusyAnswer>;
}

export interface MeetingsDeps {
  db: Kysely<Database>;
  clock: Clock;
  calendarSync?: CalendarSync;
}

export interface MeetingTimesQuery {
  durationMinutes: number;
  from: string;
  to: string;
  timeZone?: string | undefined;
}

export interface NewMeetings {
  start: string;
  durationMinutes: number;
  timeZone: string;
  recurrence?: { frequency?: Cadence | undefined; count?: number | undefined; until?: string | undefined } | undefined;
  agenda?: string | null | undefined;
}

/** `PATCH /api/meetings/{id}`: exactly one kind of change (the route checks that). */
export interface MeetingChange {
  status?: 'held' | 'missed' | 'cancelled' | undefined;
  start?: string | undefined;
  timeZone?: string | undefined;
  agenda?: string | null | undefined;
  topics?: string[] | undefined;
  sharedNotes?: string | null | undefined;
}

export interface SeriesChange {
  startLocal?: string | undefined;
  timeZone?: string | undefined;
  durationMinutes?: number | undefined;
  agenda?: string | null | undefined;
}

export interface FeedbackInput {
  rating: number;
  comment?: string | null | undefined;
}

const DEFAULT_WORKDAY = { start: '09:00', end: '17:00' };

// ---------------------------------------------------------------------------------------------
// Suggestions

export async function suggestMeetingTimes(deps: MeetingsDeps, user: CurrentUser, pairId: string, query: MeetingTimesQuery) {
  const access = await requirePairAccess(deps.db, user, pairId);
  requireOpenPair(access);
  const memberIds = [access.mentorId, access.menteeId];
  const rows = await listWorkingHours(deps.db, access.programId, memberIds);
  const hours = memberIds.map((id) => {
    const row = rows.find((r) => r.userId === id);
    return {
      userId: id,
      timeZone: knownZone(row?.enrollmentTimeZone) ?? knownZone(row?.userTimeZone) ?? 'UTC',
      workdayStart: row?.workdayStart ?? DEFAULT_WORKDAY.start,
      workdayEnd: row?.workdayEnd ?? DEFAULT_WORKDAY.end,
    };
  });
  const dayZone = query.timeZone ?? hours.find((h) => h.userId === user.id)?.timeZone ?? 'UTC';
  const windowStart = toUtcIso(DateTime.fromISO(query.from, { zone: dayZone }).startOf('day'));
  const windowEnd = toUtcIso(DateTime.fromISO(query.to, { zone: dayZone }).plus({ days: 1 }).startOf('day'));
  const tandemBusy = (await listBusyIntervals(deps.db, memberIds, windowStart, windowEnd)).map((b) => ({ start: b.startAt, end: b.endAt }));
  let outlookBusy: { start: string; end: string }[] = [];
  let outlook: 'consent-required' | 'unavailable' | undefined;
  if (deps.calendarSync) {
    const emails = memberIds.map((id) => rows.find((r) => r.userId === id)?.email).filter((e): e is string => Boolean(e)).map((e) => e.toLowerCase());
    const answer = await deps.calendarSync.busyTimes(user.id, emails, windowStart, windowEnd);
    if ('busy' in answer) outlookBusy = [...answer.busy.values()].flat();
    else outlook = answer.unavailable;
  }
  const slots = suggestSlots({
    members: hours,
    busy: [...tandemBusy, ...outlookBusy],
    windowStart,
    windowEnd,
    now: deps.clock.now().toISOString(),
    durationMinutes: query.durationMinutes,
    dayZone,
  });
  if (deps.calendarSync && !outlook) return { slots, source: 'outlook' as const };
  return { slots, source: 'working-hours' as const, ...(outlook ? { outlook } : {}) };
}

function knownZone(zone: string | null | undefined): string | undefined {
  return zone && isKnownTimeZone(zone) ? zone : undefined;
}

// ---------------------------------------------------------------------------------------------
// Booking

export async function bookMeetings(deps: MeetingsDeps, user: CurrentUser, pairId: string, input: NewMeetings) {
  const access = await requirePairAccess(deps.db, user, pairId);
  requireOpenPair(access);
  const now = deps.clock.now().toISOString();
  const startLocal = requireLocalStart(input.start, input.timeZone, 'start', now);

  let frequency: SeriesFrequency = 'once';
  if (input.recurrence) {
    const cadence = await findPairCadence(deps.db, pairId);
    frequency = input.recurrence.frequency ?? cadence?.agreedCadence ?? cadence?.defaultCadence ?? 'weekly';
  }
  const until = input.recurrence?.until ?? null;
  if (until !== null && until < startLocal.slice(0, 10)) {
    throw AppError.validation([{ field: 'recurrence.until', message: 'The last date must not be before the first check-in' }]);
  }
  const requestedCount = frequency === 'once' ? null : (input.recurrence?.count ?? (until ? null : DEFAULT_OCCURRENCES));
  const rule: SeriesRule = { startLocal, timeZone: input.timeZone, durationMinutes: input.durationMinutes, frequency, count: requestedCount, until };
  const occurrences = computeOccurrences(rule);
  const last = occurrences[occurrences.length - 1]!;
  // When the 52 cap cuts an `until` series short, the stored end date is the last occurrence
  // actually created, so the ICS rule describes exactly the rows there are.
  const untilDate = until !== null && occurrences.length === MAX_OCCURRENCES ? toLocal(last.start, input.timeZone).slice(0, 10) : until;

  const seriesId = uuidv7();
  const meetings = occurrences.map((o) => ({
    id: uuidv7(),
    seriesId,
    pairId,
    occurrenceIndex: o.position,
    startAt: o.start,
    endAt: o.end,
    originalStartAt: o.start,
    status: 'scheduled' as const,
    agenda: blankToNull(input.agenda ?? null),
    topics: null,
    sharedNotes: null,
    externalEventId: null,
    createdAt: now,
    updatedAt: now,
  }));
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenPair(trx, access, now);
    await insertSeries(trx, {
      id: seriesId,
      pairId,
      organizerId: user.id,
      timeZone: input.timeZone,
      startLocal,
      durationMinutes: input.durationMinutes,
      frequency,
      occurrenceCount: requestedCount,
      untilDate,
      agenda: blankToNull(input.agenda ?? null),
      calendarStatus: deps.calendarSync ? 'pending' : 'not-connected',
      calendarVersion: deps.calendarSync ? 1 : 0,
      syncedVersion: 0,
      syncedFingerprint: null,
      calendarProblem: null,
      externalEventId: null,
      joinUrl: null,
      syncAttempts: 0,
      nextSyncAt: null,
      lastSyncError: null,
      icalSequence: 0,
      cancelledAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await insertMeetings(trx, meetings);
  });
  await notifyCalendar(deps, seriesId, user.id);
  const [booked] = await listSeriesWithOrganizer(deps.db, { seriesId });
  return {
    seriesId,
    meetings: meetings.map((m) => ({ id: m.id, start: m.startAt, end: m.endAt, status: m.status })),
    calendar: calendarView(booked!, user.id, deps),
  };
}

/**
 * A wall-clock start as stored (`YYYY-MM-DDTHH:mm:ss`), refused (400 naming `field`) when the
 * zone's clocks skip that time or when it has already passed.
 */
function requireLocalStart(value: string, timeZone: string, field: string, now: string): string {
  const local = normalizeLocalDateTime(value);
  if (!local) throw AppError.validation([{ field, message: 'Use a real local date and time, YYYY-MM-DDTHH:mm:ss' }]);
  const { instant, exists } = resolveLocal(local, timeZone);
  if (!exists) {
    throw AppError.validation([
      { field, message: `${local.slice(11, 16)} does not exist on ${local.slice(0, 10)} in ${timeZone}: the clocks skip it. Choose another time.` },
    ]);
  }
  if (toUtcIso(instant) < now) throw AppError.validation([{ field, message: 'This time has already passed. Choose a time in the future.' }]);
  return local;
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listPairMeetings(deps: MeetingsDeps, user: CurrentUser, pairId: string, when: 'upcoming' | 'past' | 'all') {
  const access = await requirePairAccess(deps.db, user, pairId);
  const now = deps.clock.now().toISOString();
  const [rows, series] = await Promise.all([listMeetingsOfPair(deps.db, pairId, when, now), listSeriesWithOrganizer(deps.db, { pairId })]);
  const joinUrls = new Map(series.map((s) => [s.id, s.joinUrl]));
  const meetings = (await toMeetings(deps.db, access, user.id, rows, now)).map((m) => {
    const joinUrl = joinUrls.get(m.seriesId);
    return joinUrl ? { ...m, joinUrl } : m;
  });
  return { meetings, series: series.map((s) => toSeries(s, user.id, deps)) };
}

/**
 * The `Meeting` shape for one member: both members' confirmations, but only the caller's own
 * rating (the partner's is not loaded at all). Two queries however many meetings there are.
 */
async function toMeetings(db: Kysely<Database>, access: PairAccess, userId: string, rows: MeetingRow[], now: string) {
  const ids = rows.map((r) => r.id);
  const [confirmations, feedback] = await Promise.all([listConfirmations(db, ids), listMyFeedback(db, ids, userId)]);
  // A year of weekly check-ins is 52 rows: look answers up by key rather than scanning per row.
  const confirmationOf = new Map(confirmations.map((c) => [`${c.meetingId} ${c.userId}`, c.status]));
  const feedbackOf = new Map(feedback.map((f) => [f.meetingId, f]));
  return rows.map((row) => {
    const mine = confirmationOf.get(`${row.id} ${userId}`);
    const partner = confirmationOf.get(`${row.id} ${access.partnerId}`);
    const rated = feedbackOf.get(row.id);
    return {
      id: row.id,
      seriesId: row.seriesId,
      pairId: row.pairId,
      occurrenceIndex: row.occurrenceIndex,
      start: row.startAt,
      end: row.endAt,
      status: row.status,
      agenda: row.agenda,
      topics: parseTopics(row.topics),
      sharedNotes: row.sharedNotes,
      myConfirmation: mine ?? null,
      partnerConfirmation: partner ?? null,
      myFeedback: rated ? { rating: rated.rating, comment: rated.comment } : null,
      canConfirm: canConfirm(row, now),
      seenInTeams: row.teamsAttendanceAt !== null,
    };
  });
}

function toSeries(row: SeriesWithOrganizerRow, viewerId: string, deps: MeetingsDeps) {
  return {
    id: row.id,
    pairId: row.pairId,
    organizer: { id: row.organizerId, displayName: row.organizerName, jobTitle: row.organizerJobTitle, department: row.organizerDepartment },
    timeZone: row.timeZone,
    startLocal: row.startLocal,
    durationMinutes: row.durationMinutes,
    frequency: row.frequency,
    count: row.occurrenceCount,
    until: row.untilDate,
    agenda: row.agenda,
    calendar: calendarView(row, viewerId, deps),
    cancelledAt: row.cancelledAt,
  };
}

/** The series' Outlook state as the viewer may act on it (see docs/outlook-sync.md). */
function calendarView(row: SeriesWithOrganizerRow, viewerId: string, deps: MeetingsDeps) {
  const problem = row.calendarStatus === 'synced' || row.calendarStatus === 'not-connected' ? null : row.calendarProblem;
  return {
    status: row.calendarStatus,
    ...(row.joinUrl ? { joinUrl: row.joinUrl } : {}),
    ...(problem ? { problem, detail: problemDetail(problem, row) } : {}),
    ...(row.calendarStatus === 'pending' && row.nextSyncAt ? { nextAttemptAt: row.nextSyncAt } : {}),
    canSync: Boolean(deps.calendarSync) && row.organizerId === viewerId && row.calendarStatus !== 'synced',
  };
}

function problemDetail(problem: CalendarProblem, row: SeriesWithOrganizerRow): string {
  switch (problem) {
    case 'awaiting-organizer':
      return `The check-ins changed in Tandem. ${row.organizerName} needs to update their Outlook calendar.`;
    case 'consent-required':
      return `${row.organizerName} needs to allow Tandem to use their Outlook calendar.`;
    default:
      return row.lastSyncError ?? 'Outlook could not be updated.';
  }
}

function parseTopics(stored: string | null): string[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether members may now say if it happened: its scheduled end has passed and it wasn't cancelled. */
function canConfirm(row: Pick<MeetingRow, 'endAt' | 'status'>, now: string): boolean {
  return row.endAt <= now && row.status !== 'cancelled';
}

// ---------------------------------------------------------------------------------------------
// One occurrence

export async function changeMeeting(deps: MeetingsDeps, user: CurrentUser, meetingId: string, change: MeetingChange) {
  const { access } = await meetingForMember(deps, user, meetingId);
  requireOpenPair(access);
  const now = deps.clock.now().toISOString();
  let seriesTouched: string | undefined;

  await deps.db.transaction().execute(async (trx) => {
    await lockOpenPair(trx, access, now);
    // Re-read under the pair lock: the partner may have changed it since the access check.
    const meeting = await findMeeting(trx, meetingId);
    if (!meeting) throw AppError.notFound('This check-in');

    if (change.status === 'held' || change.status === 'missed') {
      await confirm(trx, meeting, user.id, change.status, now);
    } else if (change.status === 'cancelled') {
      if (meeting.status !== 'scheduled' || meeting.startAt <= now) {
        throw new AppError('conflict', meeting.status === 'cancelled' ? 'This check-in is already cancelled.' : 'Only a check-in that is still to come can be cancelled.');
      }
      await updateMeeting(trx, meeting.id, { status: 'cancelled', updatedAt: now });
      await updateSeries(trx, meeting.seriesId, { updatedAt: now });
      await markSeriesChanged(trx, meeting.seriesId, user.id, now);
      seriesTouched = meeting.seriesId;
    } else if (change.start !== undefined) {
      if (meeting.status !== 'scheduled') {
        throw new AppError('conflict', `This check-in is ${meeting.status}, so it can't be moved. Only a scheduled check-in can.`);
      }
      const series = await findSeries(trx, meeting.seriesId);
      const zone = change.timeZone ?? series?.timeZone ?? 'UTC';
      const local = requireLocalStart(change.start, zone, 'start', now);
      const start = resolveLocal(local, zone).instant;
      const duration = Date.parse(meeting.endAt) - Date.parse(meeting.startAt);
      // originalStartAt stays: it is the RECURRENCE-ID that tells calendars which occurrence moved.
      await updateMeeting(trx, meeting.id, { startAt: toUtcIso(start), endAt: toUtcIso(start.plus({ milliseconds: duration })), updatedAt: now });
      await updateSeries(trx, meeting.seriesId, { updatedAt: now });
      await markSeriesChanged(trx, meeting.seriesId, user.id, now);
      seriesTouched = meeting.seriesId;
    } else if (change.agenda !== undefined || change.topics !== undefined) {
      if (meeting.status === 'cancelled') throw new AppError('conflict', 'This check-in was cancelled, so its agenda can no longer be changed.');
      await updateMeeting(trx, meeting.id, {
        ...(change.agenda !== undefined ? { agenda: blankToNull(change.agenda) } : {}),
        ...(change.topics !== undefined ? { topics: change.topics.length > 0 ? JSON.stringify([...new Set(change.topics)]) : null } : {}),
        updatedAt: now,
      });
    } else if (change.sharedNotes !== undefined) {
      await updateMeeting(trx, meeting.id, { sharedNotes: blankToNull(change.sharedNotes), updatedAt: now });
    }
  });
  if (seriesTouched) await notifyCalendar(deps, seriesTouched, user.id);
  return loadMeeting(deps, access, user.id, meetingId);
}

/**
 * Records the member's answer and settles the occurrence from everyone's answers, in the
 * caller's transaction: held if anyone says held (or Teams saw them both), otherwise missed.
 */
async function confirm(trx: Kysely<Database>, meeting: MeetingRow, userId: string, status: 'held' | 'missed', now: string) {
  if (meeting.status === 'cancelled') throw new AppError('conflict', 'This check-in was cancelled, so there is nothing to confirm.');
  if (!canConfirm(meeting, now)) throw new AppError('conflict', "This check-in hasn't ended yet. You can confirm it once its scheduled end has passed.");
  // The pair row lock taken by the caller makes the members' confirmations take turns.
  if (await findConfirmation(trx, meeting.id, userId)) await updateConfirmation(trx, meeting.id, userId, { status, confirmedAt: now });
  else await insertConfirmation(trx, { meetingId: meeting.id, userId, status, confirmedAt: now });
  const answers = await listConfirmations(trx, [meeting.id]);
  // Teams saw both members in the meeting: that settles it as held whatever anyone answers.
  const settled: MeetingStatus = meeting.teamsAttendanceAt !== null || answers.some((a) => a.status === 'held') ? 'held' : 'missed';
  await updateMeeting(trx, meeting.id, { status: settled, updatedAt: now });
}

function blankToNull(text: string | null): string | null {
  return text === null || text.trim() === '' ? null : text;
}

async function loadMeeting(deps: MeetingsDeps, access: PairAccess, userId: string, meetingId: string) {
  const row = await findMeeting(deps.db, meetingId);
  if (!row) throw AppError.notFound('This check-in');
  const [meeting] = await toMeetings(deps.db, access, userId, [row], deps.clock.now().toISOString());
  return meeting!;
}

/** Members only; to anyone else a check-in does not exist, whether or not its pair does. */
async function meetingForMember(deps: MeetingsDeps, user: CurrentUser, meetingId: string): Promise<{ meeting: MeetingRow; access: PairAccess }> {
  const meeting = await findMeeting(deps.db, meetingId);
  if (!meeting) throw AppError.notFound('This check-in');
  return { meeting, access: await asMember(deps, user, meeting.pairId, 'This check-in') };
}

async function seriesForMember(deps: MeetingsDeps, user: CurrentUser, seriesId: string): Promise<{ series: SeriesRow; access: PairAccess }> {
  const series = await findSeries(deps.db, seriesId);
  if (!series) throw AppError.notFound('This check-in series');
  return { series, access: await asMember(deps, user, series.pairId, 'This check-in series') };
}

function asMember(deps: MeetingsDeps, user: CurrentUser, pairId: string, what: string): Promise<PairAccess> {
  return requirePairAccess(deps.db, user, pairId, { notFound: what });
}

/** Serialises writers in the pair, records activity, and re-checks the pair is still open. */
async function lockOpenPair(trx: Kysely<Database>, access: PairAccess, now: string): Promise<void> {
  const status = await lockPairForWrite(trx, access.pairId, now);
  requireOpenPair({ ...access, status });
}

// ---------------------------------------------------------------------------------------------
// Feedback

export async function rateMeeting(deps: MeetingsDeps, user: CurrentUser, meetingId: string, input: FeedbackInput) {
  const { access } = await meetingForMember(deps, user, meetingId);
  requireOpenPair(access);
  const now = deps.clock.now().toISOString();
  const comment = blankToNull(input.comment ?? null);
  const created = await deps.db.transaction().execute(async (trx) => {
    await lockOpenPair(trx, access, now);
    const meeting = await findMeeting(trx, meetingId);
    if (!meeting) throw AppError.notFound('This check-in');
    if (meeting.status !== 'held') {
      throw new AppError('conflict', 'You can rate a check-in once it has been confirmed as held.');
    }
    if (await findFeedback(trx, meetingId, user.id)) {
      await updateFeedback(trx, meetingId, user.id, { rating: input.rating, comment });
      return false;
    }
    await insertFeedback(trx, { meetingId, userId: user.id, rating: input.rating, comment, createdAt: now });
    return true;
  });
  return { created, feedback: { rating: input.rating, comment } };
}

// ---------------------------------------------------------------------------------------------
// Series

/**
 * Changes a series. A change of time, zone or length regenerates its future scheduled
 * occurrences; past ones and anything already confirmed or cancelled are history and stay.
 * The k-th upcoming occurrence becomes the k-th upcoming one of the new rule, keeping its id
 * (so its agenda, notes and linked action items stay with it) and getting a fresh occurrence
 * index after the highest one used; the rule's extra occurrences are added and any left over
 * are cancelled rather than deleted, since other features' rows may point at them.
 */
export async function changeSeries(deps: MeetingsDeps, user: CurrentUser, seriesId: string, change: SeriesChange) {
  const { series, access } = await seriesForMember(deps, user, seriesId);
  requireOpenPair(access);
  requireLiveSeries(series);
  const now = deps.clock.now().toISOString();
  const timeZone = change.timeZone ?? series.timeZone;
  const startLocal = change.startLocal !== undefined ? normalizeLocalDateTime(change.startLocal) : series.startLocal;
  const field = change.startLocal !== undefined ? 'startLocal' : change.timeZone !== undefined ? 'timeZone' : 'durationMinutes';
  if (!startLocal) throw AppError.validation([{ field: 'startLocal', message: 'Use a real local date and time, YYYY-MM-DDTHH:mm:ss' }]);
  if (!resolveLocal(startLocal, timeZone).exists) {
    throw AppError.validation([
      { field, message: `${startLocal.slice(11, 16)} does not exist on ${startLocal.slice(0, 10)} in ${timeZone}: the clocks skip it. Choose another time.` },
    ]);
  }
  const durationMinutes = change.durationMinutes ?? series.durationMinutes;
  const retime = startLocal !== series.startLocal || timeZone !== series.timeZone || durationMinutes !== series.durationMinutes;

  await deps.db.transaction().execute(async (trx) => {
    await lockOpenPair(trx, access, now);
    const current = await findSeries(trx, seriesId);
    if (!current) throw AppError.notFound('This check-in series');
    requireLiveSeries(current);
    const agenda = change.agenda !== undefined ? blankToNull(change.agenda) : current.agenda;
    if (retime) {
      const rule = { startLocal, timeZone, durationMinutes, frequency: current.frequency, count: current.occurrenceCount, until: current.untilDate };
      await regenerate(trx, current, rule, agenda, now, field);
    }
    await updateSeries(trx, seriesId, { startLocal, timeZone, durationMinutes, agenda, updatedAt: now });
    await markSeriesChanged(trx, seriesId, user.id, now);
  });
  await notifyCalendar(deps, seriesId, user.id);
  const [view] = (await listSeriesWithOrganizer(deps.db, { seriesId })).map((s) => toSeries(s, user.id, deps));
  const upcoming = (await listMeetingsOfSeries(deps.db, seriesId)).filter((m) => m.status === 'scheduled' && m.startAt > now);
  return { ...view!, meetings: await toMeetings(deps.db, access, user.id, upcoming, now) };
}

/** `agenda` is what occurrences the rule adds start with: the series' agenda after the change. */
async function regenerate(trx: Kysely<Database>, series: SeriesRow, rule: SeriesRule, agenda: string | null, now: string, field: string) {
  const existing = await listMeetingsOfSeries(trx, series.id);
  const replaceable = existing.filter((m) => m.status === 'scheduled' && m.startAt > now);
  // A day that already has its check-in (held, missed, cancelled, or under way) gets no second
  // one: a cancelled 31 March stays cancelled when the series moves from 10:00 to 15:00.
  const keptDays = new Set(existing.filter((m) => !replaceable.includes(m)).map((m) => toLocal(m.originalStartAt, series.timeZone).slice(0, 10)));
  const fresh = computeOccurrences(rule).filter((o) => o.start > now && !keptDays.has(toLocal(o.start, rule.timeZone).slice(0, 10)));
  if (fresh.length === 0 && replaceable.length > 0) {
    throw AppError.validation([{ field, message: 'With this change no check-in of the series would be left in the future. Choose a later start.' }]);
  }
  let nextIndex = Math.max(-1, ...existing.map((m) => m.occurrenceIndex)) + 1;
  const toInsert = [];
  for (const [k, occurrence] of fresh.entries()) {
    const row = replaceable[k];
    const times = { startAt: occurrence.start, endAt: occurrence.end, originalStartAt: occurrence.start, occurrenceIndex: nextIndex++, updatedAt: now };
    if (row) await updateMeeting(trx, row.id, times);
    else {
      toInsert.push({
        id: uuidv7(), seriesId: series.id, pairId: series.pairId, status: 'scheduled' as const, agenda, topics: null, sharedNotes: null,
        externalEventId: null, createdAt: now, ...times,
      });
    }
  }
  await insertMeetings(trx, toInsert);
  const leftOver = replaceable.slice(fresh.length).map((m) => m.id);
  if (leftOver.length > 0) await updateMeetingsStatus(trx, leftOver, 'cancelled', now);
}

export async function cancelSeries(deps: MeetingsDeps, user: CurrentUser, seriesId: string) {
  const { access } = await seriesForMember(deps, user, seriesId);
  requireOpenPair(access);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenPair(trx, access, now);
    const current = await findSeries(trx, seriesId);
    if (!current) throw AppError.notFound('This check-in series');
    requireLiveSeries(current);
    await cancelFutureScheduledOfSeries(trx, seriesId, now);
    await updateSeries(trx, seriesId, { cancelledAt: now, updatedAt: now });
    await markSeriesChanged(trx, seriesId, user.id, now);
  });
  await notifyCalendar(deps, seriesId, user.id);
  return seriesView(deps, user.id, seriesId);
}

async function seriesView(deps: MeetingsDeps, viewerId: string, seriesId: string) {
  const [view] = (await listSeriesWithOrganizer(deps.db, { seriesId })).map((s) => toSeries(s, viewerId, deps));
  if (!view) throw AppError.notFound('This check-in series');
  return view;
}

/**
 * "Retry now" / "Update Outlook": only the organiser can, since Tandem acts on Outlook as the
 * person whose calendar holds the series.
 */
export async function syncSeriesCalendar(deps: MeetingsDeps, user: CurrentUser, seriesId: string) {
  const { series } = await seriesForMember(deps, user, seriesId);
  if (!deps.calendarSync) {
    throw new AppError('conflict', 'Outlook sync is not set up on this Tandem server. Use "Add to calendar" or your Tandem calendar link instead.');
  }
  if (series.organizerId !== user.id) {
    const [view] = await listSeriesWithOrganizer(deps.db, { seriesId });
    throw new AppError('forbidden', `Only ${view?.organizerName ?? 'the organiser'}, who booked these check-ins, can update them in Outlook.`);
  }
  await deps.calendarSync.syncNow(seriesId, user.id);
  return seriesView(deps, user.id, seriesId);
}

function requireLiveSeries(series: SeriesRow): void {
  if (series.cancelledAt !== null) throw new AppError('conflict', 'This check-in series was cancelled, so it can no longer be changed.');
}

async function notifyCalendar(deps: MeetingsDeps, seriesId: string, actorId: string): Promise<void> {
  if (!deps.calendarSync) return;
  try {
    await deps.calendarSync.seriesChanged(seriesId, actorId);
  } catch {
    // The booking is committed and is the source of truth; a sync failure is the sync's to record and retry.
  }
}
