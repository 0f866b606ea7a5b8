/**
 * The whole-program matching benchmark (issue 6, "Scale"):
 * `npm run bench:matching -- --mentees 10000 --mentors 2000`.
 *
 * Generates a synthetic pool in memory (bench/matching-pool.ts; no database), builds the
 * candidate graph with the production code (`buildCandidateGraph`, the graph `proposeMatches`
 * solves: top 50 eligible mentors per mentee above 2 000 mentees), then in the same process runs
 * the optimal matcher (`solveAssignment`, "best-total" and "most-matched") and a greedy baseline
 * (heaviest edge first) on that one graph. Prints time and memory per phase, matched count and
 * scores per matcher, the optimal/greedy ratios against the target, and checks every result is
 * feasible (only candidate edges, no exclusion, capacities kept). Finally times the production
 * entry point `proposeMatches` end to end (graph, solve, reasons, unmatched explanations).
 *
 * Options:
 *   --mentees N       mentees in the pool (default 10000)
 *   --mentors N       mentors in the pool (default 2000)
 *   --seed S          generator seed (default 1)
 *   --k K             candidates per mentee, or "all" for every eligible edge
 *                     (default: the production rule — 50 above 2 000 mentees, all below)
 *   --compare-k LIST  also solve on graphs cut at these K (comma-separated, "all" allowed) and
 *                     compare each optimum with the main graph's: does sparsification lose anything?
 *   --max-tz-gap H    run constraint maxTimezoneGapHours (default none)
 *   --same-department allow|avoid|forbid   run constraint (default allow)
 *   --specialist-supply F  multiply how often mentors offer specialist skills (default 1; for
 *                     exploring what makes optimal beat greedy — the headline figures use 1)
 *   --no-end-to-end   skip timing `proposeMatches`
 *   --json FILE       also write the figures as JSON
 *
 * Memory figures: before each phase the heap is collected; "heap Δ" is heapUsed + external
 * (typed arrays) after the phase minus before it — what the phase allocated and still held,
 * its result included; "peak RSS" is the process's maximum resident set size so far
 * (resourceUsage().maxRSS) and "Δ peak" how much the phase raised it (0 when an earlier phase
 * had already reached a higher peak).
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { solveAssignment, type AssignmentResult } from '../api/src/matching/assignment';
import {
  buildCandidateGraph,
  FULL_GRAPH_MAX_MENTEES,
  proposeMatches,
  TOP_CANDIDATES,
  type CandidateGraph,
  type RunConstraints,
  type SameDepartment,
} from '../api/src/match-runs/candidates';
import { checkAssignment, generateMatchingPool, greedyAssignment, type SyntheticPool } from './matching-pool';

/** Issue 6: the optimal matcher within this many ms… */
const TARGET_MS = 10_000;
/** …and at least this much more total score than greedy (or more mentees matched). */
const TARGET_SCORE_RATIO = 1.05;
/** `solveAssignment` keys its duplicate-edge map by (mentee, mentor): a Map holds at most 2^24 entries. */
const MAX_SOLVER_EDGES = 2 ** 24 - 1;

interface Options {
  mentees: number;
  mentors: number;
  seed: number;
  /** undefined = the production rule; null = every eligible edge */
  k: number | null | undefined;
  compareK: (number | null)[];
  constraints: RunConstraints;
  endToEnd: boolean;
  json: string | null;
  specialistSupply: number;
}

function parseK(text: string): number | null {
  if (text === 'all') return null;
  const k = Number(text);
  if (!Number.isInteger(k) || k < 1) throw new Error(`--k: a positive integer or "all", not ${text}`);
  return k;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    mentees: 10_000,
    mentors: 2_000,
    seed: 1,
    k: undefined,
    compareK: [],
    constraints: { maxTimezoneGapHours: null, sameDepartment: 'allow' },
    endToEnd: true,
    json: null,
    specialistSupply: 1,
  };
  for (let a = 0; a < argv.length; a++) {
    const arg = argv[a]!;
    const value = () => {
      const v = argv[++a];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg}: a non-negative integer`);
      return n;
    };
    switch (arg) {
      case '--mentees':
        o.mentees = count();
        break;
      case '--mentors':
        o.mentors = count();
        break;
      case '--seed':
        o.seed = count();
        break;
      case '--k':
        o.k = parseK(value());
        break;
      case '--compare-k':
        o.compareK = value().split(',').map(parseK);
        break;
      case '--max-tz-gap':
        o.constraints.maxTimezoneGapHours = Number(value());
        break;
      case '--same-department': {
        const v = value();
        if (v !== 'allow' && v !== 'avoid' && v !== 'forbid') throw new Error('--same-department: allow, avoid or forbid');
        o.constraints.sameDepartment = v as SameDepartment;
        break;
      }
      case '--specialist-supply': {
        const f = Number(value());
        if (!(f >= 0)) throw new Error('--specialist-supply: a non-negative number');
        o.specialistSupply = f;
        break;
      }
      case '--no-end-to-end':
        o.endToEnd = false;
        break;
      case '--json':
        o.json = value();
        break;
      default:
        throw new Error(`unknown option ${arg} (see the comment at the top of bench/matching.ts)`);
    }
  }
  return o;
}

// ---- Measuring -------------------------------------------------------------------------------

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

interface Phase {
  ms: number;
  heapDeltaBytes: number;
  peakRssBytes: number;
  peakRssDeltaBytes: number;
}

function measure<T>(run: () => T): { value: T; phase: Phase } {
  collect();
  collect();
  const before = process.memoryUsage();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  const value = run();
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  return {
    value,
    phase: {
      ms,
      heapDeltaBytes: after.heapUsed + after.external - (before.heapUsed + before.external),
      peakRssBytes: peakAfter,
      peakRssDeltaBytes: peakAfter - peakBefore,
    },
  };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const score = (weight: number) => (weight / 10_000).toFixed(3);
const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(2)} %`;

// ---- What a result looks like ----------------------------------------------------------------

interface Outcome {
  matcher: string;
  solve: Phase;
  matched: number;
  totalWeight: number;
  meanScore: number | null;
  minScore: number | null;
  /** mentees wanting a specialist skill who got a mentor offering one of theirs */
  specialistServed: number;
  feasible: boolean;
  problems: string[];
}

function describe(matcher: string, solve: Phase, result: AssignmentResult, graph: CandidateGraph, pool: SyntheticPool): Outcome {
  const check = checkAssignment(graph, result, pool.hardCause);
  const weights = new Map<number, number>();
  const m = graph.mentors.length;
  for (const e of graph.edges) weights.set(e.mentee * m + e.mentor, e.weight);
  let min = Infinity;
  let specialistServed = 0;
  for (let i = 0; i < graph.mentees.length; i++) {
    const j = result.mentorOf[i]!;
    if (j < 0) continue;
    min = Math.min(min, weights.get(i * m + j) ?? Infinity);
    const offered = new Set(graph.mentors[j]!.profile.skillsOffered);
    if (graph.mentees[i]!.profile.skillsWanted.some((s) => pool.specialistSkills.has(s) && offered.has(s))) specialistServed += 1;
  }
  return {
    matcher,
    solve,
    matched: result.matched,
    totalWeight: result.totalWeight,
    meanScore: result.matched === 0 ? null : result.totalWeight / result.matched / 10_000,
    minScore: result.matched === 0 ? null : min / 10_000,
    specialistServed,
    feasible: check.problems.length === 0,
    problems: check.problems,
  };
}

function graphFacts(graph: CandidateGraph) {
  const withEdges = new Uint8Array(graph.mentors.length);
  let menteesWithout = 0;
  const degree = new Int32Array(graph.mentees.length);
  for (const e of graph.edges) {
    withEdges[e.mentor] = 1;
    degree[e.mentee]! += 1;
  }
  for (const d of degree) if (d === 0) menteesWithout += 1;
  // How interchangeable a mentee's candidates are: the score lost by taking the 10th best instead of the best.
  const start = new Int32Array(graph.mentees.length + 1);
  for (let i = 0; i < graph.mentees.length; i++) start[i + 1] = start[i]! + degree[i]!;
  const weights = new Int32Array(graph.edges.length);
  const fill = start.slice(0, graph.mentees.length);
  for (const e of graph.edges) weights[fill[e.mentee]!++] = e.weight;
  const gaps: number[] = [];
  for (let i = 0; i < graph.mentees.length; i++) {
    const own = weights.subarray(start[i]!, start[i + 1]!).sort().reverse();
    if (own.length >= 10) gaps.push(own[0]! - own[9]!);
  }
  gaps.sort((a, b) => a - b);
  const medianGapBestTo10th = gaps.length === 0 ? null : gaps[Math.floor(gaps.length / 2)]! / 10_000;
  let placesInGraph = 0;
  graph.capacities.forEach((c, j) => {
    if (withEdges[j]) placesInGraph += Math.max(0, c);
  });
  return {
    edges: graph.edges.length,
    topK: graph.topK,
    menteesWithoutCandidates: menteesWithout,
    openMentorsWithoutEdges: graph.capacities.filter((c, j) => c > 0 && !withEdges[j]).length,
    /** places of mentors somebody has as a candidate: the most any matcher on this graph can fill */
    placesReachable: placesInGraph,
    /** median over mentees of (best − 10th best candidate score) */
    medianGapBestTo10th,
  };
}

function kLabel(k: number | null): string {
  return k === null ? 'all' : String(k);
}

// ---- The run -------------------------------------------------------------------------------

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const cpus = os.cpus();
  const machine = {
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
  console.log(
    `Whole-program matching benchmark — ${options.mentees} mentees, ${options.mentors} mentors, seed ${options.seed}` +
      (options.specialistSupply === 1 ? '' : `, specialist supply × ${options.specialistSupply}`),
  );
  console.log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}`);
  // Other work on the machine skews every time below: say how busy it was.
  const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`load average at start: ${loadAverage()}`);

  const generated = measure(() => generateMatchingPool({ mentees: options.mentees, mentors: options.mentors, seed: options.seed, constraints: options.constraints, specialistSupply: options.specialistSupply }));
  const pool = generated.value;
  const s = pool.stats;
  console.log(`\npool generated in ${seconds(generated.phase.ms)}`);
  console.log(
    `  ${s.departments} departments, ${s.skills} skills (${s.specialistSkills} specialist), ${s.zones} zones (incl. unknown); ` +
      `mentors: ${s.mentorsPaused} paused, ${s.mentorsFull} full; ${s.places} free places for ${options.mentees} mentees (${((s.places / Math.max(1, options.mentees)) * 100).toFixed(1)} %)`,
  );
  console.log(
    `  ${s.menteesWantingSpecialist} mentees (${((s.menteesWantingSpecialist / Math.max(1, options.mentees)) * 100).toFixed(1)} %) want a specialist skill; ` +
      `${s.specialistPlaces} free places are with mentors offering one`,
  );
  console.log(
    `  excluded pairs: ${s.excluded['reporting-line']} reporting line, ${s.excluded['previous-pair']} earlier pair, ` +
      `${s.excluded['declined-request']} declined request, ${s.excluded['never-match']} never-match; ` +
      `constraints ${JSON.stringify(options.constraints)}`,
  );

  const productionK = options.mentees > FULL_GRAPH_MAX_MENTEES ? TOP_CANDIDATES : null;
  const k = options.k === undefined ? productionK : options.k;
  const built = measure(() => buildCandidateGraph(pool.input, { topK: k }));
  const graph = built.value;
  const facts = graphFacts(graph);
  console.log(
    `\ncandidate graph (buildCandidateGraph, K = ${kLabel(k)}${k === productionK ? ', the production rule' : ', NOT the production rule'}): ` +
      `${seconds(built.phase.ms)}, heap Δ ${mb(built.phase.heapDeltaBytes)}, peak RSS ${mb(built.phase.peakRssBytes)} (Δ ${mb(built.phase.peakRssDeltaBytes)})`,
  );
  console.log(
    `  ${facts.edges} edges; ${facts.menteesWithoutCandidates} mentees without a candidate; ${facts.openMentorsWithoutEdges} open mentors in nobody's list; ` +
      `${facts.placesReachable} of ${s.places} places reachable; median score gap between a mentee's best and 10th-best candidate ${facts.medianGapBestTo10th?.toFixed(3) ?? '—'}`,
  );
  if (graph.edges.length > MAX_SOLVER_EDGES) throw new Error(`${graph.edges.length} edges: more than solveAssignment's map can key (${MAX_SOLVER_EDGES}); use a smaller --k`);

  const problem = (objective: 'best-total' | 'most-matched') => ({ menteeCount: graph.mentees.length, capacities: graph.capacities, edges: graph.edges, objective });
  const best = measure(() => solveAssignment(problem('best-total')));
  const most = measure(() => solveAssignment(problem('most-matched')));
  const greedy = measure(() => greedyAssignment(graph));
  const outcomes = [
    describe('optimal best-total', best.phase, best.value, graph, pool),
    describe('optimal most-matched', most.phase, most.value, graph, pool),
    describe('greedy (heaviest first)', greedy.phase, greedy.value, graph, pool),
  ];

  console.log('\nmatcher                    solve      heap Δ   peak RSS (Δ)       matched  total score  mean   min    specialist served  feasible');
  for (const o of outcomes) {
    console.log(
      `${o.matcher.padEnd(26)} ${seconds(o.solve.ms).padStart(8)} ${mb(o.solve.heapDeltaBytes).padStart(9)}   ${`${mb(o.solve.peakRssBytes)} (${mb(o.solve.peakRssDeltaBytes)})`.padEnd(17)} ` +
        `${String(o.matched).padStart(7)}  ${score(o.totalWeight).padStart(11)}  ${o.meanScore?.toFixed(3) ?? '—'}  ${o.minScore?.toFixed(3) ?? '—'}  ` +
        `${String(o.specialistServed).padStart(17)}  ${o.feasible ? 'yes' : 'NO'}`,
    );
    for (const p of o.problems) console.log(`    ✗ ${p}`);
  }

  const [optimal, mostMatched, baseline] = outcomes as [Outcome, Outcome, Outcome];
  const scoreRatio = baseline.totalWeight === 0 ? Infinity : optimal.totalWeight / baseline.totalWeight;
  const matchedRatio = baseline.matched === 0 ? Infinity : mostMatched.matched / baseline.matched;
  const optimalMs = built.phase.ms + optimal.solve.ms;
  const timeOk = optimalMs <= TARGET_MS;
  const scoreOk = scoreRatio >= TARGET_SCORE_RATIO;
  const matchedOk = mostMatched.matched > baseline.matched;
  console.log('\noptimal vs greedy');
  console.log(`  total score   best-total / greedy = ${scoreRatio.toFixed(4)} (${pct(scoreRatio)}; target ≥ ${pct(TARGET_SCORE_RATIO)}) ${scoreOk ? 'MET' : 'not met'}`);
  console.log(
    `  matched       best-total / greedy = ${(optimal.matched / Math.max(1, baseline.matched)).toFixed(4)}, most-matched / greedy = ${matchedRatio.toFixed(4)} ` +
      `(${mostMatched.matched - baseline.matched >= 0 ? '+' : ''}${mostMatched.matched - baseline.matched} mentees) ${matchedOk ? 'MET' : 'not met'}`,
  );
  console.log(`  time          graph ${seconds(built.phase.ms)} + best-total solve ${seconds(optimal.solve.ms)} = ${seconds(optimalMs)} (target ≤ ${seconds(TARGET_MS)}) ${timeOk ? 'MET' : 'NOT MET'}`);
  console.log(`  issue 6 target (≤ 10 s and (≥ 5 % score or more matched)): ${timeOk && (scoreOk || matchedOk) ? 'MET' : 'NOT MET'}`);
  const infeasible = outcomes.filter((o) => !o.feasible);

  let endToEnd: { phase: Phase; matched: number; totalWeight: number; same: boolean } | null = null;
  if (options.endToEnd && k === productionK) {
    const run = measure(() => proposeMatches({ ...pool.input, strategy: 'best-total' }));
    const total = run.value.proposals.reduce((sum, p) => sum + p.weight, 0);
    const same = run.value.proposals.length === optimal.matched && total === optimal.totalWeight;
    endToEnd = { phase: run.phase, matched: run.value.proposals.length, totalWeight: total, same };
    console.log(
      `\nproposeMatches end to end (best-total: graph, solve, reasons, unmatched explanations): ${seconds(run.phase.ms)}, heap Δ ${mb(run.phase.heapDeltaBytes)}, ` +
        `peak RSS ${mb(run.phase.peakRssBytes)}; ${endToEnd.matched} proposals, total ${score(total)} ${same ? '(same as above)' : '(DIFFERS from the best-total run above)'}`,
    );
  }

  const comparisons: { k: string; edges: number; graphMs: number; solveMs: number; matched: number; totalWeight: number; mostMatched: number; placesReachable: number }[] = [];
  if (options.compareK.length > 0) {
    console.log(`\nsparsification: the optimum on graphs cut at other K (same pool; main graph K = ${kLabel(k)})`);
    console.log('K       edges       graph     solve   best-total matched  total score  Δ total vs main  most-matched matched  places reachable');
    for (const other of options.compareK) {
      const open = graph.capacities.filter((c) => c > 0).length;
      if (other === null && graph.mentees.length * open > MAX_SOLVER_EDGES) {
        console.log(`${'all'.padEnd(7)} skipped: up to ${graph.mentees.length * open} edges, more than solveAssignment's map can key`);
        continue;
      }
      const cut = measure(() => buildCandidateGraph(pool.input, { topK: other }));
      const g = cut.value;
      const p = (objective: 'best-total' | 'most-matched') => ({ menteeCount: g.mentees.length, capacities: g.capacities, edges: g.edges, objective });
      const solved = measure(() => solveAssignment(p('best-total')));
      const solvedMost = solveAssignment(p('most-matched'));
      const ok = checkAssignment(g, solved.value, pool.hardCause).problems.length === 0;
      const row = {
        k: kLabel(other),
        edges: g.edges.length,
        graphMs: cut.phase.ms,
        solveMs: solved.phase.ms,
        matched: solved.value.matched,
        totalWeight: solved.value.totalWeight,
        mostMatched: solvedMost.matched,
        placesReachable: graphFacts(g).placesReachable,
      };
      comparisons.push(row);
      const delta = (row.totalWeight - optimal.totalWeight) / Math.max(1, optimal.totalWeight);
      console.log(
        `${row.k.padEnd(7)} ${String(row.edges).padStart(9)} ${seconds(row.graphMs).padStart(9)} ${seconds(row.solveMs).padStart(9)} ${String(row.matched).padStart(19)}  ` +
          `${score(row.totalWeight).padStart(11)}  ${`${(delta * 100).toFixed(3)} %`.padStart(15)}  ${String(row.mostMatched).padStart(20)}  ${String(row.placesReachable).padStart(16)}${ok ? '' : '  INFEASIBLE'}`,
      );
    }
  }

  console.log(`\nload average at end: ${loadAverage()}`);
  if (options.json) {
    const json = { options, machine, pool: pool.stats, graph: { ...facts, build: built.phase }, outcomes, ratios: { scoreRatio, matchedRatio, optimalMs }, endToEnd, comparisons };
    fs.writeFileSync(options.json, `${JSON.stringify(json, null, 2)}\n`);
  }
  if (infeasible.length > 0 || (endToEnd !== null && !endToEnd.same)) {
    console.error('\nFAILED: an assignment is infeasible or proposeMatches disagrees with the graph solved here');
    process.exitCode = 1;
  }
}

main();
