import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { isUniqueViolation } from '../db/database';
import type { Database, DirectorySyncStateTable, UsersTable } from '../db/schema';

export type SyncStateRow = Selectable<DirectorySyncStateTable>;
export type SyncStateChanges = Updateable<DirectorySyncStateTable>;
export type DirectoryUserRow = Pick<
  Selectable<UsersTable>,
  | 'id'
  | 'entraObjectId'
  | 'email'
  | 'displayName'
  | 'department'
  | 'jobTitle'
  | 'officeLocation'
  | 'usageLocation'
  | 'accountEnabled'
  | 'managerId'
  | 'directoryDeletedAt'
  | 'directorySource'
  | 'directorySyncedAt'
>;

const USER_COLUMNS = [
  'id',
  'entraObjectId',
  'email',
  'displayName',
  'department',
  'jobTitle',
  'officeLocation',
  'usageLocation',
  'accountEnabled',
  'managerId',
  'directoryDeletedAt',
  'directorySource',
  'directorySyncedAt',
] as const;

// SQL Server allows 2100 parameters per statement; stay well below it.
const IN_CHUNK = 500;
function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
  return out;
}

export function findSyncStates(db: Kysely<Database>, tenantIds: string[]): Promise<SyncStateRow[]> {
  if (tenantIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('directorySyncState').selectAll().where('tenantId', 'in', tenantIds).execute();
}

export function findSyncState(db: Kysely<Database>, tenantId: string): Promise<SyncStateRow | undefined> {
  return db.selectFrom('directorySyncState').selectAll().where('tenantId', '=', tenantId).executeTakeFirst();
}

/** The tenant's state row, created idle on its first sync. */
export async function ensureSyncState(db: Kysely<Database>, tenantId: string, now: string): Promise<SyncStateRow> {
  const found = await findSyncState(db, tenantId);
  if (found) return found;
  try {
    await db.insertInto('directorySyncState').values({ tenantId, phase: 'idle', updatedAt: now }).execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return (await findSyncState(db, tenantId))!;
}

export async function updateSyncState(db: Kysely<Database>, tenantId: string, changes: SyncStateChanges): Promise<void> {
  await db.updateTable('directorySyncState').set(changes).where('tenantId', '=', tenantId).execute();
}

/** Adds a page's figures to the round's running totals. */
export async function addSyncCounts(
  db: Kysely<Database>,
  tenantId: string,
  counts: { seen: number; changed: number; departed: number },
  changes: SyncStateChanges,
): Promise<void> {
  await db
    .updateTable('directorySyncState')
    .set((eb) => ({
      ...changes,
      usersSeen: eb('usersSeen', '+', counts.seen),
      usersChanged: eb('usersChanged', '+', counts.changed),
      usersDeparted: eb('usersDeparted', '+', counts.departed),
    }))
    .where('tenantId', '=', tenantId)
    .execute();
}

/** Extends a lease this holder still has; false when it ran out and someone else took it. */
export async function renewLease(db: Kysely<Database>, name: string, holder: string, expiresAt: string): Promise<boolean> {
  const result = await db.updateTable('jobLeases').set({ expiresAt }).where('name', '=', name).where('holder', '=', holder).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function usersByObjectIds(db: Kysely<Database>, tenantId: string, objectIds: string[]): Promise<Map<string, DirectoryUserRow>> {
  const found = new Map<string, DirectoryUserRow>();
  for (const part of chunks([...new Set(objectIds)])) {
    const rows = await db.selectFrom('users').select(USER_COLUMNS).where('tenantId', '=', tenantId).where('entraObjectId', 'in', part).execute();
    for (const row of rows) found.set(row.entraObjectId, row);
  }
  return found;
}

/** A person the CSV import added who hasn't signed in: their object id is still a placeholder. */
export function findImportedByEmail(db: Kysely<Database>, tenantId: string, email: string, placeholderPrefix: string): Promise<DirectoryUserRow | undefined> {
  return db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('tenantId', '=', tenantId)
    .where('entraObjectId', 'like', `${placeholderPrefix}%`)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .orderBy('createdAt')
    .orderBy('id')
    .executeTakeFirst();
}

/** Which of these emails (lower-cased) belong to imported people who haven't signed in yet. */
export async function importedEmailsAmong(db: Kysely<Database>, tenantId: string, emails: string[], placeholderPrefix: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(emails.map((e) => e.toLowerCase()))])) {
    const rows = await db
      .selectFrom('users')
      .select('email')
      .where('tenantId', '=', tenantId)
      .where('entraObjectId', 'like', `${placeholderPrefix}%`)
      .where(sql<string>`lower(email)`, 'in', part)
      .execute();
    for (const row of rows) found.add(row.email.toLowerCase());
  }
  return found;
}

export async function insertDirectoryUser(db: Kysely<Database>, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateDirectoryUser(db: Kysely<Database>, id: string, changes: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/**
 * People Tandem knows in this tenant whom the directory never described: they signed in (or
 * were enrolled) after the last full round, and a delta round only reports changes.
 */
export async function unsyncedKnownObjectIds(db: Kysely<Database>, tenantId: string, limit: number, placeholderPrefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('entraObjectId')
    .where('tenantId', '=', tenantId)
    .where('directorySyncedAt', 'is', null)
    .where('entraObjectId', 'not like', `${placeholderPrefix}%`)
    .orderBy('createdAt')
    .execute();
  return rows.slice(0, limit).map((r) => r.entraObjectId);
}

/** Entra-sourced people a full round didn't see: they are no longer in the directory. */
export function entraUsersNotSeenSince(db: Kysely<Database>, tenantId: string, since: string): Promise<Array<Pick<DirectoryUserRow, 'id' | 'accountEnabled'>>> {
  return db
    .selectFrom('users')
    .select(['id', 'accountEnabled'])
    .where('tenantId', '=', tenantId)
    .where('directorySource', '=', 'entra')
    .where('directoryDeletedAt', 'is', null)
    .where((eb) => eb.or([eb('directorySyncedAt', 'is', null), eb('directorySyncedAt', '<', since)]))
    .execute();
}

export async function markDirectoryDeleted(db: Kysely<Database>, ids: string[], now: string): Promise<void> {
  for (const part of chunks(ids)) {
    await db
      .updateTable('users')
      .set({ directoryDeletedAt: now, accountEnabled: 0, directorySyncedAt: now, updatedAt: now })
      .where('id', 'in', part)
      .execute();
  }
}

export async function peopleCounts(db: Kysely<Database>): Promise<{ total: number; fromEntra: number; fromCsv: number; signInOnly: number; departed: number }> {
  const row = await db
    .selectFrom('users')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('directorySource', '=', 'entra').then(1).else(0).end()).as('fromEntra'),
      eb.fn.sum<number>(eb.case().when('directorySource', '=', 'csv').then(1).else(0).end()).as('fromCsv'),
      eb.fn.sum<number>(eb.case().when('directorySource', 'is', null).then(1).else(0).end()).as('signInOnly'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.or([eb('accountEnabled', '=', 0), eb('directoryDeletedAt', 'is not', null)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('departed'),
    ])
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total ?? 0),
    fromEntra: Number(row.fromEntra ?? 0),
    fromCsv: Number(row.fromCsv ?? 0),
    signInOnly: Number(row.signInOnly ?? 0),
    departed: Number(row.departed ?? 0),
  };
}
