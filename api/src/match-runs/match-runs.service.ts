import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { hasLeft } from '../directory/departures';
import { getEnrollmentProfiles, type EnrollmentProfile } from '../enrollments/enrollments.service';
import { AppError } from '../errors/app-error';
import { isPausedOn, reportingLinesOf } from '../matching/matching.service';
import { timeZoneGapHours } from '../matching/score';
import { requireProgram, todayUtc, type ProgramRow } from '../programs/programs.service';
import { closePendingRequestsOfMentee } from '../requests/requests.service';
import type { CurrentUser } from '../users/users.service';
import {
  pairConstraint,
  proposeMatches,
  scoreOfWeight,
  scorePair,
  type HardCause,
  type PoolMentee,
  type PoolMentor,
  type RunConstraints,
  type SameDepartment,
  type Strategy,
} from './candidates';
import {
  deleteExclusionRow,
  deleteProposal,
  deleteUnlockedProposals,
  findExclusion,
  findExclusionBetween,
  findRun,
  insertAuditEntry,
  insertExclusion,
  insertNotifications,
  insertPair,
  insertProposals,
  insertRun,
  listDeclinedRequestsTo,
  listExclusionRules,
  listExclusionViews,
  listMembers,
  listMenteeDepartmentsOf,
  listOpenPairs,
  listPairsMentoredBy,
  listPeople,
  listProposalsOfRun,
  listRunsOfProgram,
  lockEnrollments,
  markRunPublished,
  proposalTotalsByRun,
  updateDraftRun,
  updateProposal,
  type MatchProposalRow,
  type MatchRunRow,
  type MemberRow,
} from './match-runs.queries';

export interface MatchRunsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface Person {
  id: string;
  displayName: string;
  department: string | null;
  jobTitle: string | null;
}

export interface RunSummary {
  mentees: number;
  mentors: number;
  places: number;
  matched: number;
  unmatched: number;
  totalScore: number;
  meanScore: number | null;
  minScore: number | null;
  candidatesPerMentee: number | null;
}

export interface MatchRun {
  id: string;
  programId: string;
  status: 'draft' | 'published';
  strategy: Strategy;
  constraints: RunConstraints;
  createdAt: string;
  createdBy: { id: string; displayName: string };
  publishedAt: string | null;
  proposals: {
    mentee: Person;
    mentor: Person;
    score: number;
    reasons: string[];
    state: 'proposed' | 'locked';
    outcome: null | { pairId: string } | { conflict: string };
  }[];
  removed: { mentee: Person; mentor: Person }[];
  unmatched: { mentee: Person; reasons: string[] }[];
  summary: RunSummary;
}

export interface RunInput {
  strategy: Strategy;
  constraints: { maxTimezoneGapHours?: number | null | undefined; sameDepartment: SameDepartment };
}

export type ProposalChange = { action: 'lock' } | { action: 'unlock' } | { action: 'remove' } | { action: 'assign'; mentorId: string };

type UnmatchedEntry = { menteeId: string; reasons: string[] };

const REMOVED_REASON = 'Their proposal was removed by an admin; re-run to propose another mentor';

// ---------------------------------------------------------------------------------------------
// Facts about a program's members that decide who may be paired with whom
// ---------------------------------------------------------------------------------------------

export interface ProgramFacts {
  members: Map<string, MemberRow>;
  /** mentees with an active or paused pair in the program */
  openPairMentees: Set<string>;
  /** active and paused pairs per mentor in the program */
  loads: Map<string, number>;
  /** the hard exclusion between two people, if any (docs/match-runs.md, "Who can be matched") */
  hardCause(menteeId: string, mentorId: string): Exclude<HardCause, 'removed'> | null;
  /** everyone `hardCause(person, ·)` rules out, with why (the person themself aside) */
  exclusionsOf(personId: string): ReadonlyMap<string, Exclude<HardCause, 'removed' | 'same-person'>>;
}

/**
 * Everything the eligibility rules read, for the whole program (runs) or for some of its members
 * (an assign, an import, a publish): a fixed number of set-based queries, never one per person.
 * Sequential on purpose: it also runs inside transactions, whose one connection takes one query
 * at a time.
 */
export async function loadProgramFacts(db: Kysely<Database>, programId: string, userIds?: string[]): Promise<ProgramFacts> {
  const memberRows = await listMembers(db, programId, userIds);
  const ids = userIds ?? memberRows.filter((m) => m.status === 'active').map((m) => m.userId);
  const open = await listOpenPairs(db, programId);
  // Person → other person → why they can't be paired, both ways round, first cause kept: a run
  // asks once per mentee for everyone ruled out, never once per (mentee, mentor).
  const links = new Map<string, Map<string, 'previous-pair' | 'declined-request' | 'never-match'>>();
  const link = (rows: { menteeId: string; mentorId: string }[], cause: 'previous-pair' | 'declined-request' | 'never-match') => {
    for (const row of rows) {
      for (const [a, b] of [
        [row.menteeId, row.mentorId],
        [row.mentorId, row.menteeId],
      ] as const) {
        const of = links.get(a) ?? new Map();
        if (!of.has(b)) of.set(b, cause);
        links.set(a, of);
      }
    }
  };
  link(await listPairsMentoredBy(db, ids), 'previous-pair');
  link(await listDeclinedRequestsTo(db, ids), 'declined-request');
  link(await listExclusionRules(db, programId), 'never-match');
  const lines = await reportingLinesOf(db, ids);

  // Same precedence as the causes are listed: the reporting line first, then the first link.
  const exclusionsOf = (personId: string) => {
    const excluded = new Map<string, Exclude<HardCause, 'removed' | 'same-person'>>();
    for (const other of lines.lineOf(personId)) excluded.set(other, 'reporting-line');
    for (const [other, cause] of links.get(personId) ?? []) if (!excluded.has(other)) excluded.set(other, cause);
    return excluded;
  };

  const loads = new Map<string, number>();
  for (const pair of open) loads.set(pair.mentorId, (loads.get(pair.mentorId) ?? 0) + 1);
  return {
    members: new Map(memberRows.map((m) => [m.userId, m])),
    openPairMentees: new Set(open.map((p) => p.menteeId)),
    loads,
    hardCause: (menteeId, mentorId) => (menteeId === mentorId ? 'same-person' : (exclusionsOf(menteeId).get(mentorId) ?? null)),
    exclusionsOf,
  };
}

export function hardCauseMessage(cause: Exclude<HardCause, 'removed'>, mentee: string, mentor: string, program: ProgramRow): string {
  switch (cause) {
    case 'same-person':
      return 'A mentee can’t be their own mentor.';
    case 'reporting-line':
      return `${mentor} and ${mentee} are in the same reporting line, so they can’t be paired.`;
    case 'previous-pair':
      return `${mentee} and ${mentor} have already been paired before.`;
    case 'declined-request':
      return `${mentee} and ${mentor} can’t be paired: a mentoring request between them was declined.`;
    case 'never-match':
      return `A never-match rule in ${program.name} keeps ${mentee} and ${mentor} apart.`;
  }
}

/** Why this person can't be a mentee or a mentor in the program now; null when they can. */
export function memberProblem(member: MemberRow | undefined, role: 'mentee' | 'mentor', name: string, program: ProgramRow, today: string): string | null {
  if (!member || member.status !== 'active') return `${name} isn’t enrolled in ${program.name}.`;
  if (hasLeft(member)) return `${name} has left the organisation or their account is disabled.`;
  if (member.role !== role) return `${name} is enrolled in ${program.name} as a ${member.role}, not a ${role}.`;
  if (isPausedOn(member, today)) return role === 'mentor' ? `${name} has paused new mentoring.` : `${name} has paused mentoring in ${program.name}.`;
  return null;
}

export function capacityMessage(mentor: string, taken: number, capacity: number, extra = ''): string {
  return `${mentor} has no free place: ${taken} of ${capacity} ${capacity === 1 ? 'place is' : 'places are'} taken${extra}.`;
}

function constraintsOf(run: MatchRunRow): RunConstraints {
  return { maxTimezoneGapHours: run.maxTimezoneGapMinutes === null ? null : run.maxTimezoneGapMinutes / 60, sameDepartment: run.sameDepartment };
}

async function departmentsByMentor(db: Kysely<Database>, mentorIds: string[]): Promise<Map<string, Set<string>>> {
  const byMentor = new Map<string, Set<string>>();
  for (const row of await listMenteeDepartmentsOf(db, mentorIds)) {
    if (row.department === null) continue;
    const set = byMentor.get(row.mentorId) ?? new Set<string>();
    set.add(row.department);
    byMentor.set(row.mentorId, set);
  }
  return byMentor;
}

function poolMentee(profile: EnrollmentProfile, member: MemberRow): PoolMentee {
  return { id: profile.userId, displayName: member.displayName, department: member.department, zone: profile.timezone ?? member.userTimeZone, profile };
}

function poolMentor(profile: EnrollmentProfile, member: MemberRow, load: number, lockedPlaces: number, today: string, mentored: Set<string> | undefined): PoolMentor {
  const remainingCapacity = profile.capacity - load;
  return {
    ...poolMentee(profile, member),
    remainingCapacity,
    places: remainingCapacity - lockedPlaces,
    paused: isPausedOn(profile, today),
    mentoredDepartments: mentored ?? new Set<string>(),
  };
}

// ---------------------------------------------------------------------------------------------
// Computing a run
// ---------------------------------------------------------------------------------------------

interface Computed {
  proposals: MatchProposalRow[];
  unmatched: UnmatchedEntry[];
  poolMentors: number;
  poolPlaces: number;
  candidatesPerMentee: number | null;
}

/**
 * The pool as it is now, minus mentees whose proposal is locked (their mentors' places taken),
 * solved with the run's strategy and constraints; removed pairs never become edges.
 */
async function compute(
  deps: MatchRunsDeps,
  programId: string,
  runId: string,
  settings: { strategy: Strategy; constraints: RunConstraints },
  kept: MatchProposalRow[],
): Promise<Computed> {
  const { db } = deps;
  const now = deps.clock.now().toISOString();
  const today = todayUtc(deps.clock);
  const facts = await loadProgramFacts(db, programId);
  const profiles = (await getEnrollmentProfiles(db, programId)).filter((p) => p.status === 'active');
  const locked = kept.filter((p) => p.state === 'locked');
  const lockedMentees = new Set(locked.map((p) => p.menteeId));
  const lockedPlaces = new Map<string, number>();
  for (const p of locked) lockedPlaces.set(p.mentorId, (lockedPlaces.get(p.mentorId) ?? 0) + 1);
  const removed = new Map<string, Set<string>>();
  for (const p of kept.filter((x) => x.state === 'removed')) removed.set(p.menteeId, (removed.get(p.menteeId) ?? new Set<string>()).add(p.mentorId));

  const mentorProfiles = profiles.filter((p) => p.role === 'mentor');
  const mentored = await departmentsByMentor(db, mentorProfiles.map((p) => p.userId));
  const mentees: PoolMentee[] = [];
  for (const p of profiles) {
    const member = facts.members.get(p.userId);
    if (!member || hasLeft(member) || p.role !== 'mentee' || isPausedOn(p, today) || facts.openPairMentees.has(p.userId) || lockedMentees.has(p.userId)) continue;
    mentees.push(poolMentee(p, member));
  }
  const mentors: PoolMentor[] = [];
  for (const p of mentorProfiles) {
    const member = facts.members.get(p.userId);
    // People the directory disabled or deleted are out of the pool (docs/directory.md, "Departures").
    if (!member || hasLeft(member)) continue;
    mentors.push(poolMentor(p, member, facts.loads.get(p.userId) ?? 0, lockedPlaces.get(p.userId) ?? 0, today, mentored.get(p.userId)));
  }
  const available = mentors.filter((m) => !m.paused && m.remainingCapacity > 0);

  const result = proposeMatches({
    mentees,
    mentors,
    constraints: settings.constraints,
    at: now,
    strategy: settings.strategy,
    exclusionsOf(menteeId) {
      const mentors = removed.get(menteeId);
      if (!mentors) return facts.exclusionsOf(menteeId);
      // An admin's removal is reported first, as it is what keeps the two apart in this run.
      const excluded = new Map<string, HardCause>(facts.exclusionsOf(menteeId));
      for (const mentorId of mentors) excluded.set(mentorId, 'removed');
      return excluded;
    },
  });
  return {
    proposals: result.proposals.map((p) => ({
      id: uuidv7(),
      runId,
      menteeId: p.menteeId,
      mentorId: p.mentorId,
      weight: p.weight,
      reasons: JSON.stringify(p.reasons),
      state: 'proposed' as const,
      pairId: null,
      conflict: null,
      createdAt: now,
      updatedAt: now,
    })),
    unmatched: result.unmatched,
    poolMentors: available.length,
    poolPlaces: available.reduce((sum, m) => sum + m.remainingCapacity, 0),
    candidatesPerMentee: result.candidatesPerMentee,
  };
}

export async function createMatchRun(deps: MatchRunsDeps, user: CurrentUser, programId: string, input: RunInput): Promise<MatchRun> {
  await requireProgram(deps.db, programId);
  const now = deps.clock.now().toISOString();
  const runId = uuidv7();
  const constraints: RunConstraints = {
    maxTimezoneGapHours: input.constraints.maxTimezoneGapHours ?? null,
    sameDepartment: input.constraints.sameDepartment,
  };
  const computed = await compute(deps, programId, runId, { strategy: input.strategy, constraints }, []);

  await deps.db.transaction().execute(async (trx) => {
    await insertRun(trx, {
      id: runId,
      programId,
      status: 'draft',
      strategy: input.strategy,
      maxTimezoneGapMinutes: constraints.maxTimezoneGapHours === null ? null : Math.round(constraints.maxTimezoneGapHours * 60),
      sameDepartment: constraints.sameDepartment,
      poolMentors: computed.poolMentors,
      poolPlaces: computed.poolPlaces,
      candidatesPerMentee: computed.candidatesPerMentee,
      unmatched: JSON.stringify(computed.unmatched),
      version: 1,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
    });
    await insertProposals(trx, computed.proposals);
    await audit(trx, user, 'match-run.created', runId, now, {
      programId,
      strategy: input.strategy,
      constraints,
      matched: computed.proposals.length,
      unmatched: computed.unmatched.length,
    });
  });
  return loadRunView(deps.db, runId);
}

export async function listMatchRuns(deps: MatchRunsDeps, programId: string) {
  await requireProgram(deps.db, programId);
  const runs = await listRunsOfProgram(deps.db, programId);
  const totals = new Map((await proposalTotalsByRun(deps.db, runs.map((r) => r.id))).map((t) => [t.runId, t]));
  return runs.map((run) => {
    const t = totals.get(run.id);
    return {
      id: run.id,
      status: run.status,
      strategy: run.strategy,
      createdAt: run.createdAt,
      createdBy: { id: run.createdBy, displayName: run.createdByName },
      publishedAt: run.publishedAt,
      summary: summarize(run, Number(t?.n ?? 0), Number(t?.total ?? 0), t && t.lowest !== null ? Number(t.lowest) : null),
    };
  });
}

export async function getMatchRun(deps: MatchRunsDeps, runId: string): Promise<MatchRun> {
  await requireRun(deps.db, runId);
  return loadRunView(deps.db, runId);
}

async function requireRun(db: Kysely<Database>, runId: string): Promise<MatchRunRow> {
  const run = await findRun(db, runId);
  if (!run) throw AppError.notFound('This match run');
  return run;
}

function publishedConflict(run: MatchRunRow): AppError {
  return new AppError('conflict', `This match run was published on ${run.publishedAt?.slice(0, 10) ?? 'an earlier day'}; start a new run to propose other pairs.`);
}

/** Locks the draft against other changes (or fails) as the first write of a transaction. */
async function claimDraft(db: Kysely<Database>, run: MatchRunRow, now: string, changes: Parameters<typeof updateDraftRun>[3] = {}): Promise<void> {
  if (run.status === 'published') throw publishedConflict(run);
  const updated = await updateDraftRun(db, run.id, run.version, { ...changes, updatedAt: now });
  if (updated === 1) return;
  const current = await findRun(db, run.id);
  if (current?.status === 'published') throw publishedConflict(current);
  throw new AppError('conflict', 'Someone else changed this match run meanwhile; reload it and try again.');
}

export async function adjustProposal(deps: MatchRunsDeps, user: CurrentUser, runId: string, menteeId: string, change: ProposalChange): Promise<MatchRun> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const run = await requireRun(trx, runId);
    await claimDraft(trx, run, now);
    const proposals = await listProposalsOfRun(trx, runId);
    const current = proposals.find((p) => p.menteeId === menteeId && p.state !== 'removed');
    let unmatched: UnmatchedEntry[] = JSON.parse(run.unmatched);

    if (change.action === 'assign') {
      if (current?.mentorId === change.mentorId) {
        await updateProposal(trx, current.id, { state: 'locked', updatedAt: now });
      } else {
        const scored = await checkAssignment(deps, trx, run, menteeId, change.mentorId, proposals);
        if (current) await deleteProposal(trx, current.id);
        const earlier = proposals.find((p) => p.menteeId === menteeId && p.mentorId === change.mentorId);
        if (earlier) {
          await updateProposal(trx, earlier.id, { state: 'locked', weight: scored.weight, reasons: JSON.stringify(scored.reasons), updatedAt: now });
        } else {
          await insertProposals(trx, [
            {
              id: uuidv7(),
              runId,
              menteeId,
              mentorId: change.mentorId,
              weight: scored.weight,
              reasons: JSON.stringify(scored.reasons),
              state: 'locked',
              pairId: null,
              conflict: null,
              createdAt: now,
              updatedAt: now,
            },
          ]);
        }
      }
      unmatched = unmatched.filter((u) => u.menteeId !== menteeId);
    } else {
      if (!current) throw AppError.notFound('A proposal for this mentee in this run');
      if (change.action === 'remove') {
        await updateProposal(trx, current.id, { state: 'removed', updatedAt: now });
        unmatched = [...unmatched.filter((u) => u.menteeId !== menteeId), { menteeId, reasons: [REMOVED_REASON] }];
      } else {
        await updateProposal(trx, current.id, { state: change.action === 'lock' ? 'locked' : 'proposed', updatedAt: now });
      }
    }

    await updateDraftRun(trx, runId, run.version + 1, { unmatched: JSON.stringify(unmatched), updatedAt: now });
    await audit(trx, user, 'match-run.proposal-changed', runId, now, { menteeId, ...change });
  });
  return loadRunView(deps.db, runId);
}

/** An admin's own choice, held to the same rules as the matcher; 409 naming the first that fails. */
async function checkAssignment(
  deps: MatchRunsDeps,
  db: Kysely<Database>,
  run: MatchRunRow,
  menteeId: string,
  mentorId: string,
  proposals: MatchProposalRow[],
) {
  const program = await requireProgram(db, run.programId);
  const today = todayUtc(deps.clock);
  const facts = await loadProgramFacts(db, run.programId, [menteeId, mentorId]);
  const names = new Map((await listPeople(db, [menteeId, mentorId])).map((p) => [p.id, p.displayName]));
  const menteeName = names.get(menteeId) ?? 'This person';
  const mentorName = names.get(mentorId) ?? 'This person';
  const mentee = facts.members.get(menteeId);
  const mentor = facts.members.get(mentorId);

  const cause = facts.hardCause(menteeId, mentorId);
  if (cause === 'same-person') throw new AppError('conflict', hardCauseMessage(cause, menteeName, mentorName, program));
  const problem = memberProblem(mentee, 'mentee', menteeName, program, today) ?? memberProblem(mentor, 'mentor', mentorName, program, today);
  if (problem) throw new AppError('conflict', problem);
  if (facts.openPairMentees.has(menteeId)) throw new AppError('conflict', `${menteeName} already has a mentor in ${program.name}.`);
  if (cause) throw new AppError('conflict', hardCauseMessage(cause, menteeName, mentorName, program));

  const constraints = constraintsOf(run);
  const now = deps.clock.now().toISOString();
  const [menteeProfile, mentorProfile] = await profilesOf(db, run.programId, menteeId, mentorId);
  const load = facts.loads.get(mentorId) ?? 0;
  const pm = poolMentor(mentorProfile, mentor!, load, 0, today, (await departmentsByMentor(db, [mentorId])).get(mentorId));
  const pe = poolMentee(menteeProfile, mentee!);
  const constraint = pairConstraint(pe, pm, constraints, now);
  if (constraint === 'time-zone') {
    const gap = timeZoneGapHours(pe.zone, pm.zone, now)!;
    throw new AppError(
      'conflict',
      `${menteeName} and ${mentorName} work ${Number(gap.toFixed(2))} h apart, more than the ${Number(constraints.maxTimezoneGapHours!.toFixed(2))} h this run allows.`,
    );
  }
  if (constraint === 'same-department') {
    throw new AppError('conflict', `${menteeName} and ${mentorName} are both in ${mentee!.department}, and this run forbids same-department pairs.`);
  }

  const inRun = proposals.filter((p) => p.mentorId === mentorId && p.menteeId !== menteeId && p.state !== 'removed').length;
  if (load + inRun >= mentor!.capacity) {
    throw new AppError(
      'conflict',
      capacityMessage(mentorName, load + inRun, mentor!.capacity, inRun > 0 ? ` (${inRun} by proposals in this run; remove or reassign one first)` : ''),
    );
  }
  return scorePair(pe, pm, constraints, now);
}

async function profilesOf(db: Kysely<Database>, programId: string, menteeId: string, mentorId: string): Promise<[EnrollmentProfile, EnrollmentProfile]> {
  const profiles = await getEnrollmentProfiles(db, programId, [menteeId, mentorId]);
  const mentee = profiles.find((p) => p.userId === menteeId);
  const mentor = profiles.find((p) => p.userId === mentorId);
  if (!mentee || !mentor) throw new AppError('conflict', 'These two are no longer both enrolled in the program.');
  return [mentee, mentor];
}

export async function rerunMatchRun(deps: MatchRunsDeps, user: CurrentUser, runId: string): Promise<MatchRun> {
  const run = await requireRun(deps.db, runId);
  if (run.status === 'published') throw publishedConflict(run);
  await requireProgram(deps.db, run.programId);
  const kept = (await listProposalsOfRun(deps.db, runId)).filter((p) => p.state !== 'proposed');
  const computed = await compute(deps, run.programId, runId, { strategy: run.strategy, constraints: constraintsOf(run) }, kept);
  const now = deps.clock.now().toISOString();

  await deps.db.transaction().execute(async (trx) => {
    // The version check also proves the locked and removed proposals are the ones computed with.
    await claimDraft(trx, run, now, {
      unmatched: JSON.stringify(computed.unmatched),
      poolMentors: computed.poolMentors,
      poolPlaces: computed.poolPlaces,
      candidatesPerMentee: computed.candidatesPerMentee,
    });
    await deleteUnlockedProposals(trx, runId);
    await insertProposals(trx, computed.proposals);
    await audit(trx, user, 'match-run.rerun', runId, now, {
      kept: kept.filter((p) => p.state === 'locked').length,
      matched: computed.proposals.length,
      unmatched: computed.unmatched.length,
    });
  });
  return loadRunView(deps.db, runId);
}

/**
 * Creates every proposal's pair in one transaction, re-checking each under the locks of both
 * people's enrolments (as accepting a request does), so a self-match that took a mentor's last
 * place meanwhile turns that proposal into a recorded conflict instead of over-filling.
 * Publishing twice is a no-op: the draft → published update succeeds once.
 */
export async function publishMatchRun(deps: MatchRunsDeps, user: CurrentUser, runId: string): Promise<MatchRun> {
  const now = deps.clock.now().toISOString();
  const today = todayUtc(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const run = await requireRun(trx, runId);
    if (run.status === 'published' || (await markRunPublished(trx, runId, now)) === 0) return;
    const program = await requireProgram(trx, run.programId);
    const proposals = (await listProposalsOfRun(trx, runId)).filter((p) => p.state !== 'removed');
    const people = [...new Set(proposals.flatMap((p) => [p.menteeId, p.mentorId]))];
    if (people.length > 0) await lockEnrollments(trx, program.id, people, now);
    const facts = await loadProgramFacts(trx, program.id, people);
    const names = new Map((await listPeople(trx, people)).map((p) => [p.id, p.displayName]));
    const order = [...proposals].sort((a, b) => byName.compare(names.get(a.menteeId) ?? '', names.get(b.menteeId) ?? '') || (a.menteeId < b.menteeId ? -1 : 1));

    let created = 0;
    for (const proposal of order) {
      const menteeName = names.get(proposal.menteeId) ?? 'This mentee';
      const mentorName = names.get(proposal.mentorId) ?? 'This mentor';
      const mentor = facts.members.get(proposal.mentorId);
      const cause = facts.hardCause(proposal.menteeId, proposal.mentorId);
      const load = facts.loads.get(proposal.mentorId) ?? 0;
      const conflict =
        memberProblem(facts.members.get(proposal.menteeId), 'mentee', menteeName, program, today) ??
        memberProblem(mentor, 'mentor', mentorName, program, today) ??
        (facts.openPairMentees.has(proposal.menteeId) ? `${menteeName} already has a mentor in ${program.name}.` : null) ??
        (cause ? hardCauseMessage(cause, menteeName, mentorName, program) : null) ??
        (load >= mentor!.capacity ? capacityMessage(mentorName, load, mentor!.capacity) : null);
      if (conflict) {
        await updateProposal(trx, proposal.id, { conflict, updatedAt: now });
        continue;
      }
      const pairId = await createPair(trx, program, proposal.menteeId, proposal.mentorId, 'admin-match', now, names);
      facts.loads.set(proposal.mentorId, load + 1);
      facts.openPairMentees.add(proposal.menteeId);
      await updateProposal(trx, proposal.id, { pairId, updatedAt: now });
      created += 1;
    }
    await audit(trx, user, 'match-run.published', runId, now, { created, conflicts: order.length - created });
  });
  return loadRunView(deps.db, runId);
}

/**
 * One new active pair with its `pair-created` notifications for both people; the mentee's
 * pending requests in the program are closed, as accepting a request closes them.
 */
export async function createPair(
  db: Kysely<Database>,
  program: ProgramRow,
  menteeId: string,
  mentorId: string,
  source: 'admin-match' | 'import',
  now: string,
  names: Map<string, string>,
  note?: string | null,
): Promise<string> {
  const pairId = uuidv7();
  await insertPair(db, {
    id: pairId,
    programId: program.id,
    mentorId,
    menteeId,
    status: 'active',
    source,
    requestId: null,
    startedAt: now,
    pausedAt: null,
    endedAt: null,
    endReason: null,
    agreedAt: null,
    agreedCadence: null,
    lastActivityAt: now,
    createdAt: now,
    updatedAt: now,
  });
  const notify = (userId: string, role: 'mentee' | 'mentor', partnerId: string) => ({
    id: uuidv7(),
    userId,
    kind: 'pair-created',
    dedupeKey: `pair-created:${pairId}:${userId}`,
    pairId,
    payload: JSON.stringify({
      pairId,
      programId: program.id,
      programName: program.name,
      role,
      partner: { id: partnerId, displayName: names.get(partnerId) ?? null },
      source,
      ...(note ? { note } : {}),
    }),
    deliverAfter: now,
    deliveredAt: null,
    channel: 'feed' as const,
    readAt: null,
    createdAt: now,
  });
  await insertNotifications(db, [notify(menteeId, 'mentee', mentorId), notify(mentorId, 'mentor', menteeId)]);
  await closePendingRequestsOfMentee(db, program.id, menteeId, now);
  return pairId;
}

export async function audit(db: Kysely<Database>, user: CurrentUser, action: string, subjectId: string, now: string, detail: Record<string, unknown>): Promise<void> {
  const subjectType = action.startsWith('match-run.') ? 'match-run' : action.startsWith('match-exclusion.') ? 'match-exclusion' : 'program';
  await insertAuditEntry(db, { id: uuidv7(), actorId: user.id, action, subjectType, subjectId, detail: JSON.stringify(detail), createdAt: now });
}

// ---------------------------------------------------------------------------------------------
// Reading a run
// ---------------------------------------------------------------------------------------------

const byName = new Intl.Collator('en', { sensitivity: 'base' });

function summarize(run: MatchRunRow, matched: number, totalWeight: number, lowestWeight: number | null): RunSummary {
  const unmatched = (JSON.parse(run.unmatched) as UnmatchedEntry[]).length;
  return {
    mentees: matched + unmatched,
    mentors: run.poolMentors,
    places: run.poolPlaces,
    matched,
    unmatched,
    totalScore: Math.round(totalWeight / 10) / 1000,
    meanScore: matched === 0 ? null : Math.round(totalWeight / matched / 10) / 1000,
    minScore: lowestWeight === null ? null : scoreOfWeight(lowestWeight),
    candidatesPerMentee: run.candidatesPerMentee,
  };
}

async function loadRunView(db: Kysely<Database>, runId: string): Promise<MatchRun> {
  const run = await requireRun(db, runId);
  const proposals = await listProposalsOfRun(db, runId);
  const unmatched: UnmatchedEntry[] = JSON.parse(run.unmatched);
  const people = new Map(
    (await listPeople(db, [run.createdBy, ...proposals.flatMap((p) => [p.menteeId, p.mentorId]), ...unmatched.map((u) => u.menteeId)])).map((p) => [p.id, p]),
  );
  const person = (id: string): Person => people.get(id) ?? { id, displayName: 'Unknown person', department: null, jobTitle: null };
  const byMentee = (a: { mentee: Person }, b: { mentee: Person }) =>
    byName.compare(a.mentee.displayName, b.mentee.displayName) || (a.mentee.id < b.mentee.id ? -1 : a.mentee.id > b.mentee.id ? 1 : 0);

  const live = proposals.filter((p) => p.state !== 'removed');
  const totalWeight = live.reduce((sum, p) => sum + p.weight, 0);
  return {
    id: run.id,
    programId: run.programId,
    status: run.status,
    strategy: run.strategy,
    constraints: constraintsOf(run),
    createdAt: run.createdAt,
    createdBy: { id: run.createdBy, displayName: person(run.createdBy).displayName },
    publishedAt: run.publishedAt,
    proposals: live
      .map((p) => ({
        mentee: person(p.menteeId),
        mentor: person(p.mentorId),
        score: scoreOfWeight(p.weight),
        reasons: JSON.parse(p.reasons) as string[],
        state: p.state as 'proposed' | 'locked',
        outcome: p.pairId !== null ? { pairId: p.pairId } : p.conflict !== null ? { conflict: p.conflict } : null,
      }))
      .sort(byMentee),
    removed: proposals
      .filter((p) => p.state === 'removed')
      .map((p) => ({ mentee: person(p.menteeId), mentor: person(p.mentorId) }))
      .sort((a, b) => byMentee(a, b) || byName.compare(a.mentor.displayName, b.mentor.displayName)),
    unmatched: unmatched.map((u) => ({ mentee: person(u.menteeId), reasons: u.reasons })).sort(byMentee),
    summary: summarize(run, live.length, totalWeight, live.length === 0 ? null : Math.min(...live.map((p) => p.weight))),
  };
}

// ---------------------------------------------------------------------------------------------
// Never-match rules
// ---------------------------------------------------------------------------------------------

/**
 * The program's active members as matching sees them: who can still take a mentee (a mentor's
 * free places) and who still needs a mentor. For the swap and never-match pickers.
 */
export async function listProgramMembers(deps: MatchRunsDeps, programId: string) {
  await requireProgram(deps.db, programId);
  const [members, open] = await Promise.all([listMembers(deps.db, programId), listOpenPairs(deps.db, programId)]);
  const load = new Map<string, number>();
  for (const pair of open) {
    load.set(pair.mentorId, (load.get(pair.mentorId) ?? 0) + 1);
    load.set(pair.menteeId, (load.get(pair.menteeId) ?? 0) + 1);
  }
  const today = todayUtc(deps.clock);
  return members
    .filter((m) => m.status === 'active' && !hasLeft(m))
    .map((m) => ({
      id: m.userId,
      displayName: m.displayName,
      department: m.department,
      jobTitle: m.jobTitle,
      role: m.role,
      openPairs: load.get(m.userId) ?? 0,
      freePlaces: m.role === 'mentor' ? Math.max(0, m.capacity - (load.get(m.userId) ?? 0)) : null,
      paused: isPausedOn(m, today),
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
}

export async function listExclusions(deps: MatchRunsDeps, programId: string) {
  await requireProgram(deps.db, programId);
  const rows = await listExclusionViews(deps.db, programId);
  const people = new Map((await listPeople(deps.db, rows.flatMap((r) => [r.menteeId, r.mentorId]))).map((p) => [p.id, p]));
  const person = (id: string): Person => people.get(id) ?? { id, displayName: 'Unknown person', department: null, jobTitle: null };
  return rows.map((r) => ({
    id: r.id,
    programId: r.programId,
    mentee: person(r.menteeId),
    mentor: person(r.mentorId),
    reason: r.reason,
    createdAt: r.createdAt,
    createdBy: { id: r.createdBy, displayName: r.createdByName },
  }));
}

export async function createExclusion(
  deps: MatchRunsDeps,
  user: CurrentUser,
  programId: string,
  input: { menteeId: string; mentorId: string; reason?: string | undefined },
) {
  const program = await requireProgram(deps.db, programId);
  const now = deps.clock.now().toISOString();
  const id = uuidv7();
  await deps.db.transaction().execute(async (trx) => {
    const members = new Map((await listMembers(trx, programId, [input.menteeId, input.mentorId])).map((m) => [m.userId, m]));
    const names = new Map((await listPeople(trx, [input.menteeId, input.mentorId])).map((p) => [p.id, p.displayName]));
    for (const [userId, role] of [
      [input.menteeId, 'mentee'],
      [input.mentorId, 'mentor'],
    ] as const) {
      const member = members.get(userId);
      const name = names.get(userId) ?? 'This person';
      if (!member) throw new AppError('conflict', `${name} isn’t enrolled in ${program.name}.`);
      if (member.role !== role) throw new AppError('conflict', `${name} is enrolled in ${program.name} as a ${member.role}, not a ${role}.`);
    }
    if (await findExclusionBetween(trx, programId, input.menteeId, input.mentorId)) {
      throw new AppError('conflict', `A never-match rule for ${names.get(input.menteeId)} and ${names.get(input.mentorId)} already exists in ${program.name}.`);
    }
    await insertExclusion(trx, {
      id,
      programId,
      menteeId: input.menteeId,
      mentorId: input.mentorId,
      reason: input.reason?.trim() || null,
      createdBy: user.id,
      createdAt: now,
    });
    await audit(trx, user, 'match-exclusion.created', id, now, { programId, menteeId: input.menteeId, mentorId: input.mentorId });
  });
  const created = (await listExclusions(deps, programId)).find((x) => x.id === id);
  return created!;
}

export async function deleteExclusion(deps: MatchRunsDeps, user: CurrentUser, exclusionId: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await findExclusion(trx, exclusionId);
    if (!row) throw AppError.notFound('This never-match rule');
    await deleteExclusionRow(trx, exclusionId);
    await audit(trx, user, 'match-exclusion.deleted', exclusionId, now, { programId: row.programId, menteeId: row.menteeId, mentorId: row.mentorId });
  });
}
