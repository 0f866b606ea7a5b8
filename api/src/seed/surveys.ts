import type { EndReason, Flag, SurveysTable } from '../db/schema';
import type { Membership, PairPlan, SeedContext, Story } from './model';
import type { Rng } from './random';
import { SURVEY_COMMENTS } from './texts';
import { DAY, HOUR, iso } from './time';

/** Satisfaction after a pair that ended early, by why it ended. */
const EARLY_END_SATISFACTION: Record<EndReason, [number, number]> = {
  'lack-of-time': [2, 4],
  'mismatched-expectations': [1, 3],
  communication: [1, 3],
  other: [2, 4],
  'goals-met': [4, 5],
};

const PULSE_SATISFACTION: Partial<Record<Story, [number, number]>> = {
  steady: [4, 5],
  paused: [3, 4],
  lapsing: [2, 3],
  'low-rated': [1, 2],
};

/**
 * Closing surveys from both members of every finished pair (a few mentors skip it), and
 * mid-program pulse checks from some active pairs. Answering a survey is not pair activity.
 */
export function buildSurveys(ctx: SeedContext, pairs: PairPlan[]): SurveysTable[] {
  const rng = ctx.rng('surveys');
  const rows: SurveysTable[] = [];
  const add = (pair: PairPlan, member: Membership, kind: 'closing' | 'pulse', createdMs: number, answers: Omit<SurveysTable, 'id' | 'pairId' | 'userId' | 'kind' | 'createdAt'>) => {
    rows.push({
      id: ctx.ids.make(`survey:${kind}:${pair.id}:${member.person.email}`, createdMs),
      pairId: pair.id,
      userId: member.person.id,
      kind,
      createdAt: iso(createdMs),
      ...answers,
    });
  };

  for (const pair of pairs) {
    if (pair.endedMs !== null) {
      for (const member of [pair.mentee, pair.mentor]) {
        if (member === pair.mentor && rng.chance(0.15)) continue;
        const createdMs = Math.min(pair.endedMs + rng.between(0.5, 7) * DAY, ctx.now - HOUR);
        add(pair, member, 'closing', createdMs, closingAnswers(rng, pair, member === pair.mentee));
      }
      continue;
    }
    const range = PULSE_SATISFACTION[pair.story];
    if (!range || !rng.chance(0.4) || ctx.now - pair.startedMs < 45 * DAY) continue;
    const createdMs = Math.max(ctx.now - rng.between(3, 40) * DAY, pair.startedMs + 30 * DAY);
    for (const member of [pair.mentee, pair.mentor]) {
      if (!rng.chance(0.7)) continue;
      const satisfaction = rng.int(range[0], range[1]);
      add(pair, member, 'pulse', createdMs + rng.between(0, 2) * DAY, {
        satisfaction,
        recommend: null,
        skillsGained: flag(rng, satisfaction >= 4 ? 0.5 : 0.1),
        newContacts: flag(rng, 0.2),
        promotion: 0,
        confidence: rng.chance(0.6) ? Math.max(1, Math.min(5, satisfaction + rng.int(-1, 1))) : null,
        comment: rng.chance(0.3) ? rng.pick(satisfaction >= 4 ? SURVEY_COMMENTS.pulseGood : SURVEY_COMMENTS.pulseBad) : null,
      });
    }
  }
  return rows;
}

function closingAnswers(rng: Rng, pair: PairPlan, isMentee: boolean): Omit<SurveysTable, 'id' | 'pairId' | 'userId' | 'kind' | 'createdAt'> {
  const completed = pair.status === 'completed';
  const [low, high] = completed ? [4, 5] : EARLY_END_SATISFACTION[pair.endReason ?? 'other'];
  const satisfaction = rng.int(low, high);
  return {
    satisfaction,
    recommend: completed ? rng.int(8, 10) : Math.min(10, satisfaction * 2 + rng.int(-1, 2)),
    // Mentors learn too (coaching, perspective), but the career outcomes are the mentee's.
    skillsGained: flag(rng, completed ? (isMentee ? 0.9 : 0.5) : 0.3),
    newContacts: flag(rng, completed ? (isMentee ? 0.6 : 0.2) : 0.15),
    promotion: flag(rng, completed && isMentee ? 0.25 : 0.02),
    confidence: completed ? rng.int(4, 5) : rng.int(2, 4),
    comment: rng.chance(0.5) ? rng.pick(completed ? SURVEY_COMMENTS.completed : SURVEY_COMMENTS.ended) : null,
  };
}

function flag(rng: Rng, probability: number): Flag {
  return rng.chance(probability) ? 1 : 0;
}
