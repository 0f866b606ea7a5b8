import type { EndReason, PairStatus, PairsTable } from '../db/schema';
import {
  LEVEL_RANK,
  isOpen,
  noteActivity,
  sameChain,
  type Membership,
  type PairPlan,
  type ProgramKey,
  type ProgramPlan,
  type SeedContext,
  type Story,
} from './model';
import type { Rng } from './random';
import { DAY, MINUTE, duringWorkday, iso, utcOffsetMinutes } from './time';

interface StoryQuota {
  story: Story;
  count: number;
  /** for ended pairs, one reason per pair */
  reasons?: EndReason[];
}

/** ~80 pairs: mostly healthy, with the at-risk and finished ones a dashboard should surface. */
const QUOTAS: Record<ProgramKey, StoryQuota[]> = {
  growth: [
    { story: 'steady', count: 35 },
    { story: 'lapsing', count: 3 },
    { story: 'fresh', count: 2 },
    { story: 'low-rated', count: 1 },
    { story: 'paused', count: 4 },
    { story: 'completed', count: 9 },
    { story: 'ended', count: 6, reasons: ['lack-of-time', 'lack-of-time', 'mismatched-expectations', 'mismatched-expectations', 'communication', 'other'] },
  ],
  leaders: [
    { story: 'steady', count: 14 },
    { story: 'lapsing', count: 1 },
    { story: 'low-rated', count: 1 },
    { story: 'paused', count: 1 },
    { story: 'completed', count: 1 },
    { story: 'ended', count: 2, reasons: ['lack-of-time', 'communication'] },
  ],
};

const STATUS_OF: Record<Story, PairStatus> = {
  steady: 'active',
  lapsing: 'active',
  fresh: 'active',
  'low-rated': 'active',
  paused: 'paused',
  completed: 'completed',
  ended: 'ended',
};

interface Timeline {
  startedMs: number;
  pausedMs: number | null;
  endedMs: number | null;
}

/**
 * When each story starts and stops. Career-program pairs form over the months as
 * requests are accepted; the leadership cohort is matched by the admin in one sitting.
 */
function timeline(rng: Rng, now: number, program: ProgramPlan, story: Story, cohortMs: number): Timeline {
  const S = program.startsMs;
  const days = (a: number, b: number) => rng.between(a, b) * DAY;
  let startedMs: number;
  if (program.matchingMode === 'admin') startedMs = cohortMs;
  else if (story === 'fresh') startedMs = now - days(9, 11);
  else if (story === 'completed') startedMs = S + days(2, 40);
  else if (story === 'lapsing') startedMs = S + days(5, (now - S) / DAY - 130);
  else if (story === 'low-rated') startedMs = now - days(80, 160);
  else if (story === 'paused') startedMs = S + days(5, (now - S) / DAY - 80);
  else if (story === 'ended') startedMs = S + days(5, (now - S) / DAY - 100);
  else startedMs = rng.chance(0.5) ? S + days(2, 30) : S + days(30, (now - S) / DAY - 21);

  let pausedMs: number | null = null;
  let endedMs: number | null = null;
  if (story === 'paused') pausedMs = now - days(10, 35);
  if (story === 'completed') endedMs = Math.min(startedMs + days(program.matchingMode === 'admin' ? 140 : 120, program.matchingMode === 'admin' ? 160 : 200), now - days(10, 14));
  if (story === 'ended') endedMs = Math.min(startedMs + days(35, program.matchingMode === 'admin' ? 110 : 90), now - days(5, 8));
  return { startedMs, pausedMs, endedMs };
}

/**
 * Assigns people to the planned stories. A mentor is always more senior than the mentee,
 * never in their management chain, and never holds more open pairs than their capacity;
 * among those, skills, values, another department and a workable time difference win.
 */
export function planPairs(ctx: SeedContext, programs: ProgramPlan[], memberships: Membership[], withdrawn: ReadonlySet<Membership>): PairPlan[] {
  const rng = ctx.rng('pairs');
  const pairs: PairPlan[] = [];
  for (const program of programs) {
    const mentees = rng.shuffle(memberships.filter((m) => m.program === program && m.role === 'mentee' && !withdrawn.has(m)));
    const mentors = memberships.filter((m) => m.program === program && m.role === 'mentor');
    const openLoad = new Map<Membership, number>();
    const totalLoad = new Map<Membership, number>();
    const cohortMs = duringWorkday(program.startsMs + 2 * DAY, 'America/Los_Angeles', 14 * 60);

    const planned = QUOTAS[program.key].flatMap(({ story, count, reasons }) =>
      Array.from({ length: count }, (_, i) => ({ story, endReason: story === 'completed' ? ('goals-met' as const) : (reasons?.[i] ?? null) })),
    );
    const withTimes = planned
      .map((p, i) => ({ ...p, ...timeline(rng, ctx.now, program, p.story, cohortMs + i * 3 * MINUTE) }))
      .sort((a, b) => a.startedMs - b.startedMs);

    // The sign-in page lists mentees (one pair each) by email: whoever comes first there tells the lapsing story,
    // so a visitor who picks them sees a "time to catch up" nudge straight away.
    const lapsing = withTimes.find((p) => p.story === 'lapsing');
    const firstByEmail = mentees.reduce<Membership | undefined>((first, m) => (!first || m.person.email < first.person.email ? m : first), undefined);
    for (const plan of withTimes) {
      const status = STATUS_OF[plan.story];
      const mentee = plan === lapsing && firstByEmail ? firstByEmail : mentees.find((m) => m !== firstByEmail || !lapsing);
      if (!mentee) throw new Error(`not enough mentees in ${program.key}`);
      mentees.splice(mentees.indexOf(mentee), 1);
      const mentor = bestMentor(rng, ctx.now, mentee, mentors, (m) => {
        // Finished pairs no longer use a slot, but one mentor shouldn't collect a string of them either.
        return isOpen(status) ? (openLoad.get(m) ?? 0) < m.capacity : (totalLoad.get(m) ?? 0) <= m.capacity;
      });
      if (isOpen(status)) openLoad.set(mentor, (openLoad.get(mentor) ?? 0) + 1);
      totalLoad.set(mentor, (totalLoad.get(mentor) ?? 0) + 1);
      const startedMs = program.matchingMode === 'admin' ? plan.startedMs : duringWorkday(plan.startedMs, mentor.person.timeZone, rng.int(9 * 60, 17 * 60));
      noteActivity(mentee, startedMs);
      noteActivity(mentor, startedMs);
      pairs.push({
        id: ctx.ids.make(`pair:${program.key}:${mentor.person.email}:${mentee.person.email}`, startedMs),
        program,
        mentor,
        mentee,
        story: plan.story,
        status,
        startedMs,
        pausedMs: plan.pausedMs,
        endedMs: plan.endedMs,
        endReason: plan.endReason,
        requestId: null,
        agreedMs: null,
        agreedCadence: null,
        activeUntilMs: ctx.now,
        lastActivityMs: startedMs,
      });
    }
  }
  return pairs;
}

/** How well a mentor fits a mentee; undefined when they must not be paired at all. */
function fitScore(now: number, mentee: Membership, mentor: Membership): number | undefined {
  if (mentor.person.id === mentee.person.id) return undefined;
  if (LEVEL_RANK[mentor.person.level] <= LEVEL_RANK[mentee.person.level]) return undefined;
  if (sameChain(mentor.person, mentee.person)) return undefined;
  const skills = mentee.wanted.filter((s) => mentor.offered.includes(s)).length;
  const values = mentee.values.filter((v) => mentor.values.includes(v)).length;
  const hoursApart = Math.abs(utcOffsetMinutes(mentor.person.timeZone, now) - utcOffsetMinutes(mentee.person.timeZone, now)) / 60;
  const otherDepartment = mentor.person.department !== mentee.person.department ? 1 : 0;
  return skills * 3 + values + otherDepartment - (hoursApart > 9 ? 6 : hoursApart > 6 ? 3 : 0);
}

export function bestMentor(rng: Rng, now: number, mentee: Membership, mentors: Membership[], hasRoom: (m: Membership) => boolean): Membership {
  const ranked = mentors
    .filter(hasRoom)
    .map((mentor) => ({ mentor, score: fitScore(now, mentee, mentor) }))
    .filter((c): c is { mentor: Membership; score: number } => c.score !== undefined)
    .map((c) => ({ ...c, score: c.score + rng.next() }))
    .sort((a, b) => b.score - a.score);
  const top = ranked.slice(0, 3);
  if (top.length === 0) throw new Error(`no mentor fits ${mentee.person.email} in ${mentee.program.key}`);
  return rng.pick(top).mentor;
}

export function openPairCount(pairs: PairPlan[], mentor: Membership): number {
  return pairs.filter((p) => p.mentor === mentor && isOpen(p.status)).length;
}

export function pairRows(pairs: PairPlan[]): PairsTable[] {
  return pairs.map((p) => {
    const updatedMs = Math.max(p.startedMs, p.agreedMs ?? 0, p.pausedMs ?? 0, p.endedMs ?? 0);
    return {
      id: p.id,
      programId: p.program.id,
      mentorId: p.mentor.person.id,
      menteeId: p.mentee.person.id,
      status: p.status,
      source: p.program.matchingMode === 'self' ? 'request' : 'admin-match',
      requestId: p.requestId,
      startedAt: iso(p.startedMs),
      pausedAt: p.pausedMs === null ? null : iso(p.pausedMs),
      endedAt: p.endedMs === null ? null : iso(p.endedMs),
      endReason: p.endReason,
      agreedAt: p.agreedMs === null ? null : iso(p.agreedMs),
      agreedCadence: p.agreedCadence,
      lastActivityAt: iso(p.lastActivityMs),
      createdAt: iso(p.startedMs),
      updatedAt: iso(updatedMs),
    };
  });
}
