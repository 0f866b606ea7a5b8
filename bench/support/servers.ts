/**
 * What the API, soak and web benchmarks (issue 10) share: the real server and a bare Express
 * hello-world, each in its own process, plus the machine line, load average and RSS readings.
 *
 * The real server is `api/src/server.ts` itself (through tsx, as tests/support/server-process.ts
 * runs it), so the benchmark measures what production runs: helmet, request logging, auth, zod, Kysely
 * over SQLite with the app's own pragmas. Each server gets its own process so neither competes
 * with the load generator's event loop — only with its CPU, which is the point of the ratios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

export function machineLine(): string {
  return `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, load average ${loadAverage()}`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

export interface Running {
  base: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function run(args: string[], env: Record<string, string>, readyPath: string, port: number): Promise<Running> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Keep only the tail: a soak run at LOG_LEVEL=info would otherwise grow this process instead.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const running: Running = {
    base,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
  return waitUntilAnswering(`${base}${readyPath}`, child, () => output).then(
    () => running,
    async (error: unknown) => {
      await running.stop();
      throw error;
    },
  );
}

export interface TandemOptions {
  /** SQLite file; created, migrated and given demo data on first start */
  dbFile: string;
  logLevel?: string;
  /** extra environment for the server (e.g. a raised write rate limit) */
  env?: Record<string, string>;
}

/** The real server (`api/src/server.ts`) on a fresh port, dev sign-in, demo data. */
export async function startTandem(o: TandemOptions): Promise<Running> {
  const port = await freePort();
  return run(
    ['--import', 'tsx', 'api/src/server.ts'],
    {
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${o.dbFile}`,
      AUTH_MODE: 'dev',
      DEMO_DATA: 'on',
      LOG_LEVEL: o.logLevel ?? 'warn',
      WEB_DIST_DIR: path.join(ROOT, 'dist/web'),
      // The background jobs would add bursts of unrelated work to the figures.
      NUDGE_INTERVAL_MS: '0',
      CALENDAR_SYNC_INTERVAL_MS: '0',
      DIRECTORY_SYNC_INTERVAL_MS: '0',
      ...o.env,
    },
    '/api/health',
    port,
  );
}

/** The bare Express hello-world (bench/support/hello-world.ts): the yardstick for the ratios. */
export async function startHelloWorld(): Promise<Running> {
  const port = await freePort();
  return run(['--import', 'tsx', 'bench/support/hello-world.ts'], { PORT: String(port) }, '/', port);
}

export interface DemoUser {
  email: string;
  displayName: string;
  persona: 'admin' | 'mentor' | 'mentee' | 'employee';
}

export async function demoUsers(base: string): Promise<DemoUser[]> {
  const res = await fetch(`${base}/api/dev/users`);
  if (!res.ok) throw new Error(`GET /api/dev/users answered ${res.status}`);
  return (await res.json()) as DemoUser[];
}

/** A real token from the dev issuer: verified by the same code as Entra ID tokens. */
export async function devToken(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  if (!res.ok) throw new Error(`dev sign-in as ${email} failed: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function getJson<T>(base: string, token: string, pathAndQuery: string): Promise<T> {
  const res = await fetch(`${base}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

/** `--name value` options with defaults; unknown options are an error naming the file to read. */
export function parseNumberArgs<T extends Record<string, number>>(argv: string[], defaults: T, file: string): T {
  const o: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const key = arg.replace(/^--/, '');
    if (!arg.startsWith('--') || !(key in o)) throw new Error(`unknown option ${arg} (the options are listed at the top of ${file})`);
    const n = Number(argv[++i]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${arg} needs a positive number`);
    o[key] = n;
  }
  return o as T;
}
