/**
 * The web benchmark (issue 10): `npm run bench:web`.
 *
 * 1. Sizes: every file the production build (dist/web; built first when missing, or with
 *    --build) makes the browser fetch when it opens /tab and when it opens /admin, gzip-compressed
 *    here (zlib level 9, as a server or CDN would serve them). Which chunk belongs to which route is
 *    taken from the network log of the headless page loads below, so lazily loaded views count for
 *    the route that really loads them. Target: the JS /tab loads ≤ 200 KB gzip.
 * 2. LCP of /tab (as a demo mentee) and /admin (as the demo admin), signed in with a dev token the
 *    way the browser tests do, in headless Chromium with 4× CPU throttling (CDP
 *    Emulation.setCPUThrottlingRate) and no network throttling (the server is on this machine).
 *    Each load is cold: a new browser context, so nothing is cached. LCP is the last
 *    `largest-contentful-paint` entry a PerformanceObserver saw once the page's level-1 heading is
 *    shown and the network has been idle. Median of --runs. Target: < 1.0 s.
 *
 * Playwright rather than Lighthouse: the project already drives /usr/bin/chromium with
 * playwright-core, the sign-in needs a token in sessionStorage before the app starts (an init
 * script), and ten loads take seconds rather than the 10–20 s each of a Lighthouse run.
 *
 * Options:
 *   --runs N    loads per route (default 5)
 *   --build     run `npm run build:web` first even when dist/web exists
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { demoUsers, devToken, loadAverage, machineLine, ROOT, startTandem, type Running } from './support/servers';

const DIST = path.join(ROOT, 'dist/web');
const TARGET_TAB_JS_KB = 200;
const TARGET_LCP_MS = 1000;
const CPU_THROTTLING = 4;

interface Options {
  runs: number;
  build: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { runs: 5, build: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--build') o.build = true;
    else if (arg === '--runs') {
      o.runs = Number(argv[++i]);
      if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs must be a positive integer');
    } else throw new Error(`unknown option ${arg} (the options are listed at the top of bench/web.ts)`);
  }
  return o;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** Newest modification time of any file under dir (for telling a stale build). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function launch(): Promise<Browser> {
  // The flags of tests/support/browser.ts: no background calls home on this closed network.
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

interface Load {
  lcpMs: number;
  lcpElement: string;
  /** same-origin paths the page fetched (scripts, styles, fonts, images; not /api) */
  assets: string[];
}

async function loadOnce(browser: Browser, base: string, route: string, token: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    // Before any of the app's code runs on every navigation: the dev sign-in of the browser tests,
    // and the LCP observer (init scripts are not subject to the page's CSP).
    await context.addInitScript(`
      sessionStorage.setItem('tandem.devToken', ${JSON.stringify(token)});
      window.__lcp = { ms: -1, element: '' };
      const note = (entries) => {
        for (const e of entries) {
          window.__lcp = { ms: e.startTime, element: e.element ? e.element.tagName.toLowerCase() + (e.element.textContent ? ' "' + e.element.textContent.trim().slice(0, 40) + '"' : '') : '(removed)' };
        }
      };
      const observer = new PerformanceObserver((list) => note(list.getEntries()));
      observer.observe({ type: 'largest-contentful-paint', buffered: true });
      // Chromium hands entries to the callback in a later, low-priority task, which a busy page
      // (charts drawing) can hold back past the network going idle: read what is still queued too.
      window.__readLcp = () => (note(observer.takeRecords()), window.__lcp);
    `);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
    const assets: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === base && !url.pathname.startsWith('/api/') && url.pathname !== route) assets.push(url.pathname);
    });
    await page.goto(`${base}${route}`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const lcp = (await page.evaluate('window.__readLcp()')) as { ms: number; element: string };
    if (lcp.ms < 0) throw new Error(`no largest-contentful-paint entry for ${route}`);
    return { lcpMs: lcp.ms, lcpElement: lcp.element, assets };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`Tandem web benchmark: production build sizes (gzip) and LCP, ${CPU_THROTTLING}× CPU throttling, median of ${o.runs} cold loads per route`);
  out(machineLine());

  if (o.build || !fs.existsSync(path.join(DIST, 'index.html'))) {
    out('building the web app (npm run build:web)…');
    execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } else if (newestMtime(path.join(ROOT, 'web')) > fs.statSync(path.join(DIST, 'index.html')).mtimeMs) {
    out('note: web/ has changed since dist/web was built; run with --build for figures of the current source');
  }
  out(`build: ${DIST} (built ${new Date(fs.statSync(path.join(DIST, 'index.html')).mtimeMs).toISOString()})`);

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-web-'));
  let app: Running | null = null;
  let browser: Browser | null = null;
  try {
    app = await startTandem({ dbFile: path.join(tempDir, 'web.sqlite') });
    const users = await demoUsers(app.base);
    const as = (persona: 'mentee' | 'admin') => {
      const u = users.find((x) => x.persona === persona);
      if (!u) throw new Error(`the demo data has no ${persona}`);
      return u.email;
    };
    const routes = [
      { route: '/tab', email: as('mentee') },
      { route: '/admin', email: as('admin') },
    ];
    browser = await launch();

    const results: { route: string; email: string; loads: Load[] }[] = [];
    for (const r of routes) {
      const token = await devToken(app.base, r.email);
      await loadOnce(browser, app.base, r.route, token); // discarded: the server's first answers, the OS file cache
      const loads: Load[] = [];
      for (let i = 0; i < o.runs; i++) loads.push(await loadOnce(browser, app.base, r.route, token));
      out(`  ${r.route} as ${r.email}: LCP ${loads.map((l) => l.lcpMs.toFixed(0)).join(', ')} ms; element: ${loads.at(-1)!.lcpElement}`);
      results.push({ ...r, loads });
    }

    // Sizes: what each route fetched, from the network log, sized from the build's files.
    const gzipOf = new Map<string, { raw: number; gzip: number }>();
    const sizeOf = (asset: string) => {
      let s = gzipOf.get(asset);
      if (!s) {
        const file = path.join(DIST, asset);
        const bytes = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
        s = { raw: bytes.length, gzip: bytes.length ? zlib.gzipSync(bytes, { level: 9 }).length : 0 };
        gzipOf.set(asset, s);
      }
      return s;
    };
    const fetched = new Map(results.map((r) => [r.route, new Set(r.loads.flatMap((l) => l.assets))]));
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const entry = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!));
    const all = [...new Set([...fetched.values()].flatMap((s) => [...s]))].sort((a, b) => sizeOf(b).gzip - sizeOf(a).gzip);

    out('');
    out(`| ${'file'.padEnd(52)} | ${'KB'.padStart(6)} | ${'KB gzip'.padStart(7)} | ${'entry'.padStart(5)} | ${'/tab'.padStart(4)} | ${'/admin'.padStart(6)} |`);
    out(`|${'-'.repeat(54)}|${'-'.repeat(7)}:|${'-'.repeat(8)}:|:${'-'.repeat(5)}:|:${'-'.repeat(4)}:|:${'-'.repeat(6)}:|`);
    for (const a of all) {
      const s = sizeOf(a);
      const mark = (yes: boolean | undefined) => (yes ? '✓' : '');
      out(`| ${a.padEnd(52)} | ${kb(s.raw).padStart(6)} | ${kb(s.gzip).padStart(7)} | ${mark(entry.has(a)).padStart(5)} | ${mark(fetched.get('/tab')?.has(a)).padStart(4)} | ${mark(fetched.get('/admin')?.has(a)).padStart(6)} |`);
    }
    const total = (set: Iterable<string>, ext: RegExp) => [...set].filter((a) => ext.test(a)).reduce((sum, a) => sum + sizeOf(a).gzip, 0);
    const entryJs = total(entry, /\.js$/);
    out('');
    out(`entry (index.html's script and modulepreloads): ${kb(entryJs)} KB JS gzip`);
    let tabJs = 0;
    for (const [route, set] of fetched) {
      const js = total(set, /\.js$/);
      if (route === '/tab') tabJs = js;
      out(`${route}: ${kb(js)} KB JS + ${kb(total(set, /\.css$/))} KB CSS gzip in ${[...set].length} files (of which ${kb(js - entryJs)} KB JS beyond the entry)`);
    }
    const allJs = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    out(`whole build: ${kb(allJs.reduce((s, f) => s + sizeOf(`/assets/${f}`).gzip, 0))} KB JS gzip in ${allJs.length} files`);

    out('');
    out(`tab JS: ${kb(tabJs)} KB gzip — target ≤ ${TARGET_TAB_JS_KB} KB: ${tabJs / 1000 <= TARGET_TAB_JS_KB ? 'MET' : 'MISSED'}`);
    for (const r of results) {
      const m = median(r.loads.map((l) => l.lcpMs));
      out(`LCP ${r.route}: median ${m.toFixed(0)} ms (min ${Math.min(...r.loads.map((l) => l.lcpMs)).toFixed(0)}, max ${Math.max(...r.loads.map((l) => l.lcpMs)).toFixed(0)}) — target < ${TARGET_LCP_MS} ms: ${m < TARGET_LCP_MS ? 'MET' : 'MISSED'}`);
    }
    out(`load average at the end: ${loadAverage()}`);
  } finally {
    await browser?.close();
    await app?.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
