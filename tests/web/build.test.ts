import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('the web app build', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-web-build-'));
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  }, 240_000);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('produces an index.html that loads hashed assets', () => {
    const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/src="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      expect(file).toMatch(/-[A-Za-z0-9_-]{8}\.js$/);
      expect(fs.existsSync(path.join(outDir, 'assets', file!))).toBe(true);
    }
  });

  it('splits the code per route, so the admin dashboard loads only on /admin', () => {
    const chunks = fs.readdirSync(path.join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(1);
  });
});
