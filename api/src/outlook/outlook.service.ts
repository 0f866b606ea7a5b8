import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { OutlookConfig } from '../config/config';
import type { CalendarProblem, Database } from '../db/schema';
import { GRAPH_SCOPES, type DelegatedTokens } from '../graph/delegated-tokens';
import type { GraphCalendar, GraphClientFactory } from '../graph/graph-client';
import { GraphProblem, toGraphProblem } from '../graph/graph-errors';
import { acquireLease, releaseLease } from '../jobs/leases';
import type { CalendarSync, FreeBusyAnswer } from '../meetings/meetings.service';
import { buildEvent, graphDateTime, utcToLocal, type EventSource } from './outlook.event';
import {
  findOrganizerOfSeries,
  findPerson,
  findSeriesForSync,
  listDueSeries,
  listSeriesMeetings,
  updateSyncState,
  type SyncStateChange,
} from './outlook.queries';

export interface OutlookDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  tokens: DelegatedTokens;
  clients: GraphClientFactory;
  teamsAppId: string | null;
}

/** After this many transient failures in a row a series is flagged `failed` for a person to look at. */
export const MAX_SYNC_ATTEMPTS = 8;
const FIRST_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;
// Long enough for the slowest sync (a few dozen Graph calls with retries); a crashed holder frees it by then.
const LEASE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const BACKGROUND_BATCH = 25;
const CANCEL_COMMENT = 'Cancelled in Tandem.';
/** Marks a series whose Outlook event was deleted and must be created anew (followed by the old event id). */
const RECREATE = 'recreate-after:';

/** Delay before transient failure number `attempt` (1-based) is retried. */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
}

type SeriesForSync = NonNullable<Awaited<ReturnType<typeof findSeriesForSync>>>;
type SeriesMeeting = Awaited<ReturnType<typeof listSeriesMeetings>>[number];

/** The meetings domain's view of Outlook: told about changes, asked for free/busy. */
export function createCalendarSync(deps: OutlookDeps): CalendarSync {
  return {
    async seriesChanged(seriesId, actorId) {
      const series = await findOrganizerOfSeries(deps.db, seriesId);
      // The partner's changes wait for the organiser (the meetings domain flagged them).
      if (!series || series.calendarStatus === 'not-connected' || series.organizerId !== actorId) return;
      await syncSeries(deps, seriesId);
    },
    async syncNow(seriesId) {
      const now = deps.clock.now().toISOString();
      const series = await findSeriesForSync(deps.db, seriesId);
      if (!series) return;
      // A person asked: forget the backoff, and rebuild an event that vanished from Outlook.
      await updateSyncState(deps.db, seriesId, {
        calendarStatus: 'pending',
        calendarProblem: null,
        syncAttempts: 0,
        nextSyncAt: null,
        ...(series.calendarProblem === 'missing-in-outlook' && series.externalEventId
          ? { externalEventId: null, joinUrl: null, syncedFingerprint: `${RECREATE}${series.externalEventId}` }
          : {}),
        updatedAt: now,
      });
      await syncSeries(deps, seriesId);
    },
    async busyTimes(actorId, emails, from, to): Promise<FreeBusyAnswer> {
      try {
        const calendar = calendarOf(deps, actorId);
        return { busy: await calendar.busyTimes(emails, from, to) };
      } catch (error) {
        const problem = toGraphProblem(error);
        deps.logger.warn({ err: problem, kind: problem.kind }, 'free/busy from Outlook unavailable');
        return { unavailable: problem.kind === 'consent-required' ? 'consent-required' : 'unavailable' };
      }
    },
  };
}

/** One pass of the background sync on this instance; answers how many series it tried. */
export async function syncDueSeries(deps: OutlookDeps): Promise<number> {
  const acting = deps.tokens.actingUserIds();
  if (acting.length === 0) return 0;
  const now = deps.clock.now().toISOString();
  const due: { id: string }[] = [];
  for (let i = 0; i < acting.length && due.length < BACKGROUND_BATCH; i += 500) {
    due.push(...(await listDueSeries(deps.db, acting.slice(i, i + 500), now, BACKGROUND_BATCH - due.length)));
  }
  for (const series of due) await syncSeries(deps, series.id);
  return due.length;
}

function calendarOf(deps: OutlookDeps, userId: string): GraphCalendar {
  return deps.clients.calendarOf(userId, () => deps.tokens.tokenFor(userId));
}

/**
 * Brings Outlook in line with Tandem for one series, under a lease so no other caller or
 * instance works on it at the same time (if one is, it will see this change too: it re-reads
 * the version before it reports success).
 */
async function syncSeries(deps: OutlookDeps, seriesId: string): Promise<void> {
  const lease = `calendar-sync:${seriesId}`;
  const holder = uuidv7();
  const now = deps.clock.now();
  if (!(await acquireLease(deps.db, lease, holder, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString()))) return;
  try {
    // Changes that land while we work move the version; go round again to include them.
    for (let round = 0; round < 3; round++) {
      if (await syncOnce(deps, seriesId)) return;
    }
  } finally {
    await releaseLease(deps.db, lease, holder);
  }
}

/** true when the outcome (success or failure) is recorded; false when the series moved meanwhile. */
async function syncOnce(deps: OutlookDeps, seriesId: string): Promise<boolean> {
  const series = await findSeriesForSync(deps.db, seriesId);
  if (!series || series.calendarStatus === 'not-connected') return true;
  const version = series.calendarVersion;
  const now = deps.clock.now().toISOString();
  try {
    const partnerId = series.organizerId === series.mentorId ? series.menteeId : series.mentorId;
    const partner = await findPerson(deps.db, partnerId);
    if (!partner) throw new GraphProblem('rejected', 'The partner of this pair no longer exists.');
    const meetings = await listSeriesMeetings(deps.db, seriesId);
    const calendar = calendarOf(deps, series.organizerId);
    const state = { eventId: series.externalEventId, joinUrl: series.joinUrl, fingerprint: series.syncedFingerprint };
    const single = series.frequency === 'once' ? meetings[0] : undefined;
    const gone = series.cancelledAt !== null || (series.frequency === 'once' && (!single || single.status === 'cancelled'));

    if (gone) {
      if (state.eventId) await removeFromOutlook(deps, calendar, series, partner, meetings, state, now);
    } else {
      const source = eventSource(deps, series, partner, single);
      await pushMaster(deps, calendar, series, buildEvent(source), state, now);
      if (!state.joinUrl) state.joinUrl = (await calendar.getEvent(state.eventId!)).onlineMeeting?.joinUrl ?? null;
      if (series.frequency !== 'once') await reconcileOccurrences(calendar, series, state.eventId!, meetings, now);
    }
    return await updateSyncState(
      deps.db,
      seriesId,
      {
        calendarStatus: 'synced',
        calendarProblem: null,
        joinUrl: state.joinUrl,
        syncAttempts: 0,
        nextSyncAt: null,
        lastSyncError: null,
        syncedVersion: version,
        updatedAt: now,
      },
      version,
    );
  } catch (error) {
    return recordFailure(deps, series, version, toGraphProblem(error), now);
  }
}

function eventSource(deps: OutlookDeps, series: SeriesForSync, partner: { email: string; displayName: string }, single: SeriesMeeting | undefined): EventSource {
  // A one-off check-in lives on its meeting row (moving it changes the row, not the series).
  const startLocal = single ? utcToLocal(single.startAt, series.timeZone) : series.startLocal;
  const durationMinutes = single ? Math.round((Date.parse(single.endAt) - Date.parse(single.startAt)) / 60_000) : series.durationMinutes;
  return {
    seriesId: series.id,
    pairId: series.pairId,
    programName: series.programName,
    timeZone: series.timeZone,
    startLocal,
    durationMinutes,
    frequency: series.frequency,
    occurrenceCount: series.occurrenceCount,
    untilDate: series.untilDate,
    agenda: series.agenda,
    organizer: { displayName: series.organizerName },
    partner,
    teamsAppId: deps.teamsAppId,
  };
}

interface OutlookState {
  eventId: string | null;
  joinUrl: string | null;
  fingerprint: string | null;
}

/**
 * Creates the Outlook event, or PATCHes it when what it should hold differs from what it was
 * last sent. Each step is recorded as soon as Graph confirms it, whatever happens next, so a
 * retry never creates a second event.
 */
async function pushMaster(deps: OutlookDeps, calendar: GraphCalendar, series: SeriesForSync, body: Record<string, unknown>, state: OutlookState, now: string) {
  const fingerprint = JSON.stringify(body);
  if (!state.eventId) {
    // transactionId lets Graph recognise a retried create whose first answer was lost.
    let created;
    try {
      created = await calendar.createEvent({ ...body, transactionId: transactionIdOf(series.id, state.fingerprint) });
    } catch (error) {
      if (error instanceof GraphProblem && error.kind === 'not-found') throw new GraphProblem('rejected', 'Outlook has no calendar for the organiser that Tandem can use.');
      throw error;
    }
    state.eventId = created.id;
    state.joinUrl = created.onlineMeeting?.joinUrl ?? null;
  } else if (fingerprint !== state.fingerprint) {
    try {
      await calendar.updateEvent(state.eventId, body);
    } catch (error) {
      throw asMissingSeries(error);
    }
  } else {
    return;
  }
  state.fingerprint = fingerprint;
  await updateSyncState(deps.db, series.id, { externalEventId: state.eventId, joinUrl: state.joinUrl, syncedFingerprint: fingerprint, updatedAt: now });
}

/**
 * Future occurrences in Outlook become exactly Tandem's future scheduled ones: an occurrence
 * Tandem cancelled (or doesn't have) is cancelled, one Tandem moved is moved. Occurrences
 * already under way or past are history and left alone.
 */
async function reconcileOccurrences(calendar: GraphCalendar, series: SeriesForSync, eventId: string, meetings: SeriesMeeting[], now: string) {
  if (meetings.length === 0) return;
  const latest = Math.max(...meetings.map((m) => Math.max(Date.parse(m.originalStartAt), Date.parse(m.endAt))));
  const until = new Date(latest + 2 * DAY_MS).toISOString();
  if (until <= now) return;
  let instances;
  try {
    instances = await calendar.listInstances(eventId, now, until);
  } catch (error) {
    throw asMissingSeries(error);
  }
  const byOriginal = new Map(meetings.map((m) => [m.originalStartAt, m]));
  const localDay = (instant: string) => utcToLocal(instant, series.timeZone).slice(0, 10);
  const byDay = new Map(meetings.map((m) => [localDay(m.originalStartAt), m]));
  for (const instance of instances) {
    if (instance.start < now) continue;
    const original = instance.originalStart ?? instance.start;
    const meeting = byOriginal.get(original) ?? byDay.get(localDay(original));
    if (!meeting || meeting.status === 'cancelled') {
      await ignoringMissing(calendar.cancelEvent(instance.id, CANCEL_COMMENT));
    } else if (meeting.status === 'scheduled' && (meeting.startAt !== instance.start || meeting.endAt !== instance.end)) {
      await ignoringMissing(
        calendar.updateEvent(instance.id, {
          start: graphDateTime(utcToLocal(meeting.startAt, series.timeZone), series.timeZone),
          end: graphDateTime(utcToLocal(meeting.endAt, series.timeZone), series.timeZone),
        }),
      );
    }
  }
}

/**
 * A cancelled series leaves Outlook. If any of its check-ins already took place the series is
 * cut short after the last of them instead, so the pair's history stays in their calendars.
 */
async function removeFromOutlook(
  deps: OutlookDeps,
  calendar: GraphCalendar,
  series: SeriesForSync,
  partner: { email: string; displayName: string },
  meetings: SeriesMeeting[],
  state: OutlookState,
  now: string,
) {
  const begun = meetings.filter((m) => m.originalStartAt <= now);
  if (series.frequency === 'once' || begun.length === 0) {
    if (state.fingerprint === 'cancelled') return;
    await ignoringMissing(calendar.cancelEvent(state.eventId!, CANCEL_COMMENT));
    state.fingerprint = 'cancelled';
    await updateSyncState(deps.db, series.id, { syncedFingerprint: state.fingerprint, updatedAt: now });
    return;
  }
  const lastDay = utcToLocal(begun[begun.length - 1]!.originalStartAt, series.timeZone).slice(0, 10);
  const source = { ...eventSource(deps, series, partner, undefined), occurrenceCount: null, untilDate: lastDay };
  try {
    await pushMaster(deps, calendar, series, buildEvent(source), state, now);
  } catch (error) {
    // Deleted in Outlook already: nothing left to cut short.
    if (!(error instanceof GraphProblem && error.kind === 'not-found')) throw error;
  }
}

/**
 * Stable across retries of one create, so Graph can spot a retry whose first answer was lost;
 * different for a re-creation after the first event was deleted, so Graph can't mistake it
 * for that one.
 */
function transactionIdOf(seriesId: string, fingerprint: string | null): string {
  if (!fingerprint?.startsWith(RECREATE)) return seriesId;
  return `${seriesId}-${createHash('sha256').update(fingerprint).digest('hex').slice(0, 12)}`;
}

async function ignoringMissing(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof GraphProblem && error.kind === 'not-found')) throw error;
  }
}

function asMissingSeries(error: unknown): unknown {
  return error instanceof GraphProblem && error.kind === 'not-found'
    ? new GraphProblem('not-found', 'The check-ins were deleted from the organiser’s Outlook calendar.')
    : error;
}

/** Records why the sync stopped and when (if ever) it runs again by itself. */
async function recordFailure(deps: OutlookDeps, series: SeriesForSync, version: number, problem: GraphProblem, now: string): Promise<boolean> {
  deps.logger.warn({ seriesId: series.id, kind: problem.kind, detail: problem.message }, 'Outlook sync did not complete');
  return updateSyncState(deps.db, series.id, { ...failureState(series, problem, now), updatedAt: now }, version);
}

function failureState(series: SeriesForSync, problem: GraphProblem, now: string): SyncStateChange {
  const flagged = (calendarProblem: CalendarProblem, lastSyncError = problem.message): SyncStateChange => ({
    calendarStatus: 'failed',
    calendarProblem,
    nextSyncAt: null,
    lastSyncError,
  });
  switch (problem.kind) {
    case 'no-session':
      // Nothing failed: we can't act as the organiser right now. Their next visit picks it up.
      return { calendarStatus: 'pending', nextSyncAt: null };
    case 'consent-required':
      return { calendarStatus: 'pending', calendarProblem: 'consent-required', nextSyncAt: null, lastSyncError: problem.message };
    case 'not-found':
      return flagged('missing-in-outlook');
    case 'rejected':
      return flagged('rejected');
    case 'throttled':
    case 'unreachable': {
      const attempts = series.syncAttempts + 1;
      if (attempts >= MAX_SYNC_ATTEMPTS) {
        return { ...flagged('unreachable', `${problem.message} Gave up after ${attempts} attempts.`), syncAttempts: attempts };
      }
      const wait = Math.max(backoffMs(attempts), (problem.retryAfterSeconds ?? 0) * 1000);
      return {
        calendarStatus: 'pending',
        calendarProblem: problem.kind,
        syncAttempts: attempts,
        nextSyncAt: new Date(Date.parse(now) + wait).toISOString(),
        lastSyncError: problem.message,
      };
    }
  }
}

/** What the tab's consent pop-up needs to send someone to Entra's consent screen. */
export function consentSettings(outlook: OutlookConfig | null) {
  if (!outlook) return { enabled: false };
  return {
    enabled: true,
    clientId: outlook.clientId,
    authorizeUrl: `${outlook.authorityHost}/${outlook.tenantId ?? 'organizations'}/oauth2/v2.0/authorize`,
    scopes: [...GRAPH_SCOPES, 'openid', 'profile', 'offline_access'],
  };
}
