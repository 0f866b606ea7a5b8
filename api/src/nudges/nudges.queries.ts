import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Set-based reads for the nudge rules (docs/nudges.md). The scheduler runs every few minutes over
 * a whole organisation, so every query here is one statement over an indexed window — meetings
 * by (status, start_at), requests by (program_id, status, created_at), a pair's rows by pair id —
 * never a query per pair or per person. Nothing here selects a note, a private note or a rating.
 */

type Db = Kysely<Database>;

/**
 * Active pairs of programs that aren't archived, with both members' names and time zones: the
 * only pairs that nudge.
 */
function activePairs(db: Db) {
  return db
    .selectFrom('pairs as p')
    .innerJoin('programs as pr', 'pr.id', 'p.programId')
    .innerJoin('users as mentor', 'mentor.id', 'p.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .where('p.status', '=', 'active')
    .where('pr.archivedAt', 'is', null);
}

const MEMBERS = [
  'p.id as pairId',
  'p.mentorId',
  'mentor.displayName as mentorName',
  'mentor.timeZone as mentorTimeZone',
  'p.menteeId',
  'mentee.displayName as menteeName',
  'mentee.timeZone as menteeTimeZone',
] as const;

/** Scheduled check-ins of active pairs starting in (after, until]. */
export function scheduledMeetingsStarting(db: Db, after: string, until: string) {
  return activePairs(db)
    .innerJoin('meetings as m', 'm.pairId', 'p.id')
    .innerJoin('meetingSeries as s', 's.id', 'm.seriesId')
    .select([...MEMBERS, 'm.id as meetingId', 'm.startAt', 'm.endAt', 's.joinUrl'])
    .where('m.status', '=', 'scheduled')
    .where('m.startAt', '>', after)
    .where('m.startAt', '<=', until)
    .execute();
}

/**
 * Check-ins of active pairs, not cancelled and not settled by Teams attendance, whose end lies in
 * [endedSince, now] and that a member hasn't confirmed yet, with who has. `startedSince` (the window's
 * start less the longest possible check-in) lets meetings(status, start_at) narrow the scan.
 */
export function endedMeetings(db: Db, endedSince: string, now: string, startedSince: string) {
  return (
    activePairs(db)
      .innerJoin('meetings as m', 'm.pairId', 'p.id')
      .leftJoin('meetingConfirmations as mentorSays', (join) => join.onRef('mentorSays.meetingId', '=', 'm.id').onRef('mentorSays.userId', '=', 'p.mentorId'))
      .leftJoin('meetingConfirmations as menteeSays', (join) => join.onRef('menteeSays.meetingId', '=', 'm.id').onRef('menteeSays.userId', '=', 'p.menteeId'))
      .select([...MEMBERS, 'm.id as meetingId', 'm.startAt', 'm.endAt', 'mentorSays.userId as mentorConfirmed', 'menteeSays.userId as menteeConfirmed'])
      .where('m.status', 'in', ['scheduled', 'held', 'missed'])
      .where('m.startAt', '>=', startedSince)
      .where('m.startAt', '<=', now)
      .where('m.endAt', '>=', endedSince)
      .where('m.endAt', '<=', now)
      .where('m.teamsAttendanceAt', 'is', null)
      // Only the confirmations' key columns are read, so their primary key answers without the rows.
      .where((eb) => eb.or([eb('mentorSays.userId', 'is', null), eb('menteeSays.userId', 'is', null)]))
      .execute()
  );
}

/**
 * Open action items of active pairs due in [fromDate, toDate], with the owner's time zone,
 * reached through each active pair's open items (action_items(pair_id, done_at)).
 */
export function openActionItemsDue(db: Db, fromDate: string, toDate: string) {
  return activePairs(db)
    .innerJoin('actionItems as a', 'a.pairId', 'p.id')
    .select([...MEMBERS, 'a.id as actionItemId', 'a.text', 'a.ownerId', 'a.dueOn'])
    .where('a.doneAt', 'is', null)
    .where('a.dueOn', '>=', fromDate)
    .where('a.dueOn', '<=', toDate)
    .execute();
}

/**
 * Active pairs that may have let their cadence lapse: started before `quietSince` and with no
 * check-in held in (quietSince, now] — the shortest lapse there is (1.5 × a week), so every
 * lapsed pair is here and most healthy ones are not. Each comes with its rhythm, its latest held
 * check-in up to now and its latest `cadence-lapsed` nudge; the caller decides.
 */
export function quietPairs(db: Db, quietSince: string, now: string) {
  return activePairs(db)
    .select((eb) => [
      ...MEMBERS,
      'p.startedAt',
      'p.agreedCadence',
      'pr.defaultCadence',
      eb
        .selectFrom('meetings as h')
        .select((e) => e.fn.max<string>('h.startAt').as('v'))
        .whereRef('h.pairId', '=', 'p.id')
        .where('h.status', '=', 'held')
        .where('h.startAt', '<=', now)
        .as('lastHeldAt'),
      eb
        .selectFrom('notifications as n')
        .select((e) => e.fn.max<string>('n.createdAt').as('v'))
        .whereRef('n.pairId', '=', 'p.id')
        .where('n.kind', '=', 'cadence-lapsed')
        .as('lastNudgedAt'),
    ])
    .where('p.startedAt', '<', quietSince)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('meetings as r')
            .select('r.id')
            .whereRef('r.pairId', '=', 'p.id')
            .where('r.status', '=', 'held')
            .where('r.startAt', '>', quietSince)
            .where('r.startAt', '<=', now),
        ),
      ),
    )
    .execute();
}

/** Pending requests in programs that aren't archived, sent in [since, until]. */
export function pendingRequestsSent(db: Db, since: string, until: string) {
  return db
    .selectFrom('mentorshipRequests as r')
    .innerJoin('programs as pr', 'pr.id', 'r.programId')
    .innerJoin('users as mentee', 'mentee.id', 'r.menteeId')
    .select(['r.id as requestId', 'r.mentorId', 'r.message', 'r.createdAt', 'pr.name as programName', 'mentee.displayName as menteeName'])
    .where('pr.archivedAt', 'is', null)
    .where('r.status', '=', 'pending')
    .where('r.createdAt', '>=', since)
    .where('r.createdAt', '<=', until)
    .execute();
}

/** Requests accepted or declined in [since, now], in programs that aren't archived. */
export function requestsAnswered(db: Db, since: string, now: string) {
  return db
    .selectFrom('mentorshipRequests as r')
    .innerJoin('programs as pr', 'pr.id', 'r.programId')
    .innerJoin('users as mentor', 'mentor.id', 'r.mentorId')
    .select(['r.id as requestId', 'r.menteeId', 'r.status', 'r.respondedAt', 'r.pairId', 'pr.name as programName', 'mentor.displayName as mentorName'])
    .where('pr.archivedAt', 'is', null)
    .where('r.status', 'in', ['accepted', 'declined'])
    .where('r.respondedAt', '>=', since)
    .where('r.respondedAt', '<=', now)
    .execute();
}

/** Live goals of active pairs completed in [since, now], through goals(pair_id, status). */
export function goalsCompleted(db: Db, since: string, now: string) {
  return activePairs(db)
    .innerJoin('goals as g', 'g.pairId', 'p.id')
    .select([...MEMBERS, 'g.id as goalId', 'g.title', 'g.completedAt'])
    .where('g.status', '=', 'done')
    .where('g.deletedAt', 'is', null)
    .where('g.completedAt', '>=', since)
    .where('g.completedAt', '<=', now)
    .execute();
}

/**
 * Held check-ins of active pairs that started in [startedSince, now] and started or were last
 * changed (confirmed) at or after `changedSince`, each with its rank among the pair's held
 * check-ins (1 = the first), counted through meetings(pair_id, status, start_at).
 */
export function recentlyHeldMeetings(db: Db, startedSince: string, changedSince: string, now: string) {
  return activePairs(db)
    .innerJoin('meetings as m', 'm.pairId', 'p.id')
    .select((eb) => [
      ...MEMBERS,
      'm.id as meetingId',
      'm.startAt',
      'm.endAt',
      eb
        .selectFrom('meetings as e')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('e.pairId', '=', 'p.id')
        .where('e.status', '=', 'held')
        .whereRef('e.startAt', '<=', 'm.startAt')
        .as('heldCount'),
    ])
    .where('m.status', '=', 'held')
    .where('m.startAt', '>=', startedSince)
    .where('m.startAt', '<=', now)
    .where((eb) => eb.or([eb('m.startAt', '>=', changedSince), eb('m.updatedAt', '>=', changedSince)]))
    .execute();
}

/**
 * Active pairs matched at or before `startedBefore`, with their latest `pulse-survey` nudge and
 * each member's latest pulse answer (only its date), through notifications(pair_id, kind) and
 * surveys(pair_id, kind).
 */
export function pulseCandidates(db: Db, startedBefore: string) {
  return activePairs(db)
    .select((eb) => {
      const lastAnswer = (member: 'p.mentorId' | 'p.menteeId') =>
        eb
          .selectFrom('surveys as s')
          .select((e) => e.fn.max<string>('s.createdAt').as('v'))
          .whereRef('s.pairId', '=', 'p.id')
          .where('s.kind', '=', 'pulse')
          .whereRef('s.userId', '=', member);
      return [
        ...MEMBERS,
        'p.startedAt',
        eb
          .selectFrom('notifications as n')
          .select((e) => e.fn.max<string>('n.createdAt').as('v'))
          .whereRef('n.pairId', '=', 'p.id')
          .where('n.kind', '=', 'pulse-survey')
          .as('lastPromptAt'),
        lastAnswer('p.mentorId').as('mentorAnsweredAt'),
        lastAnswer('p.menteeId').as('menteeAnsweredAt'),
      ];
    })
    .where('p.startedAt', '<=', startedBefore)
    .execute();
}

/** Active pairs with no activity since `inactiveSince`, with their latest `dormant-pair` nudge. */
export function inactivePairs(db: Db, inactiveSince: string) {
  return activePairs(db)
    .select((eb) => [
      ...MEMBERS,
      'p.lastActivityAt',
      eb
        .selectFrom('notifications as n')
        .select((e) => e.fn.max<string>('n.createdAt').as('v'))
        .whereRef('n.pairId', '=', 'p.id')
        .where('n.kind', '=', 'dormant-pair')
        .as('lastPromptAt'),
    ])
    .where('p.lastActivityAt', '<=', inactiveSince)
    .execute();
}
