import { DEMO_ADMIN_EMAIL } from '../config/config';
import { buildActionItems } from './action-items';
import { buildAgreements } from './agreements';
import { buildGoals } from './goals';
import { buildIntroductions } from './introductions';
import { buildMeetings } from './meetings';
import { createContext, isOpen, type Membership, type PairPlan, type Person, type SeedContext, type SeedRows } from './model';
import { buildOrg, userRows } from './org';
import { pairRows, planPairs } from './pairs';
import { enrollmentRows, planMemberships, planPrograms, programRows } from './programs';
import { buildRequests } from './requests';
import { buildSurveys } from './surveys';
import { buildTaxonomy } from './taxonomy';
import { DAY, HOUR } from './time';

const WITHDRAWN_MENTEES = 2;
const MENTORS_ON_BREAK = 3;

/**
 * The whole demo organisation as rows, computed in memory from `now` alone: the same
 * instant always gives the same rows. Order matters only where one step reads what an
 * earlier one decided (meetings fix each pair's active period, later steps respect it).
 */
export function buildDemoData(now: Date): SeedRows {
  const ctx = createContext(now);
  const people = buildOrg(ctx);
  const admin = people.find((p) => p.email === DEMO_ADMIN_EMAIL);
  if (!admin) throw new Error('the demo admin is missing from the org');

  const programs = planPrograms(ctx);
  const programList = [programs.growth, programs.leaders];
  const taxonomy = buildTaxonomy(ctx, programs.growth.opensMs - 12 * DAY);
  const memberships = planMemberships(ctx, people, programs);

  const choose = ctx.rng('choices');
  const withdrawn = choose.sample(
    memberships.filter((m) => m.program === programs.growth && m.role === 'mentee'),
    WITHDRAWN_MENTEES,
  );
  const pairs = planPairs(ctx, programList, memberships, new Set(withdrawn));
  const mentorshipRequests = buildRequests(ctx, { program: programs.growth, pairs, memberships, withdrawn });
  const agreements = buildAgreements(ctx, pairs);
  const meetings = buildMeetings(ctx, pairs);
  const goals = buildGoals(ctx, pairs);
  const actionItems = buildActionItems(ctx, meetings.held);
  const introductions = buildIntroductions(ctx, pairs, people);
  const surveys = buildSurveys(ctx, pairs);
  pauseSomeMentors(ctx, memberships, pairs, mentorshipRequests.filter((r) => r.status === 'pending').map((r) => r.mentorId));
  const { enrollments, enrollmentTerms } = enrollmentRows(ctx, memberships, taxonomy);

  return {
    users: userRows(ctx, people, lastSeen(ctx, people, memberships, pairs, admin)),
    programs: programRows(programList, admin.id),
    taxonomyTerms: taxonomy.rows,
    enrollments,
    enrollmentTerms,
    pairs: pairRows(pairs),
    mentorshipRequests,
    agreements,
    goals: goals.goals,
    goalSteps: goals.goalSteps,
    goalUpdates: goals.goalUpdates,
    introductions,
    meetingSeries: meetings.meetingSeries,
    meetings: meetings.meetings,
    meetingConfirmations: meetings.meetingConfirmations,
    meetingFeedback: meetings.meetingFeedback,
    privateNotes: meetings.privateNotes,
    actionItems,
    surveys,
  };
}

/** A few idle career-program mentors have paused new requests for a while. */
function pauseSomeMentors(ctx: SeedContext, memberships: Membership[], pairs: PairPlan[], askedMentorIds: string[]): void {
  const rng = ctx.rng('mentor-breaks');
  const busy = new Set([...pairs.filter((p) => isOpen(p.status)).map((p) => p.mentor), ...memberships.filter((m) => askedMentorIds.includes(m.person.id))]);
  const idle = memberships.filter((m) => m.program.matchingMode === 'self' && m.role === 'mentor' && !busy.has(m));
  for (const mentor of rng.sample(idle, MENTORS_ON_BREAK)) {
    mentor.availabilityPausedMs = ctx.now - rng.between(2, 20) * DAY;
    mentor.pausedUntilMs = ctx.now + rng.between(14, 60) * DAY;
  }
}

/** When people last opened Tandem: around their pair's last activity, or long ago (if ever) for others. */
function lastSeen(ctx: SeedContext, people: Person[], memberships: Membership[], pairs: PairPlan[], admin: Person): Map<string, number> {
  const rng = ctx.rng('presence');
  const seen = new Map<string, number>();
  const note = (id: string, ms: number) => seen.set(id, Math.max(seen.get(id) ?? 0, Math.min(ms, ctx.now - 5 * 60_000)));
  for (const m of memberships) note(m.person.id, (m.enrolledMs ?? ctx.now) + rng.between(0, 30) * DAY);
  for (const pair of pairs) {
    note(pair.mentor.person.id, pair.lastActivityMs + rng.between(0, 4) * DAY);
    note(pair.mentee.person.id, pair.lastActivityMs + rng.between(0, 4) * DAY);
  }
  const enrolled = new Set(memberships.map((m) => m.person.id));
  for (const person of people) {
    if (!enrolled.has(person.id) && rng.chance(0.4)) note(person.id, ctx.now - rng.between(20, 250) * DAY);
  }
  note(admin.id, ctx.now - 2 * HOUR);
  return seen;
}
