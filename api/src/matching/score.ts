import { DateTime, IANAZone } from 'luxon';

/**
 * How well a mentor fits a mentee: a weighted sum in [0, 1] with human reasons.
 * Pure and deterministic (no I/O, no clock), so the same function ranks one mentee's
 * recommendations and, later, a whole program in bulk. Every number here is explained
 * in docs/matching.md — change both together.
 */

/** What the score reads of an enrolment (a subset of the enrolment profile). */
export interface MatchProfile {
  yearsExperience: number | null;
  goals: string | null;
  skillsOffered: string[];
  skillsWanted: string[];
  values: string[];
}

/** Facts about the mentor that come from outside the two profiles. */
export interface MatchContext {
  /** capacity − active and paused pairs in the program */
  remainingCapacity: number;
  /** distinct departments among the mentor's mentees (any program, any status) plus the mentor's own */
  networkReach: number;
  /** distinct departments among the mentor's mentees only, for the reason text */
  mentoredDepartments: number;
  /** hours between the two working days (see `timeZoneGapHours`); null when either zone is unknown */
  timeZoneGapHours: number | null;
}

export type MatchComponent = 'skills' | 'experience' | 'goals' | 'values' | 'network' | 'capacity' | 'timeZone';

/** Weights sum to 1; the order is also the tie order of reasons with equal weight. */
export const MATCH_WEIGHTS: Readonly<Record<MatchComponent, number>> = {
  skills: 0.35,
  experience: 0.15,
  goals: 0.1,
  values: 0.1,
  network: 0.1,
  capacity: 0.1,
  timeZone: 0.1,
};

/** Each component reaches 1 at these points and stays there. */
export const EXPERIENCE_GAP_FULL_YEARS = 10;
export const NETWORK_FULL_DEPARTMENTS = 5;
export const CAPACITY_FULL_SLOTS = 3;
/** a gap of this many hours (or more) leaves no useful shared working day */
export const TIME_ZONE_WORST_HOURS = 8;
/** when either zone is unknown we neither reward nor punish */
export const UNKNOWN_TIME_ZONE_COMPONENT = 0.5;

export interface MatchScore {
  /** 0–1, rounded to 3 decimals */
  score: number;
  /** each component in [0, 1], before weighting */
  components: Record<MatchComponent, number>;
  /** strongest first */
  reasons: string[];
}

const COMPONENT_ORDER = Object.keys(MATCH_WEIGHTS) as MatchComponent[];
const WEIGHT_THOUSANDTHS = Object.fromEntries(COMPONENT_ORDER.map((c) => [c, Math.round(MATCH_WEIGHTS[c] * 1000)])) as Record<MatchComponent, number>;

/** How many of `keys` are in `other`, and (when asked) the matching `labels`, in order. */
function sharedOf(labels: string[], keys: string[], other: ReadonlySet<string>, collect: boolean): { count: number; labels: string[] } {
  const shared: string[] = [];
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    if (!other.has(keys[i]!)) continue;
    count += 1;
    if (collect) shared.push(labels[i]!);
  }
  return { count, labels: shared };
}

export function scoreMatch(mentee: MatchProfile, mentor: MatchProfile, context: MatchContext): MatchScore {
  return scorePreparedMatch(prepareMatchProfile(mentee), prepareMatchProfile(mentor), context);
}

/** A profile with its labels normalised and goal words extracted once, for scoring it against many others. */
export interface PreparedMatchProfile {
  yearsExperience: number | null;
  /** wanted skills, first of each normalised label kept, with their keys */
  wanted: string[];
  wantedKeys: string[];
  offered: ReadonlySet<string>;
  goalTokens: string[];
  goalTokenSet: ReadonlySet<string>;
  /** values, first of each normalised label kept, with their keys */
  values: string[];
  valueKeys: string[];
  valueSet: ReadonlySet<string>;
}

export function prepareMatchProfile(profile: MatchProfile): PreparedMatchProfile {
  const wanted = uniqueBy(profile.skillsWanted, normalizeLabel);
  const values = uniqueBy(profile.values, normalizeLabel);
  const tokens = goalTokens(profile.goals);
  return {
    yearsExperience: profile.yearsExperience,
    wanted,
    wantedKeys: wanted.map(normalizeLabel),
    offered: new Set(profile.skillsOffered.map(normalizeLabel)),
    goalTokens: tokens,
    goalTokenSet: new Set(tokens),
    values,
    valueKeys: values.map(normalizeLabel),
    valueSet: new Set(profile.values.map(normalizeLabel)),
  };
}

/**
 * `scoreMatch` on prepared profiles (it is how `scoreMatch` itself scores): whole-program
 * matching prepares each person once instead of once per pair. Without `withReasons` the
 * reasons are left empty and only the score and components are computed.
 */
export function scorePreparedMatch(mentee: PreparedMatchProfile, mentor: PreparedMatchProfile, context: MatchContext, withReasons = true): MatchScore {
  const reasonOf: Partial<Record<MatchComponent, string>> = {};

  // Counting loops rather than filters: a whole-program run scores millions of pairs.
  const coveredSkills = sharedOf(mentee.wanted, mentee.wantedKeys, mentor.offered, withReasons);
  const skills = mentee.wanted.length === 0 ? 0 : coveredSkills.count / mentee.wanted.length;
  if (withReasons && coveredSkills.count > 0) {
    reasonOf.skills = `Offers ${coveredSkills.count} of the skills you want: ${listSome(coveredSkills.labels, 3)}`;
  }

  const sharedTokens = sharedOf(mentee.goalTokens, mentee.goalTokens, mentor.goalTokenSet, withReasons);
  const smaller = Math.min(mentee.goalTokens.length, mentor.goalTokenSet.size);
  const goals = smaller === 0 ? 0 : sharedTokens.count / smaller;
  if (withReasons && sharedTokens.count > 0) reasonOf.goals = `Has goals like yours: ${listSome(sharedTokens.labels, 3)}`;

  const sharedValues = sharedOf(mentee.values, mentee.valueKeys, mentor.valueSet, withReasons);
  const values = mentee.values.length === 0 ? 0 : sharedValues.count / mentee.values.length;
  if (withReasons && sharedValues.count > 0) reasonOf.values = `Shares your values: ${sharedValues.labels.join(', ')}`;

  let experience = 0;
  if (mentor.yearsExperience !== null) {
    const gap = mentor.yearsExperience - (mentee.yearsExperience ?? 0);
    experience = clamp01(gap / EXPERIENCE_GAP_FULL_YEARS);
    if (withReasons && experience > 0) reasonOf.experience = `${plural(mentor.yearsExperience, 'year')} of experience`;
  }

  const network = clamp01(context.networkReach / NETWORK_FULL_DEPARTMENTS);
  if (withReasons && context.mentoredDepartments > 0 && network > 0) {
    reasonOf.network = `Has mentored people from ${plural(context.mentoredDepartments, 'department')}`;
  }

  const capacity = clamp01(context.remainingCapacity / CAPACITY_FULL_SLOTS);
  if (withReasons && context.remainingCapacity > 0) {
    reasonOf.capacity = `Has room for ${context.remainingCapacity} more ${context.remainingCapacity === 1 ? 'mentee' : 'mentees'}`;
  }

  let timeZone = UNKNOWN_TIME_ZONE_COMPONENT;
  if (context.timeZoneGapHours !== null) {
    timeZone = 1 - Math.min(context.timeZoneGapHours, TIME_ZONE_WORST_HOURS) / TIME_ZONE_WORST_HOURS;
    if (withReasons && context.timeZoneGapHours === 0) reasonOf.timeZone = 'Works in your time zone';
    else if (withReasons && timeZone > 0) reasonOf.timeZone = `Works ${formatHours(context.timeZoneGapHours)} h from your time zone`;
  }

  const components: Record<MatchComponent, number> = { skills, experience, goals, values, network, capacity, timeZone };
  const score = scoreOfComponents(skills, experience, goals, values, network, capacity, timeZone);
  if (!withReasons) return { score, components, reasons: [] };

  const reasons = COMPONENT_ORDER.filter((c) => reasonOf[c] !== undefined)
    .map((c, order) => ({ text: reasonOf[c]!, weight: MATCH_WEIGHTS[c] * components[c], order }))
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .map((r) => r.text);

  return { score, components, reasons };
}

/**
 * The weighted sum of the components, rounded to 3 decimals. Summing in thousandths keeps
 * binary-fraction noise away from the rounding boundary; the terms are added in COMPONENT_ORDER,
 * in one expression, so `scorePreparedMatch` and `bulkMatchScorer` produce the very same float.
 */
function scoreOfComponents(skills: number, experience: number, goals: number, values: number, network: number, capacity: number, timeZone: number): number {
  const thousandths =
    0 +
    WEIGHT_THOUSANDTHS.skills * skills +
    WEIGHT_THOUSANDTHS.experience * experience +
    WEIGHT_THOUSANDTHS.goals * goals +
    WEIGHT_THOUSANDTHS.values * values +
    WEIGHT_THOUSANDTHS.network * network +
    WEIGHT_THOUSANDTHS.capacity * capacity +
    WEIGHT_THOUSANDTHS.timeZone * timeZone;
  return Math.round(thousandths) / 1000;
}

/** What `bulkMatchScorer` needs of each mentor's context: everything but the time-zone gap, which depends on the mentee. */
export type MentorMatchContext = Omit<MatchContext, 'timeZoneGapHours'>;

/** Scores one mentee against every mentor of a pool at once (`bulkMatchScorer`). */
export interface BulkMatchScorer {
  /**
   * Writes into `scores[j]` the score of mentee `i` with mentor `j` — the number
   * `scorePreparedMatch(...).score` gives for them — reading the time-zone gap to mentor `j` from
   * `gapHours[j]` (NaN when unknown).
   */
  scoreRow(i: number, gapHours: Float64Array, scores: Float64Array): void;
}

/**
 * `scorePreparedMatch` without reasons for a whole pool (a match run scores every mentee against
 * every mentor: 20 M pairs at 10 000 × 2 000). Labels are numbered once, each mentor's skills,
 * goal words and values become inverted lists (label → mentors), and a mentee's row counts its
 * overlaps with every mentor by walking only the lists of its own labels — so the work per pair
 * is a few typed-array reads and the weighted sum, with no allocation. Same arithmetic, same
 * floats: tests compare it with `scorePreparedMatch` pair by pair.
 */
export function bulkMatchScorer(mentees: PreparedMatchProfile[], mentors: PreparedMatchProfile[], contexts: MentorMatchContext[]): BulkMatchScorer {
  const m = mentors.length;
  const invert = (labelsOf: (p: PreparedMatchProfile) => Iterable<string>) => {
    const lists = new Map<string, number[]>();
    mentors.forEach((mentor, j) => {
      for (const label of labelsOf(mentor)) {
        const list = lists.get(label);
        if (list) list.push(j);
        else lists.set(label, [j]);
      }
    });
    return lists;
  };
  const skillLists = invert((p) => p.offered);
  const goalLists = invert((p) => p.goalTokenSet);
  const valueLists = invert((p) => p.valueSet);
  const none: number[] = [];
  // Each mentee's labels resolved to their mentor lists up front: the row loop does no lookups.
  const menteeLists = mentees.map((mentee) => ({
    skills: mentee.wantedKeys.map((label) => skillLists.get(label) ?? none),
    goals: mentee.goalTokens.map((label) => goalLists.get(label) ?? none),
    values: mentee.valueKeys.map((label) => valueLists.get(label) ?? none),
  }));

  const mentorYears = Float64Array.from(mentors, (p) => (p.yearsExperience === null ? NaN : p.yearsExperience));
  const mentorGoalCount = Int32Array.from(mentors, (p) => p.goalTokenSet.size);
  const network = Float64Array.from(contexts, (c) => clamp01(c.networkReach / NETWORK_FULL_DEPARTMENTS));
  const capacity = Float64Array.from(contexts, (c) => clamp01(c.remainingCapacity / CAPACITY_FULL_SLOTS));
  const skillHits = new Int32Array(m);
  const goalHits = new Int32Array(m);
  const valueHits = new Int32Array(m);
  const count = (lists: number[][], hits: Int32Array) => {
    for (const list of lists) for (let k = 0; k < list.length; k++) hits[list[k]!]! += 1;
  };

  return {
    scoreRow(i, gapHours, scores) {
      const mentee = mentees[i]!;
      const lists = menteeLists[i]!;
      skillHits.fill(0);
      goalHits.fill(0);
      valueHits.fill(0);
      count(lists.skills, skillHits);
      count(lists.goals, goalHits);
      count(lists.values, valueHits);
      const wanted = mentee.wanted.length;
      const menteeGoals = mentee.goalTokens.length;
      const menteeValues = mentee.values.length;
      const menteeYears = mentee.yearsExperience ?? 0;
      for (let j = 0; j < m; j++) {
        const skills = wanted === 0 ? 0 : skillHits[j]! / wanted;
        const smaller = Math.min(menteeGoals, mentorGoalCount[j]!);
        const goals = smaller === 0 ? 0 : goalHits[j]! / smaller;
        const values = menteeValues === 0 ? 0 : valueHits[j]! / menteeValues;
        const years = mentorYears[j]!;
        const experience = Number.isNaN(years) ? 0 : clamp01((years - menteeYears) / EXPERIENCE_GAP_FULL_YEARS);
        const gap = gapHours[j]!;
        const timeZone = Number.isNaN(gap) ? UNKNOWN_TIME_ZONE_COMPONENT : 1 - Math.min(gap, TIME_ZONE_WORST_HOURS) / TIME_ZONE_WORST_HOURS;
        scores[j] = scoreOfComponents(skills, experience, goals, values, network[j]!, capacity[j]!, timeZone);
      }
    },
  };
}

/**
 * Hours between two people's working days at `at`: the difference of their UTC offsets,
 * taken the short way round the clock (UTC−10 and UTC+12 are 2 h apart, a day apart in date),
 * so it says how much of a 9-to-5 they share. Null when either zone is missing or unknown.
 */
export function timeZoneGapHours(zoneA: string | null, zoneB: string | null, at: string): number | null {
  if (!zoneA || !zoneB || !IANAZone.isValidZone(zoneA) || !IANAZone.isValidZone(zoneB)) return null;
  const a = DateTime.fromISO(at, { zone: zoneA });
  const b = DateTime.fromISO(at, { zone: zoneB });
  if (!a.isValid || !b.isValid) return null;
  const hours = (Math.abs(a.offset - b.offset) / 60) % 24;
  return Math.min(hours, 24 - hours);
}

/**
 * Common English words plus fillers typical of goal statements ("I want to get better at…"),
 * which would otherwise make every two goals look alike.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can ' +
    'could did do does doing down during each few for from further had has have having he her here hers herself him himself his ' +
    'how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves ' +
    'out over own same she should so some such than that the their theirs them themselves then there these they this those through ' +
    'to too under until up very was we were what when where which while who whom why will with would you your yours yourself ' +
    'yourselves also get getting got like want wants wanted learn learning better improve improving help become really lot ' +
    'things thing way ways able new good'
  ).split(' '),
);

/** Lower-cased word tokens of a text, stop words and one-letter tokens dropped, first occurrence kept. */
export function goalTokens(text: string | null): string[] {
  if (!text) return [];
  const tokens = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 1 && !STOP_WORDS.has(t));
  return [...new Set(tokens)];
}

function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

function uniqueBy(items: string[], key: (item: string) => string): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function listSome(items: string[], max: number): string {
  return items.length > max ? `${items.slice(0, max).join(', ')}, …` : items.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatHours(hours: number): string {
  return String(Number(hours.toFixed(2)));
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
