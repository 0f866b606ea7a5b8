import type { AgreementsTable, Cadence, CommunicationChannel } from '../db/schema';
import { touch, type Membership, type PairPlan, type SeedContext, type Story } from './model';
import type { Rng } from './random';
import { BOUNDARIES, EMPTY_BOUNDARIES, FEEDBACK_STYLES, agreementGoals, hopeFor } from './texts';
import { DAY, HOUR, duringWorkday, iso } from './time';

type Shape = 'agreed' | 'mismatch' | 'one-sided' | 'none';

/** Troubled pairs are the ones that never settled how they work together. */
const SHAPES: Record<Story, [Shape, number][]> = {
  steady: [['agreed', 85], ['mismatch', 8], ['one-sided', 7]],
  completed: [['agreed', 90], ['mismatch', 5], ['one-sided', 5]],
  paused: [['agreed', 70], ['mismatch', 20], ['one-sided', 10]],
  lapsing: [['agreed', 40], ['mismatch', 35], ['one-sided', 25]],
  'low-rated': [['agreed', 30], ['mismatch', 45], ['one-sided', 25]],
  ended: [['agreed', 40], ['mismatch', 35], ['one-sided', 25]],
  fresh: [['one-sided', 60], ['none', 40]],
};

const CADENCES: Cadence[] = ['weekly', 'biweekly', 'monthly'];

interface Answer {
  member: Membership;
  frequency: Cadence;
  channel: CommunicationChannel;
}

/**
 * Each member's answers to the working agreement. Only when both answered and agree on
 * frequency and channel does the pair get `agreedAt` and a cadence; otherwise the series
 * falls back to the program's default.
 */
export function buildAgreements(ctx: SeedContext, pairs: PairPlan[]): AgreementsTable[] {
  const rng = ctx.rng('agreements');
  const rows: AgreementsTable[] = [];
  for (const pair of pairs) {
    const shape = rng.weighted(SHAPES[pair.story]);
    if (shape === 'none') continue;
    const answers = answersFor(rng, pair, shape);
    // Agreements are filled in during the first days, well inside every story's active period.
    let submittedMs = pair.startedMs + rng.between(4 * HOUR, 5 * DAY);
    let bothInMs = 0;
    for (const answer of answers) {
      submittedMs = Math.min(duringWorkday(submittedMs, answer.member.person.timeZone, rng.int(9 * 60, 18 * 60)), ctx.now - HOUR);
      submittedMs = Math.max(submittedMs, pair.startedMs + HOUR);
      rows.push(row(rng, pair, answer, submittedMs));
      touch(pair, submittedMs);
      bothInMs = Math.max(bothInMs, submittedMs);
      submittedMs += rng.between(2 * HOUR, 8 * DAY);
    }
    const [a, b] = answers;
    if (a && b && a.frequency === b.frequency && a.channel === b.channel) {
      pair.agreedMs = bothInMs;
      pair.agreedCadence = a.frequency;
    }
  }
  return rows;
}

function answersFor(rng: Rng, pair: PairPlan, shape: Exclude<Shape, 'none'>): Answer[] {
  const { mentor, mentee } = pair;
  const menteeFirst = rng.chance(0.6);
  if (shape === 'one-sided') {
    const member = rng.chance(0.7) ? mentee : mentor;
    return [{ member, frequency: member.preferredFrequency, channel: member.preferredChannel }];
  }
  let ordered: Answer[];
  if (shape === 'agreed') {
    const frequency = rng.weighted<Cadence>([[mentor.preferredFrequency, 5], [mentee.preferredFrequency, 3], [pair.program.defaultCadence, 2]]);
    const channel = rng.weighted<CommunicationChannel>([[mentor.preferredChannel, 5], [mentee.preferredChannel, 3]]);
    ordered = [
      { member: mentee, frequency, channel },
      { member: mentor, frequency, channel },
    ];
  } else {
    // Each side kept their own preference; if those happen to agree, one of them asked for a different rhythm.
    const mine = { frequency: mentor.preferredFrequency, channel: mentor.preferredChannel };
    let theirs = { frequency: mentee.preferredFrequency, channel: mentee.preferredChannel };
    if (theirs.frequency === mine.frequency && theirs.channel === mine.channel) {
      theirs = { ...theirs, frequency: rng.pick(CADENCES.filter((c) => c !== mine.frequency)) };
    }
    ordered = [
      { member: mentee, ...theirs },
      { member: mentor, ...mine },
    ];
  }
  return menteeFirst ? ordered : ordered.reverse();
}

function row(rng: Rng, pair: PairPlan, answer: Answer, submittedMs: number): AgreementsTable {
  const role = answer.member === pair.mentor ? 'mentor' : 'mentee';
  const skill = pair.mentee.wanted[0] ?? 'Career planning';
  const vars = { mentee: pair.mentee.person.firstName, skill: skill.toLowerCase(), hope: hopeFor(skill, rng) };
  return {
    pairId: pair.id,
    userId: answer.member.person.id,
    meetingFrequency: answer.frequency,
    communicationChannel: answer.channel,
    goals: agreementGoals(role, vars, rng),
    feedbackStyle: rng.pick(FEEDBACK_STYLES),
    boundaries: rng.chance(0.1) ? rng.pick(EMPTY_BOUNDARIES) : rng.pick(BOUNDARIES),
    submittedAt: iso(submittedMs),
    updatedAt: iso(submittedMs),
  };
}
