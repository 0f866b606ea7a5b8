import { solveAssignment, type AssignmentResult } from '../../api/src/matching/assignment';
import { buildCandidateGraph, proposeMatches, scorePair, type CandidateGraph } from '../../api/src/match-runs/candidates';
import { checkAssignment, generateMatchingPool, greedyAssignment, type SyntheticPool } from '../../bench/matching-pool';

/** The matching benchmark's pool and matchers (bench/matching.ts) on a pool small enough to check by machine. */

const pool = generateMatchingPool({ mentees: 150, mentors: 40, seed: 7 });
const graph = buildCandidateGraph(pool.input);
const solve = (g: CandidateGraph, objective: 'best-total' | 'most-matched') =>
  solveAssignment({ menteeCount: g.mentees.length, capacities: g.capacities, edges: g.edges, objective });

/** Capacities, candidate edges and exclusions, checked here rather than trusting `checkAssignment`. */
function expectFeasible(g: CandidateGraph, p: SyntheticPool, result: AssignmentResult): void {
  const edgeWeight = new Map(g.edges.map((e) => [`${e.mentee}:${e.mentor}`, e.weight]));
  const taken = new Map<number, number>();
  let total = 0;
  let matched = 0;
  result.mentorOf.forEach((j, i) => {
    if (j < 0) return;
    const weight = edgeWeight.get(`${i}:${j}`);
    expect(weight).toBeDefined();
    expect(p.hardCause(g.mentees[i]!.id, g.mentors[j]!.id)).toBeNull();
    expect(g.mentors[j]!.paused).toBe(false);
    taken.set(j, (taken.get(j) ?? 0) + 1);
    total += weight!;
    matched += 1;
  });
  for (const [j, n] of taken) expect(n).toBeLessThanOrEqual(g.mentors[j]!.places);
  expect(matched).toBe(result.matched);
  expect(total).toBe(result.totalWeight);
  expect(checkAssignment(g, result, p.hardCause).problems).toEqual([]);
}

test('the pool is deterministic for a seed and has the features the benchmark relies on', () => {
  const again = generateMatchingPool({ mentees: 150, mentors: 40, seed: 7 });
  const shape = (p: SyntheticPool) => JSON.stringify([p.input.mentees, p.input.mentors.map((m) => ({ ...m, mentoredDepartments: [...m.mentoredDepartments] })), p.stats]);
  expect(shape(again)).toBe(shape(pool));
  expect(shape(generateMatchingPool({ mentees: 150, mentors: 40, seed: 8 }))).not.toBe(shape(pool));

  const { stats, input } = pool;
  expect(input.mentees).toHaveLength(150);
  expect(input.mentors).toHaveLength(40);
  expect(stats.skills).toBeGreaterThanOrEqual(55);
  expect(stats.departments).toBe(40);
  expect(stats.excluded['reporting-line']).toBeGreaterThan(0);
  expect(stats.excluded['previous-pair'] + stats.excluded['declined-request']).toBeGreaterThan(0);
  expect(stats.menteesWantingSpecialist).toBeGreaterThan(0);
  for (const m of input.mentors) {
    expect(m.remainingCapacity).toBeGreaterThanOrEqual(0);
    expect(m.remainingCapacity).toBeLessThanOrEqual(3);
  }
  // Some mentee–mentor pair in the pool is excluded by each kind of rule the generator writes.
  const causes = new Set(input.mentees.flatMap((a) => input.mentors.map((b) => pool.hardCause(a.id, b.id))));
  expect(causes.has('reporting-line')).toBe(true);
});

test('the candidate graph leaves out excluded pairs and mentors without a free place', () => {
  expect(graph.topK).toBeNull(); // ≤ 2 000 mentees: every eligible edge
  for (const e of graph.edges) {
    const mentor = graph.mentors[e.mentor]!;
    expect(pool.hardCause(graph.mentees[e.mentee]!.id, mentor.id)).toBeNull();
    expect(mentor.paused || mentor.places <= 0).toBe(false);
  }
  // …and leaves out nothing else: exactly the pairs `hardCause` rules out are missing.
  const open = graph.mentors.filter((m) => !m.paused && m.places > 0);
  const excludedOpenPairs = graph.mentees.length * open.length - graph.edges.length;
  const ruledOut = graph.mentees.flatMap((a) => open.filter((b) => pool.hardCause(a.id, b.id) !== null)).length;
  expect(excludedOpenPairs).toBeGreaterThan(0);
  expect(excludedOpenPairs).toBe(ruledOut);
});

test('every edge weighs what scoring that one pair with its reasons gives (the bulk path agrees with the per-pair path)', () => {
  for (const constraints of [pool.input.constraints, { maxTimezoneGapHours: null, sameDepartment: 'avoid' as const }]) {
    const g = buildCandidateGraph({ ...pool.input, constraints });
    expect(g.edges.length).toBeGreaterThan(1000);
    for (const e of g.edges) expect(e.weight).toBe(scorePair(g.mentees[e.mentee]!, g.mentors[e.mentor]!, constraints, pool.input.at).weight);
  }
});

test('optimal (both strategies) and greedy are feasible; optimal totals at least greedy; most-matched matches at least as many', () => {
  const best = solve(graph, 'best-total');
  const most = solve(graph, 'most-matched');
  const greedy = greedyAssignment(graph);
  for (const result of [best, most, greedy]) expectFeasible(graph, pool, result);
  expect(best.totalWeight).toBeGreaterThanOrEqual(greedy.totalWeight);
  expect(most.matched).toBeGreaterThanOrEqual(greedy.matched);
  expect(most.matched).toBeGreaterThanOrEqual(best.matched);
  expect(best.totalWeight).toBeGreaterThanOrEqual(most.totalWeight);
  expect(greedy.matched).toBeGreaterThan(0);

  // The benchmark's graph is the one the production entry point solves.
  const run = proposeMatches({ ...pool.input, strategy: 'best-total' });
  expect(run.proposals).toHaveLength(best.matched);
  expect(run.proposals.reduce((sum, p) => sum + p.weight, 0)).toBe(best.totalWeight);
});

test('a top-K graph keeps each mentee’s K heaviest edges (plus mentors’ own best), and its optimum is never above the full one', () => {
  const cut = buildCandidateGraph(pool.input, { topK: 3 });
  expect(cut.topK).toBe(3);
  const weightsOf = (g: CandidateGraph, i: number) =>
    g.edges
      .filter((e) => e.mentee === i)
      .map((e) => e.weight)
      .sort((a, b) => b - a);
  // Each mentee's 3 heaviest edges are there; any more come from mentors keeping their own best mentees.
  for (let i = 0; i < graph.mentees.length; i++) expect(weightsOf(cut, i).slice(0, 3)).toEqual(weightsOf(graph, i).slice(0, 3));
  const key = (e: { mentee: number; mentor: number }) => `${e.mentee}:${e.mentor}`;
  const full = new Set(graph.edges.map(key));
  expect(cut.edges.every((e) => full.has(key(e)))).toBe(true);
  const cutBest = solve(cut, 'best-total');
  expectFeasible(cut, pool, cutBest);
  expect(cutBest.totalWeight).toBeLessThanOrEqual(solve(graph, 'best-total').totalWeight);
});

test('the feasibility check catches over-filled mentors, non-candidate pairs and wrong totals', () => {
  const mentor = graph.capacities.findIndex((c) => c === 1);
  const takers = graph.edges.filter((e) => e.mentor === mentor).slice(0, 2);
  expect(takers).toHaveLength(2);
  const mentorOf = new Int32Array(graph.mentees.length).fill(-1);
  for (const e of takers) mentorOf[e.mentee] = mentor;
  const total = takers.reduce((sum, e) => sum + e.weight, 0);
  expect(checkAssignment(graph, { mentorOf, matched: 2, totalWeight: total }, pool.hardCause).problems).toEqual([
    `${graph.mentors[mentor]!.id} takes 2 mentees for 1 places`,
  ]);

  const closed = graph.capacities.findIndex((c) => c === 0);
  const lone = new Int32Array(graph.mentees.length).fill(-1);
  lone[0] = closed;
  const problems = checkAssignment(graph, { mentorOf: lone, matched: 1, totalWeight: 1 }, pool.hardCause).problems;
  expect(problems).toContain(`${graph.mentees[0]!.id}–${graph.mentors[closed]!.id} is not a candidate edge`);
  expect(problems).toContain('total weight 1 reported, 0 recomputed');
});
