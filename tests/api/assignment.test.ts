import { solveAssignment, type AssignmentEdge, type AssignmentProblem } from '../../api/src/matching/assignment';

/*
 * The whole-program matcher against brute force: on pools small enough to enumerate every
 * possible assignment (≤ 8 mentees), its result must be feasible and exactly as good as the best
 * one — for both objectives.
 */

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomProblem(seed: number, objective: AssignmentProblem['objective']): AssignmentProblem {
  const random = prng(seed);
  const menteeCount = 1 + Math.floor(random() * 8);
  const mentorCount = 1 + Math.floor(random() * 4);
  const capacities = Array.from({ length: mentorCount }, () => Math.floor(random() * 3));
  const edges: AssignmentEdge[] = [];
  for (let mentee = 0; mentee < menteeCount; mentee++) {
    for (let mentor = 0; mentor < mentorCount; mentor++) {
      if (random() < 0.6) edges.push({ mentee, mentor, weight: Math.floor(random() * 101) });
    }
  }
  return { menteeCount, capacities, edges, objective };
}

/** Every assignment, by recursion: each mentee unmatched or with an eligible mentor that has room. */
function bruteForce(problem: AssignmentProblem): { matched: number; totalWeight: number } {
  const weight = new Map(problem.edges.map((e) => [`${e.mentee}:${e.mentor}`, e.weight]));
  const left = [...problem.capacities];
  let best = { matched: 0, totalWeight: 0 };
  const better = (a: typeof best, b: typeof best) =>
    problem.objective === 'most-matched' ? a.matched > b.matched || (a.matched === b.matched && a.totalWeight > b.totalWeight) : a.totalWeight > b.totalWeight;
  const visit = (mentee: number, matched: number, total: number) => {
    if (mentee === problem.menteeCount) {
      if (better({ matched, totalWeight: total }, best)) best = { matched, totalWeight: total };
      return;
    }
    visit(mentee + 1, matched, total);
    for (let mentor = 0; mentor < left.length; mentor++) {
      const w = weight.get(`${mentee}:${mentor}`);
      if (w === undefined || left[mentor]! <= 0) continue;
      left[mentor]! -= 1;
      visit(mentee + 1, matched + 1, total + w);
      left[mentor]! += 1;
    }
  };
  visit(0, 0, 0);
  return best;
}

function expectFeasible(problem: AssignmentProblem, mentorOf: Int32Array): void {
  const eligible = new Set(problem.edges.map((e) => `${e.mentee}:${e.mentor}`));
  const used = new Array<number>(problem.capacities.length).fill(0);
  mentorOf.forEach((mentor, mentee) => {
    if (mentor < 0) return;
    expect(eligible.has(`${mentee}:${mentor}`)).toBe(true);
    used[mentor]! += 1;
  });
  used.forEach((n, mentor) => expect(n).toBeLessThanOrEqual(problem.capacities[mentor]!));
}

describe('whole-program assignment', () => {
  it.each(['best-total', 'most-matched'] as const)('%s: equals the brute-force optimum on 400 random small pools', (objective) => {
    for (let seed = 1; seed <= 400; seed++) {
      const problem = randomProblem(seed, objective);
      const result = solveAssignment(problem);
      expectFeasible(problem, result.mentorOf);
      const best = bruteForce(problem);
      expect({ seed, matched: result.matched, totalWeight: result.totalWeight }).toEqual({ seed, ...(objective === 'most-matched' ? best : { matched: result.matched, totalWeight: best.totalWeight }) });
    }
  });

  it('beats greedy where greedy grabs the single best pair', () => {
    // Ana suits both mentees best, Ben only suits Cy; greedy gives Ana to Cy (90) and leaves Dee with nobody.
    const problem: AssignmentProblem = {
      menteeCount: 2,
      capacities: [1, 1],
      edges: [
        { mentee: 0, mentor: 0, weight: 90 },
        { mentee: 0, mentor: 1, weight: 80 },
        { mentee: 1, mentor: 0, weight: 70 },
      ],
      objective: 'best-total',
    };
    const result = solveAssignment(problem);
    expect(Array.from(result.mentorOf)).toEqual([1, 0]);
    expect(result.totalWeight).toBe(150);
  });

  it('most-matched seats more mentees than best-total when a heavy pair blocks two lighter ones', () => {
    // Mentee 0 is worth 100 with mentor 0 but only 1 with mentor 1; mentee 1 can only have mentor 0 (60).
    const edges = [
      { mentee: 0, mentor: 0, weight: 100 },
      { mentee: 0, mentor: 1, weight: 1 },
      { mentee: 1, mentor: 0, weight: 60 },
    ];
    const bestTotal = solveAssignment({ menteeCount: 2, capacities: [1, 1], edges, objective: 'best-total' });
    expect({ pairs: Array.from(bestTotal.mentorOf), matched: bestTotal.matched, total: bestTotal.totalWeight }).toEqual({ pairs: [0, -1], matched: 1, total: 100 });
    const mostMatched = solveAssignment({ menteeCount: 2, capacities: [1, 1], edges, objective: 'most-matched' });
    expect({ pairs: Array.from(mostMatched.mentorOf), matched: mostMatched.matched, total: mostMatched.totalWeight }).toEqual({ pairs: [1, 0], matched: 2, total: 61 });
  });

  it('respects capacities and leaves mentees without an eligible mentor unmatched', () => {
    const result = solveAssignment({
      menteeCount: 4,
      capacities: [2, 0],
      edges: [
        { mentee: 0, mentor: 0, weight: 5 },
        { mentee: 1, mentor: 0, weight: 6 },
        { mentee: 2, mentor: 0, weight: 7 },
        { mentee: 3, mentor: 1, weight: 100 },
      ],
      objective: 'most-matched',
    });
    expect(Array.from(result.mentorOf)).toEqual([-1, 0, 0, -1]);
  });
});
