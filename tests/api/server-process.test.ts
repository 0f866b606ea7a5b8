import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, waitFor } from '../support/server-process';

describe('the server process', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-server-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts on an empty database with demo data, serves, and stops cleanly on SIGTERM', async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const server = startServer({ PORT: port, DATABASE_URL: `sqlite:${path.join(dir, 'tandem.sqlite')}`, LOG_LEVEL: 'info' });
    try {
      await waitFor(() => server.output().includes('Tandem is listening'), 'the server to listen');
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      const people = (await (await fetch(`http://127.0.0.1:${port}/api/dev/users`)).json()) as { persona: string }[];
      expect(people.map((p) => p.persona)).toEqual(expect.arrayContaining(['admin', 'mentor', 'mentee']));
      expect(server.output()).toContain('demo data added');

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('"msg":"stopped"');
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('refuses to start with a bad setting and names the variable', async () => {
    const server = startServer({ PORT: 'eighty', DATABASE_URL: `sqlite:${path.join(dir, 'other.sqlite')}` });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Invalid configuration:\s+- PORT: /);
  });

  it('refuses dev sign-in in production', async () => {
    const server = startServer({ NODE_ENV: 'production', AUTH_MODE: 'dev', DATABASE_URL: `sqlite:${path.join(dir, 'prod.sqlite')}` });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/AUTH_MODE: dev sign-in is refused when NODE_ENV=production/);
  });
});
