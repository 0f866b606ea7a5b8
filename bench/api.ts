/**
 * The API throughput benchmark (issue 10): `npm run bench:api -- --connections 100 --duration 10`.
 *
 * Starts the real server (`api/src/server.ts`, dev sign-in, demo data, a temp SQLite file) and a
 * bare Express hello-world, each in its own process on this machine, and drives each with
 * autocannon from this process: the tab's main reads with real tokens of a demo mentee and a demo
 * mentor, each on their own active pair (alternating), and the hello-world. Every
 * target gets a discarded warm-up, then a measured run; the hello-world is measured before and
 * after the app's endpoints and the ratios use the mean of the two, so load from other work on
 * the machine that changes during the run lands on both sides.
 *
 * Targets, as ratios to bare Express in the same run: throughput ≥ 0.4×, p99 ≤ 2×. A run that
 * saw any non-2xx answer or socket error is reported as not measured rather than a figure.
 *
 * It also times token verification alone (the app's own verifier over dev tokens, in this
 * process: new tokens and a repeated one) and prints its share of a core at the measured rate,
 * because the issue says verification must not dominate.
 *
 * Options:
 *   --connections N   concurrent connections (default 100)
 *   --duration S      measured seconds per target (default 10)
 *   --warmup S        discarded seconds per target before it (default 3)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createIdentity } from '../api/src/auth/identity';
import { loadConfig } from '../api/src/config/config';
import { demoUsers, devToken, getJson, loadAverage, machineLine, parseNumberArgs, rssOf, startHelloWorld, startTandem, type Running } from './support/servers';

const TARGET_THROUGHPUT_RATIO = 0.4;
const TARGET_P99_RATIO = 2;
const VERIFY_CALLS = 2000;

interface Target {
  name: string;
  base: string;
  /** autocannon cycles through these on each connection */
  requests: { path: string; token?: string }[];
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  /** socket errors and timeouts (autocannon counts a timeout as an error too) */
  errors: number;
  timeouts: number;
}

async function cannon(t: Target, connections: number, duration: number): Promise<Figures> {
  const requests = t.requests.map((r) => ({ method: 'GET' as const, path: r.path, ...(r.token ? { headers: { authorization: `Bearer ${r.token}` } } : {}) }));
  const r = await autocannon({ url: t.base, connections, duration, requests });
  return { name: t.name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
}

async function measure(t: Target, o: { connections: number; duration: number; warmup: number }, out: (l: string) => void): Promise<Figures> {
  const warm = await cannon(t, o.connections, o.warmup);
  if (warm.non2xx > 0 || warm.errors > 0) out(`  ${t.name}: warm-up saw ${warm.non2xx} non-2xx and ${warm.errors} errors`);
  const f = await cannon(t, o.connections, o.duration);
  out(`  ${t.name}: ${f.rps.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors (${f.timeouts} timeouts)`);
  return f;
}

/**
 * Mean µs of one verification by the app's own verifier in this process: of a token it has not
 * seen before (the full signature check), and of one it has just verified (whatever cache the
 * verifier keeps serves it).
 */
async function verifyCost(): Promise<{ firstUs: number; repeatUs: number }> {
  const config = loadConfig({ NODE_ENV: 'test', AUTH_MODE: 'dev', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' }, 'bench');
  const clock = { now: () => new Date() };
  const identity = await createIdentity(config, clock);
  const tokens: string[] = [];
  for (let i = 0; i < VERIFY_CALLS + 50; i++) tokens.push(await identity.devIssuer!.issue({ email: `bench${i}@contoso.example` }, clock.now()));
  for (const token of tokens.slice(0, 50)) await identity.verifier.verify(token);
  const fresh = tokens.slice(50);
  let start = performance.now();
  for (const token of fresh) await identity.verifier.verify(token);
  const firstUs = ((performance.now() - start) * 1000) / fresh.length;
  start = performance.now();
  for (let i = 0; i < VERIFY_CALLS; i++) await identity.verifier.verify(fresh[fresh.length - 1]!);
  return { firstUs, repeatUs: ((performance.now() - start) * 1000) / VERIFY_CALLS };
}

async function main(): Promise<void> {
  const o = parseNumberArgs(process.argv.slice(2), { connections: 100, duration: 10, warmup: 3 }, 'bench/api.ts');
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-api-'));
  let app: Running | null = null;
  let hello: Running | null = null;
  try {
    out(`Tandem API benchmark: ${o.connections} connections, ${o.warmup} s warm-up + ${o.duration} s measured per target`);
    out(machineLine());
    const started = performance.now();
    app = await startTandem({ dbFile: path.join(tempDir, 'bench.sqlite') });
    out(`app started with demo data in ${((performance.now() - started) / 1000).toFixed(1)} s (api/src/server.ts via tsx, LOG_LEVEL=warn, background jobs off)`);
    hello = await startHelloWorld();

    // A demo mentee and a demo mentor, each reading their own active pair: the requests of a
    // target alternate between the two, so both members' paths are in every figure.
    const base = app.base;
    const users = await demoUsers(base);
    const member = async (role: 'mentee' | 'mentor') => {
      for (const u of users.filter((x) => x.persona === role)) {
        const token = await devToken(base, u.email);
        const pairs = await getJson<{ id: string; status: string; myRole: string }[]>(base, token, '/api/pairs');
        const pair = pairs.find((p) => p.status === 'active' && p.myRole === role);
        if (pair) return { email: u.email, token, pairId: pair.id };
      }
      throw new Error(`the demo data has no ${role} with an active pair`);
    };
    const signedIn = [await member('mentee'), await member('mentor')];
    for (const m of signedIn) out(`signed in (dev token) as ${m.email}, pair ${m.pairId}`);

    const targets: Target[] = [
      { name: 'GET /api/pairs', base: app.base, requests: signedIn.map((m) => ({ path: '/api/pairs', token: m.token })) },
      { name: 'GET /api/pairs/{id}', base: app.base, requests: signedIn.map((m) => ({ path: `/api/pairs/${m.pairId}`, token: m.token })) },
      {
        name: 'GET /api/pairs/{id}/meetings?when=upcoming',
        base: app.base,
        requests: signedIn.map((m) => ({ path: `/api/pairs/${m.pairId}/meetings?when=upcoming`, token: m.token })),
      },
    ];
    for (const t of targets) {
      for (const r of t.requests) {
        const res = await fetch(`${t.base}${r.path}`, { headers: { authorization: `Bearer ${r.token}` } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${r.path} answered ${res.status} before the run: ${body.slice(0, 200)}`);
        out(`  checked GET ${r.path}: 200, ${body.length} bytes`);
      }
    }
    const helloTarget: Target = { name: 'bare Express hello-world', base: hello.base, requests: [{ path: '/' }] };

    out('');
    out('measuring:');
    const before = await measure({ ...helloTarget, name: `${helloTarget.name} (before)` }, o, out);
    const measured: Figures[] = [];
    for (const t of targets) measured.push(await measure(t, o, out));
    const after = await measure({ ...helloTarget, name: `${helloTarget.name} (after)` }, o, out);
    const yardstick = { rps: (before.rps + after.rps) / 2, p99: (before.p99 + after.p99) / 2 };
    const serverRss = rssOf(app.pid);

    out('');
    out(`| ${'target'.padEnd(44)} | ${'req/s'.padStart(6)} | ${'p50 ms'.padStart(6)} | ${'p99 ms'.padStart(6)} | ${'non-2xx'.padStart(7)} | ${'errors'.padStart(6)} | ${'× req/s'.padStart(7)} | ${'× p99'.padStart(6)} | verdict |`);
    out(`|${'-'.repeat(46)}|${'-'.repeat(7)}:|${'-'.repeat(7)}:|${'-'.repeat(7)}:|${'-'.repeat(8)}:|${'-'.repeat(7)}:|${'-'.repeat(8)}:|${'-'.repeat(7)}:|---------|`);
    const row = (f: Figures, verdict: string, ratios: boolean) =>
      out(
        `| ${f.name.padEnd(44)} | ${f.rps.toFixed(0).padStart(6)} | ${String(f.p50).padStart(6)} | ${String(f.p99).padStart(6)} | ${String(f.non2xx).padStart(7)} | ${String(f.errors).padStart(6)} | ${(ratios ? (f.rps / yardstick.rps).toFixed(2) : '').padStart(7)} | ${(ratios ? (f.p99 / yardstick.p99).toFixed(2) : '').padStart(6)} | ${verdict.padEnd(7)} |`,
      );
    row(before, '', false);
    row(after, '', false);
    let allMet = true;
    for (const f of measured) {
      const clean = f.non2xx === 0 && f.errors === 0;
      const met = clean && f.rps / yardstick.rps >= TARGET_THROUGHPUT_RATIO && f.p99 / yardstick.p99 <= TARGET_P99_RATIO;
      allMet &&= met;
      row(f, clean ? (met ? 'MET' : 'MISSED') : 'INVALID', true);
    }
    out('');
    out(`ratios are to the mean of the two hello-world runs (${yardstick.rps.toFixed(0)} req/s, p99 ${yardstick.p99.toFixed(1)} ms); targets: throughput ≥ ${TARGET_THROUGHPUT_RATIO}×, p99 ≤ ${TARGET_P99_RATIO}×, every answer 200`);
    out(`verdict: ${allMet ? 'all targets MET' : 'targets MISSED (see the table)'}`);
    out(`server RSS after the run: ${(serverRss / 2 ** 20).toFixed(0)} MiB`);

    const verify = await verifyCost();
    const fastest = Math.max(...measured.map((f) => f.rps));
    out(
      `token verification alone (the app's verifier, ${VERIFY_CALLS} calls in this process): ${verify.firstUs.toFixed(0)} µs for a token not seen before, ` +
        `${verify.repeatUs.toFixed(1)} µs for one just verified (the bench's tokens are all repeats) — at ${fastest.toFixed(0)} req/s that is ` +
        `${((verify.repeatUs * fastest) / 1e4).toFixed(1)} % of one core (${((verify.firstUs * fastest) / 1e4).toFixed(0)} % if every request verified afresh)`,
    );
    out(`load average at the end: ${loadAverage()} (other work on the machine moves every figure; compare the ratios of one run)`);
  } finally {
    await hello?.stop();
    await app?.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
