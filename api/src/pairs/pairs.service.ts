import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import type { CurrentUser } from '../users/users.service';
import { agreementCountsByPair, goalCountsByPair, listPairsOfUser, nextMeetingByPair } from './pairs.queries';

export interface PairsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export async function listMyPairs(deps: PairsDeps, user: CurrentUser) {
  const rows = await listPairsOfUser(deps.db, user.id);
  const ids = rows.map((r) => r.id);
  const now = deps.clock.now().toISOString();
  const [goals, agreements, meetings] = await Promise.all([
    goalCountsByPair(deps.db, ids),
    agreementCountsByPair(deps.db, ids),
    nextMeetingByPair(deps.db, ids, now),
  ]);
  const goalsBy = new Map(goals.map((g) => [g.pairId, { total: Number(g.total), done: Number(g.done ?? 0) }]));
  const agreementsBy = new Map(agreements.map((a) => [a.pairId, Number(a.submitted)]));
  const nextBy = new Map(meetings.map((m) => [m.pairId, { start: m.startAt, end: m.endAt }]));

  return rows.map((r) => {
    const iAmMentor = r.mentorId === user.id;
    const submitted = agreementsBy.get(r.id) ?? 0;
    return {
      id: r.id,
      program: { id: r.programId, name: r.programName },
      myRole: iAmMentor ? ('mentor' as const) : ('mentee' as const),
      partner: iAmMentor
        ? { id: r.menteeUserId, displayName: r.menteeName, jobTitle: r.menteeJobTitle, department: r.menteeDepartment }
        : { id: r.mentorUserId, displayName: r.mentorName, jobTitle: r.mentorJobTitle, department: r.mentorDepartment },
      status: r.status,
      startedAt: r.startedAt,
      agreementStatus: r.agreedAt ? ('agreed' as const) : submitted > 0 ? ('partial' as const) : ('none' as const),
      goals: goalsBy.get(r.id) ?? { total: 0, done: 0 },
      nextMeeting: nextBy.get(r.id) ?? null,
    };
  });
}
