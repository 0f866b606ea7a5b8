import { bulkMatchScorer, prepareMatchProfile, scorePreparedMatch, type MatchProfile, type MentorMatchContext } from '../../api/src/matching/score';

/**
 * A match run scores whole rows at once (`bulkMatchScorer`); recommendations and a run's reasons
 * score one pair (`scorePreparedMatch`). They must never disagree, down to the last bit.
 */

/** A small deterministic generator, so a failure names a reproducible pool. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const SKILLS = ['Negotiation', 'negotiation ', 'Public speaking', 'SQL', 'Data  privacy', 'Tax', 'Coaching', 'Écriture'];
const VALUES = ['Curiosity', 'curiosity', 'Candour', 'Balance', 'Craft'];
const GOALS = [null, '', 'Get better at negotiation and pricing', 'Lead a team; learn pricing, hiring and SQL', 'the and of', 'Écrire mieux — writing'];

function profile(next: () => number): MatchProfile {
  const some = (from: string[]) => from.filter(() => next() < 0.35);
  return {
    yearsExperience: next() < 0.2 ? null : Math.floor(next() * 30),
    goals: GOALS[Math.floor(next() * GOALS.length)]!,
    skillsOffered: some(SKILLS),
    skillsWanted: some(SKILLS),
    values: some(VALUES),
  };
}

test('a bulk row scores every mentor exactly as scoring each pair does', () => {
  const next = rng(42);
  const mentees = Array.from({ length: 60 }, () => prepareMatchProfile(profile(next)));
  const mentors = Array.from({ length: 45 }, () => prepareMatchProfile(profile(next)));
  const contexts: MentorMatchContext[] = mentors.map(() => ({
    remainingCapacity: Math.floor(next() * 5),
    networkReach: Math.floor(next() * 8),
    mentoredDepartments: Math.floor(next() * 6),
  }));
  const gapChoices = [NaN, 0, 0.5, 3, 7.75, 8, 12];
  const scorer = bulkMatchScorer(mentees, mentors, contexts);
  const scores = new Float64Array(mentors.length);
  let compared = 0;
  for (let i = 0; i < mentees.length; i++) {
    const gaps = Float64Array.from(mentors, () => gapChoices[Math.floor(next() * gapChoices.length)]!);
    scorer.scoreRow(i, gaps, scores);
    for (let j = 0; j < mentors.length; j++) {
      const gap = gaps[j]!;
      const one = scorePreparedMatch(mentees[i]!, mentors[j]!, { ...contexts[j]!, timeZoneGapHours: Number.isNaN(gap) ? null : gap }, false);
      expect(scores[j]).toBe(one.score);
      compared += 1;
    }
  }
  expect(compared).toBe(60 * 45);
  // The pool is varied enough to exercise the components (not all zeros).
  expect(new Set(scores).size).toBeGreaterThan(10);
});
