import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { AppError, type FieldError } from '../errors/app-error';
import { pairOfMeeting, requireOpenPair, requirePairAccess, type PairAccess } from '../pairs/pair-access';
import { lockPairForWrite } from '../pairs/pairs.service';
import type { CurrentUser } from '../users/users.service';
import {
  deleteActionItemRow,
  findActionItem,
  findActionItemForWrite,
  insertActionItem,
  listActionItems,
  updateActionItem,
  type ActionItemRow,
  type ActionItemStatus,
} from './action-items.queries';

export interface ActionItemsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface NewActionItem {
  text: string;
  ownerId: string;
  dueOn?: string | null | undefined;
  meetingId?: string | null | undefined;
}

export interface ActionItemChanges {
  text?: string | undefined;
  ownerId?: string | undefined;
  dueOn?: string | null | undefined;
  done?: boolean | undefined;
}

export async function listPairActionItems(deps: ActionItemsDeps, user: CurrentUser, pairId: string, status: ActionItemStatus) {
  await requirePairAccess(deps.db, user, pairId);
  return toActionItems(deps, await listActionItems(deps.db, { pairId }, status));
}

/** What I owe, across the pairs that are still going; a closed pair's leftovers are no longer asked of me. */
export async function listMyActionItems(deps: ActionItemsDeps, user: CurrentUser, status: ActionItemStatus) {
  return toActionItems(deps, await listActionItems(deps.db, { ownerId: user.id, openPairsOnly: true }, status));
}

/** For a check-in's agenda: the pair's open items, overdue first. `access` is the caller's proof of membership. */
export async function openActionItemsOfPair(deps: ActionItemsDeps, access: PairAccess) {
  return toActionItems(deps, await listActionItems(deps.db, { pairId: access.pairId }, 'open'));
}

export async function createActionItem(deps: ActionItemsDeps, user: CurrentUser, pairId: string, input: NewActionItem) {
  const access = await requirePairAccess(deps.db, user, pairId);
  requireOpenPair(access);
  const errors = [...ownerErrors(access, input.ownerId)];
  if (input.meetingId) {
    // The same answer for another pair's meeting and for no meeting at all, so ids reveal nothing.
    if ((await pairOfMeeting(deps.db, input.meetingId)) !== pairId) errors.push({ field: 'meetingId', message: 'Choose a check-in of this mentoring pair' });
  }
  if (errors.length > 0) throw AppError.validation(errors);

  const now = deps.clock.now().toISOString();
  const id = uuidv7();
  await deps.db.transaction().execute(async (trx) => {
    requireOpenPair({ ...access, status: await lockPairForWrite(trx, pairId, now) });
    await insertActionItem(trx, {
      id,
      pairId,
      meetingId: input.meetingId ?? null,
      text: input.text,
      ownerId: input.ownerId,
      dueOn: input.dueOn ?? null,
      doneAt: null,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    });
  });
  return loadActionItem(deps, id);
}

export async function changeActionItem(deps: ActionItemsDeps, user: CurrentUser, id: string, changes: ActionItemChanges) {
  const access = await itemForMember(deps, user, id);
  requireOpenPair(access);
  if (changes.ownerId !== undefined) {
    const errors = ownerErrors(access, changes.ownerId);
    if (errors.length > 0) throw AppError.validation(errors);
  }
  const now = deps.clock.now().toISOString();
  await writeInPair(deps, access, id, now, async (trx, current) => {
    // Ticking an item that is already done keeps when it was first done.
    const doneAt = changes.done === undefined ? current.doneAt : changes.done ? (current.doneAt ?? now) : null;
    await updateActionItem(trx, id, {
      ...(changes.text !== undefined ? { text: changes.text } : {}),
      ...(changes.ownerId !== undefined ? { ownerId: changes.ownerId } : {}),
      ...(changes.dueOn !== undefined ? { dueOn: changes.dueOn } : {}),
      doneAt,
      updatedAt: now,
    });
  });
  return loadActionItem(deps, id);
}

/** Hard delete: action items are lightweight to-dos with nothing hanging off them. */
export async function deleteActionItem(deps: ActionItemsDeps, user: CurrentUser, id: string): Promise<void> {
  const access = await itemForMember(deps, user, id);
  requireOpenPair(access);
  await writeInPair(deps, access, id, deps.clock.now().toISOString(), async (trx) => {
    if (!(await deleteActionItemRow(trx, id))) throw AppError.notFound('This action item');
  });
}

function ownerErrors(access: PairAccess, ownerId: string): FieldError[] {
  return ownerId === access.mentorId || ownerId === access.menteeId
    ? []
    : [{ field: 'ownerId', message: 'The owner must be the mentor or the mentee of this pair' }];
}

/** Members only; to anyone else an action item does not exist, whether or not its pair does. */
async function itemForMember(deps: ActionItemsDeps, user: CurrentUser, id: string): Promise<PairAccess> {
  const item = await findActionItem(deps.db, id);
  if (!item) throw AppError.notFound('This action item');
  return requirePairAccess(deps.db, user, item.pairId, { notFound: 'This action item' });
}

/**
 * One write to an existing item: queued behind other writers on the pair row (which also marks
 * the pair active), then the pair's status and the item are read again as they are now.
 */
async function writeInPair(
  deps: ActionItemsDeps,
  access: PairAccess,
  id: string,
  now: string,
  write: (trx: Kysely<Database>, current: { id: string; pairId: string; doneAt: string | null }) => Promise<void>,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    requireOpenPair({ ...access, status: await lockPairForWrite(trx, access.pairId, now) });
    const current = await findActionItemForWrite(trx, id);
    if (!current || current.pairId !== access.pairId) throw AppError.notFound('This action item');
    await write(trx, current);
  });
}

async function loadActionItem(deps: ActionItemsDeps, id: string) {
  const row = await findActionItem(deps.db, id);
  if (!row) throw AppError.notFound('This action item');
  const [item] = toActionItems(deps, [row]);
  if (!item) throw AppError.notFound('This action item');
  return item;
}

/** Overdue: still open, due before today (UTC), in a pair that is still going (a closed pair's leftovers nag nobody). */
function toActionItems(deps: ActionItemsDeps, rows: ActionItemRow[]) {
  const today = deps.clock.now().toISOString().slice(0, 10);
  return rows.map((row) => ({
    id: row.id,
    pairId: row.pairId,
    meetingId: row.meetingId,
    text: row.text,
    owner: { id: row.ownerId, displayName: row.ownerDisplayName, jobTitle: row.ownerJobTitle, department: row.ownerDepartment },
    dueOn: row.dueOn,
    done: row.doneAt !== null,
    doneAt: row.doneAt,
    overdue: row.doneAt === null && row.dueOn !== null && row.dueOn < today && (row.pairStatus === 'active' || row.pairStatus === 'paused'),
    createdAt: row.createdAt,
  }));
}
