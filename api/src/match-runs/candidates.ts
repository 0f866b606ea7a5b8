import { solveAssignment, type AssignmentEdge } from '../matching/assignment';
import { mentorMatchContext } from '../matching/context';
import { bulkMatchScorer, prepareMatchProfile, scorePreparedMatch, timeZoneGapHours, type BulkMatchScorer, type MatchContext, type MatchProfile } from '../matching/score';

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
  /**
   * The mentors a hard exclusion keeps from this mentee, with why (the mentee themself aside:
   * someone enrolled as both is never their own mentor). Asked once per mentee.
   */
  exclusionsOf(menteeId: string): ReadonlyMap<string, HardCause>;
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
  const row = new Uint8Array(mentors.length);
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
    unmatched.push({ menteeId: mentees[i]!.id, reasons: explainUnmatched(i, mentees, mentors, placesLeft, candidates, input, pool, row) });
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
  const weights = new Float64Array(mentors.length);
  const eligible = new Uint8Array(mentors.length);
  for (let i = 0; i < mentees.length; i++) {
    pool.eligibleRow(i, input.exclusionsOf(mentees[i]!.id), eligible);
    pool.weightRow(i, weights);
    const own: AssignmentEdge[] = [];
    for (let j = 0; j < mentors.length; j++) {
      if (eligible[j] !== ELIGIBLE) continue;
      const weight = weights[j]!;
      if (topK === null) own.push({ mentee: i, mentor: j, weight });
      else {
        keepBest(own, i, j, weight, topK);
        keepBest(bestOfMentor[j]!, i, j, weight, MENTOR_SIDE_CANDIDATES);
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

/**
 * Keeps `best` as the `k` heaviest edges seen, heaviest first; on equal weight the earlier mentor
 * stays ahead. Most offers lose to a full list, so the edge object is made only once it gets in.
 */
function keepBest(best: AssignmentEdge[], mentee: number, mentor: number, weight: number, k: number): void {
  if (best.length === k && best[k - 1]!.weight >= weight) return;
  let at = best.length;
  while (at > 0 && best[at - 1]!.weight < weight) at -= 1;
  best.splice(at, 0, { mentee, mentor, weight });
  if (best.length > k) best.pop();
}

/** Where a mentor stands for one mentee (`PoolIndex.eligibleRow`), in the order explanations count them. */
const ELIGIBLE = 0;
const SAME_PERSON = 1;
const EXCLUDED = 2;
const PAUSED = 3;
const TIME_ZONE = 4;
const SAME_DEPARTMENT = 5;
const NO_PLACE = 6;

interface PoolIndex {
  /** the mentor is unpaused with a place this run may fill */
  open: boolean[];
  constraint(i: number, j: number): ConstraintCause | null;
  /**
   * For mentee `i`, what keeps each mentor `j` out (`row[j]`): the mentee themself, a hard
   * exclusion, a pause, the run's constraints, no place — or nothing (ELIGIBLE).
   */
  eligibleRow(i: number, exclusions: ReadonlyMap<string, HardCause>, row: Uint8Array): void;
  /** the solver's weight of mentee `i` with every mentor (`score(i, j, false).weight`, in bulk) */
  weightRow(i: number, weights: Float64Array): void;
  score(i: number, j: number, withReasons: boolean): EdgeScore;
}

function indexPool(mentees: PoolMentee[], mentors: PoolMentor[], constraints: RunConstraints, at: string): PoolIndex {
  // Zones are numbered and every (mentee zone, mentor) gap computed once: a pool has a few dozen zones.
  const zones = new Map<string | null, number>();
  const zoneOf = (zone: string | null) => {
    if (!zones.has(zone)) zones.set(zone, zones.size);
    return zones.get(zone)!;
  };
  const menteeZone = mentees.map((m) => zoneOf(m.zone));
  const mentorZone = mentors.map((m) => zoneOf(m.zone));
  const zoneNames = [...zones.keys()];
  const gapRows = new Map<number, Float64Array>();
  /** hours from mentee `i`'s zone to every mentor's, NaN where either is unknown */
  const gapRow = (i: number): Float64Array => {
    const zone = menteeZone[i]!;
    let row = gapRows.get(zone);
    if (!row) {
      const byZone = zoneNames.map((other) => timeZoneGapHours(zoneNames[zone] ?? null, other ?? null, at) ?? NaN);
      row = Float64Array.from(mentorZone, (z) => byZone[z]!);
      gapRows.set(zone, row);
    }
    return row;
  };
  const gap = (i: number, j: number): number | null => {
    const hours = gapRow(i)[j]!;
    return Number.isNaN(hours) ? null : hours;
  };

  const departments = new Map<string, number>();
  const departmentOf = (d: string | null) => {
    if (d === null) return -1;
    const key = d.trim().toLowerCase();
    if (!departments.has(key)) departments.set(key, departments.size);
    return departments.get(key)!;
  };
  const menteeDepartment = Int32Array.from(mentees, (m) => departmentOf(m.department));
  const mentorDepartment = Int32Array.from(mentors, (m) => departmentOf(m.department));
  const sameDept = (i: number, j: number) => menteeDepartment[i] !== -1 && menteeDepartment[i] === mentorDepartment[j];

  const menteeProfiles = mentees.map((m) => prepareMatchProfile(m.profile));
  const mentorProfiles = mentors.map((m) => prepareMatchProfile(m.profile));
  const baseContexts = mentors.map(contextOf);
  let scorer: BulkMatchScorer | null = null;
  const mentorIndex = new Map(mentors.map((m, j) => [m.id, j]));

  const { maxTimezoneGapHours, sameDepartment: departmentRule } = constraints;
  const tooFar = (hours: number) => maxTimezoneGapHours !== null && hours > maxTimezoneGapHours;
  const avoidPenalty = (weight: number) => Math.round(weight * AVOIDED_SAME_DEPARTMENT_FACTOR);
  return {
    open: mentors.map((m) => !m.paused && m.places > 0),
    constraint(i, j) {
      if (tooFar(gapRow(i)[j]!)) return 'time-zone';
      if (departmentRule === 'forbid' && sameDept(i, j)) return 'same-department';
      return null;
    },
    eligibleRow(i, exclusions, row) {
      const gaps = gapRow(i);
      const forbid = departmentRule === 'forbid';
      for (let j = 0; j < mentors.length; j++) {
        const mentor = mentors[j]!;
        row[j] = mentor.paused
          ? PAUSED
          : tooFar(gaps[j]!)
            ? TIME_ZONE
            : forbid && sameDept(i, j)
              ? SAME_DEPARTMENT
              : mentor.places <= 0
                ? NO_PLACE
                : ELIGIBLE;
      }
      for (const mentorId of exclusions.keys()) {
        const j = mentorIndex.get(mentorId);
        if (j !== undefined) row[j] = EXCLUDED;
      }
      const self = mentorIndex.get(mentees[i]!.id);
      if (self !== undefined) row[self] = SAME_PERSON;
    },
    weightRow(i, weights) {
      scorer ??= bulkMatchScorer(menteeProfiles, mentorProfiles, baseContexts);
      scorer.scoreRow(i, gapRow(i), weights);
      const avoid = departmentRule === 'avoid';
      for (let j = 0; j < mentors.length; j++) {
        const weight = Math.round(weights[j]! * 10_000);
        weights[j] = avoid && sameDept(i, j) ? avoidPenalty(weight) : weight;
      }
    },
    score(i, j, withReasons) {
      const context = { ...baseContexts[j]!, timeZoneGapHours: gap(i, j) };
      const { score, reasons } = scorePreparedMatch(menteeProfiles[i]!, mentorProfiles[j]!, context, withReasons);
      const weight = Math.round(score * 10_000);
      if (departmentRule === 'avoid' && sameDept(i, j)) {
        return { weight: avoidPenalty(weight), reasons: withReasons ? [...reasons, AVOIDED_SAME_DEPARTMENT_REASON] : [] };
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
  row: Uint8Array,
): string[] {
  const exclusions = input.exclusionsOf(mentees[i]!.id);
  pool.eligibleRow(i, exclusions, row);
  const hard = new Map<HardCause, number>();
  let paused = 0;
  let timeZone = 0;
  let department = 0;
  let atCapacity = 0;
  let pruned = 0;
  let stillFree = 0;
  for (let j = 0; j < mentors.length; j++) {
    switch (row[j]) {
      case SAME_PERSON:
        break;
      case EXCLUDED: {
        const cause = exclusions.get(mentors[j]!.id)!;
        hard.set(cause, (hard.get(cause) ?? 0) + 1);
        break;
      }
      case PAUSED:
        paused += 1;
        break;
      case TIME_ZONE:
        timeZone += 1;
        break;
      case SAME_DEPARTMENT:
        department += 1;
        break;
      case NO_PLACE:
        atCapacity += 1;
        break;
      default:
        if (placesLeft[j]! <= 0) atCapacity += 1;
        else if (candidates !== null && !candidates.has(j)) pruned += 1;
        else stillFree += 1;
    }
  }

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
