import type { MentorshipRequestsTable, RequestStatus } from '../db/schema';
import { noteActivity, type Membership, type PairPlan, type ProgramPlan, type SeedContext } from './model';
import { bestMentor, openPairCount } from './pairs';
import type { Rng } from './random';
import { declineReason, hopeFor, requestMessage } from './texts';
import { DAY, HOUR, clamp, duringWorkday, iso } from './time';

/** How many open requests each waiting mentee has (the program allows three). */
const PENDING_PER_MENTEE = [3, 2, 2, 2, 1, 1, 1, 1, 1, 1];
/** Of the pending requests, this many have waited more than five days for an answer. */
const STALE_PENDING = 5;
const DECLINED_BEFORE_MATCH = 4;
const DECLINED_WHILE_WAITING = 4;

interface RequestsInput {
  program: ProgramPlan;
  pairs: PairPlan[];
  memberships: Membership[];
  /** mentees who left the program; each withdrew a request first */
  withdrawn: Membership[];
}

/**
 * The self-matching program's request history: one accepted request per pair, plus the
 * declined, withdrawn and still-pending ones around it.
 */
export function buildRequests(ctx: SeedContext, input: RequestsInput): MentorshipRequestsTable[] {
  const rng = ctx.rng('requests');
  const { program, memberships } = input;
  const pairs = input.pairs.filter((p) => p.program === program);
  const mentors = memberships.filter((m) => m.program === program && m.role === 'mentor');
  const paired = new Set(pairs.map((p) => p.mentee));
  const rows: MentorshipRequestsTable[] = [];
  const asked = new Set<string>();
  const latest = ctx.now - HOUR;

  const add = (mentee: Membership, mentor: Membership, status: RequestStatus, createdMs: number, extra: Partial<MentorshipRequestsTable> = {}) => {
    asked.add(`${mentee.person.id}:${mentor.person.id}`);
    noteActivity(mentee, createdMs);
    noteActivity(mentor, createdMs);
    const skill = mentee.wanted.find((s) => mentor.offered.includes(s)) ?? mentee.wanted[0] ?? 'Career planning';
    const row: MentorshipRequestsTable = {
      id: ctx.ids.make(`request:${program.key}:${mentee.person.email}:${mentor.person.email}`, createdMs),
      programId: program.id,
      menteeId: mentee.person.id,
      mentorId: mentor.person.id,
      message: requestMessage(messageVars(mentee, mentor, skill, rng), rng),
      status,
      declineReason: null,
      respondedAt: null,
      pairId: null,
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
      ...extra,
    };
    rows.push(row);
    return row;
  };
  const otherMentor = (mentee: Membership, room: (m: Membership) => boolean) =>
    bestMentor(rng, ctx.now, mentee, mentors, (m) => room(m) && !asked.has(`${mentee.person.id}:${m.person.id}`));

  for (const pair of pairs) {
    const createdMs = clamp(pair.startedMs - rng.between(0.3, 5) * DAY, program.opensMs, pair.startedMs - HOUR);
    const row = add(pair.mentee, pair.mentor, 'accepted', createdMs, {
      respondedAt: iso(pair.startedMs),
      pairId: pair.id,
      updatedAt: iso(pair.startedMs),
    });
    pair.requestId = row.id;
  }

  // Turned down first, then found someone else.
  for (const pair of rng.sample(pairs.filter((p) => p.story !== 'fresh'), DECLINED_BEFORE_MATCH)) {
    const createdMs = Math.max(program.opensMs + DAY, pair.startedMs - rng.between(8, 20) * DAY);
    addDeclined(pair.mentee, otherMentor(pair.mentee, () => true), createdMs, Math.min(pair.startedMs - 2 * DAY, latest));
  }

  // Left the program after withdrawing their only request.
  for (const mentee of input.withdrawn) {
    const createdMs = duringWorkday(rng.between(program.startsMs, ctx.now - 40 * DAY), mentee.person.timeZone, rng.int(9 * 60, 17 * 60));
    const withdrawnMs = createdMs + rng.between(1, 6) * DAY;
    add(mentee, otherMentor(mentee, () => true), 'withdrawn', createdMs, { updatedAt: iso(withdrawnMs) });
    mentee.withdrawnMs = withdrawnMs + rng.between(1, 10) * DAY;
  }

  // Asked two people at once and withdrew the second ask when the first said yes.
  for (const pair of rng.sample(pairs.filter((p) => p.story === 'steady'), 2)) {
    const createdMs = pair.startedMs - rng.between(1, 3) * DAY;
    add(pair.mentee, otherMentor(pair.mentee, () => true), 'withdrawn', createdMs, { updatedAt: iso(pair.startedMs + rng.between(1, 20) * HOUR) });
  }

  // Unmatched mentees: the first ones have requests pending; the last four were turned
  // down (the very last only yesterday), and the two in both groups have since asked someone else.
  const waiting = rng.sample(
    memberships.filter((m) => m.program === program && m.role === 'mentee' && !paired.has(m) && m.withdrawnMs === null),
    PENDING_PER_MENTEE.length + DECLINED_WHILE_WAITING - 2,
  );
  waiting.slice(-DECLINED_WHILE_WAITING).forEach((mentee, i) => {
    // The last of them (who hasn't asked anyone else yet) heard back only yesterday: a fresh answer for their feed.
    const fresh = i === DECLINED_WHILE_WAITING - 1;
    const daysAgo = fresh ? rng.between(1, 1.8) : rng.between(12, 60);
    addDeclined(mentee, otherMentor(mentee, () => true), ctx.now - daysAgo * DAY, latest, fresh ? 0.9 : 3);
  });

  const hasRoom = (mentor: Membership) => openPairCount(input.pairs, mentor) < mentor.capacity;

  const pendingTotal = PENDING_PER_MENTEE.reduce((sum, n) => sum + n, 0);
  const staleFlags = rng.shuffle(Array.from({ length: pendingTotal }, (_, i) => i < STALE_PENDING));
  let staleSoFar = 0;
  PENDING_PER_MENTEE.forEach((count, i) => {
    const mentee = waiting[i];
    if (!mentee) return;
    for (let k = 0; k < count; k++) {
      const stale = staleFlags.pop() ?? false;
      // One stale request has only just passed five days: its mentor is due a reminder.
      const justStale = stale && staleSoFar++ === 0;
      const target = stale ? ctx.now - (justStale ? rng.between(5.2, 6.8) : rng.between(6, 18)) * DAY : ctx.now - rng.between(3 * HOUR, 4.5 * DAY);
      add(mentee, otherMentor(mentee, hasRoom), 'pending', Math.min(target, latest));
    }
  });
  return rows;

  function addDeclined(mentee: Membership, mentor: Membership, createdMs: number, notAfterMs: number, withinDays = 3) {
    const respondedMs = clamp(createdMs + rng.between(0.3, withinDays) * DAY, createdMs + HOUR, notAfterMs);
    const skill = mentee.wanted[0] ?? 'Career planning';
    add(mentee, mentor, 'declined', createdMs, {
      declineReason: declineReason({ mentee: mentee.person.firstName, menteeDept: mentee.person.department, skill: skill.toLowerCase() }, rng),
      respondedAt: iso(respondedMs),
      updatedAt: iso(respondedMs),
    });
  }
}

function messageVars(mentee: Membership, mentor: Membership, skill: string, rng: Rng): Record<string, string> {
  return {
    mentor: mentor.person.firstName,
    mentee: mentee.person.firstName,
    menteeDept: mentee.person.department,
    menteeTitle: mentee.person.jobTitle,
    office: mentee.person.officeLocation,
    mentorDept: mentor.person.department,
    mentorTitle: mentor.person.jobTitle,
    skill: skill.toLowerCase(),
    hope: hopeFor(skill, rng),
  };
}
