/**
 * The soak benchmark (issue 10): `npm run bench:soak -- --minutes 10`.
 *
 * Starts the real server (`api/src/server.ts`, dev sign-in, demo data, a temp SQLite file, the
 * nudge job every minute so background work is part of the steady state) and drives it with a
 * steady mix of reads and writes as every demo mentee and mentor with an active pair. Each user
 * starts one round every --interval ms: five reads (their pairs, the pair, upcoming meetings, open
 * action items, unread notifications) and one write, taking turns: add an action item, tick it
 * off, delete it, post a goal progress note, mark all notifications read. So the database stays
 * about the same size apart from the progress notes.
 *
 * One write per round per user is 60 a minute at the default interval: half of the per-person
 * write limit (RATE_LIMIT_WRITES_PER_MINUTE, default 120), which the run leaves as it is — a 429
 * would count as an error.
 *
 * After one warm-up minute (not counted), it prints every minute: requests, errors (any answer
 * that is not 2xx, or no answer), p99 latency and the server's RSS (at the end of the minute, and
 * the mean of a sample every 5 s — RSS rises and falls with garbage collection, so one reading is
 * a poor baseline); then a summary against the targets: 0 errors, RSS growth < 10 % from the
 * first measured minute to the last (means of their samples; it needs --minutes 2 or more).
 *
 * Options:
 *   --minutes M     measured minutes after the warm-up minute (default 10; 1 for a quick check)
 *   --interval MS   milliseconds between the starts of one user's rounds (default 1000)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoUsers, devToken, getJson, loadAverage, machineLine, parseNumberArgs, rssOf, startTandem, type Running } from './support/servers';

const TARGET_RSS_GROWTH = 0.1;
const RSS_SAMPLE_MS = 5000;
const REQUEST_TIMEOUT_MS = 30_000;

interface Window {
  requests: number;
  errors: number;
  latencies: number[];
  failures: Map<string, number>;
}

const emptyWindow = (): Window => ({ requests: 0, errors: 0, latencies: [], failures: new Map() });

interface SoakUser {
  email: string;
  token: string;
  userId: string;
  pairId: string;
  goalId: string;
  openItem: string | null;
  round: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}

async function main(): Promise<void> {
  const o = parseNumberArgs(process.argv.slice(2), { minutes: 10, interval: 1000 }, 'bench/soak.ts');
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-soak-'));
  let app: Running | null = null;
  try {
    out(`Tandem soak: 1 warm-up minute + ${o.minutes} measured minute(s), one round per user every ${o.interval} ms`);
    out(machineLine());
    app = await startTandem({ dbFile: path.join(tempDir, 'soak.sqlite'), env: { NUDGE_INTERVAL_MS: '60000' } });
    const base = app.base;

    const users: SoakUser[] = [];
    for (const u of await demoUsers(base)) {
      if (u.persona !== 'mentee' && u.persona !== 'mentor') continue;
      const token = await devToken(base, u.email);
      const pairs = await getJson<{ id: string; status: string; myRole: string }[]>(base, token, '/api/pairs');
      const pair = pairs.find((p) => p.status === 'active');
      if (!pair) continue;
      const me = await getJson<{ id: string }>(base, token, '/api/me');
      // A done goal answers 409 to a progress note: use one still under way.
      let goals = (await getJson<{ id: string; status: string }[]>(base, token, `/api/pairs/${pair.id}/goals`)).filter((g) => g.status === 'not-started' || g.status === 'in-progress');
      if (goals.length === 0) {
        const res = await fetch(`${base}/api/pairs/${pair.id}/goals`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Soak goal', skill: 'Endurance', mentorRole: 'Keeps me going', actionSteps: [] }),
        });
        if (res.status !== 201) throw new Error(`could not add a goal for ${u.email}: ${res.status} ${await res.text()}`);
        goals = [(await res.json()) as { id: string; status: string }];
      }
      users.push({ email: u.email, token, userId: me.id, pairId: pair.id, goalId: goals[0]!.id, openItem: null, round: 0 });
    }
    if (users.length === 0) throw new Error('the demo data has no mentee or mentor with an active pair');
    out(`${users.length} demo users, each on their own active pair: ${users.map((u) => u.email).join(', ')}`);

    let window = emptyWindow();
    const call = async (u: SoakUser, method: string, pathAndQuery: string, body?: unknown): Promise<unknown> => {
      const start = performance.now();
      let failure: string | null = null;
      let json: unknown = null;
      try {
        const res = await fetch(`${base}${pathAndQuery}`, {
          method,
          headers: { authorization: `Bearer ${u.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await res.text();
        if (res.status < 200 || res.status > 299) failure = `${method} ${pathAndQuery.replace(/[0-9a-f-]{36}/g, '{id}')} → ${res.status}`;
        else json = text ? JSON.parse(text) : null;
      } catch (error) {
        failure = `${method} ${pathAndQuery.replace(/[0-9a-f-]{36}/g, '{id}')} → ${error instanceof Error ? error.name : 'error'}`;
      }
      window.requests++;
      window.latencies.push(performance.now() - start);
      if (failure) {
        window.errors++;
        window.failures.set(failure, (window.failures.get(failure) ?? 0) + 1);
      }
      return json;
    };

    const round = async (u: SoakUser) => {
      await call(u, 'GET', '/api/pairs');
      await call(u, 'GET', `/api/pairs/${u.pairId}`);
      await call(u, 'GET', `/api/pairs/${u.pairId}/meetings?when=upcoming`);
      await call(u, 'GET', `/api/pairs/${u.pairId}/action-items`);
      await call(u, 'GET', '/api/notifications/unread-count');
      const step = u.round++ % 5;
      if (step === 0 || (step <= 2 && u.openItem === null)) {
        const item = (await call(u, 'POST', `/api/pairs/${u.pairId}/action-items`, { text: `Soak item ${u.round}`, ownerId: u.userId })) as { id: string } | null;
        u.openItem = item?.id ?? null;
      } else if (step === 1) {
        await call(u, 'PATCH', `/api/action-items/${u.openItem}`, { done: true });
      } else if (step === 2) {
        await call(u, 'DELETE', `/api/action-items/${u.openItem}`);
        u.openItem = null;
      } else if (step === 3) {
        await call(u, 'POST', `/api/goals/${u.goalId}/updates`, { kind: 'progress', note: `Soak note ${u.round}`, progress: u.round % 101 });
      } else {
        await call(u, 'POST', '/api/notifications/read-all');
      }
    };

    let stopping = false;
    const loops = users.map(async (u, i) => {
      // Spread the users over the interval so the load is steady rather than in bursts.
      await new Promise((r) => setTimeout(r, (i * o.interval) / users.length));
      while (!stopping) {
        const started = performance.now();
        await round(u);
        const wait = o.interval - (performance.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    });

    const pid = app.pid;
    const rssStart = rssOf(pid);
    let rssSamples: number[] = [];
    const sampler = setInterval(() => rssSamples.push(rssOf(pid)), RSS_SAMPLE_MS);
    out(`server RSS before the load: ${(rssStart / 2 ** 20).toFixed(1)} MiB`);
    out('');
    out(`| ${'minute'.padEnd(14)} | ${'requests'.padStart(8)} | ${'req/s'.padStart(5)} | ${'errors'.padStart(6)} | ${'p99 ms'.padStart(6)} | ${'RSS MiB'.padStart(7)} | ${'RSS mean'.padStart(8)} |`);
    out(`|${'-'.repeat(16)}|${'-'.repeat(9)}:|${'-'.repeat(6)}:|${'-'.repeat(7)}:|${'-'.repeat(7)}:|${'-'.repeat(8)}:|${'-'.repeat(9)}:|`);
    let totalRequests = 0;
    let totalErrors = 0;
    const failures = new Map<string, number>();
    let rssFirst = 0;
    let rssLast = 0;
    for (let minute = 0; minute <= o.minutes; minute++) {
      await new Promise((r) => setTimeout(r, 60_000));
      const w = window;
      window = emptyWindow();
      const rss = rssOf(pid);
      const samples = [...rssSamples, rss];
      rssSamples = [];
      const rssMean = samples.reduce((a, b) => a + b, 0) / samples.length;
      const label = minute === 0 ? 'warm-up' : String(minute);
      out(`| ${label.padEnd(14)} | ${String(w.requests).padStart(8)} | ${(w.requests / 60).toFixed(0).padStart(5)} | ${String(w.errors).padStart(6)} | ${percentile(w.latencies, 0.99).toFixed(0).padStart(6)} | ${(rss / 2 ** 20).toFixed(1).padStart(7)} | ${(rssMean / 2 ** 20).toFixed(1).padStart(8)} |`);
      for (const [what, n] of w.failures) out(`|   ${n} × ${what}`);
      if (minute === 1) rssFirst = rssMean;
      if (minute > 0) {
        rssLast = rssMean;
        totalRequests += w.requests;
        totalErrors += w.errors;
        for (const [what, n] of w.failures) failures.set(what, (failures.get(what) ?? 0) + n);
      }
    }
    clearInterval(sampler);
    stopping = true;
    await Promise.all(loops);

    const growth = (rssLast - rssFirst) / rssFirst;
    out('');
    out(`summary over ${o.minutes} measured minute(s) (after the warm-up minute):`);
    out(`  requests: ${totalRequests} (${(totalRequests / (o.minutes * 60)).toFixed(1)} req/s, about one in six a write)`);
    out(`  errors: ${totalErrors} — target 0: ${totalErrors === 0 ? 'MET' : 'MISSED'}`);
    for (const [what, n] of failures) out(`    ${n} × ${what}`);
    const rssVerdict = o.minutes < 2 ? 'NOT MEASURED (needs --minutes 2 or more)' : growth < TARGET_RSS_GROWTH ? 'MET' : 'MISSED';
    out(
      `  server RSS (mean of the minute): ${(rssFirst / 2 ** 20).toFixed(1)} MiB in the first measured minute → ${(rssLast / 2 ** 20).toFixed(1)} MiB in the last: ` +
        `${(growth * 100).toFixed(1)} % — target < ${TARGET_RSS_GROWTH * 100} %: ${rssVerdict}` +
        (o.minutes < 10 ? ` (a ${o.minutes}-minute run; the issue's figure is 10 minutes)` : ''),
    );
    out(`load average at the end: ${loadAverage()}`);
  } finally {
    await app?.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
