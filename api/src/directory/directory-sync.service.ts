import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely, Updateable } from 'kysely';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { DirectoryConfig } from '../config/config';
import type { Database, UsersTable } from '../db/schema';
import { AppError } from '../errors/app-error';
import { DeltaTokenExpired, type DirectoryPage, type DirectoryUser, type GraphDirectory, type GraphDirectoryFactory } from '../graph/graph-client';
import { GraphProblem } from '../graph/graph-errors';
import { acquireLease, releaseLease } from '../jobs/leases';
import { IMPORT_OBJECT_ID_PREFIX } from '../users/users.service';
import { handleDepartures } from './departures';
import {
  addSyncCounts,
  ensureSyncState,
  entraUsersNotSeenSince,
  findImportedByEmail,
  findSyncStates,
  importedEmailsAmong,
  insertDirectoryUser,
  markDirectoryDeleted,
  peopleCounts,
  renewLease,
  unsyncedKnownObjectIds,
  updateDirectoryUser,
  updateSyncState,
  usersByObjectIds,
  type DirectoryUserRow,
  type SyncStateChanges,
} from './directory-sync.queries';

export interface DirectorySyncDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** null when DIRECTORY_SYNC is off */
  config: DirectoryConfig | null;
  /** null when DIRECTORY_SYNC is off */
  directory: GraphDirectoryFactory | null;
  logger?: Logger;
}

export interface DirectoryTenantStatus {
  tenantId: string;
  phase: 'idle' | 'full' | 'delta';
  lastSuccessAt: string | null;
  lastFullSyncAt: string | null;
  runStartedAt: string | null;
  usersSeen: number;
  usersChanged: number;
  usersDeparted: number;
  /** `<kind>: <what happened / what to do>`; kind: consent-required, throttled, unreachable, rejected or internal */
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface DirectoryStatus {
  mode: 'off' | 'enrolled' | 'tenant';
  tenants: DirectoryTenantStatus[];
  people: { total: number; fromEntra: number; fromCsv: number; signInOnly: number; departed: number };
}

export interface DirectoryTenantOutcome {
  tenantId: string;
  /** `busy`: another run (here or on another instance) holds the tenant's lease, or took it over */
  outcome: 'done' | 'busy' | 'failed';
  /** the round's figures so far (a resumed round includes what earlier runs committed) */
  usersSeen: number;
  usersChanged: number;
  usersDeparted: number;
  error: string | null;
}

/** A run renews its lease after every page; one that stops renewing (a crash) lets it lapse. */
const LEASE_MS = 10 * 60_000;
/** A manager chain longer than this is bad data (or a cycle the directory allowed). */
const MAX_CHAIN_DEPTH = 50;
/** Known people the directory never described, read in one run at most. */
const CATCH_UP_LIMIT = 2000;
const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
let runs = 0;

/** The admin view: each configured tenant's sync state and where people's data came from. */
export async function directoryStatus(deps: DirectorySyncDeps): Promise<DirectoryStatus> {
  const tenantIds = deps.config?.tenantIds ?? [];
  const states = new Map((await findSyncStates(deps.db, tenantIds)).map((s) => [s.tenantId, s]));
  return {
    mode: deps.config?.mode ?? 'off',
    tenants: tenantIds.map((tenantId) => {
      const s = states.get(tenantId);
      return {
        tenantId,
        phase: s?.phase ?? 'idle',
        lastSuccessAt: s?.lastSuccessAt ?? null,
        lastFullSyncAt: s?.lastFullSyncAt ?? null,
        runStartedAt: s?.runStartedAt ?? null,
        usersSeen: Number(s?.usersSeen ?? 0),
        usersChanged: Number(s?.usersChanged ?? 0),
        usersDeparted: Number(s?.usersDeparted ?? 0),
        lastError: s?.lastError ?? null,
        lastErrorAt: s?.lastErrorAt ?? null,
      };
    }),
    people: await peopleCounts(deps.db),
  };
}

/**
 * One sync of each configured tenant (or just `tenantId`), each under its lease. Graph and Entra
 * failures are recorded in the tenant's state and the next run resumes; this only throws
 * `conflict` when sync is off and `not-found` for a tenant that isn't configured.
 */
export async function syncDirectory(deps: DirectorySyncDeps, options: { tenantId?: string } = {}): Promise<DirectoryTenantOutcome[]> {
  const { config, directory } = deps;
  if (!config || !directory) throw new AppError('conflict', 'Directory sync is off: set DIRECTORY_SYNC to enrolled or tenant (it needs Entra sign-in and ENTRA_CLIENT_SECRET).');
  if (options.tenantId !== undefined && !config.tenantIds.includes(options.tenantId)) throw AppError.notFound(`Tenant ${options.tenantId}`);
  const tenantIds = options.tenantId !== undefined ? [options.tenantId] : config.tenantIds;
  const outcomes: DirectoryTenantOutcome[] = [];
  for (const tenantId of tenantIds) outcomes.push(await syncTenant(deps, config, directory.forTenant(tenantId), tenantId));
  return outcomes;
}

interface Round {
  tenantId: string;
  mode: DirectoryConfig['mode'];
  kind: 'full' | 'delta';
  /** when the round began: a full round's users synced before it and not seen since have left */
  startedAt: string;
  /** the next page committed is the round's first: its figures replace the last round's */
  first: boolean;
}

async function syncTenant(deps: DirectorySyncDeps, config: DirectoryConfig, graph: GraphDirectory, tenantId: string): Promise<DirectoryTenantOutcome> {
  const lease = `directory-sync:${tenantId}`;
  runs += 1;
  const holder = `${PROCESS_HOLDER}#${runs}`;
  const leaseUntil = () => new Date(deps.clock.now().getTime() + LEASE_MS).toISOString();
  const startedAt = deps.clock.now().toISOString();
  const busy = { tenantId, outcome: 'busy' as const, usersSeen: 0, usersChanged: 0, usersDeparted: 0, error: null };
  if (!(await acquireLease(deps.db, lease, holder, startedAt, leaseUntil()))) return busy;
  try {
    const state = await ensureSyncState(deps.db, tenantId, startedAt);
    let link: string | null;
    let round: Round;
    if (state.nextLink) {
      // An interrupted round: carry on where its last committed page left off.
      link = state.nextLink;
      round = { tenantId, mode: config.mode, kind: state.phase === 'delta' ? 'delta' : 'full', startedAt: state.runStartedAt ?? startedAt, first: false };
    } else {
      link = state.deltaLink;
      round = { tenantId, mode: config.mode, kind: link ? 'delta' : 'full', startedAt, first: true };
      await updateSyncState(deps.db, tenantId, { phase: round.kind, runStartedAt: startedAt, updatedAt: startedAt });
    }
    let restarted = false;
    try {
      for (;;) {
        let page: DirectoryPage;
        try {
          page = await graph.usersDelta(link);
        } catch (error) {
          // The sync state behind the link has expired: start over with everyone, once per run.
          if (!(error instanceof DeltaTokenExpired) || restarted || link === null) throw error;
          restarted = true;
          deps.logger?.info({ job: 'directory-sync', tenantId, reason: error.message }, 'delta token expired: full directory resync');
          const now = deps.clock.now().toISOString();
          await updateSyncState(deps.db, tenantId, { phase: 'full', nextLink: null, deltaLink: null, runStartedAt: now, updatedAt: now });
          link = null;
          round = { ...round, kind: 'full', startedAt: now, first: true };
          continue;
        }
        await applyPage(deps, graph, round, page);
        round = { ...round, first: false };
        if (!page.nextLink) break;
        link = page.nextLink;
        // Out of time (a stalled page): another run has taken over and carries on from this link.
        if (!(await renewLease(deps.db, lease, holder, leaseUntil()))) return { ...busy, ...(await figures(deps, tenantId)) };
      }
    } catch (error) {
      const problem = error instanceof GraphProblem ? error : null;
      const message = problem ? `${problem.kind}: ${problem.message}` : `internal: ${error instanceof Error ? error.message : String(error)}`;
      const now = deps.clock.now().toISOString();
      await updateSyncState(deps.db, tenantId, { lastError: message.slice(0, 1000), lastErrorAt: now, updatedAt: now });
      deps.logger?.warn({ job: 'directory-sync', tenantId, err: error }, 'directory sync stopped; the next run resumes');
      return { ...(await figures(deps, tenantId)), outcome: 'failed', error: message };
    }
    return { ...(await figures(deps, tenantId)), outcome: 'done', error: null };
  } finally {
    await releaseLease(deps.db, lease, holder);
  }
}

async function figures(deps: DirectorySyncDeps, tenantId: string) {
  const [s] = await findSyncStates(deps.db, [tenantId]);
  return { tenantId, usersSeen: Number(s?.usersSeen ?? 0), usersChanged: Number(s?.usersChanged ?? 0), usersDeparted: Number(s?.usersDeparted ?? 0) };
}

/** What a page asks to write, gathered from Graph before the transaction opens. */
interface PagePlan {
  /** in scope, by object id: the page's own users plus manager-chain members and catch-ups */
  users: Map<string, DirectoryUser>;
  /** object ids the directory no longer has (`@removed`, or 404 when read) */
  removed: Set<string>;
}

/**
 * One page: read whatever it leaves open (managers, manager chains, the full record of people
 * new to Tandem), then write the users and the round's progress in one transaction.
 */
async function applyPage(deps: DirectorySyncDeps, graph: GraphDirectory, round: Round, page: DirectoryPage): Promise<void> {
  const { db } = deps;
  const pageUsers = new Map(page.users.map((u) => [u.id, u]));
  const last = page.nextLink === null;
  const known = await usersByObjectIds(db, round.tenantId, [...pageUsers.keys(), ...page.removed.map((r) => r.id)]);
  const plan: PagePlan = { users: new Map(), removed: new Set(page.removed.filter((r) => !pageUsers.has(r.id)).map((r) => r.id)) };

  const emailOf = (u: DirectoryUser) => (u.mail ?? u.userPrincipalName ?? '').toLowerCase();
  // People the CSV import added are known too, by email, until the directory takes their row over.
  const imported =
    round.mode === 'enrolled'
      ? await importedEmailsAmong(db, round.tenantId, [...pageUsers.values()].filter((u) => !known.has(u.id) && emailOf(u)).map(emailOf), IMPORT_OBJECT_ID_PREFIX)
      : new Set<string>();
  for (const user of pageUsers.values()) {
    if (round.mode === 'tenant' || known.has(user.id) || imported.has(emailOf(user))) plan.users.set(user.id, user);
  }
  if (last) {
    // The round is about to end: people Tandem met since the last full round join it now.
    const pending = (await unsyncedKnownObjectIds(db, round.tenantId, CATCH_UP_LIMIT, IMPORT_OBJECT_ID_PREFIX)).filter((id) => !plan.users.has(id) && !plan.removed.has(id));
    await readInFull(graph, pending, plan);
  }

  // People new to Tandem need their whole record; a delta round may describe them only in part.
  const incomplete = [...plan.users.values()].filter(
    (u) => !known.has(u.id) && (round.kind === 'delta' || u.displayName === undefined || (u.mail === undefined && u.userPrincipalName === undefined)),
  );
  await readInFull(graph, incomplete.map((u) => u.id), plan);

  // A full round must know everyone's manager; delta leaves some out, so ask for those.
  if (round.kind === 'full') {
    const unknownManagers = [...plan.users.values()].filter((u) => u.manager === undefined).map((u) => u.id);
    if (unknownManagers.length > 0) {
      const managers = await graph.managersOf(unknownManagers);
      for (const id of unknownManagers) plan.users.set(id, { ...plan.users.get(id)!, manager: managers.get(id) ?? null });
    }
  }

  await walkManagerChains(deps, graph, round, plan, pageUsers);

  const now = deps.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const counts = await writePlan(trx, round, plan, now);
    if (last && round.kind === 'full') {
      // Everyone the directory still has was seen in this round (their directory_synced_at moved).
      const gone = await entraUsersNotSeenSince(trx, round.tenantId, round.startedAt);
      await markDirectoryDeleted(
        trx,
        gone.map((u) => u.id),
        now,
      );
      const departed = gone.filter((u) => u.accountEnabled === 1).map((u) => u.id);
      if (departed.length > 0) await handleDepartures(trx, departed, now);
      counts.changed += gone.length;
      counts.departed += departed.length;
    }
    const progress: SyncStateChanges = last
      ? {
          phase: 'idle',
          nextLink: null,
          deltaLink: page.deltaLink,
          lastSuccessAt: now,
          ...(round.kind === 'full' ? { lastFullSyncAt: now } : {}),
          lastError: null,
          lastErrorAt: null,
          updatedAt: now,
        }
      : { phase: round.kind, nextLink: page.nextLink, updatedAt: now };
    if (round.first) {
      await updateSyncState(trx, round.tenantId, { ...progress, usersSeen: counts.seen, usersChanged: counts.changed, usersDeparted: counts.departed });
    } else {
      await addSyncCounts(trx, round.tenantId, counts, progress);
    }
  });
}

/** Reads users one by one (in `$batch`es) into the plan; those the directory no longer has are removed. */
async function readInFull(graph: GraphDirectory, objectIds: string[], plan: PagePlan): Promise<void> {
  if (objectIds.length === 0) return;
  const read = await graph.usersByIds(objectIds);
  for (const id of objectIds) {
    const user = read.get(id);
    if (user) plan.users.set(id, user);
    else {
      plan.users.delete(id);
      plan.removed.add(id);
    }
  }
}

/**
 * Reporting-line exclusion needs every manager above the people in scope: managers Tandem
 * doesn't have yet are read (and written with the page), level by level, cycle-safe.
 */
async function walkManagerChains(deps: DirectorySyncDeps, graph: GraphDirectory, round: Round, plan: PagePlan, pageUsers: Map<string, DirectoryUser>): Promise<void> {
  const visited = new Set(plan.users.keys());
  for (let depth = 0; depth < MAX_CHAIN_DEPTH; depth++) {
    const wanted = [...new Set([...plan.users.values()].map((u) => u.manager).filter((m): m is string => typeof m === 'string' && !visited.has(m)))];
    if (wanted.length === 0) return;
    for (const id of wanted) visited.add(id);
    const inTandem = await usersByObjectIds(deps.db, round.tenantId, wanted);
    const toRead: string[] = [];
    const managerUnknown: string[] = [];
    for (const id of wanted) {
      if (inTandem.has(id)) continue;
      // A full round's page describes its users completely, but for managers delta left out.
      const fromPage = round.kind === 'full' ? pageUsers.get(id) : undefined;
      if (fromPage) {
        plan.users.set(id, fromPage);
        if (fromPage.manager === undefined) managerUnknown.push(id);
      } else {
        toRead.push(id);
      }
    }
    if (managerUnknown.length > 0) {
      const managers = await graph.managersOf(managerUnknown);
      for (const id of managerUnknown) plan.users.set(id, { ...plan.users.get(id)!, manager: managers.get(id) ?? null });
    }
    await readInFull(graph, toRead, plan);
  }
}

interface PageCounts {
  seen: number;
  changed: number;
  departed: number;
}

type Fields = Pick<UsersTable, 'email' | 'displayName' | 'department' | 'jobTitle' | 'officeLocation' | 'usageLocation' | 'accountEnabled'>;

/** The row's directory fields after this answer: what Graph left out stays as it was. */
function fieldsAfter(user: DirectoryUser, row: DirectoryUserRow | undefined): Fields {
  const given = <K extends keyof DirectoryUser>(key: K) => user[key] !== undefined;
  const pick = (key: 'department' | 'jobTitle' | 'officeLocation' | 'usageLocation') => (given(key) ? (user[key] ?? null) : (row?.[key] ?? null));
  const mailOrUpn = given('mail') || given('userPrincipalName') ? (user.mail ?? user.userPrincipalName ?? null) : null;
  const email = mailOrUpn ?? row?.email ?? '';
  const usage = pick('usageLocation');
  return {
    email,
    displayName: user.displayName ?? row?.displayName ?? email,
    department: pick('department'),
    jobTitle: pick('jobTitle'),
    officeLocation: pick('officeLocation'),
    // ISO 3166 alpha-2; anything else isn't a usage location Tandem can use.
    usageLocation: usage && /^[A-Za-z]{2}$/.test(usage) ? usage.toUpperCase() : null,
    accountEnabled: given('accountEnabled') && user.accountEnabled !== null ? (user.accountEnabled ? 1 : 0) : (row?.accountEnabled ?? 1),
  };
}

const FIELD_NAMES = ['email', 'displayName', 'department', 'jobTitle', 'officeLocation', 'usageLocation', 'accountEnabled'] as const;

async function writePlan(trx: Kysely<Database>, round: Round, plan: PagePlan, now: string): Promise<PageCounts> {
  const { tenantId } = round;
  const rows = await usersByObjectIds(trx, tenantId, [...plan.users.keys(), ...plan.removed]);
  const changed = new Set<string>();
  const departed: string[] = [];
  // A person may come up twice in a round (read as someone's manager, then in a later page).
  let seen = 0;

  for (const user of plan.users.values()) {
    let row = rows.get(user.id);
    const fields = fieldsAfter(user, row);
    if (!row && fields.email) {
      // The CSV import may have added this person first; the directory takes the row over.
      const imported = await findImportedByEmail(trx, tenantId, fields.email, IMPORT_OBJECT_ID_PREFIX);
      if (imported) {
        await updateDirectoryUser(trx, imported.id, { entraObjectId: user.id });
        row = { ...imported, entraObjectId: user.id };
        rows.set(user.id, row);
      }
    }
    if (!row) {
      const id = uuidv7();
      await insertDirectoryUser(trx, {
        id,
        tenantId,
        entraObjectId: user.id,
        ...fields,
        managerId: null,
        timeZone: null,
        lastSeenAt: null,
        directorySyncedAt: now,
        createdAt: now,
        updatedAt: now,
        directoryDeletedAt: null,
        directorySource: 'entra',
      });
      rows.set(user.id, { id, entraObjectId: user.id, ...fields, managerId: null, directoryDeletedAt: null, directorySource: 'entra', directorySyncedAt: now });
      changed.add(user.id);
      seen += 1;
      continue;
    }
    if (row.directorySyncedAt === null || row.directorySyncedAt < round.startedAt) seen += 1;
    const differs = FIELD_NAMES.some((f) => row[f] !== fields[f]) || row.directoryDeletedAt !== null || row.directorySource !== 'entra';
    const update: Updateable<UsersTable> = { directorySyncedAt: now, directorySource: 'entra' };
    if (differs) Object.assign(update, fields, { directoryDeletedAt: null, updatedAt: now });
    await updateDirectoryUser(trx, row.id, update);
    if (differs) changed.add(user.id);
    const wasActive = row.accountEnabled === 1 && row.directoryDeletedAt === null;
    if (wasActive && fields.accountEnabled === 0) departed.push(row.id);
    rows.set(user.id, { ...row, ...fields, directoryDeletedAt: null, directorySource: 'entra', directorySyncedAt: now });
  }

  // Managers last: a manager may be a row this same page created.
  for (const user of plan.users.values()) {
    if (user.manager === undefined) continue;
    const row = rows.get(user.id)!;
    let managerId: string | null = null;
    if (user.manager !== null && user.manager !== user.id) {
      let manager = rows.get(user.manager);
      if (!manager) {
        manager = (await usersByObjectIds(trx, tenantId, [user.manager])).get(user.manager);
        if (manager) rows.set(user.manager, manager);
      }
      managerId = manager?.id ?? null;
    }
    if (row.managerId !== managerId) {
      await updateDirectoryUser(trx, row.id, { managerId, updatedAt: now });
      rows.set(user.id, { ...row, managerId });
      changed.add(user.id);
    }
  }

  const gone = [...plan.removed].map((id) => rows.get(id)).filter((row): row is DirectoryUserRow => row !== undefined && row.directoryDeletedAt === null);
  await markDirectoryDeleted(
    trx,
    gone.map((row) => row.id),
    now,
  );
  for (const row of gone) {
    changed.add(row.entraObjectId);
    if (row.accountEnabled === 1) departed.push(row.id);
  }

  if (departed.length > 0) await handleDepartures(trx, departed, now);
  return { seen, changed: changed.size, departed: departed.length };
}
