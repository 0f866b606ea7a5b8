import type { AssignmentResult } from '../api/src/matching/assignment';
import type { CandidateGraph, CandidateInput, HardCause, PoolMentee, PoolMentor, RunConstraints } from '../api/src/match-runs/candidates';
import { Rng } from '../api/src/seed/random';
import { GENERAL_SKILLS, VALUES } from '../api/src/seed/taxonomy';

/**
 * A synthetic whole-program matching pool for the matching benchmark (issue 6, "Scale"):
 * deterministic for a seed, entirely in memory (no database), shaped like what
 * `match-runs.service.ts` hands to `proposeMatches` — unpaired, unpaused mentees; every active
 * mentor enrolment (paused and full ones too); `exclusionsOf` and `hardCause` with the service's semantics
 * (reporting line either way, earlier pairs, declined requests, never-match rules).
 *
 * What makes it realistic rather than smooth:
 * - 60 skills: 17 general ones everybody offers and wants, 17 department-family ones, and a tail
 *   of 26 specialist skills (machine learning, tax, data privacy, …) that a quarter of the
 *   mentees' wishes go to but only a few mentors offer, mostly inside their own family;
 * - 40 departments in 12 families, each with a home region (three regions, 20 IANA zones, a few
 *   people with no known zone) and a manager hierarchy (head → directors → line managers), some
 *   managers being mentors (senior) and some mentees (new managers), so reporting lines exclude;
 * - mentor capacities 1–3, a quarter of mentors already holding a pair in the program (some
 *   therefore full), 5 % paused, mentoring histories that give network reach;
 * - earlier pairs, declined requests (to mentors who fit the mentee's wishes) and a few
 *   never-match rules between pool members.
 * No parameter here was tuned to make the optimal matcher look better than greedy.
 */

export interface PoolOptions {
  mentees: number;
  mentors: number;
  seed: number;
  /** the instant time-zone gaps are measured at (default 2026-06-10T12:00:00.000Z) */
  at?: string;
  constraints?: RunConstraints;
  /**
   * Multiplies how often mentors offer specialist skills (default 1, the realistic scarce tail):
   * only for exploring what makes optimal beat greedy, never tuned for the headline figures.
   */
  specialistSupply?: number;
}

export interface PoolStats {
  departments: number;
  skills: number;
  specialistSkills: number;
  zones: number;
  mentorsPaused: number;
  /** unpaused mentors with no free place (their existing pairs fill them) */
  mentorsFull: number;
  /** free places of unpaused mentors: the most mentees any matcher can match */
  places: number;
  /** mentees wanting at least one specialist skill */
  menteesWantingSpecialist: number;
  /** free places of unpaused mentors offering at least one specialist skill */
  specialistPlaces: number;
  /** (mentee, mentor) pairs in the pool excluded by each hard cause */
  excluded: Record<Exclude<HardCause, 'same-person' | 'removed'>, number>;
}

export interface SyntheticPool {
  input: Omit<CandidateInput, 'strategy'>;
  /** the service's per-pair answer (`loadProgramFacts`'s `hardCause`), for checking results independently */
  hardCause(menteeId: string, mentorId: string): Exclude<HardCause, 'removed'> | null;
  stats: PoolStats;
  /** the specialist (scarce) skills, for diagnostics */
  specialistSkills: ReadonlySet<string>;
}

export const DEFAULT_AT = '2026-06-10T12:00:00.000Z';

interface Family {
  /** skills most people of the family know, beyond the general ones */
  common: string[];
  /** the scarce tail: wanted often, offered by few */
  specialist: string[];
  departments: string[];
  /** relative headcount per department */
  size: number;
}

const FAMILIES: Record<string, Family> = {
  Engineering: {
    common: ['System design', 'Software architecture', 'Cloud infrastructure', 'Technical writing'],
    specialist: ['Machine learning', 'Security engineering', 'Site reliability', 'Mobile development', 'Accessibility', 'Distributed systems'],
    departments: ['Platform Engineering', 'Mobile Engineering', 'Web Engineering', 'Infrastructure', 'Security', 'Quality Engineering', 'Developer Experience'],
    size: 3,
  },
  Data: {
    common: ['Data analysis', 'Statistics', 'Data storytelling'],
    specialist: ['Machine learning', 'Experimentation'],
    departments: ['Data Science', 'Data Engineering', 'Business Intelligence'],
    size: 2,
  },
  Product: {
    common: ['Product discovery', 'Data analysis', 'Customer empathy'],
    specialist: ['Pricing strategy', 'Experimentation', 'Localization'],
    departments: ['Product — Core', 'Product — Growth', 'Product Operations'],
    size: 2,
  },
  Design: {
    common: ['UX research', 'Visual design', 'Customer empathy'],
    specialist: ['Design systems', 'Accessibility'],
    departments: ['Product Design', 'User Research'],
    size: 1.5,
  },
  Sales: {
    common: ['Sales prospecting', 'Account management', 'Customer empathy'],
    specialist: ['Public sector sales', 'Partnerships', 'Pricing strategy'],
    departments: ['Sales — Americas', 'Sales — EMEA', 'Sales — APAC', 'Public Sector Sales', 'Sales Operations'],
    size: 2.5,
  },
  Marketing: {
    common: ['Brand storytelling', 'Data storytelling', 'Customer empathy'],
    specialist: ['SEO', 'Event management'],
    departments: ['Brand Marketing', 'Demand Generation', 'Product Marketing'],
    size: 1.5,
  },
  'Customer Success': {
    common: ['Account management', 'Customer empathy', 'Process improvement'],
    specialist: ['Partnerships'],
    departments: ['Customer Success', 'Support', 'Professional Services'],
    size: 2,
  },
  Finance: {
    common: ['Financial modelling', 'Budgeting', 'Data analysis'],
    specialist: ['Tax', 'Investor relations', 'M&A'],
    departments: ['FP&A', 'Accounting', 'Tax', 'Investor Relations'],
    size: 1,
  },
  'People & Culture': {
    common: ['Budgeting', 'Process improvement'],
    specialist: ['Compensation design', 'Employment law', 'Organisational design'],
    departments: ['HR Business Partners', 'Talent Acquisition', 'Learning & Development'],
    size: 1,
  },
  Legal: {
    common: ['Contract law', 'Technical writing'],
    specialist: ['Data privacy', 'Regulatory compliance', 'Employment law'],
    departments: ['Legal', 'Compliance'],
    size: 0.7,
  },
  Operations: {
    common: ['Process improvement', 'Budgeting', 'Data analysis'],
    specialist: ['Supply chain', 'Procurement'],
    departments: ['Operations', 'Procurement', 'Facilities'],
    size: 1,
  },
  Executive: {
    common: ['Financial modelling', 'Process improvement'],
    specialist: ['Board communication', 'Public policy', 'M&A'],
    departments: ['Executive Office', 'Strategy'],
    size: 0.5,
  },
};

const REGIONS: Record<string, [string, number][]> = {
  Americas: [
    ['America/New_York', 5],
    ['America/Chicago', 2],
    ['America/Denver', 1],
    ['America/Los_Angeles', 3],
    ['America/Toronto', 1],
    ['America/Mexico_City', 1],
    ['America/Sao_Paulo', 1.5],
  ],
  EMEA: [
    ['Europe/London', 4],
    ['Europe/Dublin', 1],
    ['Europe/Berlin', 2],
    ['Europe/Paris', 1.5],
    ['Europe/Warsaw', 1],
    ['Africa/Johannesburg', 0.7],
    ['Asia/Dubai', 0.7],
  ],
  APAC: [
    ['Asia/Kolkata', 3],
    ['Asia/Singapore', 2],
    ['Asia/Shanghai', 1],
    ['Asia/Tokyo', 1],
    ['Australia/Sydney', 1.5],
    ['Pacific/Auckland', 0.4],
  ],
};
const REGION_WEIGHTS: [string, number][] = [
  ['Americas', 0.45],
  ['EMEA', 0.35],
  ['APAC', 0.2],
];
const REGIONAL_DEPARTMENTS: Record<string, string> = { 'Sales — Americas': 'Americas', 'Sales — EMEA': 'EMEA', 'Sales — APAC': 'APAC' };

/** Goal statements are built from these phrases, so goal words overlap the way real ones do. */
const MENTEE_GOALS = [
  'lead a team for the first time',
  'move into product management',
  'present confidently to executives',
  'grow my network across departments',
  'prepare for promotion to senior',
  'manage stakeholders on cross-team projects',
  'negotiate enterprise deals',
  'understand company finance and budgets',
  'switch careers into data science',
  'scale distributed systems reliably',
  'build machine learning products',
  'give feedback to peers and reports',
  'balance delivery pressure and wellbeing',
  'write clearer technical proposals',
  'run customer research interviews',
  'own a regional sales territory',
  'plan my career path in engineering',
  'hire and interview candidates well',
  'drive change across the organisation',
  'work with international teams across time zones',
];
const MENTOR_GOALS = [
  'help new managers lead a team',
  'share how I moved into product management',
  'coach people to present to executives',
  'open my network across departments',
  'support promotion cases to senior and staff',
  'pass on stakeholder management lessons',
  'teach negotiation for enterprise deals',
  'explain company finance and budgets',
  'guide career switches into data science',
  'share experience scaling distributed systems',
  'mentor people building machine learning products',
  'practise giving feedback with mentees',
  'talk openly about wellbeing and delivery pressure',
  'review technical proposals and writing',
  'share customer research practice',
  'grow sellers into territory owners',
  'plan engineering career paths together',
  'teach structured hiring and interviewing',
  'lead change across the organisation',
  'work across international teams and time zones',
];

const FIRST = ['Aiko', 'Amara', 'Ana', 'Arjun', 'Ben', 'Camila', 'Chen', 'Chidi', 'Daniel', 'Elena', 'Emeka', 'Fatima', 'Finn', 'Grace', 'Hana', 'Ibrahim', 'Ines', 'Jack', 'Javier', 'Jin', 'Julia', 'Kai', 'Kwame', 'Lars', 'Leila', 'Lucas', 'Maja', 'Marco', 'Maya', 'Mei', 'Nadia', 'Noah', 'Omar', 'Priya', 'Rafael', 'Rosa', 'Sara', 'Sofia', 'Tariq', 'Wei', 'Yara', 'Yuki', 'Zara', 'Zoe'];
const LAST = ['Adeyemi', 'Alvarez', 'Banerjee', 'Becker', 'Chen', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Gupta', 'Hansen', 'Ito', 'Iyer', 'Khan', 'Kim', 'Kowalski', 'Kumar', 'Li', 'Lopez', 'Martin', 'Meyer', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Park', 'Patel', 'Rossi', 'Santos', 'Sato', 'Schmidt', 'Shah', 'Silva', 'Singh', 'Smith', 'Tanaka', 'Torres', 'Wang', 'Weber', 'Wilson', 'Yilmaz', 'Zhang'];

interface Department {
  name: string;
  family: string;
  region: string;
  weight: number;
}

function departmentsOf(rng: Rng): Department[] {
  const regions = REGION_WEIGHTS;
  const out: Department[] = [];
  for (const [family, f] of Object.entries(FAMILIES)) {
    for (const name of f.departments) {
      out.push({ name, family, region: REGIONAL_DEPARTMENTS[name] ?? rng.weighted(regions), weight: f.size / f.departments.length });
    }
  }
  return out;
}

/** Draws `count` distinct items with the given sampler (gives up after a few misses). */
function distinct<T>(count: number, draw: () => T): T[] {
  const out = new Set<T>();
  for (let tries = 0; out.size < count && tries < count * 10; tries++) out.add(draw());
  return [...out];
}

/** Index in [0, n) with probability ∝ 1/(i+1)^s: a few popular items and a long tail. */
function zipf(rng: Rng, n: number, s = 0.8): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += 1 / (i + 1) ** s;
  let roll = rng.next() * total;
  for (let i = 0; i < n; i++) {
    roll -= 1 / (i + 1) ** s;
    if (roll < 0) return i;
  }
  return n - 1;
}

export function generateMatchingPool(options: PoolOptions): SyntheticPool {
  const { seed } = options;
  const stream = (label: string) => Rng.forLabel(`bench-matching:${seed}:${label}`);
  const at = options.at ?? DEFAULT_AT;
  const constraints = options.constraints ?? { maxTimezoneGapHours: null, sameDepartment: 'allow' };
  const supply = options.specialistSupply ?? 1;

  const departments = departmentsOf(stream('departments'));
  const departmentWeights = departments.map((d, k) => [k, d.weight] as [number, number]);
  const allSpecialist = [...new Set(Object.values(FAMILIES).flatMap((f) => f.specialist))];
  const allSkills = new Set([...GENERAL_SKILLS, ...Object.values(FAMILIES).flatMap((f) => [...f.common, ...f.specialist])]);
  // Popularity orders, fixed per seed: which general skills and values are in fashion.
  const general = stream('popularity').shuffle(GENERAL_SKILLS);
  const values = stream('values-popularity').shuffle(VALUES);

  const people = stream('people');
  const nameOf = () => `${people.pick(FIRST)} ${people.pick(LAST)}`;
  const zoneIn = (rng: Rng, department: Department): string | null => {
    if (rng.chance(0.03)) return null;
    const region = rng.chance(0.65) ? department.region : rng.weighted(REGION_WEIGHTS);
    return rng.weighted(REGIONS[region]!);
  };

  // ---- Mentees -------------------------------------------------------------------------------
  const menteeRng = stream('mentees');
  const mentees: PoolMentee[] = [];
  const menteeDept: number[] = [];
  for (let i = 0; i < options.mentees; i++) {
    const dk = menteeRng.weighted(departmentWeights);
    const department = departments[dk]!;
    const family = FAMILIES[department.family]!;
    const wantedCount = menteeRng.weighted([
      [1, 0.2],
      [2, 0.35],
      [3, 0.3],
      [4, 0.15],
    ] as const);
    const skillsWanted = distinct(wantedCount, () => {
      const roll = menteeRng.next();
      if (roll < 0.45) return general[zipf(menteeRng, general.length)]!;
      if (roll < 0.75) return menteeRng.pick(family.common);
      return menteeRng.chance(0.7) ? menteeRng.pick(family.specialist) : menteeRng.pick(allSpecialist);
    });
    const years = menteeRng.chance(0.08) ? null : Math.round(menteeRng.next() ** 1.5 * 12);
    mentees.push({
      id: `mentee-${String(i).padStart(6, '0')}`,
      displayName: nameOf(),
      department: department.name,
      zone: zoneIn(menteeRng, department),
      profile: {
        yearsExperience: years,
        goals: menteeRng.chance(0.06) ? null : distinct(menteeRng.int(1, 2), () => menteeRng.pick(MENTEE_GOALS)).join(' and '),
        skillsWanted,
        skillsOffered: distinct(menteeRng.int(0, 2), () => menteeRng.pick(family.common)),
        values: distinct(menteeRng.int(1, 3), () => values[zipf(menteeRng, values.length, 0.6)]!),
      },
    });
    menteeDept.push(dk);
  }

  // ---- Mentors -------------------------------------------------------------------------------
  const mentorRng = stream('mentors');
  const mentors: PoolMentor[] = [];
  const mentorDept: number[] = [];
  const departmentsOfFamily = (family: string) => departments.filter((d) => d.family === family).map((d) => d.name);
  for (let j = 0; j < options.mentors; j++) {
    const dk = mentorRng.weighted(departmentWeights);
    const department = departments[dk]!;
    const family = FAMILIES[department.family]!;
    const offered = new Set<string>();
    for (const s of distinct(mentorRng.int(2, 4), () => general[zipf(mentorRng, general.length, 0.5)]!)) offered.add(s);
    for (const s of distinct(mentorRng.int(1, Math.min(3, family.common.length)), () => mentorRng.pick(family.common))) offered.add(s);
    // The scarce tail: a mentor knows one of their own family's specialities now and then, another family's rarely.
    for (const s of family.specialist) if (mentorRng.chance(0.06 * supply)) offered.add(s);
    for (const s of allSpecialist) if (!family.specialist.includes(s) && mentorRng.chance(0.005 * supply)) offered.add(s);
    const capacity = mentorRng.weighted([
      [1, 0.3],
      [2, 0.45],
      [3, 0.25],
    ] as const);
    // Pairs they already hold in this program (their mentees are not in the pool).
    const load = Math.min(capacity, mentorRng.weighted([
      [0, 0.7],
      [1, 0.25],
      [2, 0.05],
    ] as const));
    // Departments of everyone they have mentored, current pairs included.
    const mentored = new Set<string>();
    const history = load + (mentorRng.chance(0.35) ? 0 : mentorRng.int(1, 8));
    for (let h = 0; h < history; h++) {
      mentored.add(mentorRng.chance(0.5) ? mentorRng.pick(departmentsOfFamily(department.family)) : mentorRng.pick(departments).name);
    }
    const remainingCapacity = capacity - load;
    mentors.push({
      id: `mentor-${String(j).padStart(6, '0')}`,
      displayName: nameOf(),
      department: department.name,
      zone: zoneIn(mentorRng, department),
      profile: {
        yearsExperience: mentorRng.chance(0.05) ? null : 5 + Math.round(mentorRng.next() ** 0.9 * 25),
        goals: mentorRng.chance(0.1) ? null : distinct(mentorRng.int(1, 3), () => mentorRng.pick(MENTOR_GOALS)).join(' and '),
        skillsWanted: [],
        skillsOffered: [...offered],
        values: distinct(mentorRng.int(1, 4), () => values[zipf(mentorRng, values.length, 0.6)]!),
      },
      remainingCapacity,
      places: remainingCapacity,
      paused: mentorRng.chance(0.05),
      mentoredDepartments: mentored,
    });
    mentorDept.push(dk);
  }

  // ---- Manager hierarchy -------------------------------------------------------------------
  // Per department: a head (a mentor now and then), directors when there are many line managers,
  // line managers (some senior mentors, some new-manager mentees, the rest not in the program),
  // everybody else reporting to a line manager. Heads report to the CEO.
  const orgRng = stream('org');
  const managerOf = new Map<string, string>();
  let outsiders = 0;
  const outsider = () => `staff-${String(outsiders++).padStart(6, '0')}`;
  const byDept = departments.map(() => ({ mentees: [] as number[], mentors: [] as number[] }));
  menteeDept.forEach((dk, i) => byDept[dk]!.mentees.push(i));
  mentorDept.forEach((dk, j) => byDept[dk]!.mentors.push(j));
  byDept.forEach((members) => {
    const freeMentors = orgRng.shuffle(members.mentors.map((j) => mentors[j]!.id));
    const freeMentees = orgRng.shuffle(members.mentees.map((i) => mentees[i]!.id));
    const head = freeMentors.length > 0 && orgRng.chance(0.3) ? freeMentors.pop()! : outsider();
    managerOf.set(head, 'ceo');
    const size = members.mentees.length + members.mentors.length;
    const lineCount = Math.max(1, Math.ceil(size / 7));
    const mentorManagers = Math.floor(freeMentors.length * 0.45);
    const lineManagers: string[] = [];
    for (let k = 0; k < lineCount; k++) {
      const roll = orgRng.next();
      if (roll < 0.45 && lineManagers.filter((id) => id.startsWith('mentor')).length < mentorManagers && freeMentors.length > 0) lineManagers.push(freeMentors.pop()!);
      else if (roll < 0.6 && freeMentees.length > 0) lineManagers.push(freeMentees.pop()!);
      else lineManagers.push(outsider());
    }
    let above = [head];
    if (lineCount > 6) {
      above = Array.from({ length: Math.ceil(lineCount / 6) }, () => (freeMentors.length > 0 && orgRng.chance(0.5) ? freeMentors.pop()! : outsider()));
      for (const director of above) managerOf.set(director, head);
    }
    for (const manager of lineManagers) managerOf.set(manager, orgRng.pick(above));
    for (const id of [...freeMentors, ...freeMentees]) managerOf.set(id, orgRng.pick(lineManagers));
  });
  const chains = new Map<string, Set<string>>();
  const chainOf = (id: string): Set<string> => {
    let chain = chains.get(id);
    if (chain) return chain;
    chain = new Set<string>();
    for (let m = managerOf.get(id); m !== undefined && m !== id && !chain.has(m); m = managerOf.get(m)) chain.add(m);
    chains.set(id, chain);
    return chain;
  };
  const isMentor = new Set(mentors.map((m) => m.id));
  const isMentee = new Set(mentees.map((m) => m.id));

  // ---- Earlier pairs, declined requests, never-match rules ----------------------------------
  type LinkCause = 'previous-pair' | 'declined-request' | 'never-match';
  const links = new Map<string, Map<string, LinkCause>>();
  const excluded: PoolStats['excluded'] = { 'reporting-line': 0, 'previous-pair': 0, 'declined-request': 0, 'never-match': 0 };
  const link = (menteeId: string, mentorId: string, cause: LinkCause) => {
    if (links.get(menteeId)?.has(mentorId)) return;
    for (const [a, b] of [
      [menteeId, mentorId],
      [mentorId, menteeId],
    ] as const) {
      const of = links.get(a) ?? new Map<string, LinkCause>();
      of.set(b, cause);
      links.set(a, of);
    }
    if (!chainOf(menteeId).has(mentorId) && !chainOf(mentorId).has(menteeId)) excluded[cause] += 1;
  };
  const mentorsOffering = new Map<string, number[]>();
  mentors.forEach((m, j) => {
    for (const s of m.profile.skillsOffered) mentorsOffering.set(s, [...(mentorsOffering.get(s) ?? []), j]);
  });
  const historyRng = stream('history');
  mentees.forEach((mentee, i) => {
    if (historyRng.chance(0.06)) {
      // An earlier pair (ended or completed, maybe in another program), usually within the family.
      const family = departments[menteeDept[i]!]!.family;
      const sameFamily = mentors.filter((_, j) => departments[mentorDept[j]!]!.family === family);
      const mentor = sameFamily.length > 0 && historyRng.chance(0.6) ? historyRng.pick(sameFamily) : historyRng.pick(mentors);
      link(mentee.id, mentor.id, 'previous-pair');
      (mentor.mentoredDepartments as Set<string>).add(mentee.department!);
    }
    if (historyRng.chance(0.04)) {
      // Declined requests go to mentors who offer what the mentee wants: that is who they asked.
      const fitting = [...new Set(mentee.profile.skillsWanted.flatMap((s) => mentorsOffering.get(s) ?? []))];
      for (let r = historyRng.int(1, 2); r > 0 && fitting.length > 0; r--) link(mentee.id, mentors[historyRng.pick(fitting)]!.id, 'declined-request');
    }
  });
  const rules = Math.max(1, Math.round(options.mentees * 0.002));
  for (let r = 0; r < rules && mentors.length > 0 && mentees.length > 0; r++) {
    const i = historyRng.int(0, mentees.length - 1);
    const peers = byDept[menteeDept[i]!]!.mentors;
    const j = peers.length > 0 ? historyRng.pick(peers) : historyRng.int(0, mentors.length - 1);
    link(mentees[i]!.id, mentors[j]!.id, 'never-match');
  }
  for (const id of managerOf.keys()) {
    for (const above of chainOf(id)) {
      if ((isMentee.has(id) && isMentor.has(above)) || (isMentor.has(id) && isMentee.has(above))) excluded['reporting-line'] += 1;
    }
  }

  // The service's `hardCause` (loadProgramFacts): same person, reporting line either way, then the first link.
  const hardCause = (menteeId: string, mentorId: string): Exclude<HardCause, 'removed'> | null => {
    if (menteeId === mentorId) return 'same-person';
    if (chainOf(menteeId).has(mentorId) || chainOf(mentorId).has(menteeId)) return 'reporting-line';
    return links.get(menteeId)?.get(mentorId) ?? null;
  };
  // Warm the chain cache so the graph build measures lookups, as the service's does after loading.
  for (const id of managerOf.keys()) chainOf(id);
  // The service's `exclusionsOf`, built the way `loadProgramFacts` builds it: everyone in the
  // person's reporting line (above or below), then their links. `hardCause` above stays the
  // independent per-pair answer the checks ask.
  const below = new Map<string, Set<string>>();
  for (const id of managerOf.keys()) for (const manager of chainOf(id)) below.set(manager, (below.get(manager) ?? new Set()).add(id));
  const exclusionsOf = (personId: string): Map<string, HardCause> => {
    const out = new Map<string, HardCause>();
    for (const other of [...chainOf(personId), ...(below.get(personId) ?? [])]) if (other !== personId) out.set(other, 'reporting-line');
    for (const [other, cause] of links.get(personId) ?? []) if (!out.has(other)) out.set(other, cause);
    return out;
  };

  const specialist = new Set(allSpecialist);
  const open = mentors.filter((m) => !m.paused && m.places > 0);
  const stats: PoolStats = {
    departments: departments.length,
    skills: allSkills.size,
    specialistSkills: specialist.size,
    zones: new Set([...mentees, ...mentors].map((p) => p.zone)).size,
    mentorsPaused: mentors.filter((m) => m.paused).length,
    mentorsFull: mentors.filter((m) => !m.paused && m.places <= 0).length,
    places: open.reduce((sum, m) => sum + m.places, 0),
    menteesWantingSpecialist: mentees.filter((m) => m.profile.skillsWanted.some((s) => specialist.has(s))).length,
    specialistPlaces: open.filter((m) => m.profile.skillsOffered.some((s) => specialist.has(s))).reduce((sum, m) => sum + m.places, 0),
    excluded,
  };
  return { input: { mentees, mentors, constraints, at, exclusionsOf }, hardCause, stats, specialistSkills: specialist };
}

/**
 * The greedy baseline: every candidate edge, heaviest first (ties in graph order), taken when
 * its mentee is still unmatched and its mentor still has a free place.
 */
export function greedyAssignment(graph: Pick<CandidateGraph, 'mentees' | 'capacities' | 'edges'>): AssignmentResult {
  const { edges } = graph;
  const order = new Uint32Array(edges.length);
  for (let e = 0; e < order.length; e++) order[e] = e;
  order.sort((a, b) => edges[b]!.weight - edges[a]!.weight || a - b);
  const mentorOf = new Int32Array(graph.mentees.length).fill(-1);
  const free = Int32Array.from(graph.capacities, (c) => Math.max(0, Math.floor(c)));
  let matched = 0;
  let totalWeight = 0;
  for (const e of order) {
    const edge = edges[e]!;
    if (mentorOf[edge.mentee] !== -1 || free[edge.mentor]! <= 0) continue;
    mentorOf[edge.mentee] = edge.mentor;
    free[edge.mentor]! -= 1;
    matched += 1;
    totalWeight += edge.weight;
  }
  return { mentorOf, matched, totalWeight };
}

export interface Feasibility {
  /** empty when the assignment is feasible */
  problems: string[];
  matched: number;
  totalWeight: number;
}

/**
 * Checks an assignment independently of the solver: every pair is a candidate edge (and the
 * weight summed is that edge's), no mentor takes more than their places, no pair has a hard
 * exclusion (asked again of `hardCause`), paused or full mentors take nobody, and the counts the
 * matcher reported are the ones recomputed here.
 */
export function checkAssignment(
  graph: CandidateGraph,
  result: AssignmentResult,
  hardCause: (menteeId: string, mentorId: string) => HardCause | null,
): Feasibility {
  const problems: string[] = [];
  const m = graph.mentors.length;
  const weightOf = new Map<number, number>();
  for (const e of graph.edges) weightOf.set(e.mentee * m + e.mentor, Math.max(weightOf.get(e.mentee * m + e.mentor) ?? -1, e.weight));
  const taken = new Int32Array(m);
  let matched = 0;
  let totalWeight = 0;
  const report = (text: string) => {
    if (problems.length < 20) problems.push(text);
  };
  for (let i = 0; i < graph.mentees.length; i++) {
    const j = result.mentorOf[i]!;
    if (j < 0) continue;
    const mentee = graph.mentees[i]!;
    const mentor = graph.mentors[j];
    if (!mentor) {
      report(`${mentee.id}: mentor index ${j} out of range`);
      continue;
    }
    const weight = weightOf.get(i * m + j);
    if (weight === undefined) report(`${mentee.id}–${mentor.id} is not a candidate edge`);
    const cause = hardCause(mentee.id, mentor.id);
    if (cause !== null) report(`${mentee.id}–${mentor.id} is excluded (${cause})`);
    if (mentor.paused) report(`${mentor.id} is paused`);
    taken[j]! += 1;
    matched += 1;
    totalWeight += weight ?? 0;
  }
  for (let j = 0; j < m; j++) {
    const places = Math.max(0, graph.mentors[j]!.places);
    if (taken[j]! > places || taken[j]! > graph.capacities[j]!) report(`${graph.mentors[j]!.id} takes ${taken[j]} mentees for ${places} places`);
  }
  if (matched !== result.matched) report(`matched ${result.matched} reported, ${matched} recomputed`);
  if (totalWeight !== result.totalWeight) report(`total weight ${result.totalWeight} reported, ${totalWeight} recomputed`);
  return { problems, matched, totalWeight };
}
