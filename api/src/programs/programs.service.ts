import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import type { CurrentUser } from '../users/users.service';
import { countsByProgram, listActivePrograms, listEnrollmentsOfUser, type ProgramRow } from './programs.queries';

export interface ProgramsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

function toProgram(row: ProgramRow, today: string) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    enrollmentOpensOn: row.enrollmentOpensOn,
    enrollmentClosesOn: row.enrollmentClosesOn,
    defaultCadence: row.defaultCadence,
    matchingMode: row.matchingMode,
    maxOpenRequestsPerMentee: row.maxOpenRequestsPerMentee,
    enrollmentOpen: row.enrollmentOpensOn <= today && today <= row.enrollmentClosesOn,
  };
}

export async function listProgramsForUser(deps: ProgramsDeps, user: CurrentUser) {
  const today = deps.clock.now().toISOString().slice(0, 10);
  const [programs, enrollments] = await Promise.all([listActivePrograms(deps.db), listEnrollmentsOfUser(deps.db, user.id)]);
  const mine = new Map(enrollments.map((e) => [e.programId, e]));
  return programs.map((row) => {
    const enrollment = mine.get(row.id);
    return { ...toProgram(row, today), myEnrollment: enrollment ? { role: enrollment.role, status: enrollment.status } : null };
  });
}

/** Aggregates only: admins see how many, never who said what. */
export async function listProgramsWithCounts(deps: ProgramsDeps) {
  const today = deps.clock.now().toISOString().slice(0, 10);
  const [programs, counts] = await Promise.all([listActivePrograms(deps.db), countsByProgram(deps.db)]);
  return programs.map((row) => {
    const c = counts.get(row.id);
    return {
      ...toProgram(row, today),
      counts: {
        mentors: c?.mentors ?? 0,
        mentees: c?.mentees ?? 0,
        pairs: { active: c?.active ?? 0, paused: c?.paused ?? 0, completed: c?.completed ?? 0, ended: c?.ended ?? 0 },
        pendingRequests: c?.pendingRequests ?? 0,
      },
    };
  });
}
