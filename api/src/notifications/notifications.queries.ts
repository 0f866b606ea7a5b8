import type { Insertable, Kysely } from 'kysely';
import { isUniqueViolation } from '../db/database';
import type { Database, NotificationsTable } from '../db/schema';

// SQL Server takes at most 2100 parameters a statement: long id lists go in slices.
const SLICE = 500;

function slices<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += SLICE) out.push(values.slice(i, i + SLICE));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Enqueue

/** Which of these dedupe keys are already stored. */
export async function existingDedupeKeys(db: Kysely<Database>, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const slice of slices(keys)) {
    const rows = await db.selectFrom('notifications').select('dedupeKey').where('dedupeKey', 'in', slice).execute();
    for (const row of rows) found.add(row.dedupeKey);
  }
  return found;
}

/**
 * Inserts one notification; false when its dedupe key is already there (another run or
 * instance got there first). One row a statement, outside any transaction, so a duplicate
 * costs only itself on both engines.
 */
export async function insertNotificationOnce(db: Kysely<Database>, row: Insertable<NotificationsTable>): Promise<boolean> {
  try {
    await db.insertInto('notifications').values(row).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export interface PreferenceRow {
  userId: string;
  /** the preference group */
  kind: string;
  enabled: number;
}

export async function preferencesOfUsers(db: Kysely<Database>, userIds: string[]): Promise<PreferenceRow[]> {
  const rows: PreferenceRow[] = [];
  for (const slice of slices(userIds)) {
    rows.push(...(await db.selectFrom('notificationPreferences').select(['userId', 'kind', 'enabled']).where('userId', 'in', slice).execute()));
  }
  return rows;
}

export async function timeZonesOfUsers(db: Kysely<Database>, userIds: string[]): Promise<Map<string, string | null>> {
  const zones = new Map<string, string | null>();
  for (const slice of slices(userIds)) {
    const rows = await db.selectFrom('users').select(['id', 'timeZone']).where('id', 'in', slice).execute();
    for (const row of rows) zones.set(row.id, row.timeZone);
  }
  return zones;
}

// ---------------------------------------------------------------------------------------------
// Delivery

export interface DueNotificationRow {
  id: string;
  userId: string;
  kind: string;
  payload: string;
  pairId: string | null;
  attempts: number;
  deliverAfter: string;
}

/** Not yet delivered and due, oldest first. */
export function dueNotifications(db: Kysely<Database>, now: string, limit: number): Promise<DueNotificationRow[]> {
  return db
    .selectFrom('notifications')
    .select(['id', 'userId', 'kind', 'payload', 'pairId', 'attempts', 'deliverAfter'])
    .where('deliveredAt', 'is', null)
    .where('deliverAfter', '<=', now)
    .orderBy('deliverAfter')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Everything due goes to the feed at once (no bot to send through). */
export async function deliverAllDueToFeed(db: Kysely<Database>, now: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ channel: 'feed', deliveredAt: now })
    .where('deliveredAt', 'is', null)
    .where('deliverAfter', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markDelivered(
  db: Kysely<Database>,
  id: string,
  delivery: { channel: 'feed' | 'bot'; at: string; attempts?: number; lastError?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({
      channel: delivery.channel,
      deliveredAt: delivery.at,
      ...(delivery.attempts !== undefined ? { attempts: delivery.attempts } : {}),
      ...(delivery.lastError !== undefined ? { lastError: delivery.lastError } : {}),
    })
    .where('id', '=', id)
    .where('deliveredAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markRetry(db: Kysely<Database>, id: string, retry: { attempts: number; deliverAfter: string; lastError: string }): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ attempts: retry.attempts, deliverAfter: retry.deliverAfter, lastError: retry.lastError })
    .where('id', '=', id)
    .where('deliveredAt', 'is', null)
    .execute();
}

/** Teams messages each person got since `since` (optionally only of some kinds). */
export async function botSendsSince(db: Kysely<Database>, userIds: string[], since: string, kinds?: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (kinds && kinds.length === 0) return counts;
  for (const slice of slices(userIds)) {
    let query = db
      .selectFrom('notifications')
      .select((eb) => ['userId', eb.fn.countAll<number>().as('n')])
      .where('userId', 'in', slice)
      .where('channel', '=', 'bot')
      .where('deliveredAt', '>', since);
    if (kinds) query = query.where('kind', 'in', [...kinds]);
    for (const row of await query.groupBy('userId').execute()) counts.set(row.userId, Number(row.n));
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The feed

export interface FeedRow {
  id: string;
  kind: string;
  payload: string;
  pairId: string | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * A person's notifications, newest first, strictly after the keyset position `after`. The feed
 * shows a notification from the moment it is written: quiet hours hold back the Teams message
 * (`deliver_after`), not what someone sees when they open the tab themselves.
 */
export function feedPage(
  db: Kysely<Database>,
  userId: string,
  now: string,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<FeedRow[]> {
  let query = db
    .selectFrom('notifications')
    .select(['id', 'kind', 'payload', 'pairId', 'createdAt', 'readAt'])
    .where('userId', '=', userId)
    .where('createdAt', '<=', now);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('createdAt', '<', after.at), eb.and([eb('createdAt', '=', after.at), eb('id', '<', after.id)])]),
    );
  }
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countUnread(db: Kysely<Database>, userId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('createdAt', '<=', now)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findNotificationOfUser(db: Kysely<Database>, id: string, userId: string) {
  return db.selectFrom('notifications').select(['id', 'readAt']).where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
}

export async function markRead(db: Kysely<Database>, id: string, userId: string, now: string): Promise<void> {
  await db.updateTable('notifications').set({ readAt: now }).where('id', '=', id).where('userId', '=', userId).where('readAt', 'is', null).execute();
}

export async function markAllRead(db: Kysely<Database>, userId: string, now: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ readAt: now })
    .where('userId', '=', userId)
    .where('createdAt', '<=', now)
    .where('readAt', 'is', null)
    .execute();
}

/** When this person answered a pulse survey in each of these pairs. */
export async function pulseAnswersOf(db: Kysely<Database>, userId: string, pairIds: string[]): Promise<{ pairId: string; createdAt: string }[]> {
  if (pairIds.length === 0) return [];
  return db
    .selectFrom('surveys')
    .select(['pairId', 'createdAt'])
    .where('userId', '=', userId)
    .where('kind', '=', 'pulse')
    .where('pairId', 'in', pairIds)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Settings

/** Replaces the stored switches of these groups (others stay as they are). */
export async function savePreferences(db: Kysely<Database>, userId: string, groups: { group: string; enabled: boolean }[]): Promise<void> {
  if (groups.length === 0) return;
  await db
    .deleteFrom('notificationPreferences')
    .where('userId', '=', userId)
    .where(
      'kind',
      'in',
      groups.map((g) => g.group),
    )
    .execute();
  await db
    .insertInto('notificationPreferences')
    .values(groups.map((g) => ({ userId, kind: g.group, enabled: g.enabled ? (1 as const) : (0 as const) })))
    .execute();
}

export async function hasBotConversation(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('botConversations').select('userId').where('userId', '=', userId).executeTakeFirst();
  return row !== undefined;
}
