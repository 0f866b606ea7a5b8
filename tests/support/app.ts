import type { Express } from 'express';
import pino, { type Logger } from 'pino';
import request from 'supertest';
import { createApp } from '../../api/src/app';
import { createIdentity } from '../../api/src/auth/identity';
import { loadConfig, type Config } from '../../api/src/config/config';
import type { Db } from '../../api/src/db/database';
import { createDirectoryGraph } from '../../api/src/graph/app-tokens';
import { createGraph } from '../../api/src/graph/graph';
import type { TeamsNotifier } from '../../api/src/notifications/teams-notifier';
import { seedDemoData } from '../../api/src/seed/seed';
import { PUBLIC_AUTHORITY, type EntraStandIn } from './entra-stand-in';
import { standInNetworkClient } from './msal-network';
import { testClock, type TestClock } from './clock';
import { createTestDb } from './db';

export interface TestApp {
  http: Express;
  db: Db;
  config: Config;
  clock: TestClock;
  openApiDocument: ReturnType<typeof createApp>['openApiDocument'];
  jobs: ReturnType<typeof createApp>['jobs'];
  /** a dev-mode bearer token for this email (dev mode only) */
  tokenFor(email: string, extra?: { displayName?: string; department?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Entra sign-in and Outlook sync against local stand-ins: the app's own msal and Graph client
 * code runs unchanged; only msal's transport is pointed at the Entra stand-in.
 */
export interface OutlookStandIns {
  entra: EntraStandIn;
  graphBaseUrl: string;
  timeoutMs?: number;
}

/**
 * Directory sync (app-only Graph) against local stand-ins: the app's msal client-credentials and
 * Graph directory code run unchanged; msal's transport goes to the Entra stand-in.
 */
export interface DirectoryStandIns {
  entra: EntraStandIn;
  /** the directory stand-in's base URL (…/v1.0) */
  graphBaseUrl: string;
  /** `enrolled` (the default) or `tenant` */
  mode?: 'enrolled' | 'tenant';
  timeoutMs?: number;
  /** Retry-After waits longer than this end the run (default 10 s) */
  maxRetryWaitSeconds?: number;
}

/** The real app over a fresh SQLite file, wired exactly as the server wires it. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    seed?: boolean;
    now?: string;
    logger?: Logger;
    outlook?: OutlookStandIns;
    clock?: TestClock;
    /** stands in for the bot's proactive sends (nudge delivery) */
    teamsNotifier?: TeamsNotifier;
    directory?: DirectoryStandIns;
  } = {},
): Promise<TestApp> {
  const testDb = await createTestDb();
  const clock = options.clock ?? testClock(options.now);
  const outlookEnv: Record<string, string> = options.outlook
    ? {
        AUTH_MODE: 'entra',
        ENTRA_CLIENT_ID: options.outlook.entra.clientId,
        ENTRA_TENANT_ID: options.outlook.entra.tenantId,
        ENTRA_AUTHORITY_HOST: options.outlook.entra.authorityHost,
        ENTRA_CLIENT_SECRET: options.outlook.entra.clientSecret,
        GRAPH_BASE_URL: options.outlook.graphBaseUrl,
        GRAPH_TIMEOUT_MS: String(options.outlook.timeoutMs ?? 2000),
      }
    : {};
  const directoryEnv: Record<string, string> = options.directory
    ? {
        AUTH_MODE: 'entra',
        ENTRA_CLIENT_ID: options.directory.entra.clientId,
        ENTRA_TENANT_ID: options.directory.entra.tenantId,
        ENTRA_AUTHORITY_HOST: options.directory.entra.authorityHost,
        ENTRA_CLIENT_SECRET: options.directory.entra.clientSecret,
        GRAPH_BASE_URL: options.outlook?.graphBaseUrl ?? options.directory.graphBaseUrl,
        GRAPH_TIMEOUT_MS: String(options.directory.timeoutMs ?? options.outlook?.timeoutMs ?? 2000),
        DIRECTORY_SYNC: options.directory.mode ?? 'enrolled',
        DIRECTORY_SYNC_INTERVAL_MS: '0',
      }
    : {};
  const config = loadConfig(
    // Write rate limiting is off unless a test asks for it: suites drive many writes per person within seconds.
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: testDb.url, DEMO_DATA: 'off', RATE_LIMIT_WRITES_PER_MINUTE: '0', ...outlookEnv, ...directoryEnv, ...options.env },
    '0.1.0-test',
  );
  if (options.seed) await seedDemoData(testDb.db.kysely, { now: clock.now() });
  const identity = await createIdentity(config, clock);
  const graph =
    config.outlook && options.outlook
      ? createGraph(config.outlook, clock, { networkClient: standInNetworkClient(options.outlook.entra), authorityHost: PUBLIC_AUTHORITY })
      : undefined;
  // Only with its stand-ins: without them the directory would be read from the real Microsoft Graph.
  const directory =
    config.directory && options.directory
      ? createDirectoryGraph(config.directory, {
          networkClient: standInNetworkClient(options.directory.entra),
          authorityHost: PUBLIC_AUTHORITY,
          graphBaseUrl: options.directory.graphBaseUrl,
          ...(options.directory.maxRetryWaitSeconds !== undefined ? { maxRetryWaitSeconds: options.directory.maxRetryWaitSeconds } : {}),
        })
      : undefined;
  const app = createApp({
    db: testDb.db,
    config,
    clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    ...identity,
    ...(graph ? { graph } : {}),
    ...(directory ? { directory } : {}),
    ...(options.teamsNotifier ? { teamsNotifier: options.teamsNotifier } : {}),
  });
  return {
    http: app.express,
    db: testDb.db,
    config,
    clock,
    openApiDocument: app.openApiDocument,
    jobs: app.jobs,
    async tokenFor(email, extra = {}) {
      const res = await request(app.express).post('/api/dev/token').send({ email, ...extra });
      if (res.status !== 200) throw new Error(`dev token failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    close: () => testDb.close(),
  };
}

export async function countRows(db: Db, table: 'users' | 'auditLog' | 'pairs'): Promise<number> {
  const row = await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
