import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ActionItemsTable, Database } from '../db/schema';

export type ActionItemStatus = 'open' | 'done' | 'all';

function selectActionItems(db: Kysely<Database>) {
  return db
    .selectFrom('actionItems')
    .innerJoin('users as owner', 'owner.id', 'actionItems.ownerId')
    .innerJoin('pairs', 'pairs.id', 'actionItems.pairId')
    .select([
      'actionItems.id',
      'actionItems.pairId',
      'actionItems.meetingId',
      'actionItems.text',
      'actionItems.dueOn',
      'actionItems.doneAt',
      'actionItems.createdAt',
      'owner.id as ownerId',
      'owner.displayName as ownerDisplayName',
      'owner.jobTitle as ownerJobTitle',
      'owner.department as ownerDepartment',
      'pairs.status as pairStatus',
    ]);
}

export type ActionItemRow = Awaited<ReturnType<ReturnType<typeof selectActionItems>['executeTakeFirstOrThrow']>>;

export function findActionItem(db: Kysely<Database>, id: string): Promise<ActionItemRow | undefined> {
  return selectActionItems(db).where('actionItems.id', '=', id).executeTakeFirst();
}

/**
 * Action items of one pair, or owned by one person across their open (active or paused) pairs.
 * Order: open before done; open ones by due date with undated last (so overdue ones, having the
 * earliest dates, come first), then oldest first; done ones most recently done first.
 */
export function listActionItems(
  db: Kysely<Database>,
  filter: { pairId: string } | { ownerId: string; openPairsOnly: true },
  status: ActionItemStatus,
): Promise<ActionItemRow[]> {
  let query = selectActionItems(db);
  if ('pairId' in filter) query = query.where('actionItems.pairId', '=', filter.pairId);
  else query = query.where('actionItems.ownerId', '=', filter.ownerId).where('pairs.status', 'in', ['active', 'paused']);
  if (status === 'open') query = query.where('actionItems.doneAt', 'is', null);
  if (status === 'done') query = query.where('actionItems.doneAt', 'is not', null);
  // Literal CASE results, not parameters: the same ORDER BY on SQLite and SQL Server.
  return query
    .orderBy((eb) => eb.case().when('actionItems.doneAt', 'is', null).then(eb.lit(0)).else(eb.lit(1)).end())
    .orderBy((eb) => eb.case().when('actionItems.dueOn', 'is', null).then(eb.lit(1)).else(eb.lit(0)).end())
    .orderBy((eb) => eb.case().when('actionItems.doneAt', 'is', null).then(eb.ref('actionItems.dueOn')).end())
    .orderBy('actionItems.doneAt', 'desc')
    .orderBy('actionItems.createdAt')
    .orderBy('actionItems.id')
    .execute();
}


export async function insertActionItem(db: Kysely<Database>, row: Insertable<ActionItemsTable>): Promise<void> {
  await db.insertInto('actionItems').values(row).execute();
}

export async function updateActionItem(db: Kysely<Database>, id: string, changes: Updateable<ActionItemsTable>): Promise<void> {
  await db.updateTable('actionItems').set(changes).where('id', '=', id).execute();
}

export async function deleteActionItemRow(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('actionItems').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The item's current pair and completion, read inside a write transaction. */
export function findActionItemForWrite(db: Kysely<Database>, id: string) {
  return db.selectFrom('actionItems').select(['id', 'pairId', 'doneAt']).where('id', '=', id).executeTakeFirst();
}
