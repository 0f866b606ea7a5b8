import type { MatchContext } from './score';

/**
 * The facts about a mentor that `scoreMatch` reads beyond the two profiles, computed the same
 * way for one mentee's recommendations and for a whole program's match run (docs/matching.md).
 */
export function mentorMatchContext(mentor: {
  /** capacity − active and paused pairs in the program */
  remainingCapacity: number;
  department: string | null;
  /** departments of every mentee the mentor has had, in any program and pair status */
  mentoredDepartments: ReadonlySet<string>;
  /** between the mentee's and the mentor's zones (`timeZoneGapHours`) */
  timeZoneGapHours: number | null;
}): MatchContext {
  const reach = new Set(mentor.mentoredDepartments);
  if (mentor.department !== null) reach.add(mentor.department);
  return {
    remainingCapacity: mentor.remainingCapacity,
    networkReach: reach.size,
    mentoredDepartments: mentor.mentoredDepartments.size,
    timeZoneGapHours: mentor.timeZoneGapHours,
  };
}
