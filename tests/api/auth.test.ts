import { createHmac } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { countRows, createTestApp, type TestApp } from '../support/app';
import { startEntraStandIn, type EntraStandIn } from '../support/entra-stand-in';

const NOW = '2026-11-25T10:00:00.000Z';
const at = new Date(NOW);

describe('Teams SSO tokens (Entra ID mode, against a local key endpoint)', () => {
  let entra: EntraStandIn;
  let app: TestApp;

  beforeAll(async () => {
    entra = await startEntraStandIn();
    app = await createTestApp({
      now: NOW,
      env: {
        AUTH_MODE: 'entra',
        ENTRA_CLIENT_ID: entra.clientId,
        ENTRA_TENANT_ID: entra.tenantId,
        ENTRA_AUTHORITY_HOST: entra.authorityHost,
        ADMIN_EMAILS: 'lena.admin@contoso.com',
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await entra.close();
  });

  const me = (token?: string) => {
    const req = request(app.http).get('/api/me');
    return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
  };

  async function expectRejected(token: string | undefined, detail: RegExp) {
    const before = await countRows(app.db, 'users');
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:tandem:problem:unauthenticated', status: 401, title: 'Sign-in required' });
    expect(res.body.detail).toMatch(detail);
    expect(await countRows(app.db, 'users')).toBe(before);
  }

  it('a valid token creates the user from its claims on the first call', async () => {
    const token = await entra.sign({ oid: '0a0a0a0a-1111-4222-8333-444444444444', name: 'Priya Raman', preferred_username: 'Priya.Raman@contoso.com' }, { now: at });
    const before = await countRows(app.db, 'users');
    const first = await me(token);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      id: expect.any(String),
      email: 'priya.raman@contoso.com',
      displayName: 'Priya Raman',
      department: null,
      jobTitle: null,
      timeZone: null,
      roles: [],
    });
    const second = await me(token);
    expect(second.body.id).toBe(first.body.id);
    expect(await countRows(app.db, 'users')).toBe(before + 1);
  });

  it('simultaneous first calls by one person create exactly one user', async () => {
    const token = await entra.sign({ oid: '0b0b0b0b-1111-4222-8333-444444444444', preferred_username: 'sam.okafor@contoso.com' }, { now: at });
    const before = await countRows(app.db, 'users');
    const responses = await Promise.all(Array.from({ length: 6 }, () => me(token)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await countRows(app.db, 'users')).toBe(before + 1);
  });

  it('the ProgramAdmin app role makes the caller an admin', async () => {
    const token = await entra.sign({ oid: '0c0c0c0c-1111-4222-8333-444444444444', preferred_username: 'dana.lee@contoso.com', roles: ['ProgramAdmin'] }, { now: at });
    const res = await me(token);
    expect(res.body.roles).toEqual(['admin']);
    expect((await request(app.http).get('/api/admin/programs').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });

  it('an email listed in ADMIN_EMAILS makes the caller an admin', async () => {
    const token = await entra.sign({ oid: '0d0d0d0d-1111-4222-8333-444444444444', preferred_username: 'lena.admin@contoso.com' }, { now: at });
    expect((await me(token)).body.roles).toEqual(['admin']);
  });

  it('anyone else is not an admin and gets 403 from admin endpoints', async () => {
    const token = await entra.sign({ oid: '0e0e0e0e-1111-4222-8333-444444444444', preferred_username: 'joe.bloggs@contoso.com', roles: ['SomethingElse'] }, { now: at });
    expect((await me(token)).body.roles).toEqual([]);
    const res = await request(app.http).get('/api/admin/programs').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('urn:tandem:problem:forbidden');
  });

  it('no Authorization header is 401', () => expectRejected(undefined, /Authorization header/));
  it('a non-Bearer scheme is 401', async () => {
    const res = await request(app.http).get('/api/me').set('Authorization', 'Basic dXNlcjpwYXNz');
    expect(res.status).toBe(401);
  });
  it('an expired token is 401', async () =>
    expectRejected(await entra.sign({ iat: at.getTime() / 1000 - 7200, nbf: at.getTime() / 1000 - 7200, exp: at.getTime() / 1000 - 3600 }, { now: at }), /expired/));
  it('a token that is not valid yet is 401', async () =>
    expectRejected(await entra.sign({ nbf: at.getTime() / 1000 + 3600 }, { now: at }), /not valid yet/));
  it('a token for another application (audience) is 401', async () =>
    expectRejected(await entra.sign({ aud: '99999999-2222-4333-8444-555555555555' }, { now: at }), /different application/));
  it('a token from another issuer is 401', async () =>
    expectRejected(await entra.sign({ iss: 'https://evil.example/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0' }, { now: at }), /unexpected authority/));
  it('a token from a tenant that is not allowed is 401', async () => {
    const otherTenant = '3c3c3c3c-1111-4222-8333-444444444444';
    const token = await entra.sign({ tid: otherTenant, iss: `${entra.authorityHost}/${otherTenant}/v2.0` }, { now: at });
    await expectRejected(token, /organisation is not allowed/);
  });
  it('a token without the access_as_user scope is 401', async () =>
    expectRejected(await entra.sign({ scp: 'User.Read' }, { now: at }), /access_as_user/));
  it('an unsigned token (alg: none) is 401', async () => {
    const valid = await entra.sign({}, { now: at });
    const [, payload] = valid.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await expectRejected(`${header}.${payload}.`, /algorithm|malformed/);
  });
  it('a token signed with an unknown key is 401', async () =>
    expectRejected(await entra.sign({}, { now: at, kid: 'entra-key-1', key: entra.otherKey }), /signature/));
  it('a token with an unknown key id is 401', async () =>
    expectRejected(await entra.sign({}, { now: at, kid: 'not-a-known-kid', key: entra.otherKey }), /unknown key/));
  it('a tampered payload is 401', async () => {
    const valid = await entra.sign({}, { now: at });
    const [header, payload, signature] = valid.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['ProgramAdmin'] })).toString('base64url');
    await expectRejected(`${header}.${forged}.${signature}`, /signature/);
  });
  it('an oversized token is 401 without being parsed', () => expectRejected('a'.repeat(10_000), /too large/));
  it('a token signed with HS256 using the public key as the secret (key confusion) is 401', async () => {
    const valid = await entra.sign({}, { now: at });
    const [, payload] = valid.split('.') as [string, string];
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'entra-key-1', typ: 'JWT' })).toString('base64url');
    // The public key as an attacker would fetch it from the key endpoint: its PEM text and its DER bytes.
    const pem = await exportSPKI(entra.publicKey);
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    for (const secret of [Buffer.from(pem), der]) {
      const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
      await expectRejected(`${header}.${payload}.${signature}`, /algorithm/);
    }
  });
  it('a token that carries its own signing key in its header (embedded jwk) is 401', async () => {
    const attacker = await generateKeyPair('RS256');
    const forged = await new SignJWT({
      aud: entra.clientId, iss: `${entra.authorityHost}/${entra.tenantId}/v2.0`, tid: entra.tenantId, oid: 'fafafafa-1111-4222-8333-444444444444',
      scp: 'access_as_user', preferred_username: 'mallory@contoso.com',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'entra-key-1', typ: 'JWT', jwk: await exportJWK(attacker.publicKey) })
      .setIssuedAt(at)
      .setNotBefore(at)
      .setExpirationTime(new Date(at.getTime() + 3_600_000))
      .sign(attacker.privateKey);
    await expectRejected(forged, /signature/);
  });

  it('dev sign-in does not exist outside dev mode', async () => {
    expect((await request(app.http).post('/api/dev/token').send({ email: 'x@contoso.com' })).status).toBe(404);
    expect((await request(app.http).get('/api/dev/users')).status).toBe(404);
  });
});

describe('dev mode sign-in', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
  });
  afterAll(() => app.close());

  it('issues a token that the same verifier accepts, and the person becomes a user', async () => {
    const token = await app.tokenFor('new.person@contoso.example', { displayName: 'New Person', department: 'Finance' });
    const res = await request(app.http).get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'new.person@contoso.example', displayName: 'New Person', department: 'Finance', roles: [] });
  });

  it('the demo L&D manager is an admin by default', async () => {
    const token = await app.tokenFor('morgan.lee@contoso.example');
    const res = await request(app.http).get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(res.body.roles).toEqual(['admin']);
  });

  it('a dev token stops working once the clock passes its expiry', async () => {
    const token = await app.tokenFor('short.lived@contoso.example');
    app.clock.advance(9 * 60 * 60 * 1000);
    const res = await request(app.http).get('/api/me').set('Authorization', `Bearer ${token}`);
    app.clock.set(NOW);
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/expired/);
  });
});
