import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  AuditLogTable,
  Database,
  MatchExclusionsTable,
  MatchProposalsTable,
  MatchRunsTable,
  NotificationsTable,
  PairsTable,
} from '../db/schema';

export type MatchRunRow = Selectable<MatchRunsTable>;
export type MatchProposalRow = Selectable<MatchProposalsTable>;

// Keeps `in (...)` lists and multi-row inserts well under SQL Server's 2,100 parameters per statement.
const ID_BATCH = 1000;
const ROW_BATCH = 100;

function batches<T>(items: T[], size = ID_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Program members (any role or status) with the directory fields matching needs, including whether
 * they are still in the organisation; all of them, or only `userIds`.
 */
export async function listMembers(db: Kysely<Database>, programId: string, userIds?: string[]) {
  const query = () =>
    db
      .selectFrom('enrollments as e')
      .innerJoin('users as u', 'u.id', 'e.userId')
      .select([
        'e.userId',
        'e.role',
        'e.status',
        'e.capacity',
        'e.availability',
        'e.pausedUntil',
        'e.timeZone as enrollmentTimeZone',
        'u.email',
        'u.displayName',
        'u.department',
        'u.jobTitle',
        'u.timeZone as userTimeZone',
        'u.accountEnabled',
        'u.directoryDeletedAt',
      ])
      .where('e.programId', '=', programId);
  if (userIds === undefined) return query().execute();
  const rows = [];
  for (const batch of batches([...new Set(userIds)])) rows.push(...(await query().where('e.userId', 'in', batch).execute()));
  return rows;
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

/** `id, email, displayName` of whoever has one of these exact emails. */
export async function findUsersByEmails(db: Kysely<Database>, emails: string[]) {
  const rows = [];
  for (const batch of batches([...new Set(emails)])) {
    rows.push(...(await db.selectFrom('users').select(['id', 'email', 'displayName']).where('email', 'in', batch).execute()));
  }
  return rows;
}

/** Active and paused pairs in the program: who has a mentor, and each mentor's load. */
export function listOpenPairs(db: Kysely<Database>, programId: string) {
  return db
    .selectFrom('pairs')
    .select(['mentorId', 'menteeId'])
    .where('programId', '=', programId)
    .where('status', 'in', ['active', 'paused'])
    .execute();
}

/** Every pair, in any program and status, whose mentor is one of `userIds` (covers both directions of a pair among them). */
export async function listPairsMentoredBy(db: Kysely<Database>, userIds: string[]) {
  const rows: { mentorId: string; menteeId: string }[] = [];
  for (const batch of batches([...new Set(userIds)])) {
    rows.push(...(await db.selectFrom('pairs').select(['mentorId', 'menteeId']).where('mentorId', 'in', batch).execute()));
  }
  return rows;
}

/** Declined requests, in any program, to any of `userIds` as mentor. */
export async function listDeclinedRequestsTo(db: Kysely<Database>, userIds: string[]) {
  const rows: { mentorId: string; menteeId: string }[] = [];
  for (const batch of batches([...new Set(userIds)])) {
    rows.push(
      ...(await db
        .selectFrom('mentorshipRequests')
        .select(['mentorId', 'menteeId'])
        .where('mentorId', 'in', batch)
        .where('status', '=', 'declined')
        .execute()),
    );
  }
  return rows;
}

/** Distinct departments of every mentee these mentors have had, in any program and pair status. */
export async function listMenteeDepartmentsOf(db: Kysely<Database>, mentorIds: string[]) {
  const rows: { mentorId: string; department: string | null }[] = [];
  for (const batch of batches([...new Set(mentorIds)])) {
    rows.push(
      ...(await db
        .selectFrom('pairs as p')
        .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
        .select(['p.mentorId', 'mentee.department'])
        .where('p.mentorId', 'in', batch)
        .where('mentee.department', 'is not', null)
        .distinct()
        .execute()),
    );
  }
  return rows;
}

export async function listPeople(db: Kysely<Database>, userIds: string[]) {
  const rows: { id: string; displayName: string; department: string | null; jobTitle: string | null }[] = [];
  for (const batch of batches([...new Set(userIds)])) {
    rows.push(...(await db.selectFrom('users').select(['id', 'displayName', 'department', 'jobTitle']).where('id', 'in', batch).execute()));
  }
  return rows;
}

// --- runs and proposals ---

export async function insertRun(db: Kysely<Database>, row: MatchRunRow): Promise<void> {
  await db.insertInto('matchRuns').values(row).execute();
}

export function findRun(db: Kysely<Database>, runId: string): Promise<MatchRunRow | undefined> {
  return db.selectFrom('matchRuns').selectAll().where('id', '=', runId).executeTakeFirst();
}

export function listRunsOfProgram(db: Kysely<Database>, programId: string) {
  return db
    .selectFrom('matchRuns as r')
    .innerJoin('users as u', 'u.id', 'r.createdBy')
    .selectAll('r')
    .select('u.displayName as createdByName')
    .where('r.programId', '=', programId)
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

/**
 * Changes a draft only if nobody changed it since `version` was read (and bumps the version):
 * the count says whether it did. Under SQL Server the row lock it takes also serialises any
 * other write to the run until the transaction ends.
 */
export async function updateDraftRun(db: Kysely<Database>, runId: string, version: number, changes: Updateable<MatchRunsTable>): Promise<number> {
  const result = await db
    .updateTable('matchRuns')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', runId)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Draft → published, once: of two publishers, the second updates nothing. */
export async function markRunPublished(db: Kysely<Database>, runId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('matchRuns')
    .set((eb) => ({ status: 'published', publishedAt: now, updatedAt: now, version: eb('version', '+', 1) }))
    .where('id', '=', runId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertProposals(db: Kysely<Database>, rows: MatchProposalRow[]): Promise<void> {
  for (const batch of batches(rows, ROW_BATCH)) await db.insertInto('matchProposals').values(batch).execute();
}

export function listProposalsOfRun(db: Kysely<Database>, runId: string): Promise<MatchProposalRow[]> {
  return db.selectFrom('matchProposals').selectAll().where('runId', '=', runId).orderBy('id').execute();
}

export async function updateProposal(db: Kysely<Database>, proposalId: string, changes: Updateable<MatchProposalsTable>): Promise<void> {
  await db.updateTable('matchProposals').set(changes).where('id', '=', proposalId).execute();
}

export async function deleteProposal(db: Kysely<Database>, proposalId: string): Promise<void> {
  await db.deleteFrom('matchProposals').where('id', '=', proposalId).execute();
}

export async function deleteUnlockedProposals(db: Kysely<Database>, runId: string): Promise<void> {
  await db.deleteFrom('matchProposals').where('runId', '=', runId).where('state', '=', 'proposed').execute();
}

/** Count, total and lowest weight of each run's live proposals, for the run list. */
export async function proposalTotalsByRun(db: Kysely<Database>, runIds: string[]) {
  const rows: { runId: string; n: number; total: number | null; lowest: number | null }[] = [];
  for (const batch of batches(runIds)) {
    rows.push(
      ...(await db
        .selectFrom('matchProposals')
        .select([
          'runId',
          (eb) => eb.fn.countAll<number>().as('n'),
          (eb) => eb.fn.sum<number>('weight').as('total'),
          (eb) => eb.fn.min<number>('weight').as('lowest'),
        ])
        .where('runId', 'in', batch)
        .where('state', '<>', 'removed')
        .groupBy('runId')
        .execute()),
    );
  }
  return rows;
}

// --- never-match rules ---

export function listExclusionRules(db: Kysely<Database>, programId: string) {
  return db.selectFrom('matchExclusions').select(['menteeId', 'mentorId']).where('programId', '=', programId).execute();
}

export function listExclusionViews(db: Kysely<Database>, programId: string) {
  return db
    .selectFrom('matchExclusions as x')
    .innerJoin('users as creator', 'creator.id', 'x.createdBy')
    .selectAll('x')
    .select('creator.displayName as createdByName')
    .where('x.programId', '=', programId)
    .orderBy('x.createdAt', 'desc')
    .orderBy('x.id', 'desc')
    .execute();
}

export function findExclusion(db: Kysely<Database>, exclusionId: string) {
  return db.selectFrom('matchExclusions').selectAll().where('id', '=', exclusionId).executeTakeFirst();
}

export function findExclusionBetween(db: Kysely<Database>, programId: string, menteeId: string, mentorId: string) {
  return db
    .selectFrom('matchExclusions')
    .select('id')
    .where('programId', '=', programId)
    .where('menteeId', '=', menteeId)
    .where('mentorId', '=', mentorId)
    .executeTakeFirst();
}

export async function insertExclusion(db: Kysely<Database>, row: Selectable<MatchExclusionsTable>): Promise<void> {
  await db.insertInto('matchExclusions').values(row).execute();
}

export async function deleteExclusionRow(db: Kysely<Database>, exclusionId: string): Promise<void> {
  await db.deleteFrom('matchExclusions').where('id', '=', exclusionId).execute();
}

// --- creating pairs ---

/**
 * Takes the write locks on these people's enrolments in the program until the transaction ends,
 * exactly as accepting a request does (docs/matching.md, "Requests, capacity and races"), so a
 * publish or import and a concurrent accept for the same mentor serialise. Ids in sorted order,
 * so concurrent callers lock in the same order.
 */
export async function lockEnrollments(db: Kysely<Database>, programId: string, userIds: string[], now: string): Promise<void> {
  for (const batch of batches([...new Set(userIds)].sort())) {
    await db.updateTable('enrollments').set({ updatedAt: now }).where('programId', '=', programId).where('userId', 'in', batch).execute();
  }
}

export async function insertPair(db: Kysely<Database>, row: Selectable<PairsTable>): Promise<void> {
  await db.insertInto('pairs').values(row).execute();
}

export async function insertNotifications(db: Kysely<Database>, rows: Insertable<NotificationsTable>[]): Promise<void> {
  for (const batch of batches(rows, ROW_BATCH)) await db.insertInto('notifications').values(batch).execute();
}

export async function insertAuditEntry(db: Kysely<Database>, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('auditLog').values(row).execute();
}
