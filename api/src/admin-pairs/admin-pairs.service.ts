import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { keptCadence } from '../analytics/cadence';
import { resolvePeriod, type AdminFilters, type Period } from '../analytics/filters';
import type { Clock } from '../clock';
import type { Cadence, Database, EndReason, PairStatus } from '../db/schema';
import { hasLeft } from '../directory/departures';
import { requireProgram } from '../programs/programs.service';
import type { CurrentUser } from '../users/users.service';
import { atRiskCutoffs, atRiskReasons, pausedPairReasons, RECENT_CHECKINS, type AtRiskCode, type AtRiskReason, type Departed } from './at-risk';
import {
  agreementSummaries,
  dormantPrompts,
  exportEnrolments,
  exportGoals,
  exportMeetings,
  goalCounts,
  checkinsInWindow,
  insertAuditEntry,
  listScopedPairs,
  meetingFacts,
  nextMeetings,
  openActionItemCounts,
  pairCountsByMember,
  pairPeople,
  pairsWithDepartedMembers,
  ratingTotals,
  recentCheckinConfirmations,
  type MeetingFactsAt,
  type PairScope,
  type ScopedPairRow,
} from './admin-pairs.queries';

/**
 * The admin pairs table, the at-risk list and the CSV exports (docs/metrics.md). Admin-only
 * (the routes say so) and audited. Everything here is counts, instants and names from the
 * directory: no query selects notes, agenda text, goal titles, messages, comments or a
 * single rating, so none can reach a response or a file.
 */

export interface AdminPairsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export type PairSort = 'status' | 'lastMeeting' | 'onCadence' | 'startedAt';
export type SortOrder = 'asc' | 'desc';
export type ExportDataset = 'pairs' | 'meetings' | 'goals' | 'participants';

export interface PairListQuery extends AdminFilters {
  status?: PairStatus | undefined;
  sort: PairSort;
  order: SortOrder;
  page: number;
  pageSize: number;
}

/**
 * Written once the answer is ready (as admin.analytics does): the log records what an admin was
 * shown, with the filters in the same shape as the dashboard's entries plus this call's own.
 */
async function audit(deps: AdminPairsDeps, user: CurrentUser, action: string, filters: AdminFilters, extra: Record<string, unknown>): Promise<void> {
  await insertAuditEntry(deps.db, {
    id: uuidv7(),
    actorId: user.id,
    action,
    subjectType: filters.programId ? 'program' : null,
    subjectId: filters.programId ?? null,
    detail: JSON.stringify({ programId: filters.programId ?? null, department: filters.department ?? null, ...extra }),
    createdAt: deps.clock.now().toISOString(),
  });
}

function cadenceOf(p: ScopedPairRow): Cadence {
  return p.agreedCadence ?? p.defaultCadence;
}

/** docs/metrics.md: a pair's status at instant t. */
export function statusAt(p: Pick<ScopedPairRow, 'status' | 'pausedAt' | 'endedAt'>, t: string): PairStatus {
  if ((p.status === 'completed' || p.status === 'ended') && p.endedAt !== null && p.endedAt < t) return p.status;
  if (p.status === 'paused' && p.pausedAt !== null && p.pausedAt < t) return 'paused';
  return 'active';
}

// ---- facts, gathered set-based and joined here by pair id ---------------------------------

interface MeetingFact {
  lastHeldAt: string | null;
  lastHeldNow: string | null;
  lastHeldBefore: string | null;
  held: number;
  missed: number;
}

function factsAt(period: Period): MeetingFactsAt {
  return { periodStart: period.start, periodEnd: period.end, endSoFar: period.endSoFar, now: period.now };
}

async function loadMeetingFacts(db: Kysely<Database>, scope: PairScope, at: MeetingFactsAt): Promise<Map<string, MeetingFact>> {
  const rows = await meetingFacts(db, scope, at);
  return new Map(
    rows.map((r) => [
      r.pairId,
      { lastHeldAt: r.lastHeldAt, lastHeldNow: r.lastHeldNow, lastHeldBefore: r.lastHeldBefore, held: Number(r.held ?? 0), missed: Number(r.missed ?? 0) },
    ]),
  );
}

/**
 * keptCadence over the period (capped at now) for the pairs active at its end; null for the
 * others, and for everyone when the period hasn't started yet. Only the held check-ins inside
 * the window are fetched; the one before it that anchors the first gap comes from the facts.
 */
async function loadOnCadence(
  db: Kysely<Database>,
  scope: PairScope,
  period: Period,
  pairs: ScopedPairRow[],
  facts: Map<string, MeetingFact>,
): Promise<Map<string, boolean | null>> {
  const verdicts = new Map<string, boolean | null>();
  const active = pairs.filter((p) => statusAt(p, period.end) === 'active');
  const starts = new Map<string, string[]>();
  if (period.start < period.endSoFar && active.length > 0) {
    for (const row of await checkinsInWindow(db, { ...scope, activeAt: period.end }, period.start, period.endSoFar)) {
      if (row.status !== 'held') continue;
      const list = starts.get(row.pairId);
      if (list) list.push(row.startAt);
      else starts.set(row.pairId, [row.startAt]);
    }
  }
  for (const p of pairs) verdicts.set(p.id, null);
  if (period.start >= period.endSoFar) return verdicts;
  for (const p of active) {
    const before = facts.get(p.id)?.lastHeldBefore;
    const held = [...(before ? [before] : []), ...(starts.get(p.id) ?? [])];
    verdicts.set(p.id, keptCadence({ cadence: cadenceOf(p), startedAt: p.startedAt, heldStarts: held, from: period.start, to: period.endSoFar }));
  }
  return verdicts;
}

interface CountFacts {
  goals: Map<string, { total: number; done: number; overdue: number }>;
  actions: Map<string, { open: number; overdue: number; longOverdue: number }>;
}

async function loadCountFacts(db: Kysely<Database>, scope: PairScope, now: string): Promise<CountFacts> {
  const cut = atRiskCutoffs(now);
  const [goals, actions] = await Promise.all([goalCounts(db, scope, cut.today), openActionItemCounts(db, scope, cut.today, cut.actionItemsDueBefore)]);
  return {
    goals: new Map(goals.map((g) => [g.pairId, { total: Number(g.total), done: Number(g.done ?? 0), overdue: Number(g.overdue ?? 0) }])),
    actions: new Map(actions.map((a) => [a.pairId, { open: Number(a.open), overdue: Number(a.overdue ?? 0), longOverdue: Number(a.longOverdue ?? 0) }])),
  };
}

/**
 * The reasons of every pair in `pairs` that is active or paused now; `scope` must cover them (it
 * is narrowed to active pairs for the rating and confirmation scans, so they skip the others).
 * A paused pair can only be at risk because a member left.
 */
async function loadReasons(
  db: Kysely<Database>,
  scope: PairScope,
  now: string,
  pairs: ScopedPairRow[],
  meetings: Map<string, MeetingFact>,
  counts: CountFacts,
): Promise<Map<string, AtRiskReason[]>> {
  const reasons = new Map<string, AtRiskReason[]>();
  const active = pairs.filter((p) => p.status === 'active');
  const paused = pairs.filter((p) => p.status === 'paused');
  if (active.length === 0 && paused.length === 0) return reasons;
  const departed = await loadDeparted(db, { ...scope, openNow: true });
  for (const p of paused) reasons.set(p.id, pausedPairReasons(departed.get(p.id) ?? NONE_LEFT));
  if (active.length === 0) return reasons;
  const activeScope: PairScope = { ...scope, activeNow: true };
  const cut = atRiskCutoffs(now);
  const [agreements, ratings, checkins, prompts] = await Promise.all([
    agreementSummaries(db, activeScope),
    ratingTotals(db, activeScope, cut.ratingsSince, now),
    recentCheckinConfirmations(db, activeScope, now, RECENT_CHECKINS),
    dormantPrompts(db, activeScope),
  ]);
  const agreementsBy = new Map(agreements.map((a) => [a.pairId, a]));
  const ratingsBy = new Map(ratings.map((r) => [r.pairId, { count: Number(r.count), sum: Number(r.sum ?? 0) }]));
  const promptsBy = new Map(prompts.flatMap((r) => (r.pairId ? [[r.pairId, r.promptedAt] as const] : [])));
  const checkinsBy = new Map(
    checkins.map((c) => [c.pairId, { ended: Number(c.ended), mentorConfirmed: Number(c.mentorConfirmed ?? 0), menteeConfirmed: Number(c.menteeConfirmed ?? 0) }]),
  );
  for (const p of active) {
    const a = agreementsBy.get(p.id);
    reasons.set(
      p.id,
      atRiskReasons({
        now,
        startedAt: p.startedAt,
        cadence: cadenceOf(p),
        cadenceAgreed: p.agreedCadence !== null,
        lastHeldAt: meetings.get(p.id)?.lastHeldNow ?? null,
        agreedAt: p.agreedAt,
        agreements: {
          submitted: Number(a?.submitted ?? 0),
          differ: a !== undefined && (a.minFrequency !== a.maxFrequency || a.minChannel !== a.maxChannel),
          blankBoundaries: Number(a?.blankBoundaries ?? 0),
        },
        recentRatings: ratingsBy.get(p.id) ?? { count: 0, sum: 0 },
        recentCheckins: checkinsBy.get(p.id) ?? { ended: 0, mentorConfirmed: 0, menteeConfirmed: 0 },
        overdueActionItems: counts.actions.get(p.id)?.longOverdue ?? 0,
        overdueGoals: counts.goals.get(p.id)?.overdue ?? 0,
        lastActivityAt: p.lastActivityAt,
        dormantPromptAt: promptsBy.get(p.id) ?? null,
        departed: departed.get(p.id) ?? NONE_LEFT,
      }),
    );
  }
  return reasons;
}

const NONE_LEFT: Departed = { mentor: false, mentee: false };

/** Which members of the pairs in scope have left, for the pairs where anyone has. */
async function loadDeparted(db: Kysely<Database>, scope: PairScope): Promise<Map<string, Departed>> {
  const rows = await pairsWithDepartedMembers(db, scope);
  return new Map(
    rows.map((r) => [
      r.pairId,
      {
        mentor: hasLeft({ accountEnabled: r.mentorEnabled, directoryDeletedAt: r.mentorDeletedAt }),
        mentee: hasLeft({ accountEnabled: r.menteeEnabled, directoryDeletedAt: r.menteeDeletedAt }),
      },
    ]),
  );
}

type PersonRow = Awaited<ReturnType<typeof pairPeople>>[number];

async function loadPeople(db: Kysely<Database>, scope: PairScope): Promise<Map<string, PersonRow>> {
  return new Map((await pairPeople(db, scope)).map((r) => [r.id, r]));
}

function people(row: PersonRow | undefined) {
  return {
    programName: row?.programName ?? '',
    mentor: { id: row?.mentorId ?? '', displayName: row?.mentorName ?? '', department: row?.mentorDepartment ?? null },
    mentee: { id: row?.menteeId ?? '', displayName: row?.menteeName ?? '', department: row?.menteeDepartment ?? null },
  };
}

// ---- GET /api/admin/pairs ------------------------------------------------------------------

export interface AdminPair {
  pairId: string;
  programId: string;
  programName: string;
  mentor: { id: string; displayName: string; department: string | null };
  mentee: { id: string; displayName: string; department: string | null };
  status: PairStatus;
  startedAt: string;
  endedAt: string | null;
  endReason: EndReason | null;
  cadence: Cadence;
  lastHeldAt: string | null;
  nextMeetingAt: string | null;
  meetingsHeld: number;
  meetingsMissed: number;
  onCadence: boolean | null;
  goalsTotal: number;
  goalsDone: number;
  openActionItems: number;
  overdueActionItems: number;
  atRisk: AtRiskCode[];
}

/** Everything the table shows for `pairs`, which `scope` must cover; sort keys already loaded are reused. */
async function buildAdminPairs(
  deps: AdminPairsDeps,
  scope: PairScope,
  period: Period,
  pairs: ScopedPairRow[],
  loaded: { meetings?: Map<string, MeetingFact> | undefined; onCadence?: Map<string, boolean | null> | undefined },
): Promise<AdminPair[]> {
  if (pairs.length === 0) return [];
  const { db } = deps;
  const [meetings, next, counts, persons] = await Promise.all([
    loaded.meetings ?? loadMeetingFacts(db, scope, factsAt(period)),
    nextMeetings(db, scope, period.now).then((rows) => new Map(rows.flatMap((r) => (r.nextAt ? [[r.pairId, r.nextAt] as const] : [])))),
    loadCountFacts(db, scope, period.now),
    loadPeople(db, scope),
  ]);
  const [onCadence, reasons] = await Promise.all([
    loaded.onCadence ?? loadOnCadence(db, scope, period, pairs, meetings),
    loadReasons(db, scope, period.now, pairs, meetings, counts),
  ]);
  return pairs.map((p) => {
    const m = meetings.get(p.id);
    const person = persons.get(p.id);
    return {
      pairId: p.id,
      programId: p.programId,
      ...people(person),
      status: statusAt(p, period.end),
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      endReason: person?.endReason ?? null,
      cadence: cadenceOf(p),
      lastHeldAt: m?.lastHeldAt ?? null,
      nextMeetingAt: next.get(p.id) ?? null,
      meetingsHeld: m?.held ?? 0,
      meetingsMissed: m?.missed ?? 0,
      onCadence: onCadence.get(p.id) ?? null,
      goalsTotal: counts.goals.get(p.id)?.total ?? 0,
      goalsDone: counts.goals.get(p.id)?.done ?? 0,
      openActionItems: counts.actions.get(p.id)?.open ?? 0,
      overdueActionItems: counts.actions.get(p.id)?.overdue ?? 0,
      atRisk: (reasons.get(p.id) ?? []).map((r) => r.code),
    };
  });
}

const STATUS_RANK: Record<PairStatus, number> = { active: 0, paused: 1, completed: 2, ended: 3 };
const VERDICT_RANK = (v: boolean | null | undefined) => (v === false ? 0 : v === true ? 2 : 1);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface SortKeys {
  id: string;
  status: PairStatus;
  startedAt: string;
  lastHeldAt: string | null;
  onCadence: boolean | null;
}

/** docs/metrics.md: lastHeldAt nulls last in either order; false < null < true; ties by pair id ascending. */
export function comparePairs(sort: PairSort, order: SortOrder) {
  const dir = order === 'asc' ? 1 : -1;
  return (a: SortKeys, b: SortKeys): number => {
    let c = 0;
    if (sort === 'status') c = dir * (STATUS_RANK[a.status] - STATUS_RANK[b.status]);
    else if (sort === 'startedAt') c = dir * byText(a.startedAt, b.startedAt);
    else if (sort === 'onCadence') c = dir * (VERDICT_RANK(a.onCadence) - VERDICT_RANK(b.onCadence));
    else if (a.lastHeldAt === null || b.lastHeldAt === null) c = (a.lastHeldAt === null ? 1 : 0) - (b.lastHeldAt === null ? 1 : 0);
    else c = dir * byText(a.lastHeldAt, b.lastHeldAt);
    return c !== 0 ? c : byText(a.id, b.id);
  };
}

/**
 * One page of the pairs in scope. Sorting happens in TypeScript over every pair in scope, but
 * only on columns already fetched for all of them: status and startedAt come with the pair rows,
 * lastHeldAt needs one grouped query (sort=lastMeeting), and the on-cadence verdict needs that
 * query for the pairs active at the period end plus their check-ins inside the period
 * (sort=onCadence) — keptCadence is a walk over a pair's gaps that SQL can't express portably,
 * so this is the one way to order by it correctly. At 12k pairs in a program that costs ≈0.8 s
 * and ≈1.5 s on SQLite; the default sort needs no meeting query before paging (≈0.1 s).
 * The rest (names, next meeting, goals, action items, at-risk reasons) is fetched for the page
 * only. Status is the status at the period end, so it is filtered here too.
 */
export async function listAdminPairs(deps: AdminPairsDeps, user: CurrentUser, query: PairListQuery) {
  const period = resolvePeriod(query, deps.clock);
  if (query.programId) await requireProgram(deps.db, query.programId);
  const scope: PairScope = { programId: query.programId, department: query.department, startedBefore: period.end };
  let pairs = await listScopedPairs(deps.db, scope);
  if (query.status) pairs = pairs.filter((p) => statusAt(p, period.end) === query.status);

  let meetings: Map<string, MeetingFact> | undefined;
  let onCadence: Map<string, boolean | null> | undefined;
  if (pairs.length > 0 && query.sort === 'lastMeeting') meetings = await loadMeetingFacts(deps.db, scope, factsAt(period));
  if (pairs.length > 0 && query.sort === 'onCadence') {
    // Only pairs active at the period end get a verdict, so only their facts are read here; the
    // page's own facts are then fetched with the page.
    const activeFacts = await loadMeetingFacts(deps.db, { ...scope, activeAt: period.end }, factsAt(period));
    onCadence = await loadOnCadence(deps.db, scope, period, pairs, activeFacts);
  }
  const keys: SortKeys[] = pairs.map((p) => ({
    id: p.id,
    status: statusAt(p, period.end),
    startedAt: p.startedAt,
    lastHeldAt: meetings?.get(p.id)?.lastHeldAt ?? null,
    onCadence: onCadence?.get(p.id) ?? null,
  }));
  keys.sort(comparePairs(query.sort, query.order));

  const offset = (query.page - 1) * query.pageSize;
  const pageIds = keys.slice(offset, offset + query.pageSize).map((k) => k.id);
  const byId = new Map(pairs.map((p) => [p.id, p]));
  const pagePairs = pageIds.map((id) => byId.get(id)!);
  const items = await buildAdminPairs(deps, { pairIds: pageIds }, period, pagePairs, { meetings, onCadence });
  await audit(deps, user, 'admin.pairs', query, {
    from: period.from, to: period.to, status: query.status ?? null, sort: query.sort, order: query.order, page: query.page, pageSize: query.pageSize,
  });
  return { items, total: pairs.length, page: query.page, pageSize: query.pageSize };
}

// ---- GET /api/admin/pairs-at-risk ------------------------------------------------------------

/**
 * Pairs active now (or paused, when a member has left), in the program and mentee department
 * asked for, with every reason that applies. The period filters are validated like everywhere
 * else but ignored: risk is about now.
 */
export async function listPairsAtRisk(deps: AdminPairsDeps, user: CurrentUser, filters: AdminFilters) {
  resolvePeriod(filters, deps.clock);
  if (filters.programId) await requireProgram(deps.db, filters.programId);
  const result = await pairsAtRisk(deps, filters);
  await audit(deps, user, 'admin.pairs-at-risk', filters, {});
  return result;
}

async function pairsAtRisk(deps: AdminPairsDeps, filters: AdminFilters) {
  const now = deps.clock.now().toISOString();
  const scope: PairScope = { programId: filters.programId, department: filters.department, openNow: true };
  const pairs = await listScopedPairs(deps.db, scope);
  if (pairs.length === 0) return [];
  // Only "the latest held check-in so far" is used, so the period bounds are simply now.
  const meetings = await loadMeetingFacts(deps.db, scope, { periodStart: now, periodEnd: now, endSoFar: now, now });
  const counts = await loadCountFacts(deps.db, scope, now);
  const reasons = await loadReasons(deps.db, scope, now, pairs, meetings, counts);
  const atRisk = pairs.filter((p) => (reasons.get(p.id)?.length ?? 0) > 0);
  if (atRisk.length === 0) return [];
  const persons = await loadPeople(deps.db, scope);
  return atRisk
    .map((p) => ({
      pairId: p.id,
      programId: p.programId,
      ...people(persons.get(p.id)),
      startedAt: p.startedAt,
      lastHeldAt: meetings.get(p.id)?.lastHeldNow ?? null,
      cadence: cadenceOf(p),
      reasons: reasons.get(p.id)!,
    }))
    .sort((a, b) => {
      if (a.reasons.length !== b.reasons.length) return b.reasons.length - a.reasons.length;
      // Oldest last check-in first, and never having met is the oldest of all.
      if (a.lastHeldAt !== b.lastHeldAt) {
        if (a.lastHeldAt === null) return -1;
        if (b.lastHeldAt === null) return 1;
        return byText(a.lastHeldAt, b.lastHeldAt);
      }
      return byText(a.pairId, b.pairId);
    });
}

// ---- GET /api/admin/export.csv ---------------------------------------------------------------

export type CsvCell = string | number | null;

export interface CsvFile {
  filename: string;
  columns: string[];
  rows: Iterable<CsvCell[]> | AsyncIterable<CsvCell[]>;
}

const flag = (value: boolean | null): CsvCell => (value === null ? null : value ? 'true' : 'false');

async function pairsDataset(deps: AdminPairsDeps, scope: PairScope, period: Period): Promise<Omit<CsvFile, 'filename'>> {
  const pairs = (await listScopedPairs(deps.db, scope)).sort((a, b) => byText(b.startedAt, a.startedAt) || byText(a.id, b.id));
  const items = await buildAdminPairs(deps, scope, period, pairs, {});
  return {
    columns: [
      'pair_id', 'program_id', 'program_name', 'mentor_id', 'mentor_name', 'mentor_department', 'mentee_id', 'mentee_name', 'mentee_department',
      'status', 'started_at', 'ended_at', 'end_reason', 'cadence', 'last_held_at', 'next_meeting_at', 'meetings_held', 'meetings_missed',
      'on_cadence', 'goals_total', 'goals_done', 'open_action_items', 'overdue_action_items', 'at_risk',
    ],
    rows: items.map((p) => [
      p.pairId, p.programId, p.programName, p.mentor.id, p.mentor.displayName, p.mentor.department, p.mentee.id, p.mentee.displayName, p.mentee.department,
      p.status, p.startedAt, p.endedAt, p.endReason, p.cadence, p.lastHeldAt, p.nextMeetingAt, p.meetingsHeld, p.meetingsMissed,
      flag(p.onCadence), p.goalsTotal, p.goalsDone, p.openActionItems, p.overdueActionItems, p.atRisk.join(';'),
    ]),
  };
}

const EXPORT_PAGE = 5_000;

/**
 * The one dataset that can reach millions of rows: read page by page while the file is written.
 * The first page is read before returning, so a query that fails outright still answers a normal
 * error; a failure on a later page cuts the download (see csv.ts).
 */
async function meetingsDataset(deps: AdminPairsDeps, scope: PairScope, period: Period): Promise<Omit<CsvFile, 'filename'>> {
  const page = (after: { startAt: string; id: string } | null) => exportMeetings(deps.db, scope, period.start, period.end, after, EXPORT_PAGE);
  const first = await page(null);
  async function* rows() {
    let batch = first;
    for (;;) {
      for (const m of batch) {
        yield [m.id, m.pairId, m.programName, m.startAt, m.endAt, m.status, m.mentorConfirmation, m.menteeConfirmation, flag(m.teamsAttendanceAt !== null)];
      }
      const last = batch[batch.length - 1];
      if (batch.length < EXPORT_PAGE || !last) return;
      batch = await page({ startAt: last.startAt, id: last.id });
    }
  }
  return {
    columns: ['meeting_id', 'pair_id', 'program', 'start', 'end', 'status', 'mentor_confirmation', 'mentee_confirmation', 'seen_in_teams'],
    rows: rows(),
  };
}

async function goalsDataset(deps: AdminPairsDeps, scope: PairScope, period: Period): Promise<Omit<CsvFile, 'filename'>> {
  const rows = await exportGoals(deps.db, scope, period.end);
  return {
    columns: ['goal_id', 'pair_id', 'program', 'template', 'status', 'progress', 'target_date', 'created_at', 'completed_at'],
    rows: rows.map((g) => [g.id, g.pairId, g.programName, g.templateKey, g.status, Number(g.progress), g.targetDate, g.createdAt, g.completedAt]),
  };
}

async function participantsDataset(deps: AdminPairsDeps, filters: AdminFilters, period: Period): Promise<Omit<CsvFile, 'filename'>> {
  const [enrolments, counts] = await Promise.all([
    exportEnrolments(deps.db, { programId: filters.programId, department: filters.department, createdBefore: period.end }),
    pairCountsByMember(deps.db, filters.programId, period.end),
  ]);
  const key = (programId: string, userId: string) => `${programId}|${userId}`;
  const asMentor = new Map(counts.asMentor.map((c) => [key(c.programId, c.userId), Number(c.n)]));
  const asMentee = new Map(counts.asMentee.map((c) => [key(c.programId, c.userId), Number(c.n)]));
  return {
    columns: ['user_id', 'name', 'department', 'job_title', 'program', 'role', 'enrolled_at', 'enrolment_status', 'pairs', 'matched'],
    rows: enrolments.map((e) => {
      const pairs = (e.role === 'mentor' ? asMentor : asMentee).get(key(e.programId, e.userId)) ?? 0;
      return [e.userId, e.displayName, e.department, e.jobTitle, e.programName, e.role, e.createdAt, e.status, pairs, flag(pairs > 0)];
    }),
  };
}

/**
 * Every row of the file, read before the route writes its first byte: a database failure then
 * answers a normal problem+json instead of cutting a 200 short (see the route).
 */
export async function exportCsv(deps: AdminPairsDeps, user: CurrentUser, query: AdminFilters & { dataset: ExportDataset }): Promise<CsvFile> {
  const period = resolvePeriod(query, deps.clock);
  if (query.programId) await requireProgram(deps.db, query.programId);
  const scope: PairScope = { programId: query.programId, department: query.department, startedBefore: period.end };
  const data =
    query.dataset === 'pairs'
      ? await pairsDataset(deps, scope, period)
      : query.dataset === 'meetings'
        ? await meetingsDataset(deps, scope, period)
        : query.dataset === 'goals'
          ? await goalsDataset(deps, scope, period)
          : await participantsDataset(deps, query, period);
  await audit(deps, user, 'admin.export', query, { from: period.from, to: period.to, dataset: query.dataset });
  return { filename: `tandem-${query.dataset}-${period.from}-${period.to}.csv`, ...data };
}
