import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type { AuditLogTable, Cadence, Database, MeetingStatus, PairStatus } from '../db/schema';

/**
 * Every metric is an aggregate over the whole scope: grouped or conditional counts computed by
 * the database, except the rhythm metrics, which read the period's held check-ins once.
 * Portable SQL only (SQLite and SQL Server): instants are compared as ISO text, month buckets
 * are CASE expressions over boundaries computed in TypeScript, no AVG (integer on SQL Server)
 * and no subquery inside an aggregate (refused by SQL Server).
 */

export interface Scope {
  /** one program, or every program that isn't archived */
  programId: string | undefined;
  /** `users.department`; people in it, or pairs whose mentee is in it */
  department: string | undefined;
}

// The scope helpers take column names, so they work under any table alias.
type AnyEb = ExpressionBuilder<any, any>;

function inPrograms(eb: AnyEb, column: string, scope: Scope): Expression<SqlBool> {
  if (scope.programId) return eb(column, '=', scope.programId);
  return eb(column, 'in', eb.selectFrom('programs').select('programs.id').where('programs.archivedAt', 'is', null));
}

function inDepartment(eb: AnyEb, userColumn: string, scope: Scope): Expression<SqlBool> {
  if (scope.department === undefined) return eb.and([]);
  return eb(userColumn, 'in', eb.selectFrom('users').select('users.id').where('users.department', '=', scope.department));
}

/** Pairs in scope (docs/metrics.md): the program matches, started before the period end, mentee in the department. */
function pairInScope(eb: AnyEb, alias: string, scope: Scope, end: string): Expression<SqlBool> {
  return eb.and([inPrograms(eb, `${alias}.programId`, scope), eb(`${alias}.startedAt`, '<', end), inDepartment(eb, `${alias}.menteeId`, scope)]);
}

/** `case when col < b1 then 0 when col < b2 then 1 … else n end`: the segment an instant falls in. */
function segmentOf(column: string, innerBoundaries: string[]) {
  if (innerBoundaries.length === 0) return sql<number>`0`;
  const whens = innerBoundaries.map((b, i) => sql`when ${sql.ref(column)} < ${b} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(innerBoundaries.length)} end`;
}

export interface DepartmentPeopleRow {
  department: string | null;
  mentors: number;
  mentees: number;
  matchedMentees: number;
  people: number;
}

/**
 * People enrolled at `end`, per department (a person has one department, so summing the groups
 * gives the totals). A mentee is matched when they have a pair in a program they're enrolled
 * in as mentee that started before `end`.
 */
export async function enrolledPeopleByDepartment(db: Kysely<Database>, scope: Scope, end: string): Promise<DepartmentPeopleRow[]> {
  // Joining the pairs themselves (not a DISTINCT derived table) lets the join use an index;
  // a mentee with several pairs repeats, which the DISTINCT counts absorb.
  const rows = await db
    .selectFrom('enrollments as e')
    .innerJoin('users as u', 'u.id', 'e.userId')
    .leftJoin('pairs as mp', (join) =>
      join
        .onRef('mp.programId', '=', 'e.programId')
        .onRef('mp.menteeId', '=', 'e.userId')
        .on('e.role', '=', 'mentee')
        .on('mp.startedAt', '<', end),
    )
    .select((eb) => [
      'u.department',
      eb.fn.count<number>(eb.case().when('e.role', '=', 'mentor').then(eb.ref('e.userId')).end()).distinct().as('mentors'),
      eb.fn.count<number>(eb.case().when('e.role', '=', 'mentee').then(eb.ref('e.userId')).end()).distinct().as('mentees'),
      eb.fn.count<number>(eb.case().when('mp.id', 'is not', null).then(eb.ref('e.userId')).end()).distinct().as('matchedMentees'),
      eb.fn.count<number>('e.userId').distinct().as('people'),
    ])
    .where('e.status', '=', 'active')
    .where('e.createdAt', '<', end)
    .where((eb) => inPrograms(eb, 'e.programId', scope))
    .$if(scope.department !== undefined, (qb) => qb.where('u.department', '=', scope.department!))
    .groupBy('u.department')
    .execute();
  return rows.map((r) => ({
    department: r.department,
    mentors: Number(r.mentors),
    mentees: Number(r.mentees),
    matchedMentees: Number(r.matchedMentees),
    people: Number(r.people),
  }));
}

/** Distinct mentees enrolled at each instant, in one pass over the enrolments. */
export async function enrolledMenteesAt(db: Kysely<Database>, scope: Scope, instants: string[]): Promise<number[]> {
  if (instants.length === 0) return [];
  const latest = instants.reduce((a, b) => (a > b ? a : b));
  const row = await db
    .selectFrom('enrollments as e')
    .select((eb) => instants.map((t, i) => eb.fn.count<number>(eb.case().when('e.createdAt', '<', t).then(eb.ref('e.userId')).end()).distinct().as(`at${i}`)))
    .where('e.role', '=', 'mentee')
    .where('e.status', '=', 'active')
    .where('e.createdAt', '<', latest)
    .where((eb) => inPrograms(eb, 'e.programId', scope))
    .where((eb) => inDepartment(eb, 'e.userId', scope))
    .executeTakeFirst();
  const values = (row ?? {}) as Record<string, unknown>;
  return instants.map((_, i) => Number(values[`at${i}`] ?? 0));
}

/**
 * Everyone in the organisation now (in the department, when filtered): accounts the directory
 * has enabled and not deleted. Only meaningful when the whole tenant is synced.
 */
export async function countHeadcount(db: Kysely<Database>, scope: Scope): Promise<number> {
  const row = await db
    .selectFrom('users as u')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('u.accountEnabled', '=', 1)
    .where('u.directoryDeletedAt', 'is', null)
    .$if(scope.department !== undefined, (qb) => qb.where('u.department', '=', scope.department!))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Requests pending now that were created before `end` (mentee in the department). */
export async function countPendingRequests(db: Kysely<Database>, scope: Scope, end: string): Promise<number> {
  const row = await db
    .selectFrom('mentorshipRequests as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.status', '=', 'pending')
    .where('r.createdAt', '<', end)
    .where((eb) => inPrograms(eb, 'r.programId', scope))
    .where((eb) => inDepartment(eb, 'r.menteeId', scope))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Mentors enrolled at `end` (in the department, when filtered): their summed capacity and how
 * many of their pairs were active or paused at `end`, whoever the mentee.
 */
export async function mentorLoad(db: Kysely<Database>, scope: Scope, end: string): Promise<{ capacity: number; pairs: number }> {
  const mentorScope = (eb: AnyEb) =>
    eb.and([
      eb('e.role', '=', 'mentor'),
      eb('e.status', '=', 'active'),
      eb('e.createdAt', '<', end),
      inPrograms(eb, 'e.programId', scope),
      inDepartment(eb, 'e.userId', scope),
    ]);
  const [capacity, pairs] = await Promise.all([
    db
      .selectFrom('enrollments as e')
      .select((eb) => eb.fn.sum<number>('e.capacity').as('n'))
      .where(mentorScope)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('pairs as p')
      .innerJoin('enrollments as e', (join) => join.onRef('e.programId', '=', 'p.programId').onRef('e.userId', '=', 'p.mentorId'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(mentorScope)
      .where('p.startedAt', '<', end)
      .where((eb) => eb.not(eb.and([eb('p.status', 'in', ['completed', 'ended']), eb('p.endedAt', '<', end)])))
      .executeTakeFirstOrThrow(),
  ]);
  return { capacity: Number(capacity.n ?? 0), pairs: Number(pairs.n) };
}

export interface ScopedPairRow {
  id: string;
  status: PairStatus;
  startedAt: string;
  pausedAt: string | null;
  endedAt: string | null;
  cadence: Cadence;
  /** the mentee's enrolment in the pair's program */
  menteeEnrolledAt: string | null;
  /** the pair's last held check-in before the period */
  lastHeldBefore: string | null;
}

/**
 * Every pair in scope with what its rhythm needs: one row per pair (far fewer than check-ins).
 * `lastHeldBefore` is null for pairs that closed before the period (nothing in it needs it).
 * The held test sits inside the MAX so the correlated subquery can only be a range on
 * meetings(pair_id, start_at) (SQLite otherwise prefers meetings(status, start_at) and reads
 * every held check-in for each pair).
 */
export function listScopedPairs(db: Kysely<Database>, scope: Scope, end: string, periodStart: string): Promise<ScopedPairRow[]> {
  return db
    .selectFrom('pairs as p')
    .innerJoin('programs as pr', 'pr.id', 'p.programId')
    .leftJoin('enrollments as e', (join) => join.onRef('e.programId', '=', 'p.programId').onRef('e.userId', '=', 'p.menteeId'))
    .select((eb) => [
      'p.id',
      'p.status',
      'p.startedAt',
      'p.pausedAt',
      'p.endedAt',
      eb.fn.coalesce('p.agreedCadence', 'pr.defaultCadence').as('cadence'),
      'e.createdAt as menteeEnrolledAt',
      // Only pairs still open at the period start can be active in it or hold check-ins in it.
      eb
        .case()
        .when(eb.or([eb('p.endedAt', 'is', null), eb('p.endedAt', '>=', periodStart)]))
        .then(
          eb
            .selectFrom('meetings as m')
            .select((m) => m.fn.max(m.case().when('m.status', '=', 'held').then(m.ref('m.startAt')).end()).as('at'))
            .whereRef('m.pairId', '=', 'p.id')
            .where('m.startAt', '<', periodStart),
        )
        .end()
        .as('lastHeldBefore'),
    ])
    .where((eb) => pairInScope(eb, 'p', scope, end))
    .execute() as Promise<ScopedPairRow[]>;
}

export interface HeldMeetingRow {
  pairId: string;
  startAt: string;
  endAt: string;
}

/**
 * Held check-ins of in-scope pairs starting in [start, end): the one read of check-in rows the
 * rhythm metrics need, unordered (the caller sorts each pair's few starts). The held test is a
 * CASE so that it can't be an index term: SQLite would otherwise walk meetings(status, start_at)
 * through every program's held check-ins instead of the scope's pairs' meetings(pair_id, start_at).
 */
export function listHeldMeetings(db: Kysely<Database>, scope: Scope, start: string, end: string): Promise<HeldMeetingRow[]> {
  return db
    .selectFrom('meetings as m')
    .innerJoin('pairs as p', 'p.id', 'm.pairId')
    .select(['m.pairId', 'm.startAt', 'm.endAt'])
    .where((eb) => eb(eb.case().when('m.status', '=', 'held').then(1).else(0).end(), '=', 1))
    .where('m.startAt', '>=', start)
    .where('m.startAt', '<', end)
    .where((eb) => pairInScope(eb, 'p', scope, end))
    .execute();
}

export interface MeetingSegmentRow {
  segment: number;
  status: MeetingStatus;
  n: number;
}

/**
 * Check-ins of in-scope pairs starting in [boundaries[0], boundaries[last]), counted per
 * segment between consecutive boundaries and per status. The segment is computed in a derived
 * table so the GROUP BY names a column (SQL Server won't group by a parameterised expression).
 */
export async function meetingsBySegment(db: Kysely<Database>, scope: Scope, boundaries: string[], end: string): Promise<MeetingSegmentRow[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('meetings as m')
        .innerJoin('pairs as p', 'p.id', 'm.pairId')
        .select([segmentOf('m.startAt', boundaries.slice(1, -1)).as('segment'), 'm.status'])
        .where('m.startAt', '>=', boundaries[0]!)
        .where('m.startAt', '<', boundaries[boundaries.length - 1]!)
        .where((w) => pairInScope(w, 'p', scope, end))
        .as('t'),
    )
    .select((eb) => ['t.segment', 't.status', eb.fn.countAll<number>().as('n')])
    .groupBy(['t.segment', 't.status'])
    .execute();
  return rows.map((r) => ({ segment: Number(r.segment), status: r.status, n: Number(r.n) }));
}

export interface RatingSegmentRow {
  segment: number;
  rating: number;
  n: number;
}

/** Ratings of in-scope pairs' check-ins starting in the period, per segment and rating value. */
export async function ratingsBySegment(db: Kysely<Database>, scope: Scope, boundaries: string[], end: string): Promise<RatingSegmentRow[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('meetingFeedback as f')
        .innerJoin('meetings as m', 'm.id', 'f.meetingId')
        .innerJoin('pairs as p', 'p.id', 'm.pairId')
        .select([segmentOf('m.startAt', boundaries.slice(1, -1)).as('segment'), 'f.rating'])
        .where('m.startAt', '>=', boundaries[0]!)
        .where('m.startAt', '<', boundaries[boundaries.length - 1]!)
        .where((w) => pairInScope(w, 'p', scope, end))
        .as('t'),
    )
    .select((eb) => ['t.segment', 't.rating', eb.fn.countAll<number>().as('n')])
    .groupBy(['t.segment', 't.rating'])
    .execute();
  return rows.map((r) => ({ segment: Number(r.segment), rating: Number(r.rating), n: Number(r.n) }));
}

export interface GoalTotalsRow {
  set: number;
  completed: number;
  overdue: number;
  open: number;
  doneByEnd: number;
  notDropped: number;
  progressSum: number;
}

/** docs/metrics.md "goals", as conditional counts in one pass; `overdueBefore` is a date. */
export async function goalTotals(db: Kysely<Database>, scope: Scope, start: string, end: string, overdueBefore: string): Promise<GoalTotalsRow> {
  const row = await db
    .selectFrom('goals as g')
    .innerJoin('pairs as p', 'p.id', 'g.pairId')
    .select((eb) => {
      const existsAtEnd = eb('g.createdAt', '<', end);
      const doneByEnd = eb.and([eb('g.status', '=', 'done'), eb('g.completedAt', '<', end)]);
      const stillOpen = eb.and([existsAtEnd, eb('g.status', '!=', 'dropped'), eb.not(doneByEnd)]);
      const count = (condition: Expression<SqlBool>) => eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end());
      return [
        count(eb.and([eb('g.createdAt', '>=', start), eb('g.createdAt', '<', end)])).as('set'),
        count(eb.and([eb('g.status', '=', 'done'), eb('g.completedAt', '>=', start), eb('g.completedAt', '<', end)])).as('completed'),
        count(eb.and([stillOpen, eb('g.targetDate', '<', overdueBefore)])).as('overdue'),
        count(stillOpen).as('open'),
        count(doneByEnd).as('doneByEnd'),
        count(eb.and([existsAtEnd, eb('g.status', '!=', 'dropped')])).as('notDropped'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([existsAtEnd, eb('g.status', '!=', 'dropped')]))
              .then(eb.case().when(doneByEnd).then(100).else(eb.ref('g.progress')).end())
              .else(0)
              .end(),
          )
          .as('progressSum'),
      ];
    })
    .where('g.deletedAt', 'is', null)
    .where((eb) => pairInScope(eb, 'p', scope, end))
    .executeTakeFirstOrThrow();
  return {
    set: Number(row.set ?? 0),
    completed: Number(row.completed ?? 0),
    overdue: Number(row.overdue ?? 0),
    open: Number(row.open ?? 0),
    doneByEnd: Number(row.doneByEnd ?? 0),
    notDropped: Number(row.notDropped ?? 0),
    progressSum: Number(row.progressSum ?? 0),
  };
}

export interface SurveyTotalsRow {
  responses: number;
  satisfactionSum: number;
  promoters: number;
  passives: number;
  detractors: number;
  skillsGained: number;
  newContacts: number;
  promotions: number;
}

/** Closing surveys of in-scope pairs created in [start, end). */
export async function closingSurveyTotals(db: Kysely<Database>, scope: Scope, start: string, end: string): Promise<SurveyTotalsRow> {
  const row = await db
    .selectFrom('surveys as s')
    .innerJoin('pairs as p', 'p.id', 's.pairId')
    .select((eb) => {
      const count = (condition: Expression<SqlBool>) => eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end());
      return [
        eb.fn.countAll<number>().as('responses'),
        eb.fn.sum<number>('s.satisfaction').as('satisfactionSum'),
        count(eb('s.recommend', '>=', 9)).as('promoters'),
        count(eb.and([eb('s.recommend', '>=', 7), eb('s.recommend', '<=', 8)])).as('passives'),
        count(eb('s.recommend', '<=', 6)).as('detractors'),
        eb.fn.sum<number>('s.skillsGained').as('skillsGained'),
        eb.fn.sum<number>('s.newContacts').as('newContacts'),
        eb.fn.sum<number>('s.promotion').as('promotions'),
      ];
    })
    .where('s.kind', '=', 'closing')
    .where('s.createdAt', '>=', start)
    .where('s.createdAt', '<', end)
    .where((eb) => pairInScope(eb, 'p', scope, end))
    .executeTakeFirstOrThrow();
  return {
    responses: Number(row.responses ?? 0),
    satisfactionSum: Number(row.satisfactionSum ?? 0),
    promoters: Number(row.promoters ?? 0),
    passives: Number(row.passives ?? 0),
    detractors: Number(row.detractors ?? 0),
    skillsGained: Number(row.skillsGained ?? 0),
    newContacts: Number(row.newContacts ?? 0),
    promotions: Number(row.promotions ?? 0),
  };
}

/** Introductions of in-scope pairs made (status `made`) in [start, end). */
export async function countIntroductionsMade(db: Kysely<Database>, scope: Scope, start: string, end: string): Promise<number> {
  const row = await db
    .selectFrom('introductions as i')
    .innerJoin('pairs as p', 'p.id', 'i.pairId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('i.status', '=', 'made')
    .where('i.respondedAt', '>=', start)
    .where('i.respondedAt', '<', end)
    .where((eb) => pairInScope(eb, 'p', scope, end))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAuditEntry(db: Kysely<Database>, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('auditLog').values(row).execute();
}
