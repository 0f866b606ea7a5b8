import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AuditLogTable, Database, UsersTable } from '../db/schema';

// Keeps `in (...)` lists and multi-row inserts under SQL Server's 2,100 parameters per statement.
const ID_BATCH = 1000;
const MAX_PARAMETERS = 1999;

function batches<T>(items: T[], size = ID_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const PERSON_COLUMNS = ['id', 'email', 'displayName', 'department', 'jobTitle', 'timeZone', 'managerId', 'directorySource'] as const;

/** People of the tenant whose email, lower-cased, is one of `lowerEmails`. */
export async function findTenantPeopleByEmails(db: Kysely<Database>, tenantId: string, lowerEmails: string[]) {
  const rows = [];
  for (const batch of batches([...new Set(lowerEmails)])) {
    rows.push(
      ...(await db
        .selectFrom('users')
        .select(PERSON_COLUMNS)
        .where('tenantId', '=', tenantId)
        .where((eb) => eb(eb.fn('lower', ['email']), 'in', batch))
        .execute()),
    );
  }
  return rows;
}

export type PersonRow = Awaited<ReturnType<typeof findTenantPeopleByEmails>>[number];

/** `id, email, managerId` of these people: one level of a walk up manager chains. */
export async function findManagersOf(db: Kysely<Database>, tenantId: string, ids: string[]) {
  const rows: { id: string; email: string; managerId: string | null }[] = [];
  for (const batch of batches([...new Set(ids)])) {
    rows.push(...(await db.selectFrom('users').select(['id', 'email', 'managerId']).where('tenantId', '=', tenantId).where('id', 'in', batch).execute()));
  }
  return rows;
}

export async function insertPeople(db: Kysely<Database>, rows: Selectable<UsersTable>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  for (const batch of batches(rows, Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length)))) {
    await db.insertInto('users').values(batch).execute();
  }
}

export async function updatePerson(db: Kysely<Database>, id: string, changes: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function insertAuditEntry(db: Kysely<Database>, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('auditLog').values(row).execute();
}
