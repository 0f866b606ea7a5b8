import request from 'supertest';
import { devObjectId } from '../../api/src/auth/dev-issuer';
import { countRows, createTestApp, type TestApp } from '../support/app';
import { startEntraStandIn, type EntraStandIn } from '../support/entra-stand-in';
import { fixtures } from '../support/fixtures';

/*
 * Organisation data from a CSV file (docs/directory.md, "CSV import"): a preview that writes
 * nothing, then all or nothing; people are matched by email and claimed when they first sign in.
 */

const NOW = '2026-06-10T12:00:00.000Z';
const ADMIN = 'morgan.lee@contoso.example';
const PATH = '/api/admin/directory/import';
const e = (name: string) => `${name}@contoso.example`;

describe('importing organisation data from CSV', () => {
  let app: TestApp;
  let f: ReturnType<typeof fixtures>;

  const post = async (csv: string, query = '', as = ADMIN, contentType = 'text/csv') =>
    request(app.http).post(`${PATH}${query}`).set('Authorization', `Bearer ${await app.tokenFor(as)}`).set('Content-Type', contentType).send(csv);
  const person = (email: string) => app.db.kysely.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const idOf = async (email: string) => (await person(email))!.id;
  /** every row an import could write */
  const everything = async () => ({
    users: await app.db.kysely.selectFrom('users').selectAll().orderBy('id').execute(),
    audit: await app.db.kysely.selectFrom('auditLog').selectAll().orderBy('id').execute(),
  });

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    f = fixtures(app.db);
    await request(app.http).get('/api/me').set('Authorization', `Bearer ${await app.tokenFor(ADMIN)}`);
    // Someone who has only signed in, and someone whose data already matches the file.
    await f.person(e('rita'), { displayName: 'Rita Old', department: 'Legal', jobTitle: 'Paralegal' });
    await f.person(e('sam'), { displayName: 'Sam Same', department: 'Finance', jobTitle: 'Analyst' });
  });
  afterAll(() => app.close());

  // A byte-order mark, CRLF line ends, columns in another order with other capitals, quoted
  // fields holding commas and doubled quotes, a blank line, a manager who comes later in the file,
  // and an upper-cased email of someone Tandem already has.
  const good =
    '\uFEFFEmail,DISPLAYNAME,managerEmail,department,jobTitle,timezone\r\n' +
    `${e('ceo')},Cleo Chief,,Executive,Chief Executive Officer,America/New_York\r\n` +
    `${e('dev')},"Dev Doe, Jr.",${e('vp')},Engineering,"Engineer, ""Platform""",Europe/Berlin\r\n` +
    '\r\n' +
    `${e('vp')},Val Vice,${e('ceo')},Engineering,VP of Engineering,Europe/London\r\n` +
    `RITA@CONTOSO.EXAMPLE,Rita Reyes,${e('vp')},Engineering,Engineering Manager,\r\n` +
    `${e('sam')},Sam Same,,Finance,Analyst,Europe/London\r\n`;

  const goodReport = {
    rows: [
      { line: 2, email: e('ceo'), status: 'new', changes: [], errors: [] },
      { line: 3, email: e('dev'), status: 'new', changes: [], errors: [] },
      { line: 5, email: e('vp'), status: 'new', changes: [], errors: [] },
      {
        line: 6,
        email: 'RITA@CONTOSO.EXAMPLE',
        status: 'update',
        changes: [
          'displayName: Rita Old → Rita Reyes',
          'department: Legal → Engineering',
          'jobTitle: Paralegal → Engineering Manager',
          'timezone: Europe/London → (none)',
          `manager: (none) → ${e('vp')}`,
        ],
        errors: [],
      },
      { line: 7, email: e('sam'), status: 'unchanged', changes: [], errors: [] },
    ],
    summary: { new: 3, update: 1, unchanged: 1, error: 0 },
  };

  it('previews a file without writing anything, then applies it in one go', async () => {
    const before = await everything();
    const preview = await post(good);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual(goodReport);
    expect(await post(good, '?confirm=false')).toMatchObject({ status: 200, body: goodReport });
    expect(await everything()).toEqual(before);

    const applied = await post(good, '?confirm=true');
    expect(applied.status).toBe(200);
    expect(applied.body).toEqual({ applied: { new: 3, update: 1, unchanged: 1 } });

    const ceo = await person(e('ceo'));
    const vp = await person(e('vp'));
    const dev = await person(e('dev'));
    const rita = await person(e('rita'));
    expect(ceo).toMatchObject({ displayName: 'Cleo Chief', department: 'Executive', jobTitle: 'Chief Executive Officer', managerId: null, timeZone: 'America/New_York' });
    expect(vp).toMatchObject({ managerId: ceo!.id, timeZone: 'Europe/London', directorySource: 'csv', accountEnabled: 1, createdAt: NOW });
    expect(dev).toMatchObject({ displayName: 'Dev Doe, Jr.', jobTitle: 'Engineer, "Platform"', managerId: vp!.id, timeZone: 'Europe/Berlin', lastSeenAt: null });
    // Matched by email whatever its case: the same row, now with the file's data.
    expect(rita).toMatchObject({ email: e('rita'), displayName: 'Rita Reyes', department: 'Engineering', managerId: vp!.id, timeZone: null, directorySource: 'csv', updatedAt: NOW });
    for (const newcomer of [ceo, vp, dev]) {
      expect(newcomer!.tenantId).toBe(rita!.tenantId);
      expect(newcomer!.entraObjectId).toMatch(/^csv:[0-9a-f]{32}$/);
    }
    expect((await person(e('sam')))!.updatedAt).toBe('2026-01-01T00:00:00.000Z');

    const audit = await app.db.kysely.selectFrom('auditLog').selectAll().where('action', '=', 'directory.import').execute();
    expect(audit).toEqual([expect.objectContaining({ actorId: await idOf(ADMIN), subjectType: 'directory', createdAt: NOW })]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ rows: 5, new: 3, update: 1, unchanged: 1 });

    // The same file again changes nothing.
    expect((await post(good)).body.summary).toEqual({ new: 0, update: 0, unchanged: 5, error: 0 });
  });

  it('lets an imported person sign in as themself: the row is claimed by email, not duplicated', async () => {
    const imported = await person(e('dev'));
    const people = (await everything()).users.length;
    const me = await request(app.http).get('/api/me').set('Authorization', `Bearer ${await app.tokenFor(e('dev'))}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: imported!.id, email: e('dev'), displayName: 'Dev Doe, Jr.', department: 'Engineering', jobTitle: 'Engineer, "Platform"', timeZone: 'Europe/Berlin' });
    expect((await everything()).users).toHaveLength(people);
    expect(await person(e('dev'))).toMatchObject({ id: imported!.id, entraObjectId: devObjectId(e('dev')), managerId: imported!.managerId, lastSeenAt: NOW });

    // Claimed once: the next sign-in finds them by their real object id.
    const again = await request(app.http).get('/api/me').set('Authorization', `Bearer ${await app.tokenFor(e('dev'))}`);
    expect(again.body.id).toBe(imported!.id);
    expect((await everything()).users).toHaveLength(people);
  });

  it('leaves out columns a file doesn’t have, and clears fields whose cells are empty', async () => {
    const res = await post(`email,displayName,jobTitle\n${e('vp')},Val Vice,\n`, '?confirm=true');
    expect(res.body).toEqual({ applied: { new: 0, update: 1, unchanged: 0 } });
    expect(await person(e('vp'))).toMatchObject({ jobTitle: null, department: 'Engineering', timeZone: 'Europe/London', managerId: await idOf(e('ceo')) });
  });

  it('reports every bad row with its line, and a confirmed import with any of them writes nothing', async () => {
    // Existing people: Xia reports to Yan; the file makes Yan report to Zed, and Zed to Xia.
    const yan = await f.person(e('yan'), { displayName: 'Yan' });
    await f.person(e('xia'), { displayName: 'Xia', managerId: yan });
    const bad = [
      'email,displayName,department,jobTitle,managerEmail,timezone',
      `${e('ok')},Oka Kay,Sales,Rep,${e('ceo')},Europe/Paris`,
      `not-an-email,Nobody,,,,`,
      `${e('ok')},Oka Again,,,,`,
      `${e('nameless')},,,,,`,
      `${e('mars')},Marvin,,,,Mars/Olympus`,
      `${e('orphan')},Orphan,,,ghost@contoso.example,`,
      `${e('self')},Selma,,,${e('self')},`,
      `${e('a')},Ann,,,${e('b')},`,
      `${e('b')},Bob,,,${e('c')},`,
      `${e('c')},Cat,,,${e('a')},`,
      `${e('yan')},Yan,,,${e('zed')},`,
      `${e('zed')},Zed,,,${e('xia')},`,
      `${e('long')},${'L'.repeat(201)},,,not-an-email,`,
    ].join('\n');
    const report = {
      rows: [
        { line: 2, email: e('ok'), status: 'new', changes: [], errors: [] },
        { line: 3, email: 'not-an-email', status: 'error', changes: [], errors: ['“not-an-email” isn’t a valid email address'] },
        { line: 4, email: e('ok'), status: 'error', changes: [], errors: [`Duplicate: ${e('ok')} is already on line 2`] },
        { line: 5, email: e('nameless'), status: 'error', changes: [], errors: ['displayName is empty'] },
        { line: 6, email: e('mars'), status: 'error', changes: [], errors: ['“Mars/Olympus” isn’t an IANA time zone (such as Europe/Berlin)'] },
        { line: 7, email: e('orphan'), status: 'error', changes: [], errors: ['No one in this file or in Tandem has the email ghost@contoso.example (managerEmail)'] },
        { line: 8, email: e('self'), status: 'error', changes: [], errors: ['A person can’t be their own manager'] },
        { line: 9, email: e('a'), status: 'error', changes: [], errors: [`Manager cycle: ${e('a')} → ${e('b')} → ${e('c')} → ${e('a')}`] },
        { line: 10, email: e('b'), status: 'error', changes: [], errors: [`Manager cycle: ${e('b')} → ${e('c')} → ${e('a')} → ${e('b')}`] },
        { line: 11, email: e('c'), status: 'error', changes: [], errors: [`Manager cycle: ${e('c')} → ${e('a')} → ${e('b')} → ${e('c')}`] },
        { line: 12, email: e('yan'), status: 'error', changes: [], errors: [`Manager cycle: ${e('yan')} → ${e('zed')} → ${e('xia')} → ${e('yan')}`] },
        { line: 13, email: e('zed'), status: 'error', changes: [], errors: [`Manager cycle: ${e('zed')} → ${e('xia')} → ${e('yan')} → ${e('zed')}`] },
        {
          line: 14,
          email: e('long'),
          status: 'error',
          changes: [],
          errors: ['displayName is longer than 200 characters', 'managerEmail “not-an-email” isn’t a valid email address'],
        },
      ],
      summary: { new: 1, update: 0, unchanged: 0, error: 12 },
    };

    const before = await everything();
    const preview = await post(bad);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual(report);

    const refused = await post(bad, '?confirm=true');
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'urn:tandem:problem:unprocessable', status: 422, detail: expect.stringMatching(/12 rows have errors, so nothing was imported/) });
    expect(refused.body.rows).toEqual(report.rows);
    expect(refused.body.summary).toEqual(report.summary);
    expect(await everything()).toEqual(before);

    // One bad row among good ones is enough: the good ones are not written either.
    const oneBad = await post(`email,displayName,timezone\n${e('fine')},Fine,UTC\n${e('worse')},Worse,Nowhere\n`, '?confirm=true');
    expect(oneBad.status).toBe(422);
    expect(oneBad.body.rows.map((r: { status: string }) => r.status)).toEqual(['new', 'error']);
    expect(await everything()).toEqual(before);
  });

  it('refuses files it can’t read, naming the body, and anyone but an admin', async () => {
    const before = await everything();
    const noHeader = await post(`${e('ceo')},Cleo\n`);
    expect(noHeader.status).toBe(400);
    expect(noHeader.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(noHeader.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    expect(noHeader.body.detail).toMatch(/Unknown column .*The first line must be a header naming the columns email and displayName/);
    expect((await post('email,department\nx@contoso.example,Sales\n')).status).toBe(400);
    expect((await post('email,displayName\n')).body.detail).toBe('The file has a header but no rows.');
    expect((await post('email,displayName\n"x@contoso.example,Unclosed\n')).body.detail).toMatch(/not valid CSV/);
    expect((await post(good, '?confirm=maybe')).body.errors).toEqual([expect.objectContaining({ field: 'confirm' })]);
    expect((await post(good, '', ADMIN, 'text/plain')).status).toBe(415);
    expect((await post(good, '', ADMIN, 'text/csv; charset=latin1')).status).toBe(415);
    expect((await post(good, '', ADMIN, 'text/csv; charset=utf-8')).status).toBe(200);

    const forbidden = await post(good, '?confirm=true', e('dev'));
    expect(forbidden.status).toBe(403);
    expect((await request(app.http).post(PATH).set('Content-Type', 'text/csv').send(good)).status).toBe(401);

    // More than 20,000 rows, and more than 5 MB: both 413 naming the body.
    const rows = (n: number, pad = '') => `email,displayName\n${Array.from({ length: n }, (_, i) => `p${i}@contoso.example,Person ${i}${pad}`).join('\n')}\n`;
    const manyRows = rows(20_001);
    expect(manyRows.length).toBeLessThan(5 * 1024 * 1024);
    const tooMany = await post(manyRows);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/20001 rows; at most 20000/) }]);
    const huge = rows(19_000, ' '.repeat(260));
    expect(huge.length).toBeGreaterThan(5 * 1024 * 1024);
    const tooBig = await post(huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooBig.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/at most 5 MB/) }]);

    expect(await everything()).toEqual(before);
  });

  it('takes a large file in one go', async () => {
    // 2,000 people under one manager, each row naming a manager further down the file.
    const lines = ['email,displayName,managerEmail'];
    for (let i = 0; i < 2000; i++) lines.push(`bulk${i}@contoso.example,Bulk ${i},${i === 1999 ? e('ceo') : `bulk${i + 1}@contoso.example`}`);
    const res = await post(lines.join('\n'), '?confirm=true');
    expect(res.status).toBe(200);
    expect(res.body.applied).toEqual({ new: 2000, update: 0, unchanged: 0 });
    const first = await person('bulk0@contoso.example');
    expect(first!.managerId).toBe(await idOf('bulk1@contoso.example'));
    expect((await person('bulk1999@contoso.example'))!.managerId).toBe(await idOf(e('ceo')));

    // Close the chain into a cycle of 2,000: every row of it is refused, the long cycle cut short.
    const loop = await post(`email,displayName,managerEmail\nbulk1999@contoso.example,Bulk 1999,bulk0@contoso.example\n`);
    expect(loop.body.summary).toEqual({ new: 0, update: 0, unchanged: 0, error: 1 });
    expect(loop.body.rows[0].errors).toEqual([
      'Manager cycle: bulk1999@contoso.example → bulk0@contoso.example → bulk1@contoso.example → bulk2@contoso.example → bulk3@contoso.example → ' +
        'bulk4@contoso.example → bulk5@contoso.example → bulk6@contoso.example → … (2000 people in all)',
    ]);
  });
});

describe('the admin view of organisation data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
  });
  afterAll(() => app.close());

  const call = async (method: 'get' | 'post', path: string, as = ADMIN) => request(app.http)[method](path).set('Authorization', `Bearer ${await app.tokenFor(as)}`);

  it('says sync is off and counts people by where their data came from', async () => {
    const f = fixtures(app.db);
    await call('get', '/api/me');
    const left = await f.person(e('left'));
    await app.db.kysely.updateTable('users').set({ accountEnabled: 0, directorySource: 'entra' }).where('id', '=', left).execute();
    const csv = `email,displayName\n${e('new1')},New One\n${e('new2')},New Two\n`;
    const imported = await request(app.http)
      .post('/api/admin/directory/import?confirm=true')
      .set('Authorization', `Bearer ${await app.tokenFor(ADMIN)}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(imported.status).toBe(200);

    const res = await call('get', '/api/admin/directory');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mode: 'off', tenants: [], people: { total: 4, fromEntra: 1, fromCsv: 2, signInOnly: 1, departed: 1 } });
  });

  it('refuses "sync now" while sync is off, naming DIRECTORY_SYNC', async () => {
    const res = await call('post', '/api/admin/directory/sync');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/DIRECTORY_SYNC/);
  });

  it('is for admins only', async () => {
    expect((await call('get', '/api/admin/directory', e('someone'))).status).toBe(403);
    expect((await call('post', '/api/admin/directory/sync', e('someone'))).status).toBe(403);
  });
});

describe('with Entra sign-in and the whole tenant synced', () => {
  let entra: EntraStandIn;
  let app: TestApp;
  const at = new Date(NOW);
  const token = (oid: string, email: string, name: string) => entra.sign({ oid, name, preferred_username: email }, { now: at });
  const adminToken = () => token('0a0a0a0a-0000-4000-8000-00000000000a', 'lena.admin@contoso.com', 'Lena Admin');

  beforeAll(async () => {
    entra = await startEntraStandIn();
    app = await createTestApp({
      now: NOW,
      env: {
        AUTH_MODE: 'entra',
        ENTRA_CLIENT_ID: entra.clientId,
        ENTRA_TENANT_ID: entra.tenantId,
        ENTRA_AUTHORITY_HOST: entra.authorityHost,
        ENTRA_CLIENT_SECRET: entra.clientSecret,
        DIRECTORY_SYNC: 'tenant',
        ADMIN_EMAILS: 'lena.admin@contoso.com',
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await entra.close();
  });

  it('claims an imported person by email at their first sign-in, and measures participation against headcount', async () => {
    const admin = await request(app.http).get('/api/me').set('Authorization', `Bearer ${await adminToken()}`);
    expect(admin.status).toBe(200);
    const csv = ['email,displayName,department', ...['ana', 'ben', 'cy', 'dee', 'eli'].map((n) => `${n}@contoso.com,${n.toUpperCase()},Sales`)].join('\n');
    const imported = await request(app.http)
      .post('/api/admin/directory/import?confirm=true')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(imported.body).toEqual({ applied: { new: 5, update: 0, unchanged: 0 } });
    const ana = await app.db.kysely.selectFrom('users').selectAll().where('email', '=', 'ana@contoso.com').executeTakeFirstOrThrow();
    expect(ana.tenantId).toBe(entra.tenantId);

    // Her Entra account spells her address with capitals; she is still the imported person.
    const oid = '1b1b1b1b-2222-4333-8444-555555555555';
    const me = await request(app.http).get('/api/me').set('Authorization', `Bearer ${await token(oid, 'Ana@Contoso.com', 'Ana Alvarez')}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: ana.id, displayName: 'Ana Alvarez', department: 'Sales' });
    expect(await app.db.kysely.selectFrom('users').select(['entraObjectId', 'directorySource']).where('id', '=', ana.id).executeTakeFirstOrThrow()).toEqual({
      entraObjectId: oid,
      directorySource: 'csv',
    });
    expect(await countRows(app.db, 'users')).toBe(6);

    const f = fixtures(app.db);
    const program = await f.program('Headcount');
    const ids = await app.db.kysely.selectFrom('users').select(['id', 'email']).execute();
    const idOf = (email: string) => ids.find((u) => u.email.toLowerCase() === email)!.id;
    await f.enrol(program, idOf('ana@contoso.com'), 'mentee');
    await f.enrol(program, idOf('ben@contoso.com'), 'mentor');
    await app.db.kysely.updateTable('users').set({ accountEnabled: 0 }).where('id', '=', idOf('eli@contoso.com')).execute();

    const analytics = await request(app.http).get('/api/admin/analytics').set('Authorization', `Bearer ${await adminToken()}`);
    expect(analytics.status).toBe(200);
    // Lena, Ana, Ben, Cy and Dee are in the organisation (Eli's account is disabled); Ana and Ben take part.
    expect(analytics.body.participation.headcount).toEqual({ people: 5, enrolled: 2, rate: 0.4 });
  });
});
