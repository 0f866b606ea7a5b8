import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { DIRECTORY_DELTA_SELECT } from '../../api/src/graph/graph-client';
import { createTestApp, type TestApp } from '../support/app';
import { testClock, type TestClock } from '../support/clock';
import { startEntraStandIn, type EntraStandIn } from '../support/entra-stand-in';
import { fixtures } from '../support/fixtures';
import { graphCsdl } from '../support/graph-csdl';
import { startGraphDirectoryStandIn, type DirectoryUserInput, type GraphDirectoryStandIn } from '../support/graph-directory-stand-in';

/*
 * Directory sync from Entra ID, end to end: the app's own msal (client credentials) and Graph
 * directory client talk to local stand-ins for Entra ID and Graph, which speak their wire formats
 * and check every path, $select and $expand against Graph's v1.0 CSDL; the database is real SQLite.
 */

const NOW = '2026-12-01T09:00:00.000Z';
const MINUTE = 60_000;
const ADMIN = 'morgan.lee@contoso.example';

/** Object ids as Entra issues them (lower-case GUIDs). */
const OID = {
  ceo: '0c0e0000-0000-4000-8000-000000000001',
  vp: '0c0e0000-0000-4000-8000-000000000002',
  manager: '0c0e0000-0000-4000-8000-000000000003',
  alice: '0c0e0000-0000-4000-8000-000000000004',
  bob: '0c0e0000-0000-4000-8000-000000000005',
  carol: '0c0e0000-0000-4000-8000-000000000006',
  dan: '0c0e0000-0000-4000-8000-000000000007',
  erin: '0c0e0000-0000-4000-8000-000000000008',
  hana: '0c0e0000-0000-4000-8000-000000000009',
  gil: '0c0e0000-0000-4000-8000-00000000000a',
  ivan: '0c0e0000-0000-4000-8000-00000000000b',
} as const;
type Who = keyof typeof OID;

/**
 * The organisation: Cara (CEO) ← Victor (VP) ← Mona (manager) ← Alice; Bob and Ivan report to
 * Victor; Carol and Hana have no manager; Dan and Erin report to Mona but don't use Tandem.
 */
const DIRECTORY: Record<Who, Omit<DirectoryUserInput, 'id'>> = {
  ceo: { displayName: 'Cara Chief', mail: 'cara@contoso.example', userPrincipalName: 'cara@contoso.example', department: 'Executive', jobTitle: 'CEO', officeLocation: 'London', usageLocation: 'GB' },
  vp: { displayName: 'Victor Vance', mail: 'victor@contoso.example', userPrincipalName: 'victor@contoso.example', department: 'Engineering', jobTitle: 'VP Engineering', usageLocation: 'GB', manager: OID.ceo },
  manager: { displayName: 'Mona Marsh', mail: 'mona@contoso.example', userPrincipalName: 'mona@contoso.example', department: 'Engineering', jobTitle: 'Engineering Manager', usageLocation: 'US', manager: OID.vp },
  alice: { displayName: 'Alice Archer', mail: 'alice@contoso.example', userPrincipalName: 'alice@contoso.example', department: 'Engineering', jobTitle: 'Engineer', officeLocation: 'Seattle', usageLocation: 'US', manager: OID.manager },
  // No mailbox: Tandem uses the sign-in name.
  bob: { displayName: 'Bob Baker', mail: null, userPrincipalName: 'bob@contoso.example', department: 'Engineering', jobTitle: 'Principal Engineer', usageLocation: 'GB', manager: OID.vp },
  carol: { displayName: 'Carol Chen', mail: 'carol@contoso.example', userPrincipalName: 'carol@contoso.example', department: 'Sales', jobTitle: 'Account Executive', usageLocation: 'DE' },
  dan: { displayName: 'Dan Dale', mail: 'dan@contoso.example', userPrincipalName: 'dan@contoso.example', department: 'Engineering', manager: OID.manager },
  erin: { displayName: 'Erin Ely', mail: 'erin@contoso.example', userPrincipalName: 'erin@contoso.example', department: 'Engineering', manager: OID.manager },
  hana: { displayName: 'Hana Hart', mail: 'hana@contoso.example', userPrincipalName: 'hana@contoso.example', department: 'Marketing', jobTitle: 'Designer', usageLocation: 'FR' },
  gil: { displayName: 'Gil Grant', mail: 'gil@contoso.example', userPrincipalName: 'gil@contoso.example', department: 'Sales', jobTitle: 'Sales Director', usageLocation: 'DE' },
  ivan: { displayName: 'Ivan Ives', mail: 'ivan@contoso.example', userPrincipalName: 'ivan@contoso.example', department: 'Engineering', jobTitle: 'Staff Engineer', usageLocation: 'GB', manager: OID.vp },
};
/** In the directory from the start; Gil joins later. */
const INITIAL: Who[] = ['ceo', 'vp', 'manager', 'alice', 'bob', 'carol', 'dan', 'erin', 'hana', 'ivan'];
/** The people who use Tandem (signed in or enrolled): the `enrolled` scope starts from them. */
const KNOWN: Who[] = ['alice', 'bob', 'carol', 'hana', 'ivan'];
const CHAIN: Who[] = ['manager', 'vp', 'ceo'];

interface World {
  clock: TestClock;
  entra: EntraStandIn;
  graph: GraphDirectoryStandIn;
  app: TestApp;
  /** Tandem user ids of the known people */
  ids: Record<string, string>;
  program: string;
  close(): Promise<void>;
}

async function world(options: { mode?: 'enrolled' | 'tenant'; maxRetryWaitSeconds?: number } = {}): Promise<World> {
  const clock = testClock(NOW);
  const entra = await startEntraStandIn({ now: () => clock.now() });
  const graph = await startGraphDirectoryStandIn({ entra });
  for (const who of INITIAL) graph.upsertUser({ id: OID[who], ...DIRECTORY[who] });
  graph.pageSize = 3;
  const app = await createTestApp({
    clock,
    env: { ADMIN_EMAILS: ADMIN },
    directory: { entra, graphBaseUrl: graph.baseUrl, mode: options.mode ?? 'enrolled', maxRetryWaitSeconds: options.maxRetryWaitSeconds ?? 5 },
  });
  const ids: Record<string, string> = {};
  for (const who of KNOWN) ids[who] = await signedInBefore(app, entra, who);
  // A program where Bob mentors Carol, Alice waits on Bob and Hana on Ivan.
  const f = fixtures(app.db);
  const program = await f.program('Grow Together');
  await f.enrol(program, ids.bob!, 'mentor');
  await f.enrol(program, ids.ivan!, 'mentor');
  for (const who of ['alice', 'carol', 'hana'] as const) await f.enrol(program, ids[who]!, 'mentee');
  await f.pair(program, ids.bob!, ids.carol!, { startedAt: '2026-11-01T00:00:00.000Z', agreedAt: '2026-11-02T00:00:00.000Z' });
  await pendingRequest(app, program, ids.alice!, ids.bob!);
  await pendingRequest(app, program, ids.hana!, ids.ivan!);
  return {
    clock,
    entra,
    graph,
    app,
    ids,
    program,
    async close() {
      await app.close();
      await graph.close();
      await entra.close();
    },
  };
}

/** A person as their sign-in left them: name and email from the token, no directory data. */
async function signedInBefore(app: TestApp, entra: EntraStandIn, who: Who): Promise<string> {
  const id = uuidv7();
  const p = DIRECTORY[who];
  await app.db.kysely
    .insertInto('users')
    .values({
      id, tenantId: entra.tenantId, entraObjectId: OID[who], email: p.userPrincipalName!, displayName: p.displayName!.split(' ')[0]!, department: null,
      jobTitle: null, officeLocation: null, managerId: null, timeZone: 'Europe/London', accountEnabled: 1, lastSeenAt: '2026-11-20T08:00:00.000Z',
      directorySyncedAt: null, createdAt: '2026-11-20T08:00:00.000Z', updatedAt: '2026-11-20T08:00:00.000Z',
    })
    .execute();
  return id;
}

async function pendingRequest(app: TestApp, programId: string, menteeId: string, mentorId: string): Promise<string> {
  const id = uuidv7();
  const at = '2026-11-25T10:00:00.000Z';
  await app.db.kysely
    .insertInto('mentorshipRequests')
    .values({ id, programId, menteeId, mentorId, message: 'Would you mentor me?', status: 'pending', declineReason: null, respondedAt: null, pairId: null, createdAt: at, updatedAt: at })
    .execute();
  return id;
}

const usersByOid = async (w: World) => {
  const rows = await w.app.db.kysely.selectFrom('users').selectAll().where('tenantId', '=', w.entra.tenantId).execute();
  return new Map(rows.map((r) => [r.entraObjectId, r]));
};
const state = (w: World) => w.app.db.kysely.selectFrom('directorySyncState').selectAll().where('tenantId', '=', w.entra.tenantId).executeTakeFirstOrThrow();
const deltaRequests = (w: World) => w.graph.requests.filter((r) => r.path === '/users/delta');
const batchUrls = (w: World) => w.graph.requests.filter((r) => r.path === '/$batch').flatMap((r) => r.batch ?? []);
const oidsOf = (who: Who[]) => who.map((x) => OID[x]).sort();

/** Runs the sync once, a minute after the last thing that happened (time moves between runs). */
async function sync(w: World) {
  w.clock.advance(MINUTE);
  const [outcome] = await w.app.jobs.syncDirectory();
  return outcome!;
}

async function asAdmin(w: World, path: string) {
  const token = await w.entra.sign({ oid: randomUUID(), tid: w.entra.tenantId, preferred_username: ADMIN, name: 'Morgan Lee', uti: randomUUID() }, { now: w.clock.now() });
  return request(w.app.http).get(path).set('Authorization', `Bearer ${token}`);
}

describe('Directory sync from Entra ID', () => {
  let w: World;
  afterEach(async () => {
    // Every request Tandem sent used paths and names that exist in Graph's v1.0 metadata.
    expect(w.graph.contractViolations).toEqual([]);
    await w.close();
  });

  describe('a first full sync', () => {
    it('in enrolled scope writes the people Tandem knows and their manager chains, and nobody else', async () => {
      w = await world();
      // Graph sometimes leaves a manager out of delta: Tandem then asks for it with $batch.
      w.graph.withholdManagerInDelta(OID.alice);

      const outcome = await sync(w);
      expect(outcome).toMatchObject({ outcome: 'done', error: null, usersSeen: 8, usersChanged: 8, usersDeparted: 0 });

      const users = await usersByOid(w);
      const fromEntra = [...users.values()].filter((u) => u.directorySource === 'entra').map((u) => u.entraObjectId).sort();
      expect(fromEntra).toEqual(oidsOf([...KNOWN, ...CHAIN]));
      expect(users.has(OID.dan)).toBe(false);
      expect(users.has(OID.erin)).toBe(false);

      const alice = users.get(OID.alice)!;
      expect(alice).toMatchObject({
        displayName: 'Alice Archer', email: 'alice@contoso.example', department: 'Engineering', jobTitle: 'Engineer', officeLocation: 'Seattle',
        usageLocation: 'US', accountEnabled: 1, directoryDeletedAt: null, directorySource: 'entra', directorySyncedAt: w.clock.now().toISOString(),
        // What the directory doesn't hold stays as it was.
        timeZone: 'Europe/London',
      });
      expect(users.get(OID.bob)!.email).toBe('bob@contoso.example');
      // The reporting line, up to the top, as Tandem ids.
      const idOf = (who: Who) => users.get(OID[who])!.id;
      expect(alice.managerId).toBe(idOf('manager'));
      expect(users.get(OID.manager)!.managerId).toBe(idOf('vp'));
      expect(users.get(OID.vp)!.managerId).toBe(idOf('ceo'));
      expect(users.get(OID.ceo)!.managerId).toBeNull();
      expect(users.get(OID.bob)!.managerId).toBe(idOf('vp'));
      expect(users.get(OID.carol)!.managerId).toBeNull();

      expect(await state(w)).toMatchObject({
        phase: 'idle', nextLink: null, lastError: null, usersSeen: 8, usersChanged: 8, usersDeparted: 0,
        lastSuccessAt: w.clock.now().toISOString(), lastFullSyncAt: w.clock.now().toISOString(), runStartedAt: w.clock.now().toISOString(),
      });
      expect((await state(w)).deltaLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\/delta\?\$deltatoken=/);

      // One app-only token (msal caches it) for all of it.
      expect(w.entra.appTokenRequests).toBe(1);
    });

    it('asks Graph only for what the contract names, in Graph v1.0 terms', async () => {
      w = await world();
      w.graph.withholdManagerInDelta(OID.alice);
      await sync(w);

      const [first, ...rest] = deltaRequests(w);
      expect(first!.query).toEqual({ $select: 'id,displayName,mail,userPrincipalName,department,jobTitle,officeLocation,usageLocation,accountEnabled,manager' });
      expect(DIRECTORY_DELTA_SELECT).toBe(first!.query.$select);
      // Each selected name is a property (or, for manager, a navigation property) of user in the CSDL.
      const csdl = graphCsdl();
      for (const name of first!.query.$select!.split(',')) {
        expect(csdl.checkType('user', { [name]: name === 'accountEnabled' ? true : name === 'manager' ? {} : 'x' }, { partial: true })).toEqual([]);
      }
      // Later pages follow Graph's own links, adding nothing.
      expect(rest.length).toBeGreaterThan(0);
      for (const page of rest) expect(Object.keys(page.query)).toEqual(['$skiptoken']);

      // Managers delta didn't give, and the chain above the people Tandem knows, through $batch.
      const urls = batchUrls(w);
      expect(urls).toContain(`GET /users/${OID.alice}/manager?$select=id`);
      expect(urls).toContain(`GET /users/${OID.carol}/manager?$select=id`);
      expect(urls.filter((u) => u.includes('$expand')).sort()).toEqual(
        CHAIN.map((who) => `GET /users/${OID[who]}?$select=id,displayName,mail,userPrincipalName,department,jobTitle,officeLocation,usageLocation,accountEnabled&$expand=manager($select=id)`).sort(),
      );
      for (const batch of w.graph.requests.filter((r) => r.path === '/$batch')) {
        expect(batch.status).toBe(200);
        expect((batch.body as { requests: unknown[] }).requests.length).toBeLessThanOrEqual(20);
      }

      // And the stand-in's checks are real: a name user doesn't have is refused.
      const token = await appToken(w.entra);
      const res = await fetch(`${w.graph.baseUrl}/users/delta?$select=id,department,costCentre`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(400);
      expect(w.graph.contractViolations).toEqual([expect.stringContaining('costCentre')]);
      w.graph.contractViolations.length = 0;
    });

    it('in tenant scope writes everyone in the directory', async () => {
      w = await world({ mode: 'tenant' });
      const outcome = await sync(w);
      expect(outcome).toMatchObject({ outcome: 'done', usersSeen: INITIAL.length, usersChanged: INITIAL.length });
      const users = await usersByOid(w);
      expect([...users.keys()].sort()).toEqual(oidsOf(INITIAL));
      expect(users.get(OID.dan)).toMatchObject({ displayName: 'Dan Dale', directorySource: 'entra', managerId: users.get(OID.manager)!.id, timeZone: null, lastSeenAt: null });
      // Nobody is read twice: the whole directory came through delta pages.
      expect(batchUrls(w).filter((u) => u.includes('$expand'))).toEqual([]);
    });

    it('reads managers with $batch, 20 requests per batch and at most 4 batches at once', async () => {
      w = await world({ mode: 'tenant' });
      // 150 more people, none of whom delta reports a manager for (with Cara, Carol and Hana,
      // who have none, that makes 153 to ask about).
      for (let i = 0; i < 150; i++) {
        const id = `0c0e1111-0000-4000-8000-${String(i).padStart(12, '0')}`;
        w.graph.upsertUser({ id, displayName: `Person ${i}`, mail: `person${i}@contoso.example`, userPrincipalName: `person${i}@contoso.example`, manager: OID.ceo });
        w.graph.withholdManagerInDelta(id);
      }
      w.graph.pageSize = 200;
      w.graph.delayMs = 20;
      const outcome = await sync(w);
      expect(outcome).toMatchObject({ outcome: 'done', usersSeen: 160 });
      const batches = w.graph.requests.filter((r) => r.path === '/$batch');
      expect(batches.map((b) => (b.body as { requests: unknown[] }).requests.length).sort((a, b) => b - a)).toEqual([20, 20, 20, 20, 20, 20, 20, 13]);
      expect(w.graph.maxBatchesInFlight).toBe(4);
      const users = await usersByOid(w);
      expect(users.get('0c0e1111-0000-4000-8000-000000000149')!.managerId).toBe(users.get(OID.ceo)!.id);
    });
  });

  describe('a delta round', () => {
    it('applies a new person, a changed department, a new manager, a disabled account and a deleted one', async () => {
      w = await world();
      await sync(w);
      const deltaLink = (await state(w)).deltaLink!;

      // Gil joins as Carol's new manager; Alice moves to Platform; Bob's account is disabled;
      // Hana is deleted; Dan (whom Tandem doesn't know) changes too.
      w.graph.upsertUser({ id: OID.gil, ...DIRECTORY.gil });
      w.graph.upsertUser({ id: OID.carol, manager: OID.gil });
      w.graph.upsertUser({ id: OID.alice, department: 'Platform' });
      w.graph.upsertUser({ id: OID.bob, accountEnabled: false });
      w.graph.deleteUser(OID.hana, 'deleted');
      w.graph.upsertUser({ id: OID.dan, department: 'Platform' });

      const outcome = await sync(w);
      expect(outcome).toMatchObject({ outcome: 'done', error: null, usersDeparted: 2 });
      expect(deltaRequests(w).filter((r) => r.query.$deltatoken)[0]!.query.$deltatoken).toBe(new URL(deltaLink).searchParams.get('$deltatoken'));

      const users = await usersByOid(w);
      expect(users.get(OID.gil)).toMatchObject({ displayName: 'Gil Grant', email: 'gil@contoso.example', department: 'Sales', jobTitle: 'Sales Director', directorySource: 'entra', accountEnabled: 1 });
      expect(users.get(OID.carol)!.managerId).toBe(users.get(OID.gil)!.id);
      // Only the department changed: the rest of Alice's row is as the first sync left it.
      expect(users.get(OID.alice)).toMatchObject({ department: 'Platform', jobTitle: 'Engineer', officeLocation: 'Seattle', managerId: users.get(OID.manager)!.id });
      expect(users.get(OID.bob)).toMatchObject({ accountEnabled: 0, directoryDeletedAt: null, displayName: 'Bob Baker' });
      // Deleted in Entra: the row stays, marked, with everything Hana wrote.
      expect(users.get(OID.hana)).toMatchObject({ accountEnabled: 0, directoryDeletedAt: w.clock.now().toISOString(), displayName: 'Hana Hart' });
      expect(users.has(OID.dan)).toBe(false);
      expect(await state(w)).toMatchObject({ phase: 'idle', usersSeen: 4, usersChanged: 5, usersDeparted: 2, lastFullSyncAt: new Date(Date.parse(NOW) + MINUTE).toISOString() });

      // Departures: Alice's request to Bob is declined, Hana's request is withdrawn...
      const requests = await w.app.db.kysely.selectFrom('mentorshipRequests').select(['menteeId', 'status', 'declineReason']).execute();
      expect(requests.find((r) => r.menteeId === w.ids.alice)).toMatchObject({ status: 'declined', declineReason: expect.stringMatching(/no longer in the organisation/i) });
      expect(requests.find((r) => r.menteeId === w.ids.hana)).toMatchObject({ status: 'withdrawn' });
      // ...while Bob and Carol's pair is still active, and admins see it at risk because Bob left.
      const pair = await w.app.db.kysely.selectFrom('pairs').select('status').where('mentorId', '=', w.ids.bob!).executeTakeFirstOrThrow();
      expect(pair.status).toBe('active');
      const atRisk = await asAdmin(w, `/api/admin/pairs-at-risk?programId=${w.program}`);
      expect(atRisk.status).toBe(200);
      const bobAndCarol = (atRisk.body as Array<{ mentor: { id: string }; reasons: Array<{ code: string }> }>).find((p) => p.mentor.id === w.ids.bob);
      expect(bobAndCarol?.reasons.map((r) => r.code)).toContain('member-left');
    });

    it('brings a re-enabled account back and removes a manager Graph took away', async () => {
      w = await world();
      await sync(w);
      w.graph.upsertUser({ id: OID.bob, accountEnabled: false });
      await sync(w);
      w.graph.upsertUser({ id: OID.bob, accountEnabled: true });
      w.graph.upsertUser({ id: OID.alice, manager: null });
      const outcome = await sync(w);
      expect(outcome).toMatchObject({ outcome: 'done', usersChanged: 2, usersDeparted: 0 });
      const users = await usersByOid(w);
      expect(users.get(OID.bob)).toMatchObject({ accountEnabled: 1, directoryDeletedAt: null });
      expect(users.get(OID.alice)!.managerId).toBeNull();
    });
  });

  describe.each(['syncStateNotFound', 'resyncRequired'] as const)('an expired delta token (%s)', (code) => {
    it('starts a full resync, and people the directory no longer has are treated as deleted', async () => {
      w = await world();
      await sync(w);
      // Carol is removed and the delta token expires before Tandem hears about it.
      w.graph.deleteUser(OID.carol, 'deleted');
      w.graph.upsertUser({ id: OID.ivan, jobTitle: 'Principal Engineer' });
      w.graph.expireTokens(code);

      const outcome = await sync(w);
      expect(outcome).toMatchObject({ outcome: 'done', error: null, usersDeparted: 1 });
      const calls = deltaRequests(w).slice(-4);
      expect(calls[0]).toMatchObject({ status: 410, query: { $deltatoken: expect.any(String) } });
      expect(calls[1]).toMatchObject({ status: 200, query: { $select: DIRECTORY_DELTA_SELECT } });

      const users = await usersByOid(w);
      expect(users.get(OID.carol)).toMatchObject({ directoryDeletedAt: w.clock.now().toISOString(), accountEnabled: 0 });
      expect(users.get(OID.ivan)!.jobTitle).toBe('Principal Engineer');
      expect(await state(w)).toMatchObject({ phase: 'idle', nextLink: null, lastFullSyncAt: w.clock.now().toISOString(), usersSeen: 7, usersDeparted: 1 });
      // Carol's pair with Bob stays, for an admin to settle.
      expect((await w.app.db.kysely.selectFrom('pairs').select('status').executeTakeFirstOrThrow()).status).toBe('active');
    });
  });

  describe('throttling', () => {
    it('honours a short Retry-After and carries on', async () => {
      w = await world();
      w.graph.fail({ path: /^\/users\/delta$/, hasQuery: '$skiptoken' }, { status: 429, retryAfterSeconds: 1 });
      w.graph.fail({ batchItem: true, path: /\/manager$/ }, { status: 429, retryAfterSeconds: 1 });
      const started = Date.now();
      const outcome = await sync(w);
      expect(outcome).toMatchObject({ outcome: 'done', error: null, usersSeen: 8 });
      const page2 = deltaRequests(w).filter((r) => r.query.$skiptoken);
      expect(page2.map((r) => r.status)).toEqual([429, 200, 200, 200]);
      expect(page2[0]!.query.$skiptoken).toBe(page2[1]!.query.$skiptoken);
      // Both waits were real: the page's and the throttled batch item's.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect((await usersByOid(w)).get(OID.carol)!.directorySource).toBe('entra');
    });

    it('ends the run when Graph asks for a longer wait, records it, and the next run resumes', async () => {
      w = await world();
      w.graph.fail({ path: /^\/users\/delta$/, hasQuery: '$skiptoken' }, { status: 429, retryAfterSeconds: 120 });
      const first = await sync(w);
      expect(first).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^throttled: /) });
      const stopped = await state(w);
      expect(stopped).toMatchObject({ phase: 'full', lastErrorAt: w.clock.now().toISOString(), lastSuccessAt: null });
      expect(stopped.nextLink).toMatch(/\$skiptoken=/);

      const second = await sync(w);
      expect(second).toMatchObject({ outcome: 'done', usersSeen: 8, usersChanged: 8 });
      expect(await state(w)).toMatchObject({ phase: 'idle', lastError: null, lastErrorAt: null });
    });
  });

  describe.each([
    ['a connection reset', { reset: true as const }],
    ['a 500', { status: 500 }],
  ])('a run interrupted by %s after its first page', (_label, fault) => {
    it('resumes from the stored next link with no duplicate people and the right figures', async () => {
      w = await world({ mode: 'tenant' });
      w.graph.fail({ path: /^\/users\/delta$/, hasQuery: '$skiptoken' }, fault);

      const first = await sync(w);
      expect(first).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^unreachable: /), usersSeen: 3 });
      const stopped = await state(w);
      expect(stopped).toMatchObject({ phase: 'full', usersSeen: 3, lastSuccessAt: null });
      expect(stopped.lastError).toMatch(/Microsoft Graph/);
      expect(await w.app.db.kysely.selectFrom('users').select('id').where('directorySource', '=', 'entra').execute()).toHaveLength(3);

      const before = deltaRequests(w).length;
      const second = await sync(w);
      expect(second).toMatchObject({ outcome: 'done', usersSeen: INITIAL.length, usersChanged: INITIAL.length, usersDeparted: 0 });
      // It went on from the page that failed, not from the start.
      const resumed = deltaRequests(w).slice(before);
      expect(resumed[0]!.query).toEqual({ $skiptoken: new URL(stopped.nextLink!).searchParams.get('$skiptoken') });
      expect(resumed.some((r) => r.query.$select)).toBe(false);

      const rows = await w.app.db.kysely.selectFrom('users').select('entraObjectId').where('tenantId', '=', w.entra.tenantId).execute();
      expect(rows.map((r) => r.entraObjectId).sort()).toEqual(oidsOf(INITIAL));
      // The full round that began in the first run judged nobody gone.
      expect((await usersByOid(w)).get(OID.alice)).toMatchObject({ directoryDeletedAt: null, accountEnabled: 1 });
      expect(await state(w)).toMatchObject({ phase: 'idle', runStartedAt: new Date(Date.parse(NOW) + MINUTE).toISOString() });
    });
  });

  it('two runs at once: one does the work, the other finds the lease taken', async () => {
    w = await world();
    w.graph.delayMs = 30;
    w.clock.advance(MINUTE);
    const [a, b] = await Promise.all([w.app.jobs.syncDirectory(), w.app.jobs.syncDirectory()]);
    expect([a![0]!.outcome, b![0]!.outcome].sort()).toEqual(['busy', 'done']);
    expect(deltaRequests(w).filter((r) => r.query.$select)).toHaveLength(1);
    expect((await state(w)).usersSeen).toBe(8);
    // The lease is given back: the next run works.
    w.graph.upsertUser({ id: OID.alice, jobTitle: 'Senior Engineer' });
    expect(await sync(w)).toMatchObject({ outcome: 'done', usersChanged: 1 });
  });

  describe.each([
    ['Tandem was never consented in the tenant (AADSTS7000229)', 'no-service-principal' as const],
    ['the application permission was not granted (Graph answers 403)', 'no-role' as const],
  ])('when %s', (_label, consent) => {
    it('records consent-required, says what to do, and changes nothing', async () => {
      w = await world();
      w.entra.setAdminConsent(consent);
      const before = await w.app.db.kysely.selectFrom('users').selectAll().orderBy('id').execute();

      const outcome = await sync(w);
      expect(outcome).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^consent-required: .*admin consent.*User\.Read\.All/) });
      expect(await state(w)).toMatchObject({ lastErrorAt: w.clock.now().toISOString(), lastSuccessAt: null, deltaLink: null, nextLink: null, usersSeen: 0 });
      expect(await w.app.db.kysely.selectFrom('users').selectAll().orderBy('id').execute()).toEqual(before);
      expect(w.graph.requests.filter((r) => r.status === 200)).toEqual([]);

      // Once an admin consents, the next run does the work.
      w.entra.setAdminConsent('granted');
      expect(await sync(w)).toMatchObject({ outcome: 'done', usersSeen: 8 });
    });
  });

  describe('people who sign in', () => {
    it('are created from their claims, enriched by the directory, and the directory’s department wins', async () => {
      w = await world();
      // Gil is in the directory, but Tandem doesn't know him: the full round passes him over.
      w.graph.upsertUser({ id: OID.gil, ...DIRECTORY.gil, manager: OID.vp });
      await sync(w);
      expect((await usersByOid(w)).has(OID.gil)).toBe(false);

      // Gil signs in for the first time: the token's claims create him.
      const tokenFor = (claims: Record<string, unknown> = {}) =>
        w.entra.sign({ oid: OID.gil, tid: w.entra.tenantId, preferred_username: 'gil@contoso.example', name: 'Gil G.', uti: randomUUID(), ...claims }, { now: w.clock.now() });
      const me = await request(w.app.http).get('/api/me').set('Authorization', `Bearer ${await tokenFor({ department: 'Sales Ops' })}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ displayName: 'Gil G.', email: 'gil@contoso.example', department: 'Sales Ops' });

      // The next (delta) round didn't see Gil change, yet reads him because Tandem now knows him.
      const outcome = await sync(w);
      expect(outcome).toMatchObject({ outcome: 'done', usersSeen: 1, usersChanged: 1 });
      let gil = (await usersByOid(w)).get(OID.gil)!;
      expect(gil).toMatchObject({ id: me.body.id, department: 'Sales', jobTitle: 'Sales Director', usageLocation: 'DE', directorySource: 'entra', managerId: (await usersByOid(w)).get(OID.vp)!.id });

      // Signing in again refreshes name and email from the token, but not the department.
      w.clock.advance(10 * MINUTE);
      const again = await request(w.app.http).get('/api/me').set('Authorization', `Bearer ${await tokenFor({ department: 'Sales Ops', name: 'Gil Grant-Lee' })}`);
      expect(again.body).toMatchObject({ displayName: 'Gil Grant-Lee', department: 'Sales' });
      gil = (await usersByOid(w)).get(OID.gil)!;
      expect(gil).toMatchObject({ displayName: 'Gil Grant-Lee', department: 'Sales', jobTitle: 'Sales Director' });
    });
  });

  it('admins see each tenant’s state and where people’s data came from', async () => {
    w = await world();
    await sync(w);
    const res = await asAdmin(w, '/api/admin/directory');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      mode: 'enrolled',
      tenants: [{ tenantId: w.entra.tenantId, phase: 'idle', usersSeen: 8, usersChanged: 8, usersDeparted: 0, lastError: null, lastSuccessAt: w.clock.now().toISOString() }],
      people: { fromEntra: 8, fromCsv: 0 },
    });
  });
});

/** An app-only token straight from the Entra stand-in, for probing the Graph stand-in itself. */
async function appToken(entra: EntraStandIn): Promise<string> {
  const res = await fetch(`${entra.authorityHost}/${entra.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: entra.clientId, client_secret: entra.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
