import type { Db } from '../../api/src/db/database';
import { fixtures } from './fixtures';

export const EVE = { email: 'eve@contoso.example', name: 'Eve Mentor' };
export const GUS = { email: 'gus@contoso.example', name: 'Gus Mentee' };

/** A mentor with a free place and a mentee who has asked them: a pending request to answer. */
export async function pendingRequest(db: Db, programId: string) {
  const f = fixtures(db);
  const eve = await f.person(EVE.email, { displayName: EVE.name });
  const gus = await f.person(GUS.email, { displayName: GUS.name });
  await f.enrol(programId, eve, 'mentor');
  await f.enrol(programId, gus, 'mentee');
  await f.request(programId, gus, eve, 'pending');
  const row = await db.kysely.selectFrom('mentorshipRequests').select('id').where('menteeId', '=', gus).where('mentorId', '=', eve).executeTakeFirstOrThrow();
  return { eve, gus, requestId: row.id };
}

/** Everything a card press may write, to prove a refused or repeated press changed nothing. */
export async function botTouchedTables(db: Db) {
  const k = db.kysely;
  const [requests, pairs, confirmations, feedback, meetings, actionItems, surveys] = await Promise.all([
    k.selectFrom('mentorshipRequests').selectAll().orderBy('id').execute(),
    k.selectFrom('pairs').selectAll().orderBy('id').execute(),
    k.selectFrom('meetingConfirmations').selectAll().orderBy('meetingId').orderBy('userId').execute(),
    k.selectFrom('meetingFeedback').selectAll().orderBy('meetingId').orderBy('userId').execute(),
    k.selectFrom('meetings').selectAll().orderBy('id').execute(),
    k.selectFrom('actionItems').selectAll().orderBy('id').execute(),
    k.selectFrom('surveys').selectAll().orderBy('id').execute(),
  ]);
  return { requests, pairs, confirmations, feedback, meetings, actionItems, surveys };
}
