/**
 * The admin analytics benchmark (issue 5): `npm run bench:analytics -- --employees 100000`.
 *
 * Generates a synthetic organisation into a temp SQLite file migrated with the app's own
 * migrations, then times the admin endpoints through the real app over HTTP (warm: one
 * discarded run, then the median of --runs) next to a full scan of the meetings table on the
 * app's own connection, and prints each endpoint's ratio to that scan.
 *
 * The app runs in a child process (this file with --serve): better-sqlite3 is synchronous, so a
 * slow query would otherwise freeze the client too and no timeout could fire.
 *
 * Options:
 *   --employees N   organisation size (default 100000: ≈40k pairs, ≈1.9M meetings)
 *   --seed S        generator seed (default 1)
 *   --runs R        timed runs per endpoint after one discarded warm-up run (default 5)
 *   --now ISO       the instant the organisation is generated as of, and the app's clock (default 2026-11-25T12:00:00.000Z)
 *   --db FILE       keep the database in FILE; if FILE exists it is reused (no generation)
 *   --timeout S     give up on a request after S seconds (default 120)
 *   --without-analytics-indexes   drop the indexes of migration 2026-11-28-001 first (the "before" figures)
 *   --analyze       give SQLite's planner statistics first (ANALYZE); without it any left by an earlier run are removed,
 *                   because the app itself never gathers them
 *   --profile       print the SQL each endpoint ran (last run), slowest first, with plans of the slow ones
 *   --only A,B      time only the endpoints whose names contain one of these words (the scan always runs)
 *   --json FILE     also write the results as JSON
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect, sql, type LogEvent } from 'kysely';
import pino from 'pino';
import { createApp } from '../api/src/app';
import { createIdentity } from '../api/src/auth/identity';
import type { Clock } from '../api/src/clock';
import { DEMO_ADMIN_EMAIL, loadConfig } from '../api/src/config/config';
import { openDatabase, type Db } from '../api/src/db/database';
import { migrateToLatest } from '../api/src/db/migrate';
import * as analyticsIndexes from '../api/src/db/migrations/2026-11-28-001-analytics-indexes';
import type { Database } from '../api/src/db/schema';
import { createMigratedSqlite, generateOrganisation, HISTORY_YEARS, type ProgramSummary } from './org-generator';

const ANALYTICS_INDEXES_MIGRATION = '2026-11-28-001-analytics-indexes';
/** One index that migration creates: tells whether a reused file has them. */
const ANALYTICS_MARKER_INDEX = 'meetings_pair_status_start_ix';
/** What a dashboard visit may cost (issue 5). */
const TARGET_MS = 500;
const TARGET_SCAN_RATIO = 3;
/** Not indexed anywhere, so SQLite must read every row of meetings. */
const SCAN_SQL = 'select count(*) as n from meetings where shared_notes is null';

interface Options {
  employees: number;
  seed: number;
  runs: number;
  now: string;
  db: string | null;
  timeoutSeconds: number;
  withoutAnalyticsIndexes: boolean;
  analyze: boolean;
  profile: boolean;
  only: string[] | null;
  json: string | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    employees: 100_000,
    seed: 1,
    runs: 5,
    now: '2026-11-25T12:00:00.000Z',
    db: null,
    timeoutSeconds: 120,
    withoutAnalyticsIndexes: false,
    analyze: false,
    profile: false,
    only: null,
    json: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const positive = (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} must be a positive integer, got ${v}`);
      return n;
    };
    if (arg === '--employees') o.employees = positive(value());
    else if (arg === '--seed') o.seed = positive(value());
    else if (arg === '--runs') o.runs = positive(value());
    else if (arg === '--timeout') o.timeoutSeconds = positive(value());
    else if (arg === '--now') {
      const at = new Date(value());
      if (Number.isNaN(at.getTime())) throw new Error('--now must be an ISO date-time');
      o.now = at.toISOString();
    } else if (arg === '--db') o.db = path.resolve(value());
    else if (arg === '--json') o.json = path.resolve(value());
    else if (arg === '--without-analytics-indexes') o.withoutAnalyticsIndexes = true;
    else if (arg === '--analyze') o.analyze = true;
    else if (arg === '--profile') o.profile = true;
    else if (arg === '--only') o.only = value().split(',').map((w) => w.trim()).filter(Boolean);
    else throw new Error(`unknown option ${arg} (the options are listed at the top of bench/analytics.ts)`);
  }
  return o;
}

// ── the server side (child process) ──────────────────────────────────────────────────────

interface QueryTiming {
  sql: string;
  ms: number;
  plan?: string[];
}

type ToChild = { type: 'scan' } | { type: 'reset' } | { type: 'queries' };
type FromChild =
  | { type: 'ready'; port: number }
  | { type: 'scan'; ms: number; n: number; plan: string[] }
  | { type: 'reset' }
  | { type: 'queries'; queries: QueryTiming[] };

/** The app's own SQLite settings (api/src/db/database.ts), plus a query log when profiling. */
function openProfiledSqlite(file: string, sink: { sql: string; parameters: readonly unknown[]; ms: number }[]) {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
    log: (event: LogEvent) => {
      sink.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
    },
  });
  const db: Db = { kysely, kind: 'sqlite', ping: async () => true, close: () => kysely.destroy() };
  const explain = (query: string, parameters: readonly unknown[]) =>
    (sqlite.prepare(`explain query plan ${query}`).all(...(parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
  return { db, explain };
}

/** The real app over the generated file, wired as api/src/runtime.ts wires it, on a fixed clock. */
async function serve(file: string, now: string, profile: boolean): Promise<void> {
  const log: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const profiled = profile ? openProfiledSqlite(file, log) : null;
  const db = profiled?.db ?? (await openDatabase({ kind: 'sqlite', file }));
  const clock: Clock = { now: () => new Date(now) };
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${file}`, DEMO_DATA: 'off', AUTH_MODE: 'dev', ADMIN_EMAILS: DEMO_ADMIN_EMAIL },
    'bench',
  );
  const app = createApp({ db, config, clock, logger: pino({ level: 'silent' }), ...(await createIdentity(config, clock)) });
  const server = http.createServer(app.express);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const send = (message: FromChild) => process.send!(message);
  process.on('message', (message: ToChild) => {
    void (async () => {
      if (message.type === 'scan') {
        const plan = await sql<{ detail: string }>`explain query plan ${sql.raw(SCAN_SQL)}`.execute(db.kysely);
        const start = performance.now();
        const result = await sql<{ n: number }>`${sql.raw(SCAN_SQL)}`.execute(db.kysely);
        send({ type: 'scan', ms: performance.now() - start, n: Number(result.rows[0]?.n ?? 0), plan: plan.rows.map((r) => r.detail) });
      } else if (message.type === 'reset') {
        log.length = 0;
        send({ type: 'reset' });
      } else {
        const total = log.reduce((s, q) => s + q.ms, 0);
        const explained = new Set<string>();
        const queries = log.map((q) => {
          const slow = q.ms >= 0.05 * total && q.ms >= 20 && !explained.has(q.sql);
          if (slow) explained.add(q.sql);
          return { sql: q.sql, ms: q.ms, ...(slow && profiled ? { plan: profiled.explain(q.sql, q.parameters) } : {}) };
        });
        send({ type: 'queries', queries });
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
}

// ── the client side (this process) ───────────────────────────────────────────────────────

class AppProcess {
  private child: ChildProcess | null = null;
  private waiting: ((m: FromChild) => void)[] = [];
  base = '';
  token = '';

  constructor(
    private readonly file: string,
    private readonly o: Options,
  ) {}

  async start(): Promise<void> {
    const child = fork(__filename, ['--serve', this.file, this.o.now, this.o.profile ? 'profile' : 'plain'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    child.on('message', (m: FromChild) => this.waiting.shift()?.(m));
    const ready = await this.next();
    if (ready.type !== 'ready') throw new Error('the app process did not start');
    this.base = `http://127.0.0.1:${ready.port}`;
    const res = await fetch(`${this.base}/api/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_ADMIN_EMAIL }) });
    if (!res.ok) throw new Error(`dev sign-in failed: HTTP ${res.status}`);
    this.token = ((await res.json()) as { token: string }).token;
  }

  private next(): Promise<FromChild> {
    return new Promise((resolve, reject) => {
      const child = this.child!;
      const onExit = (code: number | null) => reject(new Error(`the app process exited (${code})`));
      child.once('exit', onExit);
      this.waiting.push((m) => {
        child.off('exit', onExit);
        resolve(m);
      });
    });
  }

  async ask<T extends FromChild['type']>(message: ToChild & { type: T }): Promise<Extract<FromChild, { type: T }>> {
    const reply = this.next();
    this.child!.send(message);
    return (await reply) as Extract<FromChild, { type: T }>;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    this.waiting = [];
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}

function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Measurement {
  name: string;
  median: number | null;
  min: number | null;
  max: number | null;
  bytes: number | null;
  note: string;
  queries?: QueryTiming[];
}

interface Sample {
  ms: number;
  bytes: number;
  status: number;
  detail?: string;
}

async function benchmark(file: string, program: ProgramSummary, o: Options, out: (line?: string) => void): Promise<void> {
  const app = new AppProcess(file, o);
  await app.start();
  try {
    const today = o.now.slice(0, 10);
    const threeYearsFrom = (() => {
      const d = new Date(`${today}T00:00:00.000Z`);
      d.setUTCFullYear(d.getUTCFullYear() - HISTORY_YEARS);
      return addDays(d.toISOString().slice(0, 10), 1);
    })();
    const yearFrom = addDays(today, -364);
    const p = `programId=${program.id}`;

    const firstScan = await app.ask({ type: 'scan' });
    out(`scan: ${SCAN_SQL} → ${firstScan.n.toLocaleString('en')} rows counted; plan: ${firstScan.plan.join('; ')}`);

    const timeHttp = async (pathAndQuery: string): Promise<Sample> => {
      const start = performance.now();
      try {
        const res = await fetch(`${app.base}${pathAndQuery}`, { headers: { authorization: `Bearer ${app.token}` }, signal: AbortSignal.timeout(o.timeoutSeconds * 1000) });
        const body = Buffer.from(await res.arrayBuffer());
        return { ms: performance.now() - start, bytes: body.length, status: res.status, detail: res.ok ? '' : body.toString('utf8').slice(0, 200) };
      } catch (error) {
        if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
          return { ms: performance.now() - start, bytes: 0, status: 0, detail: 'timeout' };
        }
        throw error;
      }
    };
    const failed = async (name: string, sample: Sample): Promise<Measurement> => {
      if (sample.detail === 'timeout') {
        // The app process is still busy with the query: replace it for the remaining endpoints.
        await app.stop();
        await app.start();
        out(`  ${name}: no answer within ${o.timeoutSeconds} s`);
        return { name, median: null, min: null, max: null, bytes: null, note: `> ${o.timeoutSeconds * 1000}` };
      }
      out(`  ${name}: HTTP ${sample.status} ${sample.detail ?? ''}`);
      return { name, median: null, min: null, max: null, bytes: null, note: `HTTP ${sample.status}` };
    };
    const measure = async (name: string, run: () => Promise<Sample>): Promise<Measurement> => {
      if (o.only && !name.startsWith('meetings full scan') && !o.only.some((w) => name.includes(w))) {
        return { name, median: null, min: null, max: null, bytes: null, note: 'skipped' };
      }
      const warm = await run();
      if (warm.status !== 200) return failed(name, warm);
      const times: number[] = [];
      let bytes = warm.bytes;
      for (let i = 0; i < o.runs; i++) {
        if (o.profile) await app.ask({ type: 'reset' });
        const r = await run();
        if (r.status !== 200) return failed(name, r);
        times.push(r.ms);
        bytes = r.bytes;
      }
      const m: Measurement = { name, median: median(times), min: Math.min(...times), max: Math.max(...times), bytes, note: '' };
      if (o.profile) m.queries = (await app.ask({ type: 'queries' })).queries;
      out(`  ${name}: ${m.median!.toFixed(1)} ms`);
      return m;
    };

    out('');
    out(`timing (warm: 1 discarded run, then the median of ${o.runs}):`);
    const scan = await measure('meetings full scan (no index can serve it)', async () => {
      const r = await app.ask({ type: 'scan' });
      return { ms: r.ms, bytes: 0, status: 200 };
    });
    const get = (q: string) => () => timeHttp(q);
    const analytics90 = await measure('analytics, one program, default period (90 days)', get(`/api/admin/analytics?${p}`));
    const analytics3y = await measure(`analytics, one program, 3 years (${threeYearsFrom}…${today})`, get(`/api/admin/analytics?${p}&from=${threeYearsFrom}&to=${today}`));
    const atRisk = await measure('pairs-at-risk, one program', get(`/api/admin/pairs-at-risk?${p}`));
    const pairsPage = await measure('pairs, one program, page 1 sorted by lastMeeting', get(`/api/admin/pairs?${p}&sort=lastMeeting`));
    const exportCsv = await measure(`export.csv meetings, one program-year (${yearFrom}…${today})`, get(`/api/admin/export.csv?dataset=meetings&${p}&from=${yearFrom}&to=${today}`));
    const results = [scan, analytics90, analytics3y, atRisk, pairsPage, exportCsv];

    const scanMs = scan.median!;
    const dashboardParts = [analytics90, atRisk, pairsPage];
    const dashboard = dashboardParts.every((m) => m.median !== null) ? dashboardParts.reduce((s, m) => s + m.median!, 0) : null;

    out('');
    out(`| ${'endpoint'.padEnd(62)} | ${'median ms'.padStart(9)} | ${'min–max ms'.padStart(17)} | ${'× scan'.padStart(7)} | ${'bytes'.padStart(10)} |`);
    out(`|${'-'.repeat(64)}|${'-'.repeat(10)}:|${'-'.repeat(18)}:|${'-'.repeat(8)}:|${'-'.repeat(11)}:|`);
    for (const m of results) {
      const value = m.median === null ? m.note : m.median.toFixed(1);
      const range = m.min === null ? '' : `${m.min.toFixed(1)}–${m.max!.toFixed(1)}`;
      const ratio = m.median === null ? '' : (m.median / scanMs).toFixed(2);
      out(`| ${m.name.padEnd(62)} | ${value.padStart(9)} | ${range.padStart(17)} | ${ratio.padStart(7)} | ${(m.bytes === null ? '' : String(m.bytes)).padStart(10)} |`);
    }
    out('');
    let verdict: string;
    if (dashboard === null) {
      verdict = 'not measurable: an endpoint did not answer 200 in time';
    } else {
      const ratio = dashboard / scanMs;
      const met = dashboard < TARGET_MS && ratio <= TARGET_SCAN_RATIO;
      verdict = `${dashboard.toFixed(1)} ms = ${ratio.toFixed(2)}× the scan; target < ${TARGET_MS} ms and ≤ ${TARGET_SCAN_RATIO}× the scan (${(TARGET_SCAN_RATIO * scanMs).toFixed(0)} ms): ${met ? 'MET' : 'MISSED'}`;
    }
    out(`whole dashboard for one program (analytics + pairs-at-risk + first pairs page): ${verdict}`);
    out(`load average at the end: ${loadAverage()} (other work on the machine inflates every figure, the scan included)`);

    if (o.profile) {
      for (const m of results) {
        if (!m.queries?.length) continue;
        const total = m.queries.reduce((s, q) => s + q.ms, 0);
        out('');
        out(`queries of "${m.name}" (last run, slowest first; ${m.queries.length} statements, ${total.toFixed(1)} ms in SQL):`);
        for (const q of [...m.queries].sort((a, b) => b.ms - a.ms).slice(0, 12)) {
          out(`  ${q.ms.toFixed(1).padStart(8)} ms  ${q.plan ? q.sql : q.sql.replace(/\s+/g, ' ').slice(0, 240)}`);
          for (const step of q.plan ?? []) out(`             plan: ${step}`);
        }
      }
    }
    if (o.json) {
      fs.writeFileSync(o.json, `${JSON.stringify({ options: o, program, loadAverage: os.loadavg(), scanMs, dashboardMs: dashboard, results: results.map(({ queries: _q, ...m }) => m) }, null, 2)}\n`);
      out(`results written to ${o.json}`);
    }
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--serve') return serve(argv[1]!, argv[2]!, argv[3] === 'profile');

  const o = parseArgs(argv);
  const tempDir = o.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  const file = o.db ?? path.join(tempDir!, 'bench.sqlite');
  const out = (line = '') => process.stdout.write(`${line}\n`);
  try {
    out(`Tandem analytics benchmark: ${o.employees.toLocaleString('en')} employees, seed ${o.seed}, now ${o.now}, ${o.runs} runs`);
    out(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, load average ${loadAverage()}`);
    out(`database: ${file}`);

    let programs: ProgramSummary[];
    if (o.db && fs.existsSync(o.db)) {
      out('reusing the existing database (no generation; --employees and --seed are ignored)');
      programs = readPrograms(file);
    } else {
      const migrateStart = performance.now();
      await createMigratedSqlite(file);
      out(`migrated in ${(performance.now() - migrateStart).toFixed(0)} ms`);
      const report = generateOrganisation(file, { employees: o.employees, seed: o.seed, now: o.now });
      out(`generated in ${(report.ms / 1000).toFixed(1)} s (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB):`);
      for (const [table, n] of Object.entries(report.rows)) out(`  ${table.padEnd(24)} ${n.toLocaleString('en').padStart(11)}`);
      programs = report.programs;
    }
    const program = programs[0];
    if (!program) throw new Error('no programs in the database');
    out(`program under test (the largest): ${program.name}, ${program.pairs.toLocaleString('en')} pairs, ${program.id}`);

    await prepareSchema(file, !o.withoutAnalyticsIndexes, o.analyze, out);
    await benchmark(file, program, o, out);
  } finally {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

function readPrograms(file: string): ProgramSummary[] {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    return sqlite
      .prepare('select p.id, p.name, count(x.id) as pairs from programs p left join pairs x on x.program_id = p.id group by p.id, p.name order by pairs desc, p.name')
      .all() as ProgramSummary[];
  } finally {
    sqlite.close();
  }
}

/**
 * Brings the file to the latest schema (timing any migration that builds indexes over the
 * generated rows). "Before" figures come from the same data with the analytics indexes taken
 * out by their own migration's `down`; a later run without the flag puts them back with `up`.
 * (The migration stays recorded as applied either way, so later migrations still apply in order.)
 */
async function prepareSchema(file: string, withAnalyticsIndexes: boolean, analyze: boolean, out: (line: string) => void): Promise<void> {
  const db = await openDatabase({ kind: 'sqlite', file });
  try {
    let start = performance.now();
    const { applied } = await migrateToLatest(db.kysely);
    if (applied.length > 0) out(`applied ${applied.join(', ')} over the data in ${(performance.now() - start).toFixed(0)} ms`);
    const present = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'index' and name = ${ANALYTICS_MARKER_INDEX}`.execute(db.kysely);
    const have = Number(present.rows[0]?.n ?? 0) > 0;
    start = performance.now();
    if (!withAnalyticsIndexes && have) {
      await analyticsIndexes.down(db.kysely);
      out(`took the analytics indexes out (migration ${ANALYTICS_INDEXES_MIGRATION} down) in ${(performance.now() - start).toFixed(0)} ms: measuring without them`);
    } else if (withAnalyticsIndexes && !have) {
      await analyticsIndexes.up(db.kysely);
      out(`built the analytics indexes (migration ${ANALYTICS_INDEXES_MIGRATION} up) in ${(performance.now() - start).toFixed(0)} ms`);
    } else {
      out(withAnalyticsIndexes ? 'analytics indexes: present' : 'analytics indexes: absent');
    }
    const stats = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db.kysely);
    if (analyze) {
      start = performance.now();
      await sql`analyze`.execute(db.kysely);
      out(`planner statistics gathered (ANALYZE) in ${(performance.now() - start).toFixed(0)} ms`);
    } else if (Number(stats.rows[0]?.n ?? 0) > 0) {
      await sql`delete from sqlite_stat1`.execute(db.kysely);
      out('planner statistics from an earlier --analyze run removed');
    } else {
      out('planner statistics: none (as in the app)');
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
