import type { Kysely } from 'kysely';
import { DateTime, IANAZone } from 'luxon';
import { lacksTime, DORMANT_AFTER_DAYS } from '../admin-pairs/at-risk';
import { AT_RISK_GAP_FACTOR, CADENCE_DAYS, FIRST_MEETING_GRACE_DAYS } from '../analytics/cadence';
import type { Database } from '../db/schema';
import { PULSE_ANSWER_GAP_DAYS } from '../surveys/surveys.service';
import type { NotificationKind, NudgeDraft } from '../notifications/kinds';
import type { NotificationPayloads } from '../notifications/texts';
import {
  endedMeetings,
  goalsCompleted,
  inactivePairs,
  openActionItemsDue,
  pendingRequestsSent,
  pulseCandidates,
  quietPairs,
  recentlyHeldMeetings,
  requestsAnswered,
  scheduledMeetingsStarting,
} from './nudges.queries';

/**
 * What is due now, as drafts (docs/nudges.md, "Kinds"): one rule per kind the scheduler writes
 * (`pair-created` is written by `createPair`). Read-only and deterministic for a given `now` and
 * database, so two runs propose the same dedupe keys and `enqueueNudges` stores each once.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The early reminder goes out once a check-in is this close… */
export const REMINDER_AHEAD_MS = 24 * HOUR_MS;
/** …and the late one from here on (the early one no longer makes sense). */
export const LAST_CALL_AHEAD_MS = 15 * MINUTE_MS;
/** A check-in whose end is further back than this is no longer worth asking about. */
export const CONFIRM_WINDOW_DAYS = 7;
/** No check-in lasts longer (the API caps a series at 240 minutes): bounds the scan by start. */
const LONGEST_MEETING_MS = DAY_MS;
/**
 * Event rules (requests, goals, milestones) look back this far only, so switching nudges on over
 * years of history tells nobody about old news.
 */
export const EVENT_LOOKBACK_HOURS = 48;
/** A request unanswered this long reminds the mentor once. */
export const REQUEST_WAITING_DAYS = 5;
/**
 * An overdue action item is brought up once, on any run in the first days after its due date
 * (so a scheduler outage doesn't lose it), never for items that went overdue long ago.
 */
export const OVERDUE_LOOKBACK_DAYS = 7;
/** Held check-ins worth a celebration, by their rank in the pair's history. */
export const MILESTONES: readonly number[] = [1, 5, 10, 25];
/** The first pulse survey, days after the pair's start… */
export const PULSE_FIRST_DAYS = 30;
/** …then one every this many days… */
export const PULSE_EVERY_DAYS = 90;
/** …but never two within this many days for a pair (nor to someone who answered one lately: `PULSE_ANSWER_GAP_DAYS`). */
export const PULSE_QUIET_DAYS = 30;
/**
 * A period's prompt is only sent in its first days: turning nudges on over years of history (or
 * after the scheduler was off) must not ask every pair at once — those wait for their next period.
 */
export const PULSE_WINDOW_DAYS = 7;

type NudgeKind = Exclude<NotificationKind, 'pair-created'>;

function draft<K extends NudgeKind>(
  kind: K,
  userId: string,
  dedupeKey: string,
  pairId: string | null,
  notBefore: string,
  payload: NotificationPayloads[K],
): NudgeDraft {
  return { userId, kind, dedupeKey, pairId, notBefore, payload: { ...payload } };
}

function isoPlus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** The person's zone for "today" and "tomorrow": their profile's, UTC when unknown or unusable. */
function zoneOf(timeZone: string | null): string {
  return timeZone && IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';
}

/** Midnight starting `date` (YYYY-MM-DD) in `zone`, as a UTC instant. */
function localMidnight(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).startOf('day').toUTC().toJSDate().toISOString();
}

interface MemberRow {
  pairId: string;
  mentorId: string;
  mentorName: string;
  mentorTimeZone: string | null;
  menteeId: string;
  menteeName: string;
  menteeTimeZone: string | null;
}

interface Member {
  userId: string;
  role: 'mentor' | 'mentee';
  partnerName: string;
  timeZone: string | null;
}

/** Both members of a pair, each with the other's name. */
function membersOf(row: MemberRow): Member[] {
  return [
    { userId: row.mentorId, role: 'mentor', partnerName: row.menteeName, timeZone: row.mentorTimeZone },
    { userId: row.menteeId, role: 'mentee', partnerName: row.mentorName, timeZone: row.menteeTimeZone },
  ];
}

// ---- check-ins ------------------------------------------------------------------------------

/** Both members, 24 h and again 15 min before a scheduled check-in; a moved check-in is reminded anew. */
async function meetingReminders(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const nowMs = Date.parse(now);
  const rows = await scheduledMeetingsStarting(db, now, isoPlus(now, REMINDER_AHEAD_MS));
  return rows.flatMap((m) => {
    const lastCall = Date.parse(m.startAt) - nowMs <= LAST_CALL_AHEAD_MS;
    const kind = lastCall ? 'meeting-reminder-15m' : 'meeting-reminder-24h';
    const notBefore = isoPlus(m.startAt, -(lastCall ? LAST_CALL_AHEAD_MS : REMINDER_AHEAD_MS));
    return membersOf(m).map((member) =>
      draft(kind, member.userId, `${kind}:${m.meetingId}:${m.startAt}:${member.userId}`, m.pairId, notBefore, {
        pairId: m.pairId,
        meetingId: m.meetingId,
        startAt: m.startAt,
        endAt: m.endAt,
        partnerName: member.partnerName,
        joinUrl: m.joinUrl,
      }),
    );
  });
}

/** Each member who hasn't said whether a check-in that ended in the last 7 days happened. */
async function meetingConfirms(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const endedSince = isoPlus(now, -CONFIRM_WINDOW_DAYS * DAY_MS);
  const rows = await endedMeetings(db, endedSince, now, isoPlus(endedSince, -LONGEST_MEETING_MS));
  return rows.flatMap((m) =>
    membersOf(m)
      .filter((member) => (member.role === 'mentor' ? m.mentorConfirmed : m.menteeConfirmed) === null)
      .map((member) =>
        draft('meeting-confirm', member.userId, `meeting-confirm:${m.meetingId}:${member.userId}`, m.pairId, m.endAt, {
          pairId: m.pairId,
          meetingId: m.meetingId,
          startAt: m.startAt,
          endAt: m.endAt,
          partnerName: member.partnerName,
        }),
      ),
  );
}

// ---- action items ---------------------------------------------------------------------------

/**
 * The owner, the day before an open item is due and once it is overdue — both by the owner's own
 * calendar, so "tomorrow" turns over at their midnight, not the server's.
 */
async function actionItemNudges(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  // Local dates lie within a day of the UTC date: widen the window by a day each way.
  const utcToday = DateTime.fromISO(now, { zone: 'UTC' });
  const rows = await openActionItemsDue(db, utcToday.minus({ days: OVERDUE_LOOKBACK_DAYS + 1 }).toISODate()!, utcToday.plus({ days: 2 }).toISODate()!);
  const drafts: NudgeDraft[] = [];
  for (const item of rows) {
    const owner = membersOf(item).find((m) => m.userId === item.ownerId);
    if (!owner || item.dueOn === null) continue;
    const zone = zoneOf(owner.timeZone);
    const today = DateTime.fromISO(now, { zone });
    const payload = { pairId: item.pairId, actionItemId: item.actionItemId, text: item.text, dueOn: item.dueOn, partnerName: owner.partnerName };
    if (item.dueOn === today.plus({ days: 1 }).toISODate()) {
      const dayBefore = DateTime.fromISO(item.dueOn, { zone }).minus({ days: 1 }).toISODate()!;
      drafts.push(
        draft(
          'action-due-tomorrow',
          owner.userId,
          `action-due-tomorrow:${item.actionItemId}:${item.dueOn}`,
          item.pairId,
          localMidnight(dayBefore, zone),
          payload,
        ),
      );
    } else if (item.dueOn < today.toISODate()! && item.dueOn >= today.minus({ days: OVERDUE_LOOKBACK_DAYS }).toISODate()!) {
      const dayAfter = DateTime.fromISO(item.dueOn, { zone }).plus({ days: 1 }).toISODate()!;
      drafts.push(
        draft('action-overdue', owner.userId, `action-overdue:${item.actionItemId}:${item.dueOn}`, item.pairId, localMidnight(dayAfter, zone), payload),
      );
    }
  }
  return drafts;
}

// ---- the relationship -----------------------------------------------------------------------

/**
 * Both members, once per lapse, when the pair lacks time exactly as the admin's at-risk list says
 * (`lacksTime`: no held check-in for 1.5 × the cadence, the first-meeting grace aside). A lapse is
 * identified by the check-in (or start) it is counted from; a nudge stored since then means this
 * lapse was already told, and the next held check-in starts a new one.
 */
async function cadenceLapsed(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const shortestLapseDays = Math.min(...Object.values(CADENCE_DAYS)) * AT_RISK_GAP_FACTOR;
  const rows = await quietPairs(db, isoPlus(now, -shortestLapseDays * DAY_MS), now);
  return rows.flatMap((p) => {
    const cadence = p.agreedCadence ?? p.defaultCadence;
    if (!lacksTime({ now, startedAt: p.startedAt, cadence, cadenceAgreed: p.agreedCadence !== null, lastHeldAt: p.lastHeldAt })) return [];
    const since = p.lastHeldAt ?? p.startedAt;
    if (p.lastNudgedAt !== null && p.lastNudgedAt >= since) return [];
    const graceDays = p.lastHeldAt === null ? FIRST_MEETING_GRACE_DAYS : 0;
    const lapsedAt = isoPlus(since, (graceDays + CADENCE_DAYS[cadence] * AT_RISK_GAP_FACTOR) * DAY_MS);
    return membersOf(p).map((member) =>
      draft('cadence-lapsed', member.userId, `cadence-lapsed:${p.pairId}:${member.userId}:${since}`, p.pairId, lapsedAt, {
        pairId: p.pairId,
        partnerName: member.partnerName,
        lastHeldAt: p.lastHeldAt,
        cadence,
      }),
    );
  });
}

/**
 * Both members, once per quiet spell, after 90 days without activity: re-commit or complete.
 * A prompt stored after the last activity means this spell was already prompted.
 */
async function dormantPairs(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const rows = await inactivePairs(db, isoPlus(now, -DORMANT_AFTER_DAYS * DAY_MS));
  return rows.flatMap((p) => {
    if (p.lastPromptAt !== null && p.lastPromptAt >= p.lastActivityAt) return [];
    const notBefore = isoPlus(p.lastActivityAt, DORMANT_AFTER_DAYS * DAY_MS);
    return membersOf(p).map((member) =>
      draft('dormant-pair', member.userId, `dormant-pair:${p.pairId}:${member.userId}:${p.lastActivityAt}`, p.pairId, notBefore, {
        pairId: p.pairId,
        partnerName: member.partnerName,
        lastActivityAt: p.lastActivityAt,
      }),
    );
  });
}

/**
 * Each member, 30 days after the pair's start and every 90 days after that (n = 0, 1, …): at most
 * once per period, never within 30 days of the pair's last prompt, and not to a member who
 * answered a pulse survey in the last 30 days. A period is prompted only in its first
 * `PULSE_WINDOW_DAYS`; later than that it waits for the next period.
 */
async function pulseSurveys(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const nowMs = Date.parse(now);
  const quietSince = isoPlus(now, -PULSE_QUIET_DAYS * DAY_MS);
  // The same gap the survey itself enforces: whoever couldn't answer again isn't asked to.
  const answeredSince = isoPlus(now, -PULSE_ANSWER_GAP_DAYS * DAY_MS);
  const rows = await pulseCandidates(db, isoPlus(now, -PULSE_FIRST_DAYS * DAY_MS));
  return rows.flatMap((p) => {
    const n = Math.floor((nowMs - Date.parse(p.startedAt) - PULSE_FIRST_DAYS * DAY_MS) / (PULSE_EVERY_DAYS * DAY_MS));
    if (n < 0) return [];
    const dueAt = isoPlus(p.startedAt, (PULSE_FIRST_DAYS + n * PULSE_EVERY_DAYS) * DAY_MS);
    if (nowMs > Date.parse(dueAt) + PULSE_WINDOW_DAYS * DAY_MS) return [];
    if (p.lastPromptAt !== null && (p.lastPromptAt >= dueAt || p.lastPromptAt > quietSince)) return [];
    return membersOf(p)
      .filter((member) => {
        const answeredAt = member.role === 'mentor' ? p.mentorAnsweredAt : p.menteeAnsweredAt;
        return answeredAt === null || answeredAt <= answeredSince;
      })
      .map((member) =>
        draft('pulse-survey', member.userId, `pulse-survey:${p.pairId}:${member.userId}:${n}`, p.pairId, dueAt, {
          pairId: p.pairId,
          partnerName: member.partnerName,
        }),
      );
  });
}

// ---- requests -------------------------------------------------------------------------------

/** The mentor, when a request arrives and again if it is still pending 5 days later. */
async function requestsToMentors(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const lookback = EVENT_LOOKBACK_HOURS * HOUR_MS;
  const waitingMs = REQUEST_WAITING_DAYS * DAY_MS;
  const [received, waiting] = await Promise.all([
    pendingRequestsSent(db, isoPlus(now, -lookback), now),
    pendingRequestsSent(db, isoPlus(now, -waitingMs - lookback), isoPlus(now, -waitingMs)),
  ]);
  const payload = (r: (typeof received)[number]) => ({ requestId: r.requestId, programName: r.programName, menteeName: r.menteeName, message: r.message });
  return [
    ...received.map((r) => draft('request-received', r.mentorId, `request-received:${r.requestId}`, null, r.createdAt, payload(r))),
    ...waiting.map((r) => draft('request-waiting', r.mentorId, `request-waiting:${r.requestId}`, null, isoPlus(r.createdAt, waitingMs), payload(r))),
  ];
}

/** The mentee, when their request was accepted or declined in the last 48 h. */
async function requestAnswers(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const rows = await requestsAnswered(db, isoPlus(now, -EVENT_LOOKBACK_HOURS * HOUR_MS), now);
  return rows.flatMap((r) => {
    if (r.respondedAt === null || (r.status !== 'accepted' && r.status !== 'declined')) return [];
    return [
      draft('request-answered', r.menteeId, `request-answered:${r.requestId}`, r.pairId, r.respondedAt, {
        requestId: r.requestId,
        programName: r.programName,
        mentorName: r.mentorName,
        status: r.status,
        pairId: r.pairId,
      }),
    ];
  });
}

// ---- celebrations ---------------------------------------------------------------------------

/** Both members, when a goal of their pair was completed in the last 48 h. */
async function goalCompletions(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const rows = await goalsCompleted(db, isoPlus(now, -EVENT_LOOKBACK_HOURS * HOUR_MS), now);
  return rows.flatMap((g) =>
    membersOf(g).map((member) =>
      draft('goal-completed', member.userId, `goal-completed:${g.goalId}:${member.userId}`, g.pairId, g.completedAt ?? now, {
        pairId: g.pairId,
        goalId: g.goalId,
        goalTitle: g.title,
        partnerName: member.partnerName,
      }),
    ),
  );
}

/**
 * Both members, when the pair's 1st, 5th, 10th or 25th held check-in was held in the last 48 h.
 * A check-in counts as held once someone confirms it, often the day after: one that started in
 * the confirmation window and was confirmed (changed) in the last 48 h counts too.
 */
async function milestones(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const rows = await recentlyHeldMeetings(
    db,
    isoPlus(now, -CONFIRM_WINDOW_DAYS * DAY_MS - LONGEST_MEETING_MS),
    isoPlus(now, -EVENT_LOOKBACK_HOURS * HOUR_MS),
    now,
  );
  return rows.flatMap((m) => {
    const count = Number(m.heldCount);
    if (!MILESTONES.includes(count)) return [];
    return membersOf(m).map((member) =>
      draft('milestone', member.userId, `milestone:${m.pairId}:${count}:${member.userId}`, m.pairId, m.endAt, {
        pairId: m.pairId,
        count,
        partnerName: member.partnerName,
      }),
    );
  });
}

// ---------------------------------------------------------------------------------------------

const RULES: ((db: Kysely<Database>, now: string) => Promise<NudgeDraft[]>)[] = [
  meetingReminders,
  meetingConfirms,
  actionItemNudges,
  cadenceLapsed,
  requestsToMentors,
  requestAnswers,
  goalCompletions,
  milestones,
  pulseSurveys,
  dormantPairs,
];

/** What is due now, as drafts (docs/nudges.md, "Kinds"). Read-only. */
export async function evaluateNudges(db: Kysely<Database>, now: string): Promise<NudgeDraft[]> {
  const at = new Date(now).toISOString();
  const batches: NudgeDraft[][] = [];
  // One after another: the rules share the caller's connection, and none is urgent.
  for (const rule of RULES) batches.push(await rule(db, at));
  return batches.flat();
}
