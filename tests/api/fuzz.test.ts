import fc from 'fast-check';
import { sql } from 'kysely';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { createTestApp, type TestApp } from '../support/app';
import { buildEndpointWorld } from '../support/endpoint-world';
import { fixtures } from '../support/fixtures';
import { insertGoal } from '../support/goal-fixtures';
import { authorizationTable, type Caller } from '../support/authorization-table';
import {
  csvBody,
  databaseChecksum,
  DEEP_ARRAY,
  DEEP_JSON,
  encodeParam,
  hostileString,
  parameter,
  value,
  wrongType,
  type FuzzContext,
  type Schema,
} from '../support/fuzz-arbitraries';

/**
 * Property-based fuzzing of every operation in the OpenAPI document that takes input: requests
 * built from the operation's own schemas, mixed with hostile values, sent by a caller the
 * authorization table allows (so they reach validation and the services, not the 401/403 door).
 *
 * Every table is checksummed, `audit_log` and `job_leases` included: the audit log records
 * only reads that were answered, and leases belong to timers no request runs, so a rejected
 * request has no business writing either.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const NOW = '2026-11-25T10:00:00.000Z';
const ADMIN = 'morgan.lee@contoso.example';
const T = '2026-01-01T00:00:00.000Z';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Parameter {
  in: 'path' | 'query';
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  key: string;
  method: Method;
  path: string;
  params: Parameter[];
  body?: { type: string; schema: Schema };
  /** 4xx statuses the document gives a JSON body of their own (a pair import's 422 row report), not a problem */
  reportStatuses: number[];
}

interface World {
  email: Record<'unrelated' | 'mentee' | 'mentor', string>;
  ids: Record<string, string>;
}

/** What the matrix proves: on these, the SQL or stack of an unexpected error would show. */
const TELLTALES = /\bSELECT\b|\bINSERT INTO\b|sqlite|SQLITE_|\bat Object\.|\bat async\b|node_modules|\/work\/|\.ts:\d+|\.js:\d+|Error: /i;

const CSV_HEADERS: Record<string, readonly string[]> = {
  'POST /api/admin/programs/{programId}/pair-imports': ['mentee_email', 'mentor_email', 'note'],
  'POST /api/admin/directory/import': ['email', 'displayName', 'department', 'jobTitle', 'managerEmail', 'timezone'],
};

/** The caller who gets furthest: a member of the pair where members may act, the admin on admin routes. */
function callerFor(key: string): Caller | undefined {
  const row = authorizationTable[key];
  if (!row) return undefined;
  if (row === 'public') return 'mentee';
  return (['mentee', 'mentor', 'admin', 'unrelated'] as const).find((c) => row[c] === 'allow');
}

/** Every string a request carried, so an error that merely echoes the caller's own input is not taken for a leak. */
function stringsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsIn(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push(k), stringsIn(x, out));
  return out;
}
function withoutEchoes(text: string, sent: string[]): string {
  let t = text;
  for (const s of sent.filter((x) => x.length > 0).sort((a, b) => b.length - a.length)) {
    for (const form of [s, JSON.stringify(s).slice(1, -1)]) t = t.split(form).join('');
  }
  return t;
}

describe('fuzzing: hostile input to every operation is refused cleanly and changes nothing', () => {
  let app: TestApp;
  let adminId: string;
  let operations: Operation[];
  let components: Record<string, Schema>;
  const tokens = new Map<string, string>();
  let worlds = 0;

  const token = async (email: string) => {
    let t = tokens.get(email);
    if (!t) tokens.set(email, (t = await app.tokenFor(email)));
    return t;
  };

  /** The shared endpoint world (tests/support/endpoint-world.ts), plus a match run and an exclusion of its program. */
  async function buildWorld(): Promise<World> {
    const w = await buildEndpointWorld(app, { label: 'fuzz', n: ++worlds });
    const exclusionId = uuidv7();
    await app.db.kysely
      .insertInto('matchExclusions')
      .values({ id: exclusionId, programId: w.programId, menteeId: w.unrelatedId, mentorId: w.mentorId, reason: null, createdBy: adminId, createdAt: T })
      .execute();
    const run = await request(app.http).post(`/api/admin/programs/${w.programId}/match-runs`).set('Authorization', `Bearer ${await token(ADMIN)}`).send({});
    if (run.status !== 201) throw new Error(`match run: ${run.status} ${run.text}`);
    return {
      email: w.email,
      ids: {
        programId: w.programId, pairId: w.pairId, requestId: w.requestId, termId: w.termId, seriesId: w.seriesId, meetingId: w.meetingId,
        goalId: w.goalId, stepId: w.stepId, introductionId: w.introductionId, exclusionId, runId: run.body.id,
        menteeId: run.body.proposals[0]?.mentee.id ?? w.unrelatedId, mentorId: w.mentorId, unrelatedId: w.unrelatedId, token: w.feedToken,
        notificationId: w.notificationId, actionItemId: w.actionItemId,
      },
    };
  }

  /** Path parameters named `id` point at different things depending on the route. */
  function realParam(op: Operation, name: string, w: World): string | undefined {
    if (name === 'id') return op.path.startsWith('/api/notifications') ? w.ids.notificationId : w.ids.actionItemId;
    return w.ids[name];
  }

  interface Sent {
    path: string;
    query: Record<string, string | string[]>;
    /** undefined: no body; `raw` is sent as text with the given content type */
    body?: { json: unknown } | { raw: string; contentType: string };
  }

  function requestArbitrary(op: Operation, w: World, ctx: FuzzContext): fc.Arbitrary<Sent> {
    const pathParams = op.params.filter((p) => p.in === 'path');
    const queryParams = op.params.filter((p) => p.in === 'query');
    const path = fc.tuple(...pathParams.map((p) => parameter(p.schema ?? {}, ctx, realParam(op, p.name, w)))).map((values) =>
      pathParams.reduce((acc, p, i) => {
        const v = values[i]!;
        return acc.replace(`{${p.name}}`, encodeParam(Array.isArray(v) ? v.join(',') : v) || '%20');
      }, op.path),
    );
    const query = fc
      .tuple(
        fc.record(Object.fromEntries(queryParams.map((p) => [p.name, parameter(p.schema ?? {}, ctx)])), { requiredKeys: [] }),
        fc.option(fc.dictionary(fc.constantFrom('extra', '__proto__', 'programId[]', 'page[$gt]'), hostileString.map((s) => s.slice(0, 300)), { maxKeys: 2 }), { freq: 4 }),
      )
      .map(([known, extra]) => ({ ...(extra ?? {}), ...known }) as Record<string, string | string[]>);
    let body: fc.Arbitrary<Sent['body']> = fc.constant(undefined);
    if (op.body?.type === 'text/csv') {
      const headers = CSV_HEADERS[op.key] ?? ['email'];
      body = fc.oneof(
        { weight: 6, arbitrary: csvBody(headers).map((raw) => ({ raw, contentType: 'text/csv' })) },
        {
          weight: 1,
          arbitrary: fc.tuple(csvBody(headers), fc.constantFrom('text/plain', 'application/json', 'text/csv; charset=latin1', 'multipart/form-data; boundary=x')).map(([raw, contentType]) => ({ raw, contentType })),
        },
        { weight: 1, arbitrary: fc.integer({ min: 5_300_000, max: 5_600_000 }).map((size) => ({ raw: 'a,b\n'.repeat(size / 4), contentType: 'text/csv' })) },
      );
    } else if (op.body) {
      const schema = op.body.schema;
      body = fc.oneof(
        { weight: 8, arbitrary: value(schema, ctx).map((json) => ({ json })) },
        { weight: 1, arbitrary: wrongType.map((json) => ({ json })) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            { raw: DEEP_JSON, contentType: 'application/json' },
            { raw: DEEP_ARRAY, contentType: 'application/json' },
            { raw: '{"title": "unterminated', contentType: 'application/json' },
            { raw: '{"a":1,"a":2}', contentType: 'application/json' },
            { raw: 'null', contentType: 'application/json' },
            { raw: '"just a string"', contentType: 'application/json' },
            { raw: '\uFEFF{}', contentType: 'application/json' },
            { raw: '{}', contentType: 'application/json; charset=utf-16' },
            { raw: 'title=hello', contentType: 'application/x-www-form-urlencoded' },
            { raw: '<goal><title>x</title></goal>', contentType: 'application/xml' },
            { raw: '{"title":"x"}', contentType: 'text/plain' },
            { raw: `{"x":"${'a'.repeat(120_000)}"}`, contentType: 'application/json' },
          ),
        },
      );
    } else {
      // No body is documented: one may still arrive, and must be ignored or refused, never trip the route.
      body = fc.option(fc.oneof(wrongType.map((json) => ({ json })), fc.constant({ raw: DEEP_JSON, contentType: 'application/json' })), { freq: 3 }).map((b) => b ?? undefined);
    }
    return fc.record({ path, query, body });
  }

  async function send(op: Operation, as: string, sent: Sent) {
    const qs = Object.entries(sent.query)
      .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeParam(k)}=${encodeParam(x)}`))
      .join('&');
    let req = request(app.http)[op.method](qs ? `${sent.path}?${qs}` : sent.path).set('Authorization', `Bearer ${await token(as)}`);
    if (!sent.body) return req;
    if ('raw' in sent.body) return req.set('Content-Type', sent.body.contentType).send(sent.body.raw);
    // superagent refuses to serialise a bare null/number/boolean as JSON: send the text ourselves.
    return req.set('Content-Type', 'application/json').send(JSON.stringify(sent.body.json) ?? 'null');
  }

  /** What is wrong with this answer, if anything. */
  function findings(op: Operation, res: request.Response, sent: Sent): string[] {
    const out: string[] = [];
    if (res.status >= 500) out.push(`answered ${res.status}`);
    const text = res.text ?? '';
    if (res.status >= 400 && !op.reportStatuses.includes(res.status)) {
      if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) out.push(`a ${res.status} as ${res.headers['content-type']}`);
      const b = res.body as { status?: unknown; title?: unknown; errors?: { field?: unknown }[] };
      if (b?.status !== res.status) out.push(`problem.status ${String(b?.status)} on a ${res.status}`);
      if (typeof b?.title !== 'string' || !b.title) out.push('problem without a title');
      if (res.status === 400 && (!Array.isArray(b?.errors) || b.errors.length === 0 || b.errors.some((e) => typeof e.field !== 'string' || !e.field))) {
        out.push('a 400 without errors[] naming fields');
      }
      const sentStrings = stringsIn([sent.path, decodeURIComponentSafe(sent.path), sent.query, sent.body && ('json' in sent.body ? sent.body.json : '')]);
      const leak = TELLTALES.exec(withoutEchoes(text, sentStrings));
      if (leak) out.push(`response shows "${leak[0]}"`);
    } else if (res.status >= 400) {
      const leak = TELLTALES.exec(withoutEchoes(text, stringsIn([sent.path, sent.query, sent.body && ('raw' in sent.body ? sent.body.raw.split(/[\r\n,]/) : sent.body.json)])));
      if (leak) out.push(`response shows "${leak[0]}"`);
    }
    return out;
  }

  /** The request, with huge strings cut down to their start and length. */
  const summarise = (sent: Sent) =>
    JSON.stringify(sent, (_k, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v));

  const decodeURIComponentSafe = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    adminId = (await request(app.http).get('/api/me').set('Authorization', `Bearer ${await token(ADMIN)}`)).body.id;
    const doc = app.openApiDocument as unknown as {
      paths: Record<
        string,
        Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses?: Record<string, { content?: Record<string, unknown> }> }>
      >;
      components?: { schemas?: Record<string, Schema> };
    };
    components = doc.components?.schemas ?? {};
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => {
        const content = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method as Method,
          path,
          params: op.parameters ?? [],
          ...(content ? { body: { type: content[0], schema: content[1].schema } } : {}),
          reportStatuses: Object.entries(op.responses ?? {})
            .filter(([status, r]) => Number(status) >= 400 && r.content?.['application/json'])
            .map(([status]) => Number(status)),
        };
      }),
    );
  });
  afterAll(() => app.close());

  it('covers every operation that takes a body, a query or path parameters, each with a caller who gets past the door', () => {
    const fuzzed = operations.filter((o) => o.body || o.params.length > 0);
    expect(fuzzed.length).toBeGreaterThan(60);
    expect(fuzzed.filter((o) => !callerFor(o.key)).map((o) => o.key)).toEqual([]);
    expect(fuzzed.filter((o) => o.body?.type === 'text/csv').map((o) => o.key).sort()).toEqual(Object.keys(CSV_HEADERS).sort());
  });

  it('the checksum sees a write, so an unchanged one means something', async () => {
    const w = await buildWorld();
    const checksumOf = databaseChecksum(app.db);
    const before = await checksumOf();
    expect(await checksumOf()).toEqual(before);
    const res = await request(app.http).post(`/api/goals/${w.ids.goalId}/steps`).set('Authorization', `Bearer ${await token(w.email.mentee)}`).send({ text: 'One more' });
    expect(res.status).toBe(200);
    const after = await checksumOf();
    expect(Object.keys(after).filter((t) => after[t] !== before[t])).toContain('goal_steps');
  });

  it('the edge cases are refused as a 4xx naming the part at fault: JSON nested 10 000 deep, a path parameter that is not UTF-8', async () => {
    const w = await buildWorld();
    const auth = `Bearer ${await token(w.email.mentee)}`;
    for (const raw of [DEEP_JSON, DEEP_ARRAY]) {
      const deep = await request(app.http).post(`/api/goals/${w.ids.goalId}/steps`).set('Authorization', auth).set('Content-Type', 'application/json').send(raw);
      expect(deep.status).toBe(400);
      expect(deep.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const badPath = await request(app.http).get('/api/pairs/%ED%A0%80').set('Authorization', auth);
    expect({ status: badPath.status, type: badPath.headers['content-type'], errors: badPath.body.errors }).toEqual({
      status: 400,
      type: expect.stringMatching(/^application\/problem\+json/),
      errors: [{ field: 'path', message: expect.any(String) }],
    });
  });

  it('no request gets a 5xx, every refusal is problem+json without internals, and a refused request changes nothing', async () => {
    const failures: string[] = [];
    let runs = 0;
    const statuses: Record<number, number> = {};
    const started = Date.now();
    const checksumOf = databaseChecksum(app.db);
    for (const op of operations.filter((o) => o.body || o.params.length > 0)) {
      const caller = callerFor(op.key)!;
      const w = await buildWorld();
      const as = caller === 'admin' ? ADMIN : w.email[caller as 'mentee' | 'mentor' | 'unrelated'];
      const ctx: FuzzContext = { components, ids: Object.values(w.ids).filter((id) => /^[0-9a-f-]{36}$/.test(id)) };
      // A first sign-in provisions the caller's user row: done here, so only the fuzzed requests are measured.
      await request(app.http).get('/api/me').set('Authorization', `Bearer ${await token(as)}`).expect(200);
      let checksum = await checksumOf();
      let failure = '';
      try {
        await fc.assert(
          fc.asyncProperty(requestArbitrary(op, w, ctx), async (sent) => {
            runs += 1;
            const res = await send(op, as, sent);
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            const problems = findings(op, res, sent);
            const after = await checksumOf();
            if (res.status >= 400) {
              const changed = Object.keys(after).filter((t) => after[t] !== checksum[t]);
              if (changed.length > 0) problems.push(`a refused request (${res.status}) changed ${changed.join(', ')}`);
            }
            checksum = after;
            if (problems.length > 0) {
              failure = `${problems.join('; ')}\n    request: ${op.method.toUpperCase()} ${summarise(sent)}\n    answer: ${res.status} ${(res.text ?? '').slice(0, 300)}`;
              throw new Error(failure);
            }
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
      } catch (error) {
        // The seed and path replay exactly this request: fc.assert(..., { seed, path }).
        const replay = /\{ seed: .*?\}/.exec((error as Error).message)?.[0] ?? `seed ${SEED}`;
        failures.push(`${op.key} as ${caller} (${replay}): ${failure || (error as Error).message.slice(0, 500)}`);
      }
    }
    process.stdout.write(`fuzz: seed ${SEED}, ${runs} requests, ${((Date.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(statuses)}\n`);
    expect(failures).toEqual([]);
  }, 240_000);

  describe('an unexpected internal error still answers a bare problem', () => {
    async function expectBareProblem(res: request.Response) {
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toEqual(expect.objectContaining({ status: res.status, title: expect.any(String), detail: expect.any(String) }));
      expect(res.text).not.toMatch(TELLTALES);
      expect(res.text).not.toMatch(/goal_steps|no such table/i);
    }

    it('when a table the route reads has gone from under it', async () => {
      const own = await createTestApp({ now: NOW });
      try {
        const f = fixtures(own.db);
        const mentorId = await f.person('gone.mentor@contoso.example');
        const menteeId = await f.person('gone.mentee@contoso.example');
        const programId = await f.program('Gone');
        const pairId = await f.pair(programId, mentorId, menteeId);
        await insertGoal(own.db, pairId, menteeId, { title: 'Still here', steps: ['One'] });
        await sql`drop table goal_steps`.execute(own.db.kysely);
        const res = await request(own.http).get(`/api/pairs/${pairId}/goals`).set('Authorization', `Bearer ${await own.tokenFor('gone.mentee@contoso.example')}`);
        await expectBareProblem(res);
      } finally {
        await own.close();
      }
    });

    it('when the database connection is closed underneath', async () => {
      const own = await createTestApp({ now: NOW });
      const auth = `Bearer ${await own.tokenFor('closed.user@contoso.example')}`;
      await own.db.close();
      const res = await request(own.http).get('/api/pairs').set('Authorization', auth);
      await expectBareProblem(res);
      await own.close().catch(() => undefined);
    });
  });
});
