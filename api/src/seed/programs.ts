import { DEMO_ADMIN_EMAIL } from '../config/config';
import type { Cadence, CommunicationChannel, EnrollmentsTable, EnrollmentTermsTable, ProgramsTable } from '../db/schema';
import type { Membership, Person, ProgramKey, ProgramPlan, SeedContext } from './model';
import type { Rng } from './random';
import { DEPARTMENT_SKILLS, GENERAL_SKILLS, VALUES, type Taxonomy } from './taxonomy';
import { menteeEnrollmentGoals, PROGRAM_DESCRIPTIONS } from './texts';
import { DAY, HOUR, clamp, duringWorkday, iso, isoDay } from './time';

/** Program dates fall on UTC midnights so `startsOn` and the instants agree. */
function dayStart(ms: number): number {
  return Date.parse(`${isoDay(ms)}T00:00:00.000Z`);
}

export function planPrograms(ctx: SeedContext): Record<ProgramKey, ProgramPlan> {
  const at = (days: number) => dayStart(ctx.now + days * DAY);
  const growth: ProgramPlan = {
    key: 'growth',
    id: ctx.ids.make('program:growth', at(-301)),
    name: 'Grow Together: Career Mentoring',
    defaultCadence: 'biweekly',
    matchingMode: 'self',
    startsMs: at(-270),
    endsMs: at(90),
    opensMs: at(-291),
    // Rolling enrolment: people can still join now.
    closesMs: at(30),
  };
  const leaders: ProgramPlan = {
    key: 'leaders',
    id: ctx.ids.make('program:leaders', at(-225)),
    name: 'Emerging Leaders Circle',
    defaultCadence: 'monthly',
    matchingMode: 'admin',
    startsMs: at(-180),
    endsMs: at(185),
    opensMs: at(-215),
    closesMs: at(-186),
  };
  return { growth, leaders };
}

export function programRows(programs: ProgramPlan[], createdBy: string): ProgramsTable[] {
  return programs.map((p) => {
    const createdAt = iso(p.opensMs - 10 * DAY + 15 * HOUR);
    return {
      id: p.id,
      name: p.name,
      description: PROGRAM_DESCRIPTIONS[p.key],
      kind: p.key === 'growth' ? 'career-growth' : 'leadership',
      startsOn: isoDay(p.startsMs),
      endsOn: isoDay(p.endsMs),
      enrollmentOpensOn: isoDay(p.opensMs),
      enrollmentClosesOn: isoDay(p.closesMs),
      defaultCadence: p.defaultCadence,
      matchingMode: p.matchingMode,
      maxOpenRequestsPerMentee: 3,
      archivedAt: null,
      createdBy,
      createdAt,
      updatedAt: createdAt,
    };
  });
}

/** ~20% of the company stays out of every program, as in a real first year. */
const UNENROLLED_SHARE = 0.2;
const LEADERS_MENTOR_MANAGERS = 4;
const LEADERS_MENTEE_MANAGERS = 12;
const LEADERS_MENTEE_SENIORS = 10;

/**
 * Who joins which program in which role. Leaders mentor the leadership cohort; new
 * managers and senior ICs are its mentees; the career program takes everyone else,
 * the experienced as mentors and the earlier-career as mentees.
 */
export function planMemberships(ctx: SeedContext, people: Person[], programs: Record<ProgramKey, ProgramPlan>): Membership[] {
  const rng = ctx.rng('memberships');
  const candidates = people.filter((p) => p.email !== DEMO_ADMIN_EMAIL);
  const optOutPool = candidates.filter((p) => p.level !== 'ceo' && p.level !== 'head' && p.level !== 'director');
  const optOut = new Set(rng.sample(optOutPool, Math.round(people.length * UNENROLLED_SHARE) - 1).map((p) => p.id));
  const enrolled = candidates.filter((p) => !optOut.has(p.id));
  const byLevel = (level: Person['level']) => rng.shuffle(enrolled.filter((p) => p.level === level));

  const memberships: Membership[] = [];
  const join = (program: ProgramPlan, person: Person, role: 'mentor' | 'mentee') => memberships.push(membership(rng, program, person, role));
  const { growth, leaders } = programs;

  for (const exec of enrolled.filter((p) => p.level === 'ceo' || p.level === 'head' || p.level === 'director')) {
    join(leaders, exec, 'mentor');
    if (rng.chance(0.45)) join(growth, exec, 'mentor');
  }
  byLevel('manager').forEach((manager, i) => {
    if (i < LEADERS_MENTOR_MANAGERS) {
      join(leaders, manager, 'mentor');
      join(growth, manager, 'mentor');
    } else if (i < LEADERS_MENTOR_MANAGERS + LEADERS_MENTEE_MANAGERS) {
      join(leaders, manager, 'mentee');
      if (rng.chance(0.4)) join(growth, manager, 'mentor');
    } else {
      join(growth, manager, 'mentor');
    }
  });
  byLevel('senior').forEach((senior, i) => {
    if (i < LEADERS_MENTEE_SENIORS) join(leaders, senior, 'mentee');
    else join(growth, senior, rng.chance(0.65) ? 'mentor' : 'mentee');
  });
  for (const mid of byLevel('mid')) join(growth, mid, rng.chance(0.25) ? 'mentor' : 'mentee');
  for (const junior of byLevel('junior')) join(growth, junior, 'mentee');
  return memberships;
}

const CHANNELS: [CommunicationChannel, number][] = [['teams-chat', 40], ['call', 25], ['in-person', 20], ['email', 15]];
const WORKDAYS: [[string, string], number][] = [
  [['09:00', '17:00'], 6],
  [['08:00', '16:00'], 2],
  [['08:30', '17:00'], 1],
  [['09:30', '17:30'], 1],
  [['10:00', '18:00'], 1],
];

function membership(rng: Rng, program: ProgramPlan, person: Person, role: 'mentor' | 'mentee'): Membership {
  const local = DEPARTMENT_SKILLS[person.department] ?? [];
  const values = rng.sample(VALUES, rng.int(2, 3));
  const frequencies: [Cadence, number][] =
    program.key === 'leaders'
      ? [['monthly', 55], ['biweekly', 35], ['weekly', 10]]
      : role === 'mentor'
        ? [['biweekly', 55], ['monthly', 25], ['weekly', 20]]
        : [['biweekly', 45], ['weekly', 35], ['monthly', 20]];
  const [workdayStart, workdayEnd] = rng.weighted(WORKDAYS);
  let offered: string[] = [];
  let wanted: string[] = [];
  if (role === 'mentor') {
    const leadership = ['People leadership', 'Coaching', 'Strategic thinking', 'Executive presence', 'Giving feedback', 'Stakeholder management'];
    const general = person.level === 'senior' || person.level === 'mid' ? GENERAL_SKILLS : leadership;
    offered = unique([...rng.sample(local, rng.int(1, 2)), ...rng.sample(general, rng.int(2, 3))]);
  } else {
    const general =
      program.key === 'leaders'
        ? ['People leadership', 'Giving feedback', 'Strategic thinking', 'Executive presence', 'Stakeholder management', 'Conflict resolution']
        : GENERAL_SKILLS;
    wanted = unique([...rng.sample(general, rng.int(1, 3)), ...rng.sample(local, rng.chance(0.5) ? 1 : 0)]);
  }
  return {
    program,
    person,
    role,
    capacity: role === 'mentor' ? (program.key === 'leaders' ? rng.weighted([[1, 4], [2, 5], [3, 1]]) : rng.weighted([[1, 35], [2, 45], [3, 20]])) : 1,
    offered,
    wanted,
    values,
    goals: role === 'mentee' ? menteeEnrollmentGoals(wanted, rng) : null,
    preferredFrequency: rng.weighted(frequencies),
    preferredChannel: rng.weighted(CHANNELS),
    workdayStart,
    workdayEnd,
    withdrawnMs: null,
    availabilityPausedMs: null,
    pausedUntilMs: null,
    firstActivityMs: null,
    enrolledMs: null,
  };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/**
 * Enrolment rows, written last because their dates depend on what people did: everyone
 * enrolled a little before their first request or match. Others joined in the launch
 * wave or trickled in since (the career program is still open).
 */
export function enrollmentRows(
  ctx: SeedContext,
  memberships: Membership[],
  taxonomy: Taxonomy,
): { enrollments: EnrollmentsTable[]; enrollmentTerms: EnrollmentTermsTable[] } {
  const rng = ctx.rng('enrollment-dates');
  const enrollments: EnrollmentsTable[] = [];
  const enrollmentTerms: EnrollmentTermsTable[] = [];
  for (const m of memberships) {
    const { program, person } = m;
    const latest = Math.min(program.closesMs, ctx.now - 2 * HOUR, (m.firstActivityMs ?? Infinity) - HOUR);
    let target: number;
    if (program.matchingMode === 'admin') target = rng.between(program.opensMs, program.closesMs);
    else if (m.firstActivityMs !== null) target = m.firstActivityMs - rng.between(1, 21) * DAY;
    else if (rng.chance(0.45)) target = rng.between(program.opensMs, program.startsMs + 14 * DAY);
    else target = rng.between(program.startsMs + 14 * DAY, ctx.now - DAY);
    const createdMs = clamp(duringWorkday(target, person.timeZone, rng.int(9 * 60, 17 * 60)), program.opensMs, latest);
    m.enrolledMs = createdMs;
    const updatedMs = Math.max(createdMs, m.withdrawnMs ?? 0, m.availabilityPausedMs ?? 0);
    const id = ctx.ids.make(`enrollment:${program.key}:${person.email}`, createdMs);
    enrollments.push({
      id,
      programId: program.id,
      userId: person.id,
      role: m.role,
      status: m.withdrawnMs === null ? 'active' : 'withdrawn',
      goals: m.goals,
      yearsExperience: person.yearsExperience,
      capacity: m.capacity,
      timeZone: person.timeZone,
      preferredFrequency: m.preferredFrequency,
      preferredChannel: m.preferredChannel,
      availability: m.availabilityPausedMs === null ? 'open' : 'paused',
      pausedUntil: m.pausedUntilMs === null ? null : isoDay(m.pausedUntilMs),
      workdayStart: m.workdayStart,
      workdayEnd: m.workdayEnd,
      createdAt: iso(createdMs),
      updatedAt: iso(updatedMs),
    });
    for (const label of m.offered) enrollmentTerms.push({ enrollmentId: id, termId: taxonomy.skillId(label), relation: 'offered' });
    for (const label of m.wanted) enrollmentTerms.push({ enrollmentId: id, termId: taxonomy.skillId(label), relation: 'wanted' });
    for (const label of m.values) enrollmentTerms.push({ enrollmentId: id, termId: taxonomy.valueId(label), relation: 'value' });
  }
  return { enrollments, enrollmentTerms };
}
