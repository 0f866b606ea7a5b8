import { solveAssignment, type AssignmentEdge } from '../matching/assignment';
import { mentorMatchContext } from '../matching/context';
import { prepareMatchProfile, scorePreparedMatch, timeZoneGapHours, type MatchContext, type MatchProfile } from '../matching/score';

/**
 * The pure core of a match run (docs/match-runs.md): which mentee–mentor edges exist, what they
 * weigh, the optimal assignment over them, and why each mentee left unmatched is unmatched.
 * No I/O and no clock: the service loads the pool and the exclusions, this decides.
 */

export type Strategy = 'best-total' | 'most-matched';
export type SameDepartment = 'allow' | 'avoid' | 'forbid';

export interface RunConstraints {
  maxTimezoneGapHours: number | null;
  sameDepartment: SameDepartment;
}

/** Why an edge never exists regardless of the run's constraints. */
export type HardCause = 'same-person' | 'reporting-line' | 'previous-pair' | 'declined-request' | 'never-match' | 'removed';
export type ConstraintCause = 'time-zone' | 'same-department';

export interface PoolMentee {
  id: string;
  displayName: string;
  department: string | null;
  /** enrolment time zone, else directory time zone */
  zone: string | null;
  profile: MatchProfile;
}

export interface PoolMentor extends PoolMentee {
  /** capacity − active and paused pairs in the program: what the score sees */
  remainingCapacity: number;
  /** places this run may still fill (remaining capacity − locked proposals); ≤ 0 means full */
  places: number;
  paused: boolean;
  mentoredDepartments: ReadonlySet<string>;
}

export interface CandidateInput {
  mentees: PoolMentee[];
  /** every active mentor enrolment, paused and full ones too (they explain unmatched mentees) */
  mentors: PoolMentor[];
  constraints: RunConstraints;
  /** the instant time-zone gaps are measured at */
  at: string;
  hardCause(menteeId: string, mentorId: string): HardCause | null;
  strategy: Strategy;
}

/** Pools bigger than this keep only each mentee's best `TOP_CANDIDATES` mentors. */
export const FULL_GRAPH_MAX_MENTEES = 2000;
export const TOP_CANDIDATES = 50;
/** with a top-K cut: how many of their best mentees each mentor keeps as candidates too */
export const MENTOR_SIDE_CANDIDATES = 20;
export const AVOIDED_SAME_DEPARTMENT_FACTOR = 0.5;
export const AVOIDED_SAME_DEPARTMENT_REASON = 'Same department (avoided)';

export interface EdgeScore {
  /** round(score × 10 000), after any "avoid" penalty: the solver's weight */
  weight: number;
  reasons: string[];
}

export interface Proposal {
  menteeId: string;
  mentorId: string;
  weight: number;
  reasons: string[];
}

export interface RunResult {
  proposals: Proposal[];
  unmatched: { menteeId: string; reasons: string[] }[];
  /** null when every eligible edge was in the graph */
  candidatesPerMentee: number | null;
}

/** 3-decimal score of a weight (weights are multiples of 5 ten-thousandths, so this is exact). */
export function scoreOfWeight(weight: number): number {
  return Math.round(weight / 10) / 1000;
}

function contextOf(mentor: PoolMentor): MatchContext {
  return mentorMatchContext({
    remainingCapacity: mentor.remainingCapacity,
    department: mentor.department,
    mentoredDepartments: mentor.mentoredDepartments,
    timeZoneGapHours: null,
  });
}

/** The run constraint that rules this pair out, if any: what an admin's own choice is checked against. */
export function pairConstraint(mentee: PoolMentee, mentor: PoolMentor, constraints: RunConstraints, at: string): ConstraintCause | null {
  return indexPool([mentee], [mentor], constraints, at).constraint(0, 0);
}

/** A pair's weight and reasons, exactly as a run scores it. */
export function scorePair(mentee: PoolMentee, mentor: PoolMentor, constraints: RunConstraints, at: string): EdgeScore {
  return indexPool([mentee], [mentor], constraints, at).score(0, 0, true);
}

const byName = new Intl.Collator('en', { sensitivity: 'base' });
function byDisplayName(a: { displayName: string; id: string }, b: { displayName: string; id: string }): number {
  return byName.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The candidate graph of a run (docs/match-runs.md): who may be paired with whom, at what weight. */
export interface CandidateGraph {
  /** in solver order: by display name, then id (edges index these arrays) */
  mentees: PoolMentee[];
  mentors: PoolMentor[];
  /** places the run may fill per mentor; 0 for paused and full mentors */
  capacities: number[];
  edges: AssignmentEdge[];
  /** K when each mentee kept only its K best mentors, null when every eligible edge is in */
  topK: number | null;
  /** each mentee's candidate mentors when the graph was cut to the top K, else null */
  candidatesOf: Set<number>[] | null;
}

/**
 * The candidate graph `proposeMatches` solves. Every eligible edge is a candidate up to
 * `FULL_GRAPH_MAX_MENTEES` mentees; above that each mentee keeps its `TOP_CANDIDATES` best
 * mentors (by weight), which keeps the graph sparse at 10 000 mentees. `topK` overrides that
 * rule (a number, or null for every eligible edge): only the matching benchmark uses it.
 * Mentees and mentors are ordered by name first, so equal-weight ties resolve the same way
 * every time.
 */
export function buildCandidateGraph(input: Omit<CandidateInput, 'strategy'>, options: { topK?: number | null } = {}): CandidateGraph {
  return candidateGraph(input, options).graph;
}

/**
 * Builds the candidate graph (`buildCandidateGraph`) and solves it exactly with `solveAssignment`.
 *
 * Every (mentee, mentor) pair is looked at once, so the per-pair work is kept to lookups:
 * profiles are prepared, departments normalised and zones numbered once per person, time-zone
 * gaps and score contexts computed once per (zone, zone) and (mentor, zone), and reasons
 * written only for the pairs proposed.
 */
export function proposeMatches(input: CandidateInput): RunResult {
  const { graph, pool } = candidateGraph(input, {});
  const { mentees, mentors, topK, candidatesOf } = graph;

  const result = solveAssignment({
    menteeCount: mentees.length,
    capacities: graph.capacities,
    edges: graph.edges,
    objective: input.strategy,
  });

  const placesLeft = [...graph.capacities];
  const proposals: Proposal[] = [];
  const unmatched: RunResult['unmatched'] = [];
  for (let i = 0; i < mentees.length; i++) {
    const j = result.mentorOf[i]!;
    if (j < 0) continue;
    placesLeft[j]! -= 1;
    const { weight, reasons } = pool.score(i, j, true);
    proposals.push({ menteeId: mentees[i]!.id, mentorId: mentors[j]!.id, weight, reasons });
  }
  for (let i = 0; i < mentees.length; i++) {
    if (result.mentorOf[i]! >= 0) continue;
    const candidates = candidatesOf === null ? null : candidatesOf[i]!;
    unmatched.push({ menteeId: mentees[i]!.id, reasons: explainUnmatched(i, mentees, mentors, placesLeft, candidates, input, pool) });
  }
  return { proposals, unmatched, candidatesPerMentee: topK };
}

function candidateGraph(input: Omit<CandidateInput, 'strategy'>, options: { topK?: number | null }): { graph: CandidateGraph; pool: PoolIndex } {
  const mentees = [...input.mentees].sort(byDisplayName);
  const mentors = [...input.mentors].sort(byDisplayName);
  const topK = options.topK !== undefined ? options.topK : mentees.length > FULL_GRAPH_MAX_MENTEES ? TOP_CANDIDATES : null;
  const pool = indexPool(mentees, mentors, input.constraints, input.at);

  const edges: AssignmentEdge[] = [];
  const candidatesOf: Set<number>[] = [];
  // With a top-K cut, each mentor also keeps their own best mentees, so no open place becomes
  // unreachable just because the mentor is nobody's top K (which would cost optimality).
  const bestOfMentor: AssignmentEdge[][] = mentors.map(() => []);
  for (let i = 0; i < mentees.length; i++) {
    const mentee = mentees[i]!;
    const own: AssignmentEdge[] = [];
    for (let j = 0; j < mentors.length; j++) {
      if (!pool.open[j] || input.hardCause(mentee.id, mentors[j]!.id) !== null || pool.constraint(i, j) !== null) continue;
      const edge = { mentee: i, mentor: j, weight: pool.score(i, j, false).weight };
      if (topK === null) own.push(edge);
      else {
        keepBest(own, edge, topK);
        keepBest(bestOfMentor[j]!, edge, MENTOR_SIDE_CANDIDATES);
      }
    }
    if (topK !== null) candidatesOf.push(new Set(own.map((e) => e.mentor)));
    for (const edge of own) edges.push(edge);
  }
  if (topK !== null) {
    for (const best of bestOfMentor) {
      for (const edge of best) {
        const seen = candidatesOf[edge.mentee]!;
        if (seen.has(edge.mentor)) continue;
        seen.add(edge.mentor);
        edges.push(edge);
      }
    }
  }
  const capacities = mentors.map((m, j) => (pool.open[j] ? m.places : 0));
  return { graph: { mentees, mentors, capacities, edges, topK, candidatesOf: topK === null ? null : candidatesOf }, pool };
}

/** Keeps `best` as the `k` heaviest edges seen, heaviest first; on equal weight the earlier mentor stays ahead. */
function keepBest(best: AssignmentEdge[], edge: AssignmentEdge, k: number): void {
  if (best.length === k && best[k - 1]!.weight >= edge.weight) return;
  let at = best.length;
  while (at > 0 && best[at - 1]!.weight < edge.weight) at -= 1;
  best.splice(at, 0, edge);
  if (best.length > k) best.pop();
}

interface PoolIndex {
  /** the mentor is unpaused with a place this run may fill */
  open: boolean[];
  constraint(i: number, j: number): ConstraintCause | null;
  score(i: number, j: number, withReasons: boolean): EdgeScore;
}

function indexPool(mentees: PoolMentee[], mentors: PoolMentor[], constraints: RunConstraints, at: string): PoolIndex {
  const zones = new Map<string | null, number>();
  const zoneOf = (zone: string | null) => {
    if (!zones.has(zone)) zones.set(zone, zones.size);
    return zones.get(zone)!;
  };
  const menteeZone = mentees.map((m) => zoneOf(m.zone));
  const mentorZone = mentors.map((m) => zoneOf(m.zone));
  const zoneNames = [...zones.keys()];
  const z = zoneNames.length;
  const gaps = new Array<number | null | undefined>(z * z);
  const gap = (i: number, j: number): number | null => {
    const key = menteeZone[i]! * z + mentorZone[j]!;
    if (gaps[key] === undefined) gaps[key] = timeZoneGapHours(zoneNames[menteeZone[i]!] ?? null, zoneNames[mentorZone[j]!] ?? null, at);
    return gaps[key]!;
  };

  const departmentKey = (d: string | null) => (d === null ? null : d.trim().toLowerCase());
  const menteeDepartment = mentees.map((m) => departmentKey(m.department));
  const mentorDepartment = mentors.map((m) => departmentKey(m.department));
  const sameDept = (i: number, j: number) => menteeDepartment[i] !== null && menteeDepartment[i] === mentorDepartment[j];

  const menteeProfiles = mentees.map((m) => prepareMatchProfile(m.profile));
  const mentorProfiles = mentors.map((m) => prepareMatchProfile(m.profile));
  const baseContexts = mentors.map(contextOf);
  const contexts = new Array<MatchContext | undefined>(mentors.length * z);
  const context = (i: number, j: number): MatchContext => {
    const key = j * z + menteeZone[i]!;
    return (contexts[key] ??= { ...baseContexts[j]!, timeZoneGapHours: gap(i, j) });
  };

  const { maxTimezoneGapHours, sameDepartment: departmentRule } = constraints;
  return {
    open: mentors.map((m) => !m.paused && m.places > 0),
    constraint(i, j) {
      if (maxTimezoneGapHours !== null) {
        const hours = gap(i, j);
        if (hours !== null && hours > maxTimezoneGapHours) return 'time-zone';
      }
      if (departmentRule === 'forbid' && sameDept(i, j)) return 'same-department';
      return null;
    },
    score(i, j, withReasons) {
      const { score, reasons } = scorePreparedMatch(menteeProfiles[i]!, mentorProfiles[j]!, context(i, j), withReasons);
      const weight = Math.round(score * 10_000);
      if (departmentRule === 'avoid' && sameDept(i, j)) {
        return { weight: Math.round(weight * AVOIDED_SAME_DEPARTMENT_FACTOR), reasons: withReasons ? [...reasons, AVOIDED_SAME_DEPARTMENT_REASON] : [] };
      }
      return { weight, reasons };
    },
  };
}

const HARD_PARTS: [Exclude<HardCause, 'same-person'>, (n: number) => string][] = [
  ['reporting-line', (n) => `${n} in their reporting line`],
  ['previous-pair', (n) => `${n} paired with them before`],
  ['declined-request', (n) => `${n} with a declined request between them`],
  ['never-match', (n) => `${n} never-match ${n === 1 ? 'rule' : 'rules'}`],
  ['removed', (n) => `${n} removed from this run by an admin`],
];

function mentorsWord(n: number): string {
  return `${n} ${n === 1 ? 'mentor' : 'mentors'}`;
}

/**
 * Why a mentee is left without a mentor. Each mentor is counted once, under the first thing
 * that rules them out: a hard exclusion, a pause, the run's constraints, no place before the
 * run, no place left after it.
 */
function explainUnmatched(
  i: number,
  mentees: PoolMentee[],
  mentors: PoolMentor[],
  placesLeft: number[],
  candidates: Set<number> | null,
  input: CandidateInput,
  pool: PoolIndex,
): string[] {
  const mentee = mentees[i]!;
  const hard = new Map<HardCause, number>();
  let paused = 0;
  let timeZone = 0;
  let department = 0;
  let atCapacity = 0;
  let pruned = 0;
  let stillFree = 0;
  mentors.forEach((mentor, j) => {
    const cause = input.hardCause(mentee.id, mentor.id);
    if (cause === 'same-person') return;
    if (cause !== null) {
      hard.set(cause, (hard.get(cause) ?? 0) + 1);
      return;
    }
    if (mentor.paused) {
      paused += 1;
      return;
    }
    const constraint = pool.constraint(i, j);
    if (constraint === 'time-zone') timeZone += 1;
    else if (constraint === 'same-department') department += 1;
    else if (mentor.places <= 0 || placesLeft[j]! <= 0) atCapacity += 1;
    else if (candidates !== null && !candidates.has(j)) pruned += 1;
    else stillFree += 1;
  });

  const reasons: string[] = [];
  if (stillFree > 0) {
    // Only "best-total" leaves someone out while a mentor they could have has room: the pair adds nothing.
    reasons.push('No eligible mentor adds to the total score');
  } else if (pruned > 0) {
    reasons.push(`Their ${TOP_CANDIDATES} best-fitting mentors are at capacity`);
  } else if (atCapacity > 0) {
    reasons.push('Every eligible mentor is at capacity');
  } else {
    const parts = HARD_PARTS.filter(([cause]) => hard.has(cause)).map(([cause, text]) => text(hard.get(cause)!));
    if (paused > 0) parts.push(`${paused} paused`);
    if (parts.length > 0) reasons.push(`No eligible mentor: ${parts.join(', ')}`);
    else if (timeZone + department === 0) reasons.push('No eligible mentor: the program has no other active mentors');
  }
  if (timeZone > 0) reasons.push(`Excluded by the time-zone constraint from ${mentorsWord(timeZone)}`);
  if (department > 0) reasons.push(`Excluded by the same-department rule from ${mentorsWord(department)}`);
  return reasons;
}
