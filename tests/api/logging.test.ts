import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';

describe('request logs', () => {
  let app: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await createTestApp({ logger: pino({ level: 'info' }, sink) });
  });
  afterAll(() => app.close());

  it('never contain bearer tokens or calendar feed tokens', async () => {
    const token = await app.tokenFor('logged.person@contoso.example');
    await request(app.http).get('/api/me').set('Authorization', `Bearer ${token}`);
    const feed = await request(app.http).get('/api/calendar/feed').set('Authorization', `Bearer ${token}`);
    const feedToken = new URL(feed.body.url).pathname.split('/').pop()!.replace(/\.ics$/, '');
    expect(feedToken.length).toBeGreaterThan(20);
    await request(app.http).get(`/api/calendar/${feedToken}.ics`);

    const log = lines.join('');
    expect(log).toContain('/api/calendar/[redacted].ics');
    expect(log).toContain('"url":"/api/me"');
    expect(log).not.toContain(feedToken);
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.split('.')[1]!);
  });
});
