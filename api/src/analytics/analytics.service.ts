import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database, MeetingStatus, PairStatus } from '../db/schema';
import { requireProgram } from '../programs/programs.service';
import type { CurrentUser } from '../users/users.service';
import {
  closingSurveyTotals,
  countHeadcount,
  countIntroductionsMade,
  countPendingRequests,
  enrolledMenteesAt,
  enrolledPeopleByDepartment,
  goalTotals,
  insertAuditEntry,
  listHeldMeetings,
  listScopedPairs,
  meetingsBySegment,
  mentorLoad,
  ratingsBySegment,
  type DepartmentPeopleRow,
  type Scope,
  type ScopedPairRow,
} from './analytics.queries';
import { daysBetween, FIRST_MEETING_GRACE_DAYS, GAP_BUCKETS, gapBucket, keptCadence } from './cadence';
import { addDays, resolvePeriod, type AdminFilters, type Period } from './filters';

export interface AnalyticsDeps {
  db: Kysely<Database>;
  clock: Clock;
  /**
   * The directory syncs the whole tenant (DIRECTORY_SYNC=tenant), so Tandem knows everyone and
   * participation can be measured against headcount.
   */
  headcountFromDirectory?: boolean;
}

/** Groups (and a department filter) with fewer people than this are withheld. */
export const MIN_GROUP_SIZE = 5;
const UNASSIGNED = 'Unassigned';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type GapLabel = (typeof GAP_BUCKETS)[number]['label'];
type MeetingCounts = Record<MeetingStatus, number>;

export async function getAnalytics(deps: AnalyticsDeps, user: CurrentUser, filters: AdminFilters) {
  const period = resolvePeriod(filters, deps.clock);
  if (filters.programId) await requireProgram(deps.db, filters.programId);
  const scope: Scope = { programId: filters.programId, department: filters.department };

  const people = await enrolledPeopleByDepartment(deps.db, scope, period.end);
  const selected = people.reduce((sum, g) => sum + g.people, 0);
  const result =
    scope.department !== undefined && selected < MIN_GROUP_SIZE
      ? {
          suppressed: true as const,
          detail: `The department "${scope.department}" has fewer than ${MIN_GROUP_SIZE} people enrolled in scope at the end of the period, so its figures are withheld to protect their privacy.`,
        }
      : await computeAnalytics(deps.db, scope, period, people, deps.headcountFromDirectory === true);

  // Written after the figures are computed: the log records what an admin was shown.
  await insertAuditEntry(deps.db, {
    id: uuidv7(),
    actorId: user.id,
    action: 'admin.analytics',
    subjectType: filters.programId ? 'program' : null,
    subjectId: filters.programId ?? null,
    detail: JSON.stringify({ programId: filters.programId ?? null, department: filters.department ?? null, from: period.from, to: period.to }),
    createdAt: period.now,
  });
  return result;
}

interface MonthWindow {
  month: string;
  /** the month clipped to the period: [from, to), `to` also capped at now (may be ≤ from for a month still to come) */
  from: string;
  to: string;
}

/** Calendar months (UTC) overlapping the period, each clipped to the period and to now. */
function monthWindows(period: Period): MonthWindow[] {
  const windows: MonthWindow[] = [];
  let month = period.from.slice(0, 7);
  const last = period.to.slice(0, 7);
  for (;;) {
    const monthStart = `${month}-01T00:00:00.000Z`;
    const next = nextMonth(month);
    const monthEnd = `${next}-01T00:00:00.000Z`;
    windows.push({ month, from: maxIso(monthStart, period.start), to: minIso(monthEnd, period.end, period.now) });
    if (month === last) return windows;
    month = next;
  }
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const maxIso = (...values: string[]) => values.reduce((a, b) => (a > b ? a : b));
const minIso = (...values: string[]) => values.reduce((a, b) => (a < b ? a : b));

/**
 * The period cut at each month start and at now: every segment lies in one month and entirely
 * before or after now, so one grouped query serves the period totals (all segments), the
 * unconfirmed count (segments before now) and the trend (a month's segments before now).
 */
function segmentsOf(period: Period, months: MonthWindow[]) {
  const cuts = new Set([period.start, period.end]);
  for (const w of months) if (w.month !== period.from.slice(0, 7)) cuts.add(`${w.month}-01T00:00:00.000Z`);
  if (period.now > period.start && period.now < period.end) cuts.add(period.now);
  const boundaries = [...cuts].sort();
  const segments = boundaries.slice(0, -1).map((from, i) => ({ month: from.slice(0, 7), past: boundaries[i + 1]! <= period.now }));
  return { boundaries, segments };
}

/** A pair's status at an instant, as docs/metrics.md defines it; null before it started. */
export function statusAt(pair: Pick<ScopedPairRow, 'status' | 'startedAt' | 'pausedAt' | 'endedAt'>, t: string): PairStatus | null {
  if ((pair.status === 'completed' || pair.status === 'ended') && pair.endedAt !== null && pair.endedAt < t) return pair.status;
  if (pair.status === 'paused' && pair.pausedAt !== null && pair.pausedAt < t) return 'paused';
  return pair.startedAt < t ? 'active' : null;
}

/** Half away from zero, so an NPS of −12.5 is −13 as 12.5 is 13 (Math.round alone rounds towards +∞). */
function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(value) * Math.round((Math.abs(value) + Number.EPSILON) * f)) / f || 0;
}

function ratio(numerator: number, denominator: number, decimals: number): number | null {
  return denominator === 0 ? null : round(numerator / denominator, decimals);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function emptyMeetingCounts(): MeetingCounts {
  return { scheduled: 0, held: 0, missed: 0, cancelled: 0 };
}

/** Enrolled people (either role, counted once) against everyone in the organisation. */
function headcountFigures(headcount: number, people: DepartmentPeopleRow[]) {
  const enrolled = people.reduce((sum, g) => sum + g.people, 0);
  return { people: headcount, enrolled, rate: ratio(enrolled, headcount, 3) };
}

interface CadenceTally {
  eligible: number;
  kept: number;
}

async function computeAnalytics(db: Kysely<Database>, scope: Scope, period: Period, people: DepartmentPeopleRow[], withHeadcount: boolean) {
  const months = monthWindows(period);
  const { boundaries, segments } = segmentsOf(period, months);
  // A goal is overdue once its target day has passed: before the day after `to`, but never later than today.
  const overdueBefore = minIso(addDays(period.to, 1), period.now.slice(0, 10));

  const [menteesByMonth, pendingRequests, load, pairs, meetingRows, ratingRows, goals, surveys, introductionsMade] = await Promise.all([
    enrolledMenteesAt(db, scope, months.map((w) => w.to)),
    countPendingRequests(db, scope, period.end),
    mentorLoad(db, scope, period.end),
    listScopedPairs(db, scope, period.end, period.start),
    meetingsBySegment(db, scope, boundaries, period.end),
    ratingsBySegment(db, scope, boundaries, period.end),
    goalTotals(db, scope, period.start, period.end, overdueBefore),
    closingSurveyTotals(db, scope, period.start, period.end),
    countIntroductionsMade(db, scope, period.start, period.end),
  ]);
  const rhythm = await rhythmMetrics(db, scope, period, months, pairs);
  const headcount = withHeadcount ? await countHeadcount(db, scope) : null;

  // Participation
  const mentors = people.reduce((s, g) => s + g.mentors, 0);
  const mentees = people.reduce((s, g) => s + g.mentees, 0);
  const matchedMentees = people.reduce((s, g) => s + g.matchedMentees, 0);
  const pairCounts = { active: 0, paused: 0, completed: 0, endedEarly: 0 };
  const daysToMatch: number[] = [];
  for (const p of pairs) {
    const status = statusAt(p, period.end);
    if (status === 'active') pairCounts.active++;
    else if (status === 'paused') pairCounts.paused++;
    else if (status === 'completed') pairCounts.completed++;
    else if (status === 'ended') pairCounts.endedEarly++;
    if (p.startedAt >= period.start && p.menteeEnrolledAt !== null) daysToMatch.push(daysBetween(p.menteeEnrolledAt, p.startedAt));
  }
  const medianDays = median(daysToMatch);

  // Consistency: meetings per segment
  const total = emptyMeetingCounts();
  let unconfirmed = 0;
  const monthMeetings = new Map(months.map((w) => [w.month, emptyMeetingCounts()]));
  for (const row of meetingRows) {
    const segment = segments[row.segment];
    if (!segment) continue;
    total[row.status] += row.n;
    if (segment.past) {
      if (row.status === 'scheduled') unconfirmed += row.n;
      monthMeetings.get(segment.month)![row.status] += row.n;
    }
  }

  // Outcomes: ratings per segment
  const distribution = [1, 2, 3, 4, 5].map((rating) => ({ rating, count: 0 }));
  const monthRatings = new Map(months.map((w) => [w.month, { count: 0, sum: 0 }]));
  for (const row of ratingRows) {
    const segment = segments[row.segment];
    const bucket = distribution[row.rating - 1];
    if (!segment || !bucket) continue;
    bucket.count += row.n;
    if (segment.past) {
      const m = monthRatings.get(segment.month)!;
      m.count += row.n;
      m.sum += row.rating * row.n;
    }
  }
  const ratingCount = distribution.reduce((s, d) => s + d.count, 0);
  const ratingSum = distribution.reduce((s, d) => s + d.rating * d.count, 0);
  const scored = surveys.promoters + surveys.passives + surveys.detractors;

  return {
    period: { from: period.from, to: period.to },
    suppressed: false as const,
    participation: {
      mentors,
      mentees,
      menteesPerMentor: ratio(mentees, mentors, 1),
      matchedMentees,
      matchRate: ratio(matchedMentees, mentees, 3),
      unmatchedMentees: mentees - matchedMentees,
      pendingRequests,
      medianDaysToMatch: medianDays === null ? null : round(medianDays, 1),
      pairs: pairCounts,
      mentorCapacityUtilisation: ratio(load.pairs, load.capacity, 3),
      byDepartment: departmentGroups(people),
      ...(headcount === null ? {} : { headcount: headcountFigures(headcount, people) }),
    },
    consistency: {
      meetings: { planned: total.scheduled + total.held + total.missed + total.cancelled, held: total.held, missed: total.missed, cancelled: total.cancelled, unconfirmed },
      onCadenceRate: ratio(rhythm.period.kept, rhythm.period.eligible, 3),
      onCadence: rhythm.period,
      gapDistribution: GAP_BUCKETS.map((b) => ({ bucket: b.label, count: rhythm.gaps.get(b.label) ?? 0 })),
      noFirstMeeting: rhythm.noFirstMeeting,
      mentoringHours: round(rhythm.heldMs / HOUR_MS, 1),
    },
    outcomes: {
      goals: {
        set: goals.set,
        completed: goals.completed,
        overdue: goals.overdue,
        open: goals.open,
        completionRate: ratio(goals.doneByEnd, goals.notDropped, 3),
        averageProgress: ratio(goals.progressSum, goals.notDropped, 0),
      },
      ratings: { count: ratingCount, average: ratio(ratingSum, ratingCount, 2), distribution },
      closingSurveys: {
        responses: surveys.responses,
        satisfaction: ratio(surveys.satisfactionSum, surveys.responses, 1),
        nps: scored === 0 ? null : round((100 * (surveys.promoters - surveys.detractors)) / scored, 0),
        promoters: surveys.promoters,
        passives: surveys.passives,
        detractors: surveys.detractors,
      },
      reported: { skillsGained: surveys.skillsGained, newContacts: surveys.newContacts, promotions: surveys.promotions },
      introductionsMade,
    },
    trend: months.map((w, i) => {
      const m = monthMeetings.get(w.month)!;
      const r = monthRatings.get(w.month)!;
      const cadence = rhythm.months[i]!;
      return {
        month: w.month,
        mentees: menteesByMonth[i] ?? 0,
        activePairs: pairs.filter((p) => statusAt(p, w.to) === 'active').length,
        newPairs: pairs.filter((p) => p.startedAt >= w.from && p.startedAt < w.to).length,
        meetings: { planned: m.scheduled + m.held + m.missed + m.cancelled, held: m.held, missed: m.missed, cancelled: m.cancelled },
        onCadenceRate: ratio(cadence.kept, cadence.eligible, 3),
        averageRating: ratio(r.sum, r.count, 2),
      };
    }),
  };
}

function departmentGroups(people: DepartmentPeopleRow[]) {
  const groups = new Map<string, Omit<DepartmentPeopleRow, 'department'>>();
  for (const row of people) {
    const name = row.department ?? UNASSIGNED;
    const g = groups.get(name) ?? { mentors: 0, mentees: 0, matchedMentees: 0, people: 0 };
    groups.set(name, {
      mentors: g.mentors + row.mentors,
      mentees: g.mentees + row.mentees,
      matchedMentees: g.matchedMentees + row.matchedMentees,
      people: g.people + row.people,
    });
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([department, g]) =>
      g.people < MIN_GROUP_SIZE
        ? { department, suppressed: true as const }
        : { department, mentors: g.mentors, mentees: g.mentees, matchedMentees: g.matchedMentees, matchRate: ratio(g.matchedMentees, g.mentees, 3) },
    );
}

/**
 * On-cadence (period and months), gaps, first meetings and hours from one read of the period's
 * held check-ins. Each pair keeps only its own starts, and each month looks at the slice of them
 * it needs, so the work is linear in check-ins plus pairs × months.
 */
async function rhythmMetrics(db: Kysely<Database>, scope: Scope, period: Period, months: MonthWindow[], pairs: ScopedPairRow[]) {
  const heldByPair = new Map<string, string[]>(pairs.map((p) => [p.id, []]));
  let heldMs = 0;
  for (const row of await listHeldMeetings(db, scope, period.start, period.end)) {
    heldByPair.get(row.pairId)?.push(row.startAt);
    heldMs += Date.parse(row.endAt) - Date.parse(row.startAt);
  }

  const gaps = new Map<GapLabel, number>();
  const periodTally: CadenceTally = { eligible: 0, kept: 0 };
  const monthTallies: CadenceTally[] = months.map(() => ({ eligible: 0, kept: 0 }));
  let noFirstMeeting = 0;
  for (const pair of pairs) {
    const held = heldByPair.get(pair.id)!.sort();
    let previous = pair.lastHeldBefore;
    for (const start of held) {
      if (previous !== null) {
        const label = gapBucket(daysBetween(previous, start));
        gaps.set(label, (gaps.get(label) ?? 0) + 1);
      }
      previous = start;
    }

    // A deadline in the period is after its start, so a check-in before the period is before the deadline.
    const deadline = new Date(Date.parse(pair.startedAt) + FIRST_MEETING_GRACE_DAYS * DAY_MS).toISOString();
    const metBefore = pair.lastHeldBefore !== null || (held[0] !== undefined && held[0] < deadline);
    if (deadline >= period.start && deadline < period.endSoFar && !metBefore) noFirstMeeting++;

    if (period.endSoFar > period.start && statusAt(pair, period.end) === 'active') {
      const heldStarts = pair.lastHeldBefore === null ? held : [pair.lastHeldBefore, ...held];
      tally(periodTally, keptCadence({ cadence: pair.cadence, startedAt: pair.startedAt, heldStarts, from: period.start, to: period.endSoFar }));
    }

    let first = 0; // index of the first held start not before the current month
    months.forEach((w, i) => {
      while (first < held.length && held[first]! < w.from) first++;
      if (w.to <= w.from || statusAt(pair, w.to) !== 'active') return;
      let end = first;
      while (end < held.length && held[end]! < w.to) end++;
      const before = first > 0 ? held[first - 1]! : pair.lastHeldBefore;
      const heldStarts = before === null ? held.slice(first, end) : [before, ...held.slice(first, end)];
      tally(monthTallies[i]!, keptCadence({ cadence: pair.cadence, startedAt: pair.startedAt, heldStarts, from: w.from, to: w.to }));
    });
  }
  return { period: periodTally, months: monthTallies, gaps, noFirstMeeting, heldMs };
}

function tally(t: CadenceTally, kept: boolean | null): void {
  if (kept === null) return;
  t.eligible++;
  if (kept) t.kept++;
}
