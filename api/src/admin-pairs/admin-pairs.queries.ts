import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema';

/**
 * Set-based reads for the admin pairs table, the at-risk list and the CSV exports. Every
 * per-pair figure is one GROUP BY over the pairs in scope (never a query per pair), and the
 * scope is a subquery rather than a list of ids, so it stays one statement at 40k pairs and
 * never meets SQL Server's 2,100-parameter limit. Only a page (≤ 100 ids) is passed as a list.
 * No query here selects text a participant wrote.
 */

export interface PairScope {
  /** one program; otherwise every program that isn't archived (as the admin program list shows) */
  programId?: string | undefined;
  /** the mentee's `users.department` */
  department?: string | undefined;
  /** `pairs.startedAt` before this instant (the period end) */
  startedBefore?: string | undefined;
  /** only pairs whose status is `active` now */
  activeNow?: boolean | undefined;
  /** only pairs whose status is `active` or `paused` now */
  openNow?: boolean | undefined;
  /** only pairs whose status at this instant is active (docs/metrics.md: started, not ended, not paused by then) */
  activeAt?: string | undefined;
  /** only these pairs: a page of at most 100 */
  pairIds?: string[] | undefined;
}

function scopedPairIds(db: Kysely<Database>, scope: PairScope) {
  let q = db.selectFrom('pairs as sp').select('sp.id');
  if (scope.programId) q = q.where('sp.programId', '=', scope.programId);
  else if (!scope.pairIds) q = q.where('sp.programId', 'in', db.selectFrom('programs as spr').select('spr.id').where('spr.archivedAt', 'is', null));
  if (scope.department) q = q.where('sp.menteeId', 'in', db.selectFrom('users as su').select('su.id').where('su.department', '=', scope.department));
  if (scope.startedBefore) q = q.where('sp.startedAt', '<', scope.startedBefore);
  if (scope.activeNow) q = q.where('sp.status', '=', 'active');
  if (scope.openNow) q = q.where('sp.status', 'in', ['active', 'paused']);
  if (scope.activeAt) {
    const t = scope.activeAt;
    q = q
      .where('sp.startedAt', '<', t)
      .where((eb) => eb.or([eb('sp.endedAt', 'is', null), eb('sp.endedAt', '>=', t)]))
      .where((eb) => eb.or([eb('sp.status', '!=', 'paused'), eb('sp.pausedAt', 'is', null), eb('sp.pausedAt', '>=', t)]));
  }
  if (scope.pairIds) q = q.where('sp.id', 'in', scope.pairIds);
  return q;
}

/** The columns the pairs table sorts and filters on, for every pair in scope. */
export function listScopedPairs(db: Kysely<Database>, scope: PairScope) {
  return db
    .selectFrom('pairs as p')
    .innerJoin('programs as pr', 'pr.id', 'p.programId')
    .select(['p.id', 'p.programId', 'p.status', 'p.startedAt', 'p.pausedAt', 'p.endedAt', 'p.agreedAt', 'p.agreedCadence', 'p.lastActivityAt', 'pr.defaultCadence'])
    .where('p.id', 'in', scopedPairIds(db, scope))
    .execute();
}

export type ScopedPairRow = Awaited<ReturnType<typeof listScopedPairs>>[number];

/** Names and departments for display (a page, or everything for an export). */
export function pairPeople(db: Kysely<Database>, scope: PairScope) {
  return db
    .selectFrom('pairs as p')
    .innerJoin('programs as pr', 'pr.id', 'p.programId')
    .innerJoin('users as mentor', 'mentor.id', 'p.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .select([
      'p.id',
      'p.endReason',
      'pr.name as programName',
      'mentor.id as mentorId',
      'mentor.displayName as mentorName',
      'mentor.department as mentorDepartment',
      'mentee.id as menteeId',
      'mentee.displayName as menteeName',
      'mentee.department as menteeDepartment',
    ])
    .where('p.id', 'in', scopedPairIds(db, scope))
    .execute();
}

/**
 * Pairs in scope with a member the directory disabled or deleted (docs/directory.md,
 * "Departures"), and which of them: only such pairs come back.
 */
export function pairsWithDepartedMembers(db: Kysely<Database>, scope: PairScope) {
  return db
    .selectFrom('pairs as p')
    .innerJoin('users as mentor', 'mentor.id', 'p.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .select([
      'p.id as pairId',
      'mentor.accountEnabled as mentorEnabled',
      'mentor.directoryDeletedAt as mentorDeletedAt',
      'mentee.accountEnabled as menteeEnabled',
      'mentee.directoryDeletedAt as menteeDeletedAt',
    ])
    .where('p.id', 'in', scopedPairIds(db, scope))
    .where((eb) =>
      eb.or([
        eb('mentor.accountEnabled', '=', 0),
        eb('mentor.directoryDeletedAt', 'is not', null),
        eb('mentee.accountEnabled', '=', 0),
        eb('mentee.directoryDeletedAt', 'is not', null),
      ]),
    )
    .execute();
}

export interface MeetingFactsAt {
  periodStart: string;
  periodEnd: string;
  endSoFar: string;
  now: string;
}

/**
 * One pass over the check-ins of the pairs in scope: the latest held before the period's end
 * (so far), before now and before the period, and the period's held/missed counts.
 *
 * Statuses are tested inside the aggregates, never in WHERE, here and in the other meeting
 * queries: an equality on `status` lures SQLite's planner onto meetings(status, start_at), which
 * then visits every held check-in of the organisation (≈11 s at 1.9M meetings) instead of
 * walking meetings(pair_id, start_at) for the pairs in scope (≈0.8 s for 12k pairs).
 */
export function meetingFacts(db: Kysely<Database>, scope: PairScope, at: MeetingFactsAt) {
  return db
    .selectFrom('meetings as m')
    .select((eb) => {
      const held = eb('m.status', '=', 'held');
      const inPeriod = eb.and([eb('m.startAt', '>=', at.periodStart), eb('m.startAt', '<', at.periodEnd)]);
      return [
        'm.pairId',
        eb.fn.max<string | null>(eb.case().when(eb.and([held, eb('m.startAt', '<', at.endSoFar)])).then(eb.ref('m.startAt')).end()).as('lastHeldAt'),
        eb.fn.max<string | null>(eb.case().when(eb.and([held, eb('m.startAt', '<=', at.now)])).then(eb.ref('m.startAt')).end()).as('lastHeldNow'),
        eb.fn.max<string | null>(eb.case().when(eb.and([held, eb('m.startAt', '<', at.periodStart)])).then(eb.ref('m.startAt')).end()).as('lastHeldBefore'),
        eb.fn.sum<number>(eb.case().when(eb.and([held, inPeriod])).then(1).else(0).end()).as('held'),
        eb.fn.sum<number>(eb.case().when(eb.and([eb('m.status', '=', 'missed'), inPeriod])).then(1).else(0).end()).as('missed'),
      ];
    })
    .where('m.pairId', 'in', scopedPairIds(db, scope))
    .groupBy('m.pairId')
    .execute();
}

/** Check-ins starting in [from, to) with their status; the caller keeps the held ones (see meetingFacts). */
export function checkinsInWindow(db: Kysely<Database>, scope: PairScope, from: string, to: string) {
  return db
    .selectFrom('meetings as m')
    .select(['m.pairId', 'm.startAt', 'm.status'])
    .where('m.pairId', 'in', scopedPairIds(db, scope))
    .where('m.startAt', '>=', from)
    .where('m.startAt', '<', to)
    .execute();
}

/** Each pair's earliest scheduled check-in after `now` (null when only cancelled ones lie ahead). */
export function nextMeetings(db: Kysely<Database>, scope: PairScope, now: string) {
  return db
    .selectFrom('meetings as m')
    .select((eb) => ['m.pairId', eb.fn.min<string | null>(eb.case().when('m.status', '=', 'scheduled').then(eb.ref('m.startAt')).end()).as('nextAt')])
    .where('m.pairId', 'in', scopedPairIds(db, scope))
    .where('m.startAt', '>', now)
    .groupBy('m.pairId')
    .execute();
}

/** Live goals: how many, how many done, how many past their target date; `today` is `YYYY-MM-DD`. */
export function goalCounts(db: Kysely<Database>, scope: PairScope, today: string) {
  return db
    .selectFrom('goals as g')
    .select((eb) => [
      'g.pairId',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('g.status', '=', 'done').then(1).else(0).end()).as('done'),
      eb.fn
        .sum<number>(eb.case().when(eb.and([eb('g.targetDate', '<', today), eb('g.status', 'not in', ['done', 'dropped'])])).then(1).else(0).end())
        .as('overdue'),
    ])
    .where('g.pairId', 'in', scopedPairIds(db, scope))
    .where('g.deletedAt', 'is', null)
    .groupBy('g.pairId')
    .execute();
}

/** Open action items: how many, how many past due, how many due before `longOverdueBefore`. */
export function openActionItemCounts(db: Kysely<Database>, scope: PairScope, today: string, longOverdueBefore: string) {
  return db
    .selectFrom('actionItems as a')
    .select((eb) => [
      'a.pairId',
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when('a.dueOn', '<', today).then(1).else(0).end()).as('overdue'),
      eb.fn.sum<number>(eb.case().when('a.dueOn', '<', longOverdueBefore).then(1).else(0).end()).as('longOverdue'),
    ])
    .where('a.pairId', 'in', scopedPairIds(db, scope))
    .where('a.doneAt', 'is', null)
    .groupBy('a.pairId')
    .execute();
}

/**
 * Whether the two agreement answers differ on frequency or channel, and how many leave the
 * boundaries blank, computed in SQL so no answer text leaves the database.
 */
export function agreementSummaries(db: Kysely<Database>, scope: PairScope) {
  return db
    .selectFrom('agreements as a')
    .select((eb) => [
      'a.pairId',
      eb.fn.countAll<number>().as('submitted'),
      eb.fn.min<string>('a.meetingFrequency').as('minFrequency'),
      eb.fn.max<string>('a.meetingFrequency').as('maxFrequency'),
      eb.fn.min<string>('a.communicationChannel').as('minChannel'),
      eb.fn.max<string>('a.communicationChannel').as('maxChannel'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb(eb.fn<string>('ltrim', [eb.fn<string>('rtrim', ['a.boundaries'])]), '=', ''))
            .then(1)
            .else(0)
            .end(),
        )
        .as('blankBoundaries'),
    ])
    .where('a.pairId', 'in', scopedPairIds(db, scope))
    .groupBy('a.pairId')
    .execute();
}

/** Count and sum (never single values) of ratings of check-ins starting in [since, now]. */
export function ratingTotals(db: Kysely<Database>, scope: PairScope, since: string, now: string) {
  return db
    .selectFrom('meetingFeedback as f')
    .innerJoin('meetings as m', 'm.id', 'f.meetingId')
    .select((eb) => ['m.pairId', eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('f.rating').as('sum')])
    .where('m.pairId', 'in', scopedPairIds(db, scope))
    .where('m.startAt', '>=', since)
    .where('m.startAt', '<=', now)
    .groupBy('m.pairId')
    .execute();
}

/**
 * When each pair's latest re-commit prompt (the `dormant-pair` nudge) became visible, read
 * through notifications(pair_id, kind); the prompt's text and payload are not read.
 */
export function dormantPrompts(db: Kysely<Database>, scope: PairScope) {
  return db
    .selectFrom('notifications as n')
    .select((eb) => ['n.pairId', eb.fn.max<string>('n.deliverAfter').as('promptedAt')])
    .where('n.pairId', 'in', scopedPairIds(db, scope))
    .where('n.kind', '=', 'dormant-pair')
    .groupBy('n.pairId')
    .execute();
}

/**
 * Each pair's last `recent` check-ins that have ended (cancelled ones never happened), and how
 * many of them each member confirmed. A row_number() window (standard SQL on SQLite and SQL
 * Server) ranks each pair's check-ins newest first; served by meetings(pair_id, start_at).
 */
export function recentCheckinConfirmations(db: Kysely<Database>, scope: PairScope, now: string, recent: number) {
  const ranked = db
    .selectFrom('meetings as m')
    .select((eb) => [
      'm.id',
      'm.pairId',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('m.pairId').orderBy('m.startAt', 'desc').orderBy('m.id', 'desc'))
        .as('recency'),
    ])
    .where('m.pairId', 'in', scopedPairIds(db, scope))
    .where('m.startAt', '<', now)
    .where('m.endAt', '<=', now)
    .where('m.status', '!=', 'cancelled');
  return db
    .selectFrom(ranked.as('r'))
    .innerJoin('pairs as p', 'p.id', 'r.pairId')
    .leftJoin('meetingConfirmations as c', 'c.meetingId', 'r.id')
    .select((eb) => [
      'r.pairId',
      eb.fn.count<number>('r.id').distinct().as('ended'),
      eb.fn.sum<number>(eb.case().when('c.userId', '=', eb.ref('p.mentorId')).then(1).else(0).end()).as('mentorConfirmed'),
      eb.fn.sum<number>(eb.case().when('c.userId', '=', eb.ref('p.menteeId')).then(1).else(0).end()).as('menteeConfirmed'),
    ])
    .where('r.recency', '<=', recent)
    .groupBy('r.pairId')
    .execute();
}

// ---- CSV exports -------------------------------------------------------------------------

/**
 * One page of the check-ins of the pairs in scope starting in [from, to), with each member's
 * confirmation, in (start, id) order after `after` — keyset paging, so a years-long export
 * never holds more than a page in memory.
 */
export function exportMeetings(db: Kysely<Database>, scope: PairScope, from: string, to: string, after: { startAt: string; id: string } | null, limit: number) {
  let query = db
    .selectFrom('meetings as m')
    .innerJoin('pairs as p', 'p.id', 'm.pairId')
    .innerJoin('programs as pr', 'pr.id', 'p.programId')
    .leftJoin('meetingConfirmations as mentorSays', (join) => join.onRef('mentorSays.meetingId', '=', 'm.id').onRef('mentorSays.userId', '=', 'p.mentorId'))
    .leftJoin('meetingConfirmations as menteeSays', (join) => join.onRef('menteeSays.meetingId', '=', 'm.id').onRef('menteeSays.userId', '=', 'p.menteeId'))
    .select([
      'm.id',
      'm.pairId',
      'pr.name as programName',
      'm.startAt',
      'm.endAt',
      'm.status',
      'mentorSays.status as mentorConfirmation',
      'menteeSays.status as menteeConfirmation',
      'm.teamsAttendanceAt',
    ])
    .where('m.pairId', 'in', scopedPairIds(db, scope))
    .where('m.startAt', '>=', from)
    .where('m.startAt', '<', to);
  if (after) {
    query = query.where((eb) => eb.or([eb('m.startAt', '>', after.startAt), eb.and([eb('m.startAt', '=', after.startAt), eb('m.id', '>', after.id)])]));
  }
  return query.orderBy('m.startAt').orderBy('m.id').limit(limit).execute();
}

/** Live goals of the pairs in scope created before `createdBefore`: no titles, no descriptions. */
export function exportGoals(db: Kysely<Database>, scope: PairScope, createdBefore: string) {
  return db
    .selectFrom('goals as g')
    .innerJoin('pairs as p', 'p.id', 'g.pairId')
    .innerJoin('programs as pr', 'pr.id', 'p.programId')
    .select(['g.id', 'g.pairId', 'pr.name as programName', 'g.templateKey', 'g.status', 'g.progress', 'g.targetDate', 'g.createdAt', 'g.completedAt'])
    .where('g.pairId', 'in', scopedPairIds(db, scope))
    .where('g.deletedAt', 'is', null)
    .where('g.createdAt', '<', createdBefore)
    .orderBy('g.createdAt')
    .orderBy('g.id')
    .execute();
}

export interface EnrolmentScope {
  programId?: string | undefined;
  /** the person's own `users.department` */
  department?: string | undefined;
  createdBefore: string;
}

/** Enrolments that existed at `createdBefore` (any status), with the person's directory fields. */
export function exportEnrolments(db: Kysely<Database>, scope: EnrolmentScope) {
  let q = db
    .selectFrom('enrollments as e')
    .innerJoin('users as u', 'u.id', 'e.userId')
    .innerJoin('programs as pr', 'pr.id', 'e.programId')
    .select(['e.userId', 'u.displayName', 'u.department', 'u.jobTitle', 'e.programId', 'pr.name as programName', 'e.role', 'e.createdAt', 'e.status'])
    .where('e.createdAt', '<', scope.createdBefore);
  q = scope.programId ? q.where('e.programId', '=', scope.programId) : q.where('pr.archivedAt', 'is', null);
  if (scope.department) q = q.where('u.department', '=', scope.department);
  return q.orderBy('pr.name').orderBy('e.programId').orderBy('u.displayName').orderBy('e.userId').execute();
}

/** Pairs started before `startedBefore`, counted per program and member, for each role. */
export async function pairCountsByMember(db: Kysely<Database>, programId: string | undefined, startedBefore: string) {
  const count = (member: 'mentorId' | 'menteeId') => {
    let q = db
      .selectFrom('pairs')
      .select(['programId', `${member} as userId`, (eb) => eb.fn.countAll<number>().as('n')])
      .where('startedAt', '<', startedBefore);
    if (programId) q = q.where('programId', '=', programId);
    return q.groupBy(['programId', member]).execute();
  };
  const [asMentor, asMentee] = await Promise.all([count('mentorId'), count('menteeId')]);
  return { asMentor, asMentee };
}

export async function insertAuditEntry(db: Kysely<Database>, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('auditLog').values(row).execute();
}
