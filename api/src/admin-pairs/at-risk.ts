import { AT_RISK_GAP_FACTOR, CADENCE_DAYS, daysBetween, FIRST_MEETING_GRACE_DAYS } from '../analytics/cadence';
import type { Cadence } from '../db/schema';

/**
 * The eight reasons a pair may need help, exactly as docs/metrics.md ("pairs-at-risk") defines
 * them, evaluated now. Pure: the service gathers counts and instants, this decides. Details
 * carry counts and days only, never anything a participant wrote or one person's rating.
 */

export const AT_RISK_CODES = [
  'member-left',
  'lack-of-time',
  'mismatched-expectations',
  'ineffective-communication',
  'unclear-boundaries',
  'overdue-action-items',
  'overdue-goals',
  'dormant',
] as const;

export type AtRiskCode = (typeof AT_RISK_CODES)[number];

/** What Tandem suggests for each reason, in its own words (docs/metrics.md). */
export const REMEDIES: Record<AtRiskCode, string> = {
  'member-left':
    'Talk to the member who is still here: complete the pair so they can be matched again, or keep it paused if the absence is temporary.',
  'lack-of-time': 'Agree meeting times you can both keep. Short check-ins count, as long as they are regular.',
  'mismatched-expectations': 'Have an open conversation about what each of you wants from the mentorship and how often to meet.',
  'ineffective-communication': 'Listen actively, and share feedback honestly but kindly — both ways.',
  'unclear-boundaries': 'Agree which topics are in and out of bounds, and respect each other\'s privacy.',
  'overdue-action-items': 'Review open action items together at the next check-in; drop or re-date what no longer matters.',
  'overdue-goals': 'Revisit the plan: update the timeline or break the goal into smaller steps.',
  dormant: 'Contact both members: agree a fresh start with a date for the next check-in, or complete the pair so both can move on.',
};

/** A pair still without agreed expectations this long after matching has mismatched expectations. */
export const EXPECTATIONS_GRACE_DAYS = 14;
/** Ratings of check-ins that started this many days back or less count towards the average. */
export const RATINGS_WINDOW_DAYS = 60;
/** An average rating at or below this is a communication problem. */
export const LOW_RATING_AVERAGE = 2;
/** How many of the pair's most recent ended check-ins the confirmation rule looks at. */
export const RECENT_CHECKINS = 3;
/** One member confirming at least this many of them while the other confirms none is one-sided. */
export const ONE_SIDED_CONFIRMATIONS = 2;
/** An open action item is a warning sign once its due date is more than this many days past. */
export const ACTION_ITEM_GRACE_DAYS = 7;
/** A pair this long without activity gets the re-commit prompt (the `dormant-pair` nudge). */
export const DORMANT_AFTER_DAYS = 90;
/** Left unanswered this long, the re-commit prompt makes the pair `dormant` for admins. */
export const DORMANT_PROMPT_ANSWER_DAYS = 7;

const DAY_MS = 86_400_000;

/** The instants and dates the queries need to gather an `AtRiskInput` as of `now`. */
export function atRiskCutoffs(now: string) {
  const today = now.slice(0, 10);
  return {
    today,
    /** check-ins starting at or after this instant are "in the last 60 days" */
    ratingsSince: new Date(Date.parse(now) - RATINGS_WINDOW_DAYS * DAY_MS).toISOString(),
    /** open action items due before this date are more than 7 days overdue */
    actionItemsDueBefore: new Date(Date.parse(`${today}T00:00:00.000Z`) - ACTION_ITEM_GRACE_DAYS * DAY_MS).toISOString().slice(0, 10),
  };
}

export interface AtRiskInput {
  now: string;
  startedAt: string;
  /** the pair's cadence: its agreed one, else its program's default */
  cadence: Cadence;
  /** whether `cadence` was agreed by the pair (rather than the program default) */
  cadenceAgreed: boolean;
  /** start of the latest held check-in at or before now */
  lastHeldAt: string | null;
  agreedAt: string | null;
  agreements: {
    /** how many members have answered (0–2) */
    submitted: number;
    /** the two answers name different meeting frequencies or channels */
    differ: boolean;
    /** answers whose boundaries field is blank */
    blankBoundaries: number;
  };
  /** ratings by either member of check-ins that started in the last 60 days */
  recentRatings: { count: number; sum: number };
  /** the pair's last (up to) 3 ended, not cancelled, check-ins and each member's confirmations of them */
  recentCheckins: { ended: number; mentorConfirmed: number; menteeConfirmed: number };
  /** open action items due more than 7 days before today */
  overdueActionItems: number;
  /** live goals, not done or dropped, with a target date before today */
  overdueGoals: number;
  /** `pairs.lastActivityAt` */
  lastActivityAt: string;
  /** when the pair's latest re-commit prompt (`dormant-pair` nudge) became visible; null if never prompted */
  dormantPromptAt: string | null;
  /** which members the directory disabled or deleted (docs/directory.md, "Departures") */
  departed: Departed;
}

export interface Departed {
  mentor: boolean;
  mentee: boolean;
}

export interface AtRiskReason {
  code: AtRiskCode;
  detail: string;
  remedy: string;
}

const CADENCE_WORDS: Record<Cadence, string> = { weekly: 'every week', biweekly: 'every 2 weeks', monthly: 'every month' };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function wholeDays(fromIso: string, toIso: string): number {
  return Math.floor(daysBetween(fromIso, toIso));
}

/** What decides lack of time; the nudges' lapsed-cadence rule asks the same question. */
export type RhythmFacts = Pick<AtRiskInput, 'now' | 'startedAt' | 'cadence' | 'cadenceAgreed' | 'lastHeldAt'>;

/** Whether the pair lacks time now, exactly as the `lack-of-time` reason decides it. */
export function lacksTime(input: RhythmFacts): boolean {
  return lackOfTime(input) !== null;
}

/**
 * Lack of time: more than 1.5 × the cadence since the last held check-in; with none held, the
 * clock starts when the 14-day first-meeting grace after matching runs out.
 */
function lackOfTime(input: RhythmFacts): string | null {
  const limit = CADENCE_DAYS[input.cadence] * AT_RISK_GAP_FACTOR;
  const rhythm = `${input.cadenceAgreed ? 'agreed' : 'program default:'} ${CADENCE_WORDS[input.cadence]}`;
  if (input.lastHeldAt) {
    if (daysBetween(input.lastHeldAt, input.now) <= limit) return null;
    return `No check-in held for ${plural(wholeDays(input.lastHeldAt, input.now), 'day', 'days')} (${rhythm}).`;
  }
  if (daysBetween(input.startedAt, input.now) - FIRST_MEETING_GRACE_DAYS <= limit) return null;
  return `No check-in held in the ${plural(wholeDays(input.startedAt, input.now), 'day', 'days')} since matching (${rhythm}).`;
}

function mismatchedExpectations(input: AtRiskInput): string | null {
  if (input.agreedAt !== null || daysBetween(input.startedAt, input.now) < EXPECTATIONS_GRACE_DAYS) return null;
  const days = plural(wholeDays(input.startedAt, input.now), 'day', 'days');
  if (input.agreements.submitted < 2) return `Expectations not agreed ${days} after matching.`;
  if (input.agreements.differ) return `Expectations still differ ${days} after matching.`;
  return null;
}

function ineffectiveCommunication(input: AtRiskInput): string | null {
  const parts: string[] = [];
  const { count, sum } = input.recentRatings;
  // Compared in integers, so an average of exactly 2 is not lost to floating point.
  if (count > 0 && sum <= LOW_RATING_AVERAGE * count) {
    parts.push(`Check-ins of the last ${RATINGS_WINDOW_DAYS} days were rated ${LOW_RATING_AVERAGE} or lower out of 5 on average.`);
  }
  const { ended, mentorConfirmed, menteeConfirmed } = input.recentCheckins;
  const fewer = Math.min(mentorConfirmed, menteeConfirmed);
  const more = Math.max(mentorConfirmed, menteeConfirmed);
  if (fewer === 0 && more >= ONE_SIDED_CONFIRMATIONS) {
    parts.push(`One member confirmed none of the last ${plural(ended, 'check-in', 'check-ins')}; the other confirmed ${more}.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

function unclearBoundaries(input: AtRiskInput): string | null {
  const { submitted, blankBoundaries } = input.agreements;
  if (submitted < 2 || blankBoundaries === 0) return null;
  return `Boundaries left blank in ${blankBoundaries} of the ${submitted} agreement answers.`;
}

function overdueActionItems(input: AtRiskInput): string | null {
  if (input.overdueActionItems === 0) return null;
  return `${plural(input.overdueActionItems, 'action item', 'action items')} overdue by more than ${ACTION_ITEM_GRACE_DAYS} days.`;
}

function overdueGoals(input: AtRiskInput): string | null {
  if (input.overdueGoals === 0) return null;
  return input.overdueGoals === 1 ? '1 goal past its target date.' : `${input.overdueGoals} goals past their target date.`;
}

/**
 * Dormant: the pair was prompted to re-commit after 90 days without activity, the prompt has been
 * visible for 7 days, and nothing happened since it went out.
 */
function dormant(input: AtRiskInput): string | null {
  const prompted = input.dormantPromptAt;
  if (prompted === null || daysBetween(prompted, input.now) < DORMANT_PROMPT_ANSWER_DAYS || input.lastActivityAt > prompted) return null;
  return `No activity for ${plural(wholeDays(input.lastActivityAt, input.now), 'day', 'days')} and no answer to the re-commit prompt sent ${plural(wholeDays(prompted, input.now), 'day', 'days')} ago.`;
}

/** A member's account was disabled or deleted in the directory; the pair is left for an admin to settle. */
function memberLeft(input: Pick<AtRiskInput, 'departed'>): string | null {
  const { mentor, mentee } = input.departed;
  if (mentor && mentee) return 'Both members have left the organisation or had their accounts disabled.';
  if (mentor) return 'The mentor has left the organisation or their account is disabled.';
  if (mentee) return 'The mentee has left the organisation or their account is disabled.';
  return null;
}

const RULES: Record<AtRiskCode, (input: AtRiskInput) => string | null> = {
  'member-left': memberLeft,
  'lack-of-time': lackOfTime,
  'mismatched-expectations': mismatchedExpectations,
  'ineffective-communication': ineffectiveCommunication,
  'unclear-boundaries': unclearBoundaries,
  'overdue-action-items': overdueActionItems,
  'overdue-goals': overdueGoals,
  dormant,
};

/**
 * A paused pair isn't expected to meet, so only a departure puts it at risk: someone has to
 * decide what happens to it.
 */
export function pausedPairReasons(departed: Departed): AtRiskReason[] {
  const detail = memberLeft({ departed });
  return detail === null ? [] : [{ code: 'member-left', detail, remedy: REMEDIES['member-left'] }];
}

/** Every reason that applies to an active pair now, in the table's order. */
export function atRiskReasons(input: AtRiskInput): AtRiskReason[] {
  const reasons: AtRiskReason[] = [];
  for (const code of AT_RISK_CODES) {
    const detail = RULES[code](input);
    if (detail !== null) reasons.push({ code, detail, remedy: REMEDIES[code] });
  }
  return reasons;
}
