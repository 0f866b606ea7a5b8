import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const onOff = z.enum(['on', 'off']);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mssql:\/\/)/, 'must start with sqlite: or mssql://')
    .optional(),
  SQLSERVER_CONNECTION_STRING: z.string().min(1).optional(),
  AUTH_MODE: z.enum(['dev', 'entra']).optional(),
  ENTRA_CLIENT_ID: z.string().uuid('must be the app registration’s client id (a GUID)').optional(),
  ENTRA_TENANT_ID: z.string().uuid('must be a tenant id (a GUID)').optional(),
  ENTRA_ALLOWED_TENANTS: list.pipe(z.array(z.string().uuid('each entry must be a tenant id (a GUID)'))),
  ENTRA_APP_ID_URI: z.string().min(1).optional(),
  ENTRA_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  CALENDAR_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  TEAMS_APP_ID: z.string().trim().min(1).max(100).optional(),
  DIRECTORY_SYNC: z.enum(['off', 'enrolled', 'tenant']).optional(),
  DIRECTORY_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(3_600_000),
  NUDGE_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(300_000),
  BOT_ID: z.string().uuid('must be the bot’s Microsoft App ID (a GUID)').optional(),
  BOT_PASSWORD: z.string().min(1).optional(),
  BOT_TENANT_ID: z.string().uuid('must be a tenant id (a GUID)').optional(),
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  /** only for tests: where the Bot Framework connector's token comes from */
  BOT_OAUTH_ENDPOINT: z.string().url().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AZURE_OPENAI_API_KEY: z.string().min(1).optional(),
  AZURE_OPENAI_ENDPOINT: z.string().url().optional(),
  AZURE_OPENAI_DEPLOYMENT: z.string().min(1).optional(),
  ADMIN_EMAILS: list.pipe(z.array(z.string().email('each entry must be an email address'))),
  DEMO_DATA: onOff.optional(),
  WEB_DIST_DIR: z.string().min(1).default('dist/web'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(120),
});

/** Every environment variable the server reads (tests check the infrastructure provides or documents each). */
export const CONFIG_ENV_KEYS: readonly string[] = Object.keys(envSchema.shape);

export type AuthMode = 'dev' | 'entra';

export interface EntraConfig {
  clientId: string;
  /** token audiences accepted: the client id (v2 tokens) and the Application ID URI (v1 tokens) */
  audiences: string[];
  allowedTenants: string[];
  authorityHost: string;
}

/** Outlook sync through Microsoft Graph (delegated, On-Behalf-Of); see docs/outlook-sync.md. */
export interface OutlookConfig {
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  /** the one tenant of a single-tenant install, else null (consent goes through /organizations) */
  tenantId: string | null;
  graphBaseUrl: string;
  timeoutMs: number;
  /** 0 turns the background sync off */
  syncIntervalMs: number;
}

/** Directory sync from Entra ID through Microsoft Graph, app-only (docs/directory.md). */
export interface DirectoryConfig {
  /** `enrolled`: people who use Tandem and their manager chains; `tenant`: everyone */
  mode: 'enrolled' | 'tenant';
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  /** each tenant is synced on its own */
  tenantIds: string[];
  graphBaseUrl: string;
  timeoutMs: number;
  /** 0: only when an admin asks ("Sync now") */
  intervalMs: number;
}

/** The Teams bot (docs/nudges.md); null without BOT_ID, and then nudges stay in the in-tab feed. */
export interface BotConfig {
  appId: string;
  /** null with a managed identity (BOT_TYPE=UserAssignedMSI) */
  password: string | null;
  tenantId: string | null;
  type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  oauthEndpoint: string | null;
}

/** A language model for free-text questions to the bot; null answers them from Tandem's own data. */
export type LanguageModelConfig =
  | { kind: 'openai'; apiKey: string; model: string }
  | { kind: 'azure-openai'; apiKey: string; endpoint: string; deployment: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  database: { kind: 'sqlite'; file: string } | { kind: 'mssql'; connection: string };
  auth: { mode: 'dev' } | { mode: 'entra'; entra: EntraConfig };
  adminEmails: string[];
  /** null unless AUTH_MODE=entra and ENTRA_CLIENT_SECRET is set */
  outlook: OutlookConfig | null;
  teamsAppId: string | null;
  /** null when DIRECTORY_SYNC is off (the default without ENTRA_CLIENT_SECRET) */
  directory: DirectoryConfig | null;
  /** how often the nudge scheduler runs; 0 turns it off */
  nudgeIntervalMs: number;
  bot: BotConfig | null;
  languageModel: LanguageModelConfig | null;
  demoData: boolean;
  webDistDir: string;
  shutdownTimeoutMs: number;
  /** writes (POST/PUT/PATCH/DELETE under /api) one person may make per minute on one instance; 0 turns the limit off */
  writesPerMinute: number;
  version: string;
}

/** The demo L&D manager; an admin in dev mode unless ADMIN_EMAILS says otherwise. */
export const DEMO_ADMIN_EMAIL = 'morgan.lee@contoso.example';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every problem names the variable that caused it. */
export function loadConfig(env: Record<string, string | undefined>, version = '0.0.0'): Config {
  // Treat empty strings as unset so `FOO=` in a .env file means "default".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  const hasEntra = Boolean(e.ENTRA_CLIENT_ID);
  const mode: AuthMode = e.AUTH_MODE ?? (hasEntra || e.NODE_ENV === 'production' ? 'entra' : 'dev');
  if (mode === 'dev' && e.NODE_ENV === 'production') {
    problems.push('AUTH_MODE: dev sign-in is refused when NODE_ENV=production (configure ENTRA_CLIENT_ID and ENTRA_TENANT_ID)');
  }
  let auth: Config['auth'] = { mode: 'dev' };
  if (mode === 'entra') {
    if (!e.ENTRA_CLIENT_ID) problems.push('ENTRA_CLIENT_ID: required when AUTH_MODE is entra');
    const tenants = e.ENTRA_ALLOWED_TENANTS.length > 0 ? e.ENTRA_ALLOWED_TENANTS : e.ENTRA_TENANT_ID ? [e.ENTRA_TENANT_ID] : [];
    if (tenants.length === 0) problems.push('ENTRA_TENANT_ID: required when AUTH_MODE is entra (or list ENTRA_ALLOWED_TENANTS)');
    if (e.ENTRA_CLIENT_ID) {
      auth = {
        mode: 'entra',
        entra: {
          clientId: e.ENTRA_CLIENT_ID,
          audiences: [e.ENTRA_CLIENT_ID, ...(e.ENTRA_APP_ID_URI ? [e.ENTRA_APP_ID_URI] : [])],
          allowedTenants: tenants.map((t) => t.toLowerCase()),
          authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/+$/, ''),
        },
      };
    }
  }

  let outlook: OutlookConfig | null = null;
  if (e.ENTRA_CLIENT_SECRET) {
    if (auth.mode !== 'entra') {
      problems.push('ENTRA_CLIENT_SECRET: Outlook sync acts as signed-in people, so it needs AUTH_MODE=entra (Entra sign-in)');
    } else {
      outlook = {
        clientId: auth.entra.clientId,
        clientSecret: e.ENTRA_CLIENT_SECRET,
        authorityHost: auth.entra.authorityHost,
        tenantId: auth.entra.allowedTenants.length === 1 ? auth.entra.allowedTenants[0]! : null,
        graphBaseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ''),
        timeoutMs: e.GRAPH_TIMEOUT_MS,
        syncIntervalMs: e.CALENDAR_SYNC_INTERVAL_MS,
      };
    }
  }

  let directory: DirectoryConfig | null = null;
  const directoryMode = e.DIRECTORY_SYNC ?? (outlook ? 'enrolled' : 'off');
  if (directoryMode !== 'off') {
    if (!e.ENTRA_CLIENT_SECRET || auth.mode !== 'entra') {
      problems.push('DIRECTORY_SYNC: reading the directory needs Entra sign-in (AUTH_MODE=entra) and ENTRA_CLIENT_SECRET');
    } else {
      directory = {
        mode: directoryMode,
        clientId: auth.entra.clientId,
        clientSecret: e.ENTRA_CLIENT_SECRET,
        authorityHost: auth.entra.authorityHost,
        tenantIds: auth.entra.allowedTenants,
        graphBaseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ''),
        timeoutMs: e.GRAPH_TIMEOUT_MS,
        intervalMs: e.DIRECTORY_SYNC_INTERVAL_MS,
      };
    }
  }

  let bot: BotConfig | null = null;
  if (e.BOT_ID) {
    const type = e.BOT_TYPE ?? (e.BOT_TENANT_ID ? 'SingleTenant' : 'MultiTenant');
    if (type !== 'UserAssignedMSI' && !e.BOT_PASSWORD) problems.push(`BOT_PASSWORD: required with BOT_ID unless BOT_TYPE is UserAssignedMSI`);
    if (type !== 'MultiTenant' && !e.BOT_TENANT_ID) problems.push(`BOT_TENANT_ID: required when BOT_TYPE is ${type}`);
    bot = { appId: e.BOT_ID, password: e.BOT_PASSWORD ?? null, tenantId: e.BOT_TENANT_ID ?? null, type, oauthEndpoint: e.BOT_OAUTH_ENDPOINT ?? null };
  } else if (e.BOT_PASSWORD || e.BOT_TENANT_ID || e.BOT_TYPE) {
    problems.push('BOT_ID: required when any other BOT_ variable is set');
  }

  let languageModel: LanguageModelConfig | null = null;
  if (e.AZURE_OPENAI_API_KEY) {
    if (!e.AZURE_OPENAI_ENDPOINT) problems.push('AZURE_OPENAI_ENDPOINT: required with AZURE_OPENAI_API_KEY');
    if (!e.AZURE_OPENAI_DEPLOYMENT) problems.push('AZURE_OPENAI_DEPLOYMENT: required with AZURE_OPENAI_API_KEY');
    if (e.AZURE_OPENAI_ENDPOINT && e.AZURE_OPENAI_DEPLOYMENT) {
      languageModel = { kind: 'azure-openai', apiKey: e.AZURE_OPENAI_API_KEY, endpoint: e.AZURE_OPENAI_ENDPOINT, deployment: e.AZURE_OPENAI_DEPLOYMENT };
    }
  } else if (e.OPENAI_API_KEY) {
    languageModel = { kind: 'openai', apiKey: e.OPENAI_API_KEY, model: e.OPENAI_MODEL };
  }

  let database: Config['database'];
  if (e.DATABASE_URL?.startsWith('mssql://')) {
    database = { kind: 'mssql', connection: e.DATABASE_URL };
  } else if (!e.DATABASE_URL && e.SQLSERVER_CONNECTION_STRING) {
    database = { kind: 'mssql', connection: e.SQLSERVER_CONNECTION_STRING };
  } else {
    const file = (e.DATABASE_URL ?? 'sqlite:data/tandem.sqlite').slice('sqlite:'.length);
    if (!file) problems.push('DATABASE_URL: sqlite: needs a file path or :memory: (e.g. sqlite:data/tandem.sqlite)');
    database = { kind: 'sqlite', file };
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const adminEmails = e.ADMIN_EMAILS.length > 0 ? e.ADMIN_EMAILS : mode === 'dev' ? [DEMO_ADMIN_EMAIL] : [];
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database,
    auth,
    adminEmails: adminEmails.map((a) => a.toLowerCase()),
    outlook,
    teamsAppId: e.TEAMS_APP_ID ?? null,
    directory,
    nudgeIntervalMs: e.NUDGE_INTERVAL_MS,
    bot,
    languageModel,
    demoData: (e.DEMO_DATA ?? (e.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
    webDistDir: e.WEB_DIST_DIR,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
    version,
  };
}
