import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export function listPairsOfUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('pairs')
    .innerJoin('programs', 'programs.id', 'pairs.programId')
    .innerJoin('users as mentor', 'mentor.id', 'pairs.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'pairs.menteeId')
    .select([
      'pairs.id',
      'pairs.status',
      'pairs.startedAt',
      'pairs.mentorId',
      'pairs.agreedAt',
      'programs.id as programId',
      'programs.name as programName',
      'mentor.id as mentorUserId',
      'mentor.displayName as mentorName',
      'mentor.jobTitle as mentorJobTitle',
      'mentor.department as mentorDepartment',
      'mentee.id as menteeUserId',
      'mentee.displayName as menteeName',
      'mentee.jobTitle as menteeJobTitle',
      'mentee.department as menteeDepartment',
    ])
    .where((eb) => eb.or([eb('pairs.mentorId', '=', userId), eb('pairs.menteeId', '=', userId)]))
    .orderBy('pairs.startedAt', 'desc')
    .execute();
}

export async function goalCountsByPair(db: Kysely<Database>, pairIds: string[]) {
  if (pairIds.length === 0) return [];
  return db
    .selectFrom('goals')
    .select(['pairId', (eb) => eb.fn.countAll<number>().as('total'), (eb) => eb.fn.sum<number>(eb.case().when('status', '=', 'done').then(1).else(0).end()).as('done')])
    .where('pairId', 'in', pairIds)
    .where('deletedAt', 'is', null)
    .groupBy('pairId')
    .execute();
}

export async function agreementCountsByPair(db: Kysely<Database>, pairIds: string[]) {
  if (pairIds.length === 0) return [];
  return db
    .selectFrom('agreements')
    .select(['pairId', (eb) => eb.fn.countAll<number>().as('submitted')])
    .where('pairId', 'in', pairIds)
    .groupBy('pairId')
    .execute();
}

/** The earliest upcoming scheduled meeting of each pair (index: meetings(pair_id, start_at)). */
export async function nextMeetingByPair(db: Kysely<Database>, pairIds: string[], after: string) {
  if (pairIds.length === 0) return [];
  return db
    .selectFrom('meetings as m')
    .select(['m.pairId', 'm.startAt', 'm.endAt'])
    .where('m.pairId', 'in', pairIds)
    .where('m.status', '=', 'scheduled')
    .where('m.startAt', '>', after)
    .where('m.startAt', '=', (eb) =>
      eb
        .selectFrom('meetings as n')
        .select((n) => n.fn.min<string>('n.startAt').as('first'))
        .whereRef('n.pairId', '=', 'm.pairId')
        .where('n.status', '=', 'scheduled')
        .where('n.startAt', '>', after),
    )
    .execute();
}

export function findPairForAccess(db: Kysely<Database>, pairId: string) {
  return db.selectFrom('pairs').select(['id', 'programId', 'mentorId', 'menteeId', 'status']).where('id', '=', pairId).executeTakeFirst();
}
