import { ConfigError, DEMO_ADMIN_EMAIL, loadConfig } from '../../api/src/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('configuration from the environment', () => {
  it('with nothing configured, Tandem runs on local SQLite with dev sign-in and demo data on port 3978', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.database).toEqual({ kind: 'sqlite', file: 'data/tandem.sqlite' });
    expect(config.auth).toEqual({ mode: 'dev' });
    expect(config.demoData).toBe(true);
    expect(config.adminEmails).toEqual([DEMO_ADMIN_EMAIL]);
  });

  it('a bad value stops start-up with a message naming the variable', () => {
    expect(problemsOf({ PORT: 'eighty' }).join()).toMatch(/^PORT: /);
    expect(problemsOf({ DATABASE_URL: 'postgres://db/tandem' }).join()).toMatch(/^DATABASE_URL: must start with sqlite: or mssql:\/\//);
    expect(problemsOf({ LOG_LEVEL: 'loud' }).join()).toMatch(/^LOG_LEVEL: /);
    expect(problemsOf({ ADMIN_EMAILS: 'a@b.com, not-an-email' }).join()).toMatch(/^ADMIN_EMAILS\.1: each entry must be an email address/);
    expect(problemsOf({ ENTRA_CLIENT_ID: 'tandem' }).join()).toMatch(/^ENTRA_CLIENT_ID: /);
  });

  it('every problem is reported at once', () => {
    expect(problemsOf({ PORT: '0', LOG_LEVEL: 'loud' })).toHaveLength(2);
  });

  it('dev sign-in is refused in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_MODE: 'dev' }).join()).toMatch(/^AUTH_MODE: dev sign-in is refused when NODE_ENV=production/);
  });

  it('production without Entra settings is refused rather than silently insecure', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^ENTRA_CLIENT_ID: required/), expect.stringMatching(/^ENTRA_TENANT_ID: required/)]));
  });

  it('configuring an Entra client id switches to Entra sign-in', () => {
    const config = loadConfig({
      ENTRA_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      ENTRA_TENANT_ID: '72F988BF-86F1-41AF-91AB-2D7CD011DB47',
      ENTRA_APP_ID_URI: 'api://tandem.contoso.com/11111111-2222-4333-8444-555555555555',
    });
    expect(config.auth).toEqual({
      mode: 'entra',
      entra: {
        clientId: '11111111-2222-4333-8444-555555555555',
        audiences: ['11111111-2222-4333-8444-555555555555', 'api://tandem.contoso.com/11111111-2222-4333-8444-555555555555'],
        allowedTenants: ['72f988bf-86f1-41af-91ab-2d7cd011db47'],
        authorityHost: 'https://login.microsoftonline.com',
      },
    });
    expect(config.adminEmails).toEqual([]);
  });

  it('SQL Server is chosen by an mssql:// URL or an ADO connection string', () => {
    expect(loadConfig({ DATABASE_URL: 'mssql://sa:Secret1!@localhost:1433/tandem' }).database.kind).toBe('mssql');
    expect(loadConfig({ SQLSERVER_CONNECTION_STRING: 'Server=tcp:x.database.windows.net,1433;Database=tandem' }).database.kind).toBe('mssql');
  });

  it('without bot or model settings nudges stay in the tab and the bot answers from Tandem’s own data', () => {
    const config = loadConfig({});
    expect(config.bot).toBeNull();
    expect(config.languageModel).toBeNull();
    expect(config.nudgeIntervalMs).toBe(300_000);
  });

  it('a bot needs its id, a password unless it uses a managed identity, and a tenant unless multi-tenant', () => {
    const id = '6f1c6a52-0f7e-4c5a-9a43-1c1a6a1d2b3c';
    const tenant = '0b0e4d1c-8a9b-4a3c-9e1f-2d3c4b5a6978';
    expect(loadConfig({ BOT_ID: id, BOT_PASSWORD: 's3cret' }).bot).toEqual({ appId: id, password: 's3cret', tenantId: null, type: 'MultiTenant', oauthEndpoint: null });
    expect(loadConfig({ BOT_ID: id, BOT_PASSWORD: 's3cret', BOT_TENANT_ID: tenant }).bot?.type).toBe('SingleTenant');
    expect(loadConfig({ BOT_ID: id, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: tenant }).bot?.password).toBeNull();
    expect(problemsOf({ BOT_ID: id }).join()).toMatch(/^BOT_PASSWORD: required with BOT_ID/);
    expect(problemsOf({ BOT_ID: id, BOT_TYPE: 'SingleTenant', BOT_PASSWORD: 'x' }).join()).toMatch(/^BOT_TENANT_ID: required when BOT_TYPE is SingleTenant/);
    expect(problemsOf({ BOT_PASSWORD: 'x' }).join()).toMatch(/^BOT_ID: required/);
    expect(problemsOf({ BOT_ID: 'tandem-bot', BOT_PASSWORD: 'x' }).join()).toMatch(/^BOT_ID: must be the bot’s Microsoft App ID/);
  });

  it('a language model is OpenAI with a key, or Azure OpenAI with key, endpoint and deployment', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).languageModel).toEqual({ kind: 'openai', apiKey: 'sk-test', model: 'gpt-4o-mini' });
    expect(loadConfig({ AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt4o' }).languageModel).toEqual({
      kind: 'azure-openai',
      apiKey: 'k',
      endpoint: 'https://contoso.openai.azure.com',
      deployment: 'gpt4o',
    });
    expect(problemsOf({ AZURE_OPENAI_API_KEY: 'k' })).toEqual([
      'AZURE_OPENAI_ENDPOINT: required with AZURE_OPENAI_API_KEY',
      'AZURE_OPENAI_DEPLOYMENT: required with AZURE_OPENAI_API_KEY',
    ]);
  });

  it('directory sync follows Entra sign-in with a client secret, and can be widened, narrowed or refused', () => {
    const entra = { ENTRA_CLIENT_ID: '6f1c6a52-0f7e-4c5a-9a43-1c1a6a1d2b3c', ENTRA_TENANT_ID: '0b0e4d1c-8a9b-4a3c-9e1f-2d3c4b5a6978' };
    expect(loadConfig({}).directory).toBeNull();
    expect(loadConfig(entra).directory).toBeNull();
    expect(loadConfig({ ...entra, ENTRA_CLIENT_SECRET: 's' }).directory).toMatchObject({ mode: 'enrolled', tenantIds: [entra.ENTRA_TENANT_ID], intervalMs: 3_600_000 });
    expect(loadConfig({ ...entra, ENTRA_CLIENT_SECRET: 's', DIRECTORY_SYNC: 'tenant' }).directory?.mode).toBe('tenant');
    expect(loadConfig({ ...entra, ENTRA_CLIENT_SECRET: 's', DIRECTORY_SYNC: 'off' }).directory).toBeNull();
    expect(problemsOf({ DIRECTORY_SYNC: 'enrolled' }).join()).toMatch(/^DIRECTORY_SYNC: reading the directory needs Entra sign-in/);
    expect(problemsOf({ DIRECTORY_SYNC: 'everyone' }).join()).toMatch(/^DIRECTORY_SYNC: /);
  });

  it('empty variables mean "use the default"', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3978);
  });

  it('demo data is off by default in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', ENTRA_CLIENT_ID: '11111111-2222-4333-8444-555555555555', ENTRA_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47' });
    expect(config.demoData).toBe(false);
  });
});
