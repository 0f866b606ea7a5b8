import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { expressApiRoutes } from '../support/routes';

describe('the HTTP foundation', () => {
  let app: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Tandem</title><div id="root"></div>');
    fs.writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    // As the build leaves them: each asset with its brotli and gzip copies.
    const big = `export const words = ${JSON.stringify('tandem '.repeat(2000))};`;
    fs.writeFileSync(path.join(webDir, 'assets', 'big-abc123.js'), big);
    fs.writeFileSync(path.join(webDir, 'assets', 'big-abc123.js.gz'), zlib.gzipSync(big));
    fs.writeFileSync(path.join(webDir, 'assets', 'big-abc123.js.br'), zlib.brotliCompressSync(big));
    app = await createTestApp({ env: { WEB_DIST_DIR: webDir } });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  describe('health', () => {
    it('answers 200 with the database kind and version, without sign-in', async () => {
      const res = await request(app.http).get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', database: 'sqlite', version: '0.1.0-test', authMode: 'dev' });
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('answers 503 when the database is unreachable', async () => {
      const broken = await createTestApp();
      await broken.db.close();
      const res = await request(broken.http).get('/api/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', database: 'sqlite' });
      await broken.close();
    });
  });

  describe('errors are RFC 9457 problem+json', () => {
    it('a validation error names each invalid field', async () => {
      const res = await request(app.http).post('/api/dev/token').send({ email: 'not-an-email', displayName: '', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toEqual({
        type: 'urn:tandem:problem:validation',
        title: 'Your request has invalid fields',
        status: 400,
        detail: expect.stringContaining('email'),
        instance: '/api/dev/token',
        errors: expect.arrayContaining([
          { field: 'email', message: 'Must be an email address' },
          { field: 'displayName', message: expect.any(String) },
          { field: 'body', message: expect.stringMatching(/extra/) },
        ]),
      });
    });

    it('malformed JSON is a 400 naming the body, not a 500', async () => {
      const res = await request(app.http).post('/api/dev/token').set('Content-Type', 'application/json').send('{"email": ');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'body', message: 'Malformed JSON' }]);
    });

    it('a body over the size limit is 413', async () => {
      const res = await request(app.http).post('/api/dev/token').send({ email: `${'a'.repeat(200_000)}@x.com` });
      expect(res.status).toBe(413);
      expect(res.body.type).toBe('urn:tandem:problem:payload-too-large');
    });

    it('an unknown API route is a 404 problem', async () => {
      const res = await request(app.http).get('/api/nothing-here');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ type: 'urn:tandem:problem:not-found', status: 404 });
    });

    it('every response carries a request id, echoed when the caller sends a sane one', async () => {
      const res = await request(app.http).get('/api/health').set('X-Request-Id', 'trace-123');
      expect(res.headers['x-request-id']).toBe('trace-123');
      const generated = await request(app.http).get('/api/health').set('X-Request-Id', 'bad id with spaces');
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('security headers', () => {
    it('only Teams, Outlook and Microsoft 365 may frame Tandem', async () => {
      const res = await request(app.http).get('/tab');
      const csp = res.headers['content-security-policy'] as string;
      const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ');
      expect(ancestors).toEqual(
        expect.arrayContaining(['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.office.com', 'https://outlook.office.com']),
      );
      expect(ancestors).not.toContain('*');
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('OpenAPI', () => {
    it('is served as OpenAPI 3.1 and documents every API route with who may call it', async () => {
      const res = await request(app.http).get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe('3.1.0');
      const documented = Object.entries(res.body.paths as Record<string, Record<string, { 'x-access'?: string; responses: object }>>).flatMap(
        ([p, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`, op })),
      );
      // Every route Express actually serves under /api (read from the router itself).
      const served = expressApiRoutes(app.http);
      expect(served.length).toBeGreaterThanOrEqual(7);
      expect(documented.map((d) => d.route).sort()).toEqual(served.sort());
      for (const { op } of documented) expect(['public', 'user', 'admin']).toContain(op['x-access']);
      expect(res.body.paths['/api/me'].get.responses['401'].content['application/problem+json']).toBeDefined();
    });
  });

  describe('the web app on the same origin', () => {
    it('serves index.html for /tab and /admin and revalidates it', async () => {
      for (const route of ['/', '/tab', '/admin', '/tab/anything', '/somewhere-else']) {
        const res = await request(app.http).get(route);
        expect(res.status).toBe(200);
        expect(res.text).toContain('<div id="root">');
        expect(res.headers['cache-control']).toBe('no-cache');
      }
    });

    it('caches hashed assets for a year', async () => {
      const res = await request(app.http).get('/assets/index-abc123.js');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it('sends the build\'s compressed copy of an asset to browsers that accept it, brotli first', async () => {
      const brotli = await request(app.http).get('/assets/big-abc123.js').set('Accept-Encoding', 'gzip, deflate, br');
      expect(brotli.status).toBe(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers['content-type']).toMatch(/javascript/);
      expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const gzip = await request(app.http).get('/assets/big-abc123.js').set('Accept-Encoding', 'gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      const plain = await request(app.http).get('/assets/big-abc123.js').set('Accept-Encoding', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.text).toContain('tandem tandem');
      for (const res of [brotli, gzip]) expect(res.text).toBe(plain.text);
    });

    it('a missing file is a 404, not the app shell', async () => {
      expect((await request(app.http).get('/assets/missing.js')).status).toBe(404);
      expect((await request(app.http).get('/missing.png')).status).toBe(404);
    });

    it('API paths never fall back to the app', async () => {
      const res = await request(app.http).get('/api');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });
  });
});
