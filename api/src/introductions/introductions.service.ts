import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import { requireOpenPair, requirePairAccess } from '../pairs/pair-access';
import { lockPairForWrite } from '../pairs/pairs.service';
import type { CurrentUser } from '../users/users.service';
import {
  findIntroduction,
  insertIntroduction,
  listIntroductionsOfPair,
  respondToIntroduction,
  type IntroductionRow,
} from './introductions.queries';

export interface IntroductionsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

function toIntroduction(row: IntroductionRow) {
  return {
    id: row.id,
    pairId: row.pairId,
    requestedBy: { id: row.requesterId, displayName: row.requesterName, jobTitle: row.requesterJobTitle, department: row.requesterDepartment },
    contactName: row.contactName,
    contactRole: row.contactRole,
    reason: row.reason,
    status: row.status,
    note: row.note,
    createdAt: row.createdAt,
    respondedAt: row.respondedAt,
  };
}

export async function listIntroductions(deps: IntroductionsDeps, user: CurrentUser, pairId: string) {
  await requirePairAccess(deps.db, user, pairId);
  const rows = await listIntroductionsOfPair(deps.db, pairId);
  return rows.map(toIntroduction);
}

/** The mentee asks their mentor to introduce them to someone in the mentor's network. */
export async function requestIntroduction(
  deps: IntroductionsDeps,
  user: CurrentUser,
  pairId: string,
  body: { contactName: string; contactRole?: string | null | undefined; reason: string },
) {
  const access = await requirePairAccess(deps.db, user, pairId);
  if (access.viewer !== 'mentee') throw new AppError('forbidden', 'Only the mentee can ask for an introduction.');
  requireOpenPair(access);
  const now = deps.clock.now().toISOString();
  const id = uuidv7();

  await deps.db.transaction().execute(async (trx) => {
    const status = await lockPairForWrite(trx, pairId, now);
    requireOpenPair({ ...access, status });
    await insertIntroduction(trx, {
      id,
      pairId,
      requestedBy: user.id,
      contactName: body.contactName,
      contactRole: body.contactRole || null,
      reason: body.reason,
      status: 'requested',
      note: null,
      respondedAt: null,
      createdAt: now,
    });
  });
  return toIntroduction(await mustFind(deps.db, id));
}

/** The mentor says whether the introduction happened. */
export async function respondIntroduction(
  deps: IntroductionsDeps,
  user: CurrentUser,
  introductionId: string,
  body: { status: 'made' | 'declined'; note?: string | undefined },
) {
  const intro = await mustFind(deps.db, introductionId);
  const access = await requirePairAccess(deps.db, user, intro.pairId).catch((error: unknown) => {
    // Same answer as for an unknown id, so outsiders can't probe which introductions exist.
    throw error instanceof AppError && error.code === 'not-found' ? AppError.notFound('This introduction') : error;
  });
  if (access.viewer !== 'mentor') throw new AppError('forbidden', 'Only the mentor can answer an introduction request.');
  requireOpenPair(access);
  if (intro.status !== 'requested') throw alreadyAnswered(intro.status);
  const now = deps.clock.now().toISOString();

  await deps.db.transaction().execute(async (trx) => {
    const status = await lockPairForWrite(trx, intro.pairId, now);
    requireOpenPair({ ...access, status });
    const answered = await respondToIntroduction(trx, introductionId, { status: body.status, note: body.note?.trim() || null, respondedAt: now });
    if (!answered) {
      const current = await findIntroduction(trx, introductionId);
      throw alreadyAnswered(current?.status ?? 'made');
    }
  });
  return toIntroduction(await mustFind(deps.db, introductionId));
}

function alreadyAnswered(status: IntroductionRow['status']): AppError {
  return new AppError('conflict', `This introduction request has already been answered (marked ${status}).`);
}

async function mustFind(db: Kysely<Database>, introductionId: string): Promise<IntroductionRow> {
  const row = await findIntroduction(db, introductionId);
  if (!row) throw AppError.notFound('This introduction');
  return row;
}
