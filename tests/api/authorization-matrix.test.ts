import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { adminFixtures } from '../support/admin-fixtures';
import { createTestApp, type TestApp } from '../support/app';
import { authorizationTable, CALLERS, type Caller, type Outcome } from '../support/authorization-table';
import { pairFixtures } from '../support/pair-fixtures';
import { buildEndpointWorld, type EndpointWorld } from '../support/endpoint-world';

const NOW = '2026-11-25T10:00:00.000Z';
const ADMIN = 'morgan.lee@contoso.example';
const T = '2026-01-01T00:00:00.000Z';

/** Plain letters and digits, so no JSON, CSV or ICS escaping could disguise them in a response. */
const MARK = {
  /** the mentee's private note on a check-in and their rating's comment: only the mentee may ever read them */
  menteePrivate: 'Qx5MenteePrivateText',
  /** the mentor's private note and rating comment on the same check-in */
  mentorPrivate: 'Vb8MentorPrivateText',
  /** what the members wrote for each other (shared notes, goals, action items, agreement, introduction, request) */
  pair: 'Jm3PairSharedText',
};

/** Which markers a caller must never see: members see their pair’s text, and each only their own private text. */
const FORBIDDEN_MARKERS: Record<Caller, string[]> = {
  anonymous: [MARK.menteePrivate, MARK.mentorPrivate, MARK.pair],
  unrelated: [MARK.menteePrivate, MARK.mentorPrivate, MARK.pair],
  admin: [MARK.menteePrivate, MARK.mentorPrivate, MARK.pair],
  mentee: [MARK.mentorPrivate],
  mentor: [MARK.menteePrivate],
};

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Operation {
  key: string;
  method: Method;
  path: string;
  access: string;
  pathParams: string[];
  queryParams: { name: string; required: boolean; values?: string[] }[];
  bodyType?: string;
}

/** Every (operation, caller) gets a world of its own, so a destructive call never spoils another check. */
type World = EndpointWorld;

interface Call {
  query?: string;
  body?: object | string;
  /** the world as this operation needs it (a paused pair to resume, a deleted goal to restore, …) */
  setup?: (w: World) => Promise<void>;
  /** path parameters this operation names differently from the world (`id`) or makes on demand */
  params?: (w: World) => Promise<Record<string, string>> | Record<string, string>;
}

let adminId: string;
let worlds = 0;

async function buildWorld(app: TestApp): Promise<World> {
  const w = await buildEndpointWorld(app, { label: 'authz', n: ++worlds, written: MARK.pair, alsoEnrolAsMentee: adminId });
  const k = app.db.kysely;
  await k.updateTable('mentorshipRequests').set({ message: `Would you mentor me? ${MARK.pair}` }).where('id', '=', w.requestId).execute();
  await k.updateTable('meetings').set({ sharedNotes: `Shared notes ${MARK.pair}` }).where('id', '=', w.meetingId).execute();
  await k
    .insertInto('privateNotes')
    .values([
      { id: uuidv7(), meetingId: w.meetingId, authorId: w.menteeId, body: `Mine alone ${MARK.menteePrivate}`, updatedAt: T },
      { id: uuidv7(), meetingId: w.meetingId, authorId: w.mentorId, body: `Mine alone ${MARK.mentorPrivate}`, updatedAt: T },
    ])
    .execute();
  // A rating is its author's alone too: the partner never sees it.
  await k
    .insertInto('meetingFeedback')
    .values([
      { meetingId: w.meetingId, userId: w.menteeId, rating: 2, comment: `Rated ${MARK.menteePrivate}`, createdAt: T },
      { meetingId: w.meetingId, userId: w.mentorId, rating: 5, comment: `Rated ${MARK.mentorPrivate}`, createdAt: T },
    ])
    .execute();
  await pairFixtures(app).agreement(w.pairId, w.menteeId, { goals: `Our goals ${MARK.pair}` });
  return w;
}

describe('authorization matrix: every operation in the OpenAPI document × every kind of caller', () => {
  let app: TestApp;
  let operations: Operation[];
  const tokens = new Map<string, string>();

  const token = async (email: string) => {
    let t = tokens.get(email);
    if (!t) {
      t = await app.tokenFor(email);
      tokens.set(email, t);
    }
    return t;
  };
  const asAdmin = async (method: Method, path: string, body?: object) => {
    const req = request(app.http)[method](path).set('Authorization', `Bearer ${await token(ADMIN)}`);
    return body === undefined ? req : req.send(body);
  };

  /** A draft match run of the world's program, made by the admin; its first proposal's mentee. */
  const matchRun = async (w: World) => {
    const res = await asAdmin('post', `/api/admin/programs/${w.programId}/match-runs`, {});
    if (res.status !== 201) throw new Error(`match run: ${res.status} ${res.text}`);
    const menteeId = res.body.proposals[0]?.mentee.id as string | undefined;
    if (!menteeId) throw new Error(`match run without proposals: ${res.text}`);
    return { runId: res.body.id as string, menteeId };
  };
  const setPair = async (w: World, status: 'paused' | 'completed') => {
    await app.db.kysely
      .updateTable('pairs')
      .set({ status, pausedAt: status === 'paused' ? T : null, endedAt: status === 'completed' ? T : null })
      .where('id', '=', w.pairId)
      .execute();
  };

  /**
   * What each operation is sent: valid bodies (so an allowed caller gets 2xx, or a 409 of the data),
   * and any world it needs. Operations without a body or special path parameters need no entry.
   */
  const CALLS: Record<string, (w: World, as: Caller) => Call> = {
    'POST /api/dev/token': (w) => ({ body: { email: `authz${w.n}.newcomer@contoso.example` } }),
    'POST /api/programs': (w) => ({
      body: {
        name: `New program ${w.n}`, description: 'A new cohort', kind: 'career-growth', startsOn: '2027-01-04', endsOn: '2027-06-30',
        enrollmentOpensOn: '2026-12-01', enrollmentClosesOn: '2027-01-15', defaultCadence: 'biweekly', matchingMode: 'self',
      },
    }),
    'PATCH /api/programs/{programId}': (w) => ({ body: { name: `Renamed program ${w.n}` } }),
    'POST /api/admin/taxonomy': (w) => ({ body: { kind: 'skill', label: `New skill ${w.n}` } }),
    'PATCH /api/admin/taxonomy/{termId}': (w) => ({ body: { label: `Renamed skill ${w.n}` } }),
    'PUT /api/programs/{programId}/enrollment': (_w, as) => ({ body: { role: as === 'mentor' ? 'mentor' : 'mentee' } }),
    'PATCH /api/programs/{programId}/availability': () => ({ body: { availability: 'paused' } }),
    'POST /api/programs/{programId}/requests': (w) => ({ body: { mentorId: w.mentorId, message: 'I would love to learn how you run design reviews.' } }),
    'POST /api/requests/{requestId}/decline': () => ({ body: { reason: 'My calendar is full this quarter.' } }),
    'POST /api/pairs/{pairId}/resume': () => ({ setup: (w) => setPair(w, 'paused') }),
    'POST /api/pairs/{pairId}/end': () => ({ body: { reason: 'lack-of-time' } }),
    'GET /api/admin/export.csv': () => ({ query: 'dataset=pairs' }),
    'POST /api/admin/programs/{programId}/match-runs': () => ({ body: {} }),
    'GET /api/admin/match-runs/{runId}': () => ({ params: matchRun }),
    'PATCH /api/admin/match-runs/{runId}/proposals/{menteeId}': () => ({ params: matchRun, body: { action: 'lock' } }),
    'POST /api/admin/match-runs/{runId}/rerun': () => ({ params: matchRun }),
    'POST /api/admin/match-runs/{runId}/publish': () => ({ params: matchRun }),
    'POST /api/admin/programs/{programId}/exclusions': (w) => ({ body: { menteeId: w.unrelatedId, mentorId: w.mentorId, reason: 'Same team' } }),
    'DELETE /api/admin/exclusions/{exclusionId}': () => ({
      params: async (w) => {
        const exclusionId = uuidv7();
        await app.db.kysely
          .insertInto('matchExclusions')
          .values({ id: exclusionId, programId: w.programId, menteeId: w.unrelatedId, mentorId: w.mentorId, reason: null, createdBy: adminId, createdAt: T })
          .execute();
        return { exclusionId };
      },
    }),
    'POST /api/admin/programs/{programId}/pair-imports': (w) => ({ query: 'dryRun=true', body: `mentee_email,mentor_email\r\n${w.email.unrelated},${w.email.mentor}\r\n` }),
    'POST /api/admin/directory/import': (w) => ({ body: `email,displayName\r\nauthz${w.n}.imported@contoso.example,Imported ${w.n}\r\n` }),
    'POST /api/pairs/{pairId}/meeting-times': () => ({ body: { durationMinutes: 30, from: '2026-11-30', to: '2026-12-04' } }),
    'POST /api/pairs/{pairId}/meetings': () => ({ body: { start: '2026-12-09T10:00', durationMinutes: 30, timeZone: 'Europe/London' } }),
    'PATCH /api/meetings/{meetingId}': () => ({ body: { agenda: 'Talk through the quarter' } }),
    'PATCH /api/meeting-series/{seriesId}': () => ({ body: { agenda: 'Standing agenda' } }),
    'POST /api/meetings/{meetingId}/feedback': () => ({ body: { rating: 4 } }),
    'PUT /api/meetings/{meetingId}/private-note': () => ({ body: { body: 'Questions to ask next time' } }),
    'GET /api/calendar/{token}.ics': (w) => ({ params: () => ({ token: w.feedToken }) }),
    'PUT /api/pairs/{pairId}/agreement': () => ({
      body: { meetingFrequency: 'biweekly', communicationChannel: 'teams-chat', goals: 'Grow', feedbackStyle: 'Direct', boundaries: 'Work hours only' },
    }),
    'POST /api/pairs/{pairId}/introductions': () => ({ body: { contactName: 'Priya Shah', reason: 'Learn how sales plans a quarter' } }),
    'POST /api/introductions/{introductionId}/respond': () => ({ body: { status: 'made' } }),
    'POST /api/pairs/{pairId}/survey': () => ({
      setup: (w) => setPair(w, 'completed'),
      body: { satisfaction: 4, recommend: 9, skillsGained: true, newContacts: false, promotion: false, confidence: 4 },
    }),
    'POST /api/pairs/{pairId}/pulse': () => ({ body: { satisfaction: 4 } }),
    'POST /api/pairs/{pairId}/goals': () => ({ body: { title: 'Speak at the all-hands', skill: 'Public speaking', mentorRole: 'Rehearsal partner' } }),
    'PATCH /api/goals/{goalId}': () => ({ body: { title: 'Speak at two all-hands' } }),
    'POST /api/goals/{goalId}/steps': () => ({ body: { text: 'Draft an outline' } }),
    'PATCH /api/goals/{goalId}/steps/{stepId}': () => ({ body: { done: true } }),
    'POST /api/goals/{goalId}/updates': () => ({ body: { kind: 'progress', note: 'Gave a dry run to the team' } }),
    'POST /api/goals/{goalId}/restore': () => ({
      setup: async (w) => {
        await app.db.kysely.updateTable('goals').set({ deletedAt: T }).where('id', '=', w.goalId).execute();
      },
    }),
    'POST /api/pairs/{pairId}/action-items': (w) => ({ body: { text: 'Send the deck', ownerId: w.menteeId } }),
    'PATCH /api/action-items/{id}': (w) => ({ params: () => ({ id: w.actionItemId }), body: { done: true } }),
    'DELETE /api/action-items/{id}': (w) => ({ params: () => ({ id: w.actionItemId }) }),
    'POST /api/notifications/{id}/read': (w) => ({ params: () => ({ id: w.notificationId }) }),
    'PUT /api/me/notification-settings': () => ({ body: { groups: { celebrations: false } } }),
  };

  /** Path parameters every operation names the same way. */
  const COMMON_PARAMS: Record<string, (w: World) => string> = {
    programId: (w) => w.programId,
    termId: (w) => w.termId,
    requestId: (w) => w.requestId,
    pairId: (w) => w.pairId,
    seriesId: (w) => w.seriesId,
    meetingId: (w) => w.meetingId,
    goalId: (w) => w.goalId,
    stepId: (w) => w.stepId,
    introductionId: (w) => w.introductionId,
  };

  const emailOf = (w: World, as: Caller) => (as === 'admin' ? ADMIN : as === 'anonymous' ? undefined : w.email[as]);

  /** `unknownIds`: every path parameter a fresh id instead, to see what "does not exist" looks like. */
  async function send(op: Operation, w: World, as: Caller, options: { query?: string; unknownIds?: boolean } = {}) {
    const call = { ...CALLS[op.key]?.(w, as), ...(options.query === undefined ? {} : { query: options.query }) };
    await call.setup?.(w);
    const special = options.unknownIds ? {} : ((await call.params?.(w)) ?? {});
    let path = op.path;
    for (const name of op.pathParams) {
      const value = options.unknownIds ? uuidv7() : (special[name] ?? COMMON_PARAMS[name]?.(w));
      if (value === undefined) throw new Error(`${op.key}: no fixture for the path parameter {${name}}; add it to COMMON_PARAMS or CALLS`);
      path = path.replace(`{${name}}`, encodeURIComponent(value));
    }
    if (call.query) path += `?${call.query}`;
    let req = request(app.http)[op.method](path);
    const email = emailOf(w, as);
    if (email) req = req.set('Authorization', `Bearer ${await token(email)}`);
    if (call.body === undefined) return req;
    if (op.bodyType === 'text/csv') return req.set('Content-Type', 'text/csv').send(call.body as string);
    return req.send(call.body);
  }

  /** A status as an outcome; a 400 or a 5xx is no access outcome at all, so always a finding. */
  function outcomeOf(status: number): Outcome | `status ${number}` {
    if (status === 401) return 'unauthenticated';
    if (status === 403) return 'forbidden';
    if (status === 404) return 'hidden';
    if ((status >= 200 && status < 300) || status === 409 || status === 422) return 'allow';
    return `status ${status}`;
  }

  const bodyText = (res: request.Response) => res.text ?? JSON.stringify(res.body ?? '');

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    const me = await request(app.http).get('/api/me').set('Authorization', `Bearer ${await token(ADMIN)}`);
    adminId = me.body.id;
    const doc = app.openApiDocument as unknown as {
      paths: Record<
        string,
        Record<
          string,
          {
            'x-access'?: string;
            parameters?: { in: string; name: string; required?: boolean; schema?: { enum?: string[] } }[];
            requestBody?: { content: Record<string, unknown> };
          }
        >
      >;
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method as Method,
        path,
        access: op['x-access'] ?? '(none)',
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required ?? false, ...(p.schema?.enum ? { values: p.schema.enum } : {}) })),
        ...(op.requestBody ? { bodyType: Object.keys(op.requestBody.content)[0]! } : {}),
      })),
    );
  });
  afterAll(() => app.close());

  it('the table has a row for every operation in the document, and no row for anything else', () => {
    const documented = operations.map((o) => o.key).sort();
    const tabled = Object.keys(authorizationTable).sort();
    expect({ missingFromTable: documented.filter((k) => !tabled.includes(k)), notInDocument: tabled.filter((k) => !documented.includes(k)) }).toEqual({
      missingFromTable: [],
      notInDocument: [],
    });
  });

  it('each row agrees with the access level the document records for the operation', () => {
    const disagreements: string[] = [];
    for (const op of operations) {
      const row = authorizationTable[op.key];
      if (!row) continue;
      if ((op.access === 'public') !== (row === 'public')) {
        disagreements.push(`${op.key}: the document says ${op.access}, the table ${row === 'public' ? 'public' : 'signed-in'}`);
      }
      if (row === 'public') continue;
      if (row.anonymous !== 'unauthenticated') disagreements.push(`${op.key}: signed-in access, yet the table lets anonymous callers in`);
      if (op.access === 'admin' && (['unrelated', 'mentee', 'mentor'] as const).some((c) => row[c] !== 'forbidden')) {
        disagreements.push(`${op.key}: admin-only in the document, yet the table lets a non-admin past the 403`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('every caller gets exactly the declared outcome, and nobody reads text that is not theirs', async () => {
    const unexpectedAllows: string[] = [];
    const unexpectedOutcomes: string[] = [];
    const leaks: string[] = [];
    const telltales: string[] = [];
    // Each marker must reach the people it belongs to somewhere, or the leak check would prove nothing.
    const seen = new Set<string>();
    const anonymousWorld = await buildWorld(app);
    for (const op of operations) {
      const row = authorizationTable[op.key];
      if (!row || row === 'public') continue;
      for (const as of CALLERS) {
        // Anonymous calls stop at the door and change nothing: one world serves them all.
        const w = as === 'anonymous' ? anonymousWorld : await buildWorld(app);
        const res = await send(op, w, as);
        const got = outcomeOf(res.status);
        const expected = row[as];
        const what = `${as} → ${op.key}: answered ${res.status}, declared ${expected}`;
        if (got === 'allow' && expected !== 'allow') unexpectedAllows.push(`ALLOWED ${what} — ${res.text.slice(0, 200)}`);
        else if (got !== expected) unexpectedOutcomes.push(`${what} — ${res.text.slice(0, 200)}`);
        else if (got === 'hidden') {
          // Hidden means indistinguishable from an id that was never issued.
          const unknown = await send(op, w, as, { unknownIds: true });
          const problem = (r: request.Response) => ({ status: r.status, type: r.body.type, title: r.body.title, detail: r.body.detail });
          if (JSON.stringify(problem(res)) !== JSON.stringify(problem(unknown))) {
            telltales.push(`${as} → ${op.key}: ${JSON.stringify(problem(res))}, for an unknown id ${JSON.stringify(problem(unknown))}`);
          }
        }
        for (const marker of Object.values(MARK)) {
          if (!bodyText(res).includes(marker)) continue;
          if (FORBIDDEN_MARKERS[as].includes(marker)) leaks.push(`${as} → ${op.key} returned ${marker}`);
          else seen.add(`${as} saw ${marker}`);
        }
      }
    }
    expect({ unexpectedAllows, unexpectedOutcomes, leaks, telltales }).toEqual({ unexpectedAllows: [], unexpectedOutcomes: [], leaks: [], telltales: [] });
    expect([...seen].sort()).toEqual(
      [`mentee saw ${MARK.menteePrivate}`, `mentee saw ${MARK.pair}`, `mentor saw ${MARK.mentorPrivate}`, `mentor saw ${MARK.pair}`].sort(),
    );
  }, 120_000);

  it('public operations answer everyone, signed in or not, and leak nothing private', async () => {
    const w = await buildWorld(app);
    const findings: string[] = [];
    for (const op of operations.filter((o) => authorizationTable[o.key] === 'public')) {
      for (const as of CALLERS) {
        const res = await send(op, w, as);
        if (res.status < 200 || res.status >= 300) findings.push(`${as} → ${op.key}: ${res.status} ${res.text.slice(0, 200)}`);
        for (const marker of Object.values(MARK)) if (bodyText(res).includes(marker)) findings.push(`${as} → ${op.key} returned ${marker}`);
      }
    }
    expect(findings).toEqual([]);
  });

  describe('what participants keep to themselves never reaches an admin', () => {
    /** The operation's queries worth trying: each value of each enumerated parameter, and filtered to the world's program. */
    function queriesOf(op: Operation, w: World): string[] {
      const required = op.queryParams.filter((q) => q.required).map((q) => `${q.name}=${q.values?.[0] ?? ''}`);
      const variants = [[...required]];
      for (const q of op.queryParams) {
        for (const value of q.values ?? []) variants.push([...required.filter((r) => !r.startsWith(`${q.name}=`)), `${q.name}=${value}`]);
        if (q.name === 'programId') variants.push([...required, `programId=${w.programId}`]);
      }
      return [...new Set(variants.map((v) => v.join('&')))];
    }

    it('no GET an admin may call returns a private note, a rating comment or anything the pair wrote, whatever the query', async () => {
      const w = await buildWorld(app);
      // Every other place a participant writes free text: goal steps and updates, an introduction, a pulse comment, a request.
      // (Its private note goes on the series' other check-in: the first already has one.)
      const later = await app.db.kysely.selectFrom('meetings').select('id').where('seriesId', '=', w.seriesId).where('id', '!=', w.meetingId).executeTakeFirstOrThrow();
      await adminFixtures(app.db).participantText(w.pairId, w.programId, w.mentorId, w.menteeId, later.id, w.goalId, `Written ${MARK.menteePrivate}`);

      await matchRun(w);

      // The markers are where the members read them, so their absence below means something.
      const asMentee = async (path: string) => (await request(app.http).get(path).set('Authorization', `Bearer ${await token(w.email.mentee)}`)).text;
      expect(await asMentee(`/api/meetings/${w.meetingId}/private-note`)).toContain(MARK.menteePrivate);
      expect(await asMentee(`/api/pairs/${w.pairId}/meetings?when=all`)).toContain(MARK.pair);

      const findings: string[] = [];
      let calls = 0;
      const readable = operations.filter((o) => {
        const row = authorizationTable[o.key];
        return o.method === 'get' && (row === 'public' || row?.admin === 'allow');
      });
      expect(readable.map((o) => o.key)).toEqual(expect.arrayContaining(['GET /api/pairs/{pairId}', 'GET /api/admin/export.csv', 'GET /api/admin/pairs']));
      for (const op of readable) {
        for (const query of queriesOf(op, w)) {
          const res = await send(op, w, 'admin', { query });
          calls += 1;
          const what = `admin → ${op.key}${query ? `?${query}` : ''}`;
          if (res.status !== 200) findings.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
          for (const marker of Object.values(MARK)) if (bodyText(res).includes(marker)) findings.push(`${what} returned ${marker}`);
        }
      }
      expect(findings).toEqual([]);
      expect(calls).toBeGreaterThan(readable.length);
    });
  });
});
