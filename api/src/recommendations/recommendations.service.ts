import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { getEnrollmentProfiles } from '../enrollments/enrollments.service';
import { AppError } from '../errors/app-error';
import { mentorMatchContext } from '../matching/context';
import { isPausedOn, reportingLineOf } from '../matching/matching.service';
import { scoreMatch, timeZoneGapHours } from '../matching/score';
import { requireProgram, todayUtc } from '../programs/programs.service';
import type { CurrentUser } from '../users/users.service';
import {
  listActiveMentorPeople,
  menteeDepartmentsOfMentors,
  mentorsPairedWith,
  mentorsWithPendingRequestFrom,
  openPairCountsByMentor,
} from './recommendations.queries';

export interface RecommendationsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export const MAX_RECOMMENDATIONS = 20;

export interface Recommendation {
  mentorId: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  score: number;
  reasons: string[];
  skillsOffered: string[];
  values: string[];
  yearsExperience: number | null;
  timezone: string | null;
  remainingCapacity: number;
  lastActiveAt: string | null;
  requestStatus: 'pending' | null;
}

const byDisplayName = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * The mentors a mentee could ask, best fit first. Everything is loaded set-based (a fixed
 * number of queries however many mentors the program has) and scored in memory by the
 * same pure function bulk matching uses.
 */
export async function recommendMentors(deps: RecommendationsDeps, user: CurrentUser, programId: string): Promise<Recommendation[]> {
  const { db } = deps;
  const program = await requireProgram(db, programId);
  const [mentee] = await getEnrollmentProfiles(db, programId, [user.id]);
  if (!mentee || mentee.role !== 'mentee' || mentee.status !== 'active') {
    throw new AppError('conflict', `Enrol as a mentee in ${program.name} to see mentors recommended for you.`);
  }

  const now = deps.clock.now().toISOString();
  const today = todayUtc(deps.clock);
  const people = await listActiveMentorPeople(db, programId);
  const [profiles, loads, departments, paired, pending, reportingLine] = await Promise.all([
    getEnrollmentProfiles(db, programId, people.map((p) => p.id)),
    openPairCountsByMentor(db, programId),
    menteeDepartmentsOfMentors(db, programId),
    mentorsPairedWith(db, programId, user.id),
    mentorsWithPendingRequestFrom(db, programId, user.id),
    reportingLineOf(db, user.id),
  ]);

  const personById = new Map(people.map((p) => [p.id, p]));
  const excluded = new Set([user.id, ...paired, ...reportingLine]);
  const pendingWith = new Set(pending);
  const mentoredDepartments = new Map<string, Set<string>>();
  for (const row of departments) {
    if (row.department === null) continue;
    const set = mentoredDepartments.get(row.mentorId) ?? new Set<string>();
    set.add(row.department);
    mentoredDepartments.set(row.mentorId, set);
  }
  const menteeZone = mentee.timezone ?? user.timeZone;

  const recommendations: Recommendation[] = [];
  for (const mentor of profiles) {
    const person = personById.get(mentor.userId);
    if (!person || mentor.role !== 'mentor' || mentor.status !== 'active' || excluded.has(mentor.userId)) continue;
    if (isPausedOn(mentor, today)) continue;
    const remainingCapacity = mentor.capacity - (loads.get(mentor.userId) ?? 0);
    if (remainingCapacity <= 0) continue;

    const timezone = mentor.timezone ?? person.timeZone;
    const { score, reasons } = scoreMatch(
      mentee,
      mentor,
      mentorMatchContext({
        remainingCapacity,
        department: person.department,
        mentoredDepartments: mentoredDepartments.get(mentor.userId) ?? new Set<string>(),
        timeZoneGapHours: timeZoneGapHours(menteeZone, timezone, now),
      }),
    );
    recommendations.push({
      mentorId: mentor.userId,
      displayName: person.displayName,
      jobTitle: person.jobTitle,
      department: person.department,
      score,
      reasons,
      skillsOffered: mentor.skillsOffered,
      values: mentor.values,
      yearsExperience: mentor.yearsExperience,
      timezone,
      remainingCapacity,
      lastActiveAt: person.lastSeenAt,
      requestStatus: pendingWith.has(mentor.userId) ? 'pending' : null,
    });
  }

  return recommendations
    .sort(
      (a, b) =>
        b.score - a.score ||
        byDisplayName.compare(a.displayName, b.displayName) ||
        (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0) ||
        (a.mentorId < b.mentorId ? -1 : a.mentorId > b.mentorId ? 1 : 0),
    )
    .slice(0, MAX_RECOMMENDATIONS);
}
