// The files that put Tandem into a tenant — teamsapp.yml, teamsapp.local.yml, env/, aad.manifest.json,
// infra/ and .webappignore — checked against each other and against the code's configuration.
// No Bicep compiler can be installed here (it is on neither npm nor Debian), so the Bicep is linted
// for structure rather than compiled; docs/deploy.md says so.
import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { parse as parseYaml } from 'yaml';
import { ADMIN_APP_ROLE, REQUIRED_SCOPE } from '../../api/src/auth/token-verifier';
import { CONFIG_ENV_KEYS, loadConfig } from '../../api/src/config/config';
import { mssqlConfigFrom } from '../../api/src/db/mssql-driver';
import { ATTENDANCE_SCOPES, GRAPH_SCOPES } from '../../api/src/graph/delegated-tokens';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const exists = (file: string) => fs.existsSync(path.join(ROOT, file));

/** Teams Toolkit's placeholder syntax. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const placeholdersIn = (text: string) => new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] as string));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ── Teams Toolkit lifecycle files ──────────────────────────────────────────────

type Json = Record<string, unknown>;
interface Step {
  uses: string;
  name?: string;
  with?: Json;
  writeToEnvironmentFile?: Record<string, string>;
}
type Stage = 'provision' | 'deploy' | 'publish';
const STAGES: Stage[] = ['provision', 'deploy', 'publish'];

/**
 * The arguments each action takes in the v1.7 yaml schema (required, then optional), and the
 * outputs it can write to the environment file: a typo in a key fails here, not in front of a customer.
 */
const ACTIONS: Record<string, { required: string[]; optional?: string[]; writes?: { required: string[]; optional?: string[] } }> = {
  'aadApp/create': {
    required: ['name', 'generateClientSecret', 'signInAudience'],
    optional: ['serviceManagementReference', 'clientSecretExpireDays', 'clientSecretDescription'],
    writes: { required: ['clientId', 'objectId', 'clientSecret'], optional: ['tenantId', 'authority', 'authorityHost'] },
  },
  'aadApp/update': { required: ['manifestPath', 'outputFilePath'] },
  'teamsApp/create': { required: ['name'], writes: { required: ['teamsAppId'] } },
  'arm/deploy': { required: ['subscriptionId', 'resourceGroupName', 'templates'], optional: ['bicepCliVersion'] },
  'botAadApp/create': { required: ['name'], writes: { required: ['botId', 'botPassword'] } },
  'botFramework/create': { required: ['botId', 'name', 'messagingEndpoint'], optional: ['iconUrl', 'channels'] },
  'teamsApp/validateManifest': { required: ['manifestPath'] },
  'teamsApp/zipAppPackage': { required: ['manifestPath', 'outputZipPath', 'outputFolder'] },
  'teamsApp/validateAppPackage': { required: ['appPackagePath'] },
  'teamsApp/update': { required: ['appPackagePath'] },
  'teamsApp/publishAppPackage': { required: ['appPackagePath'], writes: { required: ['publishedAppId'] } },
  'cli/runNpmCommand': { required: ['args'], optional: ['workingDirectory'] },
  'azureAppService/zipDeploy': { required: ['artifactFolder', 'resourceId'], optional: ['workingDirectory', 'ignoreFile', 'dryRun', 'outputZipFile'] },
  'file/createOrUpdateEnvironmentFile': { required: ['envs', 'target'] },
};
/** Outputs an action writes without being asked (the toolkit's internal output names). */
const IMPLICIT_OUTPUTS: Record<string, string[]> = {
  'teamsApp/create': ['TEAMS_APP_TENANT_ID'],
  'aadApp/update': ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'],
};

interface Lifecycle {
  file: string;
  env: string;
  text: string;
  doc: Json;
  stages: Record<Stage, Step[]>;
}

function lifecycle(file: string, env: string): Lifecycle {
  const text = read(file);
  const doc = parseYaml(text) as Json;
  const stages = Object.fromEntries(STAGES.map((stage) => [stage, (doc[stage] ?? []) as Step[]])) as Record<Stage, Step[]>;
  return { file, env, text, doc, stages };
}

const remote = lifecycle('teamsapp.yml', 'dev');
const local = lifecycle('teamsapp.local.yml', 'local');

/** Whether `wanted` appears in `actual` in this order (other steps may sit between). */
function inOrder(actual: string[], wanted: string[]): boolean {
  let at = 0;
  for (const uses of actual) if (uses === wanted[at]) at += 1;
  return at === wanted.length;
}

function stepsUsing(lc: Lifecycle, stage: Stage, uses: string): Step[] {
  return lc.stages[stage].filter((step) => step.uses === uses);
}

function onlyStep(lc: Lifecycle, stage: Stage, uses: string): Step {
  const steps = stepsUsing(lc, stage, uses);
  expect(steps).toHaveLength(1);
  return steps[0]!;
}

/** KEY=value lines of a dotenv file, with the line each sits on. */
function envAssignments(file: string): { key: string; value: string; line: number }[] {
  return read(file)
    .split('\n')
    .map((text, line) => ({ text: text.trim(), line }))
    .filter(({ text }) => text !== '' && !text.startsWith('#'))
    .map(({ text, line }) => {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(text);
      if (!match) throw new Error(`${file}:${line + 1} is not KEY=value: ${text}`);
      return { key: match[1]!, value: match[2]!, line };
    });
}

// ── infra/azure.bicep ──────────────────────────────────────────────────────────

const bicep = read('infra/azure.bicep');

interface BicepParam {
  name: string;
  type: string;
  defaultValue: string | null;
  decorators: string[];
}

function bicepParams(source: string): BicepParam[] {
  const params: BicepParam[] = [];
  let decorators: string[] = [];
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('@')) {
      decorators.push(line);
      continue;
    }
    const match = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.*))?$/.exec(line);
    if (match) params.push({ name: match[1]!, type: match[2]!, defaultValue: match[3] ?? null, decorators });
    if (line !== '' && !line.startsWith('//')) decorators = [];
  }
  return params;
}

function bicepResources(source: string): { symbol: string; type: string; apiVersion: string }[] {
  return Array.from(source.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'/gm), (m) => ({ symbol: m[1]!, type: m[2]!, apiVersion: m[3]! }));
}

function bicepOutputs(source: string): string[] {
  return Array.from(source.matchAll(/^output\s+(\w+)\s+\w+\s*=/gm), (m) => m[1]!);
}

/** The text between the `{` that opens after `start` and its matching `}` (or `[`/`]`). */
function balanced(source: string, start: number, open = '{', close = '}'): string {
  const from = source.indexOf(open, start);
  let depth = 0;
  for (let i = from; i < source.length; i += 1) {
    if (source[i] === open) depth += 1;
    else if (source[i] === close && --depth === 0) return source.slice(from, i + 1);
  }
  throw new Error(`unbalanced ${open} after offset ${start}`);
}

function resourceBody(symbol: string): string {
  const at = bicep.search(new RegExp(`^resource\\s+${symbol}\\s`, 'm'));
  if (at < 0) throw new Error(`no resource ${symbol} in infra/azure.bicep`);
  return balanced(bicep, at);
}

function resourceOfType(type: string): { symbol: string; body: string } {
  const found = bicepResources(bicep).filter((r) => r.type === type);
  expect(found.map((r) => r.type)).toEqual([type]);
  return { symbol: found[0]!.symbol, body: resourceBody(found[0]!.symbol) };
}

/** The web app's app settings: name → the Bicep expression of its value. */
function appSettings(): Map<string, string> {
  const site = resourceOfType('Microsoft.Web/sites').body;
  const at = site.indexOf('appSettings:');
  expect(at).toBeGreaterThan(0);
  const list = balanced(site, at, '[', ']');
  const settings = new Map<string, string>();
  for (const m of list.matchAll(/\{\s*name:\s*'([^']+)'\s*\n\s*value:\s*([^\n]+?)\s*\n\s*\}/g)) {
    expect(settings.has(m[1]!)).toBe(false);
    settings.set(m[1]!, m[2]!);
  }
  return settings;
}

const params = bicepParams(bicep);
const outputs = bicepOutputs(bicep);

// ── README's configuration table ───────────────────────────────────────────────

function readmeConfigurationVariables(): Set<string> {
  const readme = read('README.md');
  const start = readme.indexOf('\n## Configuration');
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const names = new Set<string>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const firstCell = row.split('|')[1] ?? '';
    for (const m of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(m[1]!);
  }
  return names;
}

/** App settings Azure or its SDKs read, not Tandem's config. */
const PLATFORM_SETTINGS = new Set(['APPLICATIONINSIGHTS_CONNECTION_STRING', 'ApplicationInsightsAgent_EXTENSION_VERSION', 'AZURE_CLIENT_ID']);
const isPlatformSetting = (name: string) => PLATFORM_SETTINGS.has(name) || /^(WEBSITE_|SCM_)/.test(name);

// ── tests ──────────────────────────────────────────────────────────────────────

describe('the Teams Toolkit lifecycle files', () => {
  it.each([remote, local])('$file declares the v1.7 schema and the env folder', (lc) => {
    expect(lc.text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://aka.ms/teams-toolkit/v1.7/yaml.schema.json');
    expect(lc.doc.version).toBe('v1.7');
    expect(lc.doc.environmentFolderPath).toBe('./env');
    expect(Object.keys(lc.doc).every((key) => ['version', 'environmentFolderPath', 'projectId', 'additionalMetadata', ...STAGES].includes(key))).toBe(true);
  });

  it.each([remote, local])('every step of $file is an action with the arguments its schema takes', (lc) => {
    for (const stage of STAGES) {
      for (const step of lc.stages[stage]) {
        const where = `${lc.file} ${stage} ${step.uses}`;
        const action = ACTIONS[step.uses];
        if (!action) throw new Error(`${where}: not an action this file should use`);
        expect(Object.keys(step).filter((key) => !['uses', 'name', 'env', 'with', 'writeToEnvironmentFile'].includes(key))).toEqual([]);
        const args = Object.keys(step.with ?? {});
        expect({ where, missing: action.required.filter((key) => !args.includes(key)) }).toEqual({ where, missing: [] });
        expect({ where, unknown: args.filter((key) => !action.required.includes(key) && !(action.optional ?? []).includes(key)) }).toEqual({ where, unknown: [] });
        const writes = step.writeToEnvironmentFile ?? {};
        const allowed = [...(action.writes?.required ?? []), ...(action.writes?.optional ?? [])];
        expect({ where, missing: (action.writes?.required ?? []).filter((key) => !(key in writes)) }).toEqual({ where, missing: [] });
        expect({ where, unknown: Object.keys(writes).filter((key) => !allowed.includes(key)) }).toEqual({ where, unknown: [] });
        for (const [output, variable] of Object.entries(writes)) {
          // The toolkit keeps secrets out of the committed env file only when their name says so.
          expect({ where, variable, secret: /^SECRET_/.test(variable) }).toEqual({ where, variable, secret: /secret|password/i.test(output) });
        }
      }
    }
  });

  it('teamsapp.yml provisions, deploys and publishes in the required order', () => {
    const uses = (stage: Stage) => remote.stages[stage].map((s) => s.uses);
    expect(
      inOrder(uses('provision'), [
        'aadApp/create',
        'teamsApp/create',
        'arm/deploy',
        'aadApp/update',
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/update',
      ]),
    ).toBe(true);
    expect(uses('deploy')).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(remote.stages.deploy.slice(0, 2).map((s) => s.with?.args)).toEqual([expect.stringMatching(/^ci\b/), 'run build']);
    expect(inOrder(uses('publish'), ['teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/publishAppPackage'])).toBe(true);
  });

  it('teamsapp.local.yml provisions Entra, Teams and a bot registration but no Azure resources', () => {
    const uses = local.stages.provision.map((s) => s.uses);
    expect(
      inOrder(uses, [
        'aadApp/create',
        'teamsApp/create',
        'botAadApp/create',
        'botFramework/create',
        'aadApp/update',
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/update',
      ]),
    ).toBe(true);
    const everything = STAGES.flatMap((stage) => local.stages[stage].map((s) => s.uses));
    expect(everything.filter((u) => u.startsWith('arm/') || u.startsWith('azure'))).toEqual([]);
    expect(inOrder(local.stages.deploy.map((s) => s.uses), ['cli/runNpmCommand', 'file/createOrUpdateEnvironmentFile'])).toBe(true);
    const bot = onlyStep(local, 'provision', 'botFramework/create');
    expect(bot.with).toMatchObject({ botId: '${{BOT_ID}}', messagingEndpoint: '${{BOT_ENDPOINT}}/api/messages', channels: [{ name: 'msteams' }] });
  });

  it.each([remote, local])('$file registers a single-tenant Entra app with a client secret and builds the app package Tandem ships', (lc) => {
    expect(onlyStep(lc, 'provision', 'aadApp/create').with).toMatchObject({ generateClientSecret: true, signInAudience: 'AzureADMyOrg' });
    expect(onlyStep(lc, 'provision', 'aadApp/update').with?.manifestPath).toBe('./aad.manifest.json');
    for (const stage of STAGES) {
      for (const step of lc.stages[stage]) {
        if (step.with && 'manifestPath' in step.with && step.uses.startsWith('teamsApp/')) expect(step.with.manifestPath).toBe('./appPackage/manifest.json');
        if (step.with && 'appPackagePath' in step.with) expect(step.with.appPackagePath).toBe('./build/appPackage.${{TEAMSFX_ENV}}.zip');
        if (step.uses === 'teamsApp/zipAppPackage') expect(step.with?.outputZipPath).toBe('./build/appPackage.${{TEAMSFX_ENV}}.zip');
      }
    }
  });

  it('teamsapp.yml deploys infra/azure.bicep and zips what .webappignore keeps to the web app it created', () => {
    const arm = onlyStep(remote, 'provision', 'arm/deploy');
    expect(arm.with?.templates).toEqual([{ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json', deploymentName: expect.any(String) }]);
    expect(onlyStep(remote, 'deploy', 'azureAppService/zipDeploy').with).toEqual({
      artifactFolder: '.',
      ignoreFile: '.webappignore',
      resourceId: '${{AZURE_APP_SERVICE_RESOURCE_ID}}',
    });
    expect(outputs).toContain('AZURE_APP_SERVICE_RESOURCE_ID');
    expect(JSON.parse(read('package.json')).scripts.build).toEqual(expect.any(String));
  });

  /**
   * Walks each file's stages in order the way the toolkit does: a ${{VAR}} in an action's arguments,
   * or in a file the action reads, must be declared in env/.env.{env} or written by an earlier action.
   */
  it.each([remote, local])('every ${{VAR}} $file uses is declared in its env file or written before it is needed', (lc) => {
    const declared = new Set(envAssignments(`env/.env.${lc.env}`).map((a) => a.key));
    const available = new Set<string>([...declared, 'TEAMSFX_ENV']);
    const written = new Set<string>();
    const missing: string[] = [];
    for (const stage of STAGES) {
      for (const step of lc.stages[stage]) {
        const texts = [JSON.stringify(step.with ?? {})];
        if (step.uses === 'aadApp/update') texts.push(read(String(step.with?.manifestPath)));
        if (step.uses === 'arm/deploy') {
          for (const template of step.with?.templates as { path: string; parameters?: string }[]) if (template.parameters) texts.push(read(template.parameters));
        }
        if (step.uses.startsWith('teamsApp/') && typeof step.with?.manifestPath === 'string' && exists(step.with.manifestPath)) texts.push(read(step.with.manifestPath));
        const selfMade = step.uses === 'aadApp/update' ? IMPLICIT_OUTPUTS['aadApp/update']! : [];
        for (const name of placeholdersIn(texts.join('\n'))) {
          if (!available.has(name) && !selfMade.includes(name)) missing.push(`${stage} ${step.uses}: ${name}`);
          // Secrets come only from the .user file an action wrote, never from the committed template.
          if (name.startsWith('SECRET_') && !written.has(name)) missing.push(`${stage} ${step.uses}: ${name} (no earlier action writes it)`);
        }
        const made = [...Object.values(step.writeToEnvironmentFile ?? {}), ...(IMPLICIT_OUTPUTS[step.uses] ?? [])];
        if (step.uses === 'arm/deploy') {
          for (const template of step.with?.templates as { path: string }[]) made.push(...bicepOutputs(read(template.path)).map((o) => o.toUpperCase()));
        }
        for (const name of made) {
          available.add(name);
          written.add(name);
        }
      }
    }
    expect(missing).toEqual([]);
    // And the other way round: nothing in the template is dead weight.
    const used = new Set<string>();
    for (const text of [lc.text, read('aad.manifest.json'), read('infra/azure.parameters.json'), exists('appPackage/manifest.json') ? read('appPackage/manifest.json') : '']) {
      for (const name of placeholdersIn(text)) used.add(name);
    }
    expect([...declared].filter((name) => !used.has(name) && !written.has(name) && name !== 'TEAMSFX_ENV')).toEqual([]);
  });

  it('local debug writes the settings the API needs into a git-ignored file, and they configure Entra sign-in, Outlook sync and the bot', () => {
    const step = onlyStep(local, 'deploy', 'file/createOrUpdateEnvironmentFile');
    expect(step.with?.target).toBe('./.localConfigs');
    expect(ignore().add(read('.gitignore')).ignores('.localConfigs')).toBe(true);
    const envs = step.with?.envs as Record<string, string>;
    expect(Object.keys(envs).sort()).toEqual(
      ['AUTH_MODE', 'BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID', 'ENTRA_APP_ID_URI', 'ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET', 'ENTRA_TENANT_ID', 'TEAMS_APP_ID'].sort(),
    );
    for (const key of Object.keys(envs)) expect(CONFIG_ENV_KEYS).toContain(key);
    const samples: Record<string, string> = {
      AAD_APP_CLIENT_ID: '0f1e2d3c-4b5a-4678-9abc-def012345678',
      AAD_APP_TENANT_ID: '11111111-2222-4333-8444-555555555555',
      TEAMS_APP_TENANT_ID: '11111111-2222-4333-8444-555555555555',
      BOT_ID: '22222222-3333-4444-8555-666666666666',
      TEAMS_APP_ID: '33333333-4444-4555-8666-777777777777',
      TAB_DOMAIN: 'abc123-3978.euw.devtunnels.ms',
      SECRET_AAD_APP_CLIENT_SECRET: 'app-secret',
      SECRET_BOT_PASSWORD: 'bot-secret',
    };
    const resolved = Object.fromEntries(
      Object.entries(envs).map(([key, value]) => [key, String(value).replace(PLACEHOLDER, (_m, name: string) => samples[name] ?? `<${name} has no sample>`)]),
    );
    const config = loadConfig(resolved);
    expect(config.auth).toMatchObject({ mode: 'entra', entra: { clientId: samples.AAD_APP_CLIENT_ID, audiences: [samples.AAD_APP_CLIENT_ID, `api://${samples.TAB_DOMAIN}/${samples.AAD_APP_CLIENT_ID}`] } });
    expect(config.outlook).not.toBeNull();
    expect(config.bot).toMatchObject({ appId: samples.BOT_ID, type: 'SingleTenant', password: 'bot-secret' });
    expect(config.teamsAppId).toBe(samples.TEAMS_APP_ID);
  });
});

describe('the environment templates', () => {
  it.each(['dev', 'local'])('env/.env.%s documents every variable, holds no secret and names its environment', (env) => {
    const file = `env/.env.${env}`;
    const lines = read(file).split('\n');
    const assignments = envAssignments(file);
    expect(assignments.find((a) => a.key === 'TEAMSFX_ENV')?.value).toBe(env);
    expect(new Set(assignments.map((a) => a.key)).size).toBe(assignments.length);
    expect(assignments.filter((a) => a.key.startsWith('SECRET_'))).toEqual([]);
    // Each run of assignments sits right under a comment that explains it.
    const undocumented = assignments.filter(({ line }) => {
      let above = line - 1;
      while (above >= 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(lines[above]!.trim())) above -= 1;
      return above < 0 || !lines[above]!.trim().startsWith('#');
    });
    expect(undocumented.map((a) => a.key)).toEqual([]);
  });

  it('git tracks the templates and ignores the secrets next to them and a root .env', () => {
    const gitignore = ignore().add(read('.gitignore'));
    expect(gitignore.ignores('env/.env.dev')).toBe(false);
    expect(gitignore.ignores('env/.env.local')).toBe(false);
    expect(gitignore.ignores('env/.env.dev.user')).toBe(true);
    expect(gitignore.ignores('env/.env.local.user')).toBe(true);
    expect(gitignore.ignores('.env')).toBe(true);
    expect(gitignore.ignores('.localConfigs')).toBe(true);
  });
});

describe('the Entra app manifest (aad.manifest.json)', () => {
  const manifest = JSON.parse(read('aad.manifest.json')) as {
    displayName: string;
    signInAudience: string;
    identifierUris: string[];
    api: {
      requestedAccessTokenVersion: number;
      oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
      preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
    };
    appRoles: { id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
    requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
    web: { redirectUris: string[] };
  };

  it('is a single-tenant app issuing v2 tokens for api://{tab host}/{client id}', () => {
    expect(manifest.signInAudience).toBe('AzureADMyOrg');
    // The toolkit's current (Microsoft Graph) manifest format: this is accessTokenAcceptedVersion.
    expect(manifest.api.requestedAccessTokenVersion).toBe(2);
    expect(manifest.identifierUris).toEqual(['api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
    expect(manifest.displayName).toBe(onlyStep(remote, 'provision', 'aadApp/create').with?.name);
    expect(manifest.displayName).toBe(onlyStep(local, 'provision', 'aadApp/create').with?.name);
  });

  it('exposes the scope the API requires and pre-authorises the Teams, Microsoft 365 and Outlook clients for it', () => {
    const scopes = manifest.api.oauth2PermissionScopes;
    expect(scopes).toEqual([expect.objectContaining({ value: REQUIRED_SCOPE, type: 'User', isEnabled: true, id: '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}' })]);
    const clients = [
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
      '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
      '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
      'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
      'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
      '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
    ];
    const preAuthorized = manifest.api.preAuthorizedApplications;
    expect(preAuthorized.map((p) => p.appId).sort()).toEqual([...clients].sort());
    for (const client of preAuthorized) expect(client.delegatedPermissionIds).toEqual([scopes[0]!.id]);
  });

  it('defines the app role the API treats as a program admin', () => {
    const role = manifest.appRoles.find((r) => r.value === ADMIN_APP_ROLE);
    expect(role).toMatchObject({ allowedMemberTypes: ['User'], isEnabled: true, id: expect.stringMatching(GUID) });
    expect(manifest.appRoles).toHaveLength(1);
  });

  it('registers the Outlook consent pop-up as a web redirect URI', () => {
    expect(manifest.web.redirectUris).toEqual(['https://${{TAB_DOMAIN}}/auth/consent-end']);
  });

  it('asks exactly for the Graph permissions Tandem uses: four delegated, covering every scope the API requests, and User.Read.All for the directory sync', () => {
    expect(manifest.requiredResourceAccess).toHaveLength(1);
    const graph = manifest.requiredResourceAccess[0]!;
    expect(graph.resourceAppId).toBe('Microsoft Graph');
    const of = (type: string) => graph.resourceAccess.filter((access) => access.type === type).map((access) => access.id).sort();
    expect(of('Scope')).toEqual(['Calendars.ReadWrite', 'OnlineMeetingArtifact.Read.All', 'OnlineMeetings.Read', 'User.Read']);
    for (const scope of [...GRAPH_SCOPES, ...ATTENDANCE_SCOPES]) expect(of('Scope')).toContain(scope.replace('https://graph.microsoft.com/', ''));
    // Application permission, admin consent: the app-only directory sync (docs/directory.md).
    expect(of('Role')).toEqual(['User.Read.All']);
    expect(graph.resourceAccess).toHaveLength(5);
  });

  it('matches the Teams app manifest’s SSO resource and bot id', () => {
    const app = JSON.parse(read('appPackage/manifest.json')) as { webApplicationInfo?: { id: string; resource: string }; bots?: { botId: string }[] };
    expect(app.webApplicationInfo).toEqual({ id: '${{AAD_APP_CLIENT_ID}}', resource: manifest.identifierUris[0] });
    for (const bot of app.bots ?? []) expect(bot.botId).toBe('${{BOT_ID}}');
  });
});

describe('configuration consistency between the server and the infrastructure', () => {
  const settings = appSettings();
  const documented = readmeConfigurationVariables();

  it('every variable the server reads is set by the infrastructure or listed in the README’s configuration table', () => {
    expect(CONFIG_ENV_KEYS.length).toBeGreaterThan(20);
    expect(CONFIG_ENV_KEYS.filter((key) => !settings.has(key) && !documented.has(key))).toEqual([]);
  });

  it('every app setting is one the server reads or a known platform setting, and the ones the SDKs read are documented', () => {
    expect([...settings.keys()].filter((name) => !CONFIG_ENV_KEYS.includes(name) && !isPlatformSetting(name))).toEqual([]);
    expect(documented.has('AZURE_CLIENT_ID')).toBe(true);
  });

  it('the app settings, resolved with sample values, are a valid production configuration', () => {
    const defaults = Object.fromEntries(params.filter((p) => p.defaultValue !== null).map((p) => [p.name, p.defaultValue!.replace(/^'(.*)'$/, '$1')]));
    const vars = Object.fromEntries(Array.from(bicep.matchAll(/^var\s+(\w+)\s*=\s*'([^'$]*)'\s*$/gm), (m) => [m[1]!, m[2]!]));
    const samples: Record<string, string> = {
      ...defaults,
      ...vars,
      aadAppClientId: '0f1e2d3c-4b5a-4678-9abc-def012345678',
      aadAppTenantId: '11111111-2222-4333-8444-555555555555',
      teamsAppId: '33333333-4444-4555-8666-777777777777',
      'identity.properties.clientId': '22222222-3333-4444-8555-666666666666',
      'identity.properties.tenantId': '11111111-2222-4333-8444-555555555555',
      'sqlServer.properties.fullyQualifiedDomainName': 'tandemab12-sql.database.windows.net',
      'appInsights.properties.ConnectionString': 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
      webAppHost: 'tandemab12.azurewebsites.net',
      // App Service swaps the Key Vault reference for the secret before the process starts.
      keyVaultSecretReference: 'client-secret-from-key-vault',
    };
    const evaluate = (expression: string): string => {
      const literal = /^'(.*)'$/.exec(expression);
      if (literal) {
        return literal[1]!.replace(/\$\{([^}]+)\}/g, (_m, inner: string) => {
          if (!(inner in samples)) throw new Error(`no sample value for \${${inner}} in an app setting`);
          return samples[inner]!;
        });
      }
      if (!(expression in samples)) throw new Error(`no sample value for the app setting expression ${expression}`);
      return samples[expression]!;
    };
    const env = Object.fromEntries([...settings].map(([name, expression]) => [name, evaluate(expression)]));
    const config = loadConfig(env);
    expect(config.env).toBe('production');
    expect(config.auth).toMatchObject({ mode: 'entra', entra: { clientId: samples.aadAppClientId, allowedTenants: [samples.aadAppTenantId] } });
    expect(config.outlook).not.toBeNull();
    expect(config.bot).toMatchObject({ type: 'UserAssignedMSI', appId: samples['identity.properties.clientId'], password: null });
    expect(config.teamsAppId).toBe(samples.teamsAppId);
    expect(config.demoData).toBe(false);
    expect(config.webDistDir).toBe('dist/web');
    expect(config.database).toEqual({ kind: 'mssql', connection: 'mssql://tandemab12-sql.database.windows.net/tandem' });
    // No user in the URL: the driver signs in with Entra ID through the managed identity (AZURE_CLIENT_ID).
    expect(mssqlConfigFrom(config.database.kind === 'mssql' ? config.database.connection : '')).toMatchObject({
      authentication: { type: 'azure-active-directory-default' },
    });
    expect(env.AZURE_CLIENT_ID).toBe(env.BOT_ID);
    expect(settings.get('ENTRA_CLIENT_SECRET')).toBe('keyVaultSecretReference');
  });
});

describe('the Azure infrastructure (infra/azure.bicep, linted: no Bicep compiler is available here)', () => {
  it('declares every resource Tandem needs, each with a dated API version', () => {
    const types = bicepResources(bicep).map((r) => r.type);
    for (const type of [
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.Sql/servers',
      'Microsoft.Sql/servers/databases',
      'Microsoft.Sql/servers/firewallRules',
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.OperationalInsights/workspaces',
      'Microsoft.Insights/components',
      'Microsoft.KeyVault/vaults',
      'Microsoft.KeyVault/vaults/secrets',
      'Microsoft.Authorization/roleAssignments',
    ]) {
      expect(types).toContain(type);
    }
    for (const resource of bicepResources(bicep)) expect(resource.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
  });

  it('runs the API on Linux Node 20, always on, HTTPS only, TLS 1.2, no FTP, health-checked, as the managed identity', () => {
    const plan = resourceOfType('Microsoft.Web/serverfarms').body;
    expect(plan).toMatch(/kind:\s*'linux'/);
    expect(plan).toMatch(/reserved:\s*true/);
    const { body: site } = resourceOfType('Microsoft.Web/sites');
    const identity = resourceOfType('Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
    expect(site).toMatch(/linuxFxVersion:\s*'NODE\|20-lts'/);
    expect(site).toMatch(/alwaysOn:\s*true/);
    expect(site).toMatch(/httpsOnly:\s*true/);
    expect(site).toMatch(/minTlsVersion:\s*'1\.2'/);
    expect(site).toMatch(/ftpsState:\s*'Disabled'/);
    expect(site).toMatch(/healthCheckPath:\s*'\/api\/health'/);
    expect(site).toMatch(/clientAffinityEnabled:\s*false/);
    expect(site).toMatch(new RegExp(`type:\\s*'UserAssigned'[\\s\\S]*'\\$\\{${identity}\\.id\\}'`));
    expect(site).toMatch(new RegExp(`keyVaultReferenceIdentity:\\s*${identity}\\.id`));
    expect(appSettings().get('AZURE_CLIENT_ID')).toBe(`${identity}.properties.clientId`);
  });

  it('starts the compiled server from the deployed package', () => {
    const site = resourceOfType('Microsoft.Web/sites').body;
    const command = /appCommandLine:\s*'node ([^']+)'/.exec(site)?.[1];
    const build = JSON.parse(read('tsconfig.build.json')) as { extends: string; include: string[] };
    const base = JSON.parse(read(build.extends)) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(build.include).toContain('api/src/**/*.ts');
    expect(exists('api/src/server.ts')).toBe(true);
    expect(command).toBe(path.posix.join(base.compilerOptions.outDir, path.posix.relative(base.compilerOptions.rootDir, 'api/src/server.js')));
    expect(appSettings().get('WEBSITE_RUN_FROM_PACKAGE')).toBe("'1'");
    expect(read('web/vite.config.mts')).toContain("'../dist/web'");
  });

  it('signs in to Azure SQL with Entra ID only: an Entra admin, no SQL password anywhere, Azure services allowed through', () => {
    const server = resourceOfType('Microsoft.Sql/servers').body;
    expect(server).toMatch(/azureADOnlyAuthentication:\s*true/);
    expect(server).toMatch(/administratorType:\s*'ActiveDirectory'/);
    expect(server).toMatch(/sid:\s*sqlAdminObjectId/);
    expect(server).toMatch(/login:\s*sqlAdminLogin/);
    for (const file of ['infra/azure.bicep', 'infra/azure.parameters.json', 'teamsapp.yml', 'env/.env.dev']) {
      expect(read(file)).not.toMatch(/administratorLoginPassword|administratorLogin\b/);
    }
    const firewall = resourceOfType('Microsoft.Sql/servers/firewallRules').body;
    expect(firewall).toMatch(/startIpAddress:\s*'0\.0\.0\.0'/);
    expect(firewall).toMatch(/endIpAddress:\s*'0\.0\.0\.0'/);
  });

  it('defaults to a serverless General Purpose database that pauses when idle', () => {
    const sku = params.find((p) => p.name === 'sqlDatabaseSku');
    const skuBlock = balanced(bicep, bicep.indexOf('param sqlDatabaseSku'));
    expect(sku?.type).toBe('object');
    expect(skuBlock).toMatch(/name:\s*'GP_S_Gen5'/);
    expect(skuBlock).toMatch(/tier:\s*'GeneralPurpose'/);
    const database = resourceOfType('Microsoft.Sql/servers/databases').body;
    expect(database).toMatch(/sku:\s*sqlDatabaseSku/);
    expect(database).toMatch(/autoPauseDelay:\s*isServerless \? sqlAutoPauseDelayMinutes/);
    expect(database).toMatch(/minCapacity:/);
    expect(Number(params.find((p) => p.name === 'sqlAutoPauseDelayMinutes')?.defaultValue)).toBeGreaterThan(0);
  });

  it('registers the bot as the managed identity, pointed at /api/messages, with the Teams channel', () => {
    const identity = resourceOfType('Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
    const { symbol, body: bot } = resourceOfType('Microsoft.BotService/botServices');
    expect(bot).toMatch(/location:\s*'global'/);
    expect(bot).toMatch(/msaAppType:\s*'UserAssignedMSI'/);
    expect(bot).toMatch(new RegExp(`msaAppId:\\s*${identity}\\.properties\\.clientId`));
    expect(bot).toMatch(new RegExp(`msaAppTenantId:\\s*${identity}\\.properties\\.tenantId`));
    expect(bot).toMatch(new RegExp(`msaAppMSIResourceId:\\s*${identity}\\.id`));
    expect(bot).toMatch(/endpoint:\s*'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    const channel = resourceOfType('Microsoft.BotService/botServices/channels').body;
    expect(channel).toMatch(new RegExp(`parent:\\s*${symbol}\\b`));
    expect(channel).toMatch(/name:\s*'MsTeamsChannel'/);
    expect(channel).toMatch(/channelName:\s*'MsTeamsChannel'/);
  });

  it('keeps the Entra client secret in an RBAC Key Vault the identity may read, and hands it to the app as a Key Vault reference', () => {
    const identity = resourceOfType('Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
    const vault = resourceOfType('Microsoft.KeyVault/vaults');
    expect(vault.body).toMatch(/enableRbacAuthorization:\s*true/);
    const secret = resourceOfType('Microsoft.KeyVault/vaults/secrets').body;
    expect(secret).toMatch(new RegExp(`parent:\\s*${vault.symbol}\\b`));
    expect(secret).toMatch(/value:\s*aadAppClientSecret/);
    expect(params.find((p) => p.name === 'aadAppClientSecret')?.decorators).toContain('@secure()');
    const role = resourceOfType('Microsoft.Authorization/roleAssignments').body;
    expect(role).toMatch(new RegExp(`scope:\\s*${vault.symbol}\\b`));
    expect(role).toMatch(new RegExp(`principalId:\\s*${identity}\\.properties\\.principalId`));
    expect(bicep).toMatch(/keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'/); // built-in "Key Vault Secrets User"
    expect(bicep).toMatch(/keyVaultSecretReference = '@Microsoft\.KeyVault\(SecretUri=\$\{\w+\.properties\.secretUri\}\)'/);
  });

  it('sends telemetry to workspace-based Application Insights', () => {
    const insights = resourceOfType('Microsoft.Insights/components').body;
    const workspace = resourceOfType('Microsoft.OperationalInsights/workspaces').symbol;
    expect(insights).toMatch(new RegExp(`WorkspaceResourceId:\\s*${workspace}\\.id`));
    expect(appSettings().get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toMatch(/\.properties\.ConnectionString$/);
  });

  it('describes every parameter, uses each one, and refers only to declared symbols', () => {
    expect(params.filter((p) => !p.decorators.some((d) => d.startsWith('@description(')))).toEqual([]);
    const body = bicep.split('\n').filter((line) => !/^\s*(param|\/\/|@)/.test(line)).join('\n');
    expect(params.filter((p) => !new RegExp(`\\b${p.name}\\b`).test(body)).map((p) => p.name)).toEqual([]);
    const declared = new Set([...params.map((p) => p.name), ...bicepResources(bicep).map((r) => r.symbol), ...Array.from(bicep.matchAll(/^var\s+(\w+)/gm), (m) => m[1]!)]);
    const referenced = Array.from(body.matchAll(/(?<![\w.'])([a-z]\w*)\.(?:id|name|properties)\b/g), (m) => m[1]!);
    expect(referenced.filter((symbol) => !declared.has(symbol))).toEqual([]);
  });

  it('azure.parameters.json sets only parameters the template declares, and every one without a default', () => {
    const file = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: unknown }> };
    const given = Object.keys(file.parameters);
    const names = params.map((p) => p.name);
    expect(given.filter((name) => !names.includes(name))).toEqual([]);
    expect(params.filter((p) => p.defaultValue === null && !given.includes(p.name)).map((p) => p.name)).toEqual([]);
    expect(file.parameters.aadAppClientSecret?.value).toBe('${{SECRET_AAD_APP_CLIENT_SECRET}}');
  });

  it('writes back the outputs the lifecycle and the app package read', () => {
    for (const name of ['AZURE_APP_SERVICE_RESOURCE_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'BOT_ID']) expect(outputs).toContain(name);
    expect(outputs.every((name) => name === name.toUpperCase())).toBe(true);
  });
});

describe('the App Service package (.webappignore)', () => {
  const rules = ignore().add('.deployment').add(read('.webappignore'));

  it('ships the compiled server, the built web app and package.json, and leaves out sources, secrets and local data', () => {
    for (const kept of ['dist/api/src/server.js', 'dist/api/src/bot/prompts/chat/skprompt.txt', 'dist/web/index.html', 'dist/web/assets/index.js', 'package.json', 'node_modules/express/package.json']) {
      expect({ kept, ignored: rules.ignores(kept) }).toEqual({ kept, ignored: false });
    }
    for (const left of [
      'api/src/server.ts',
      'web/src/main.tsx',
      'tests/api/deployment-files.test.ts',
      'env/.env.dev',
      'env/.env.dev.user',
      '.localConfigs',
      '.env',
      'data/tandem.sqlite',
      'build/appPackage.dev.zip',
      'infra/azure.bicep',
      '.git/config',
      'dist/api/src/server.js.map',
      'node_modules/@fluentui/react-components/package.json',
      'node_modules/typescript/package.json',
    ]) {
      expect({ left, ignored: rules.ignores(left) }).toEqual({ left, ignored: true });
    }
  });

  it('keeps every package the server loads at run time, and what those depend on', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) walk(rel);
        else if (rel.endsWith('.ts')) sources.push(read(rel));
      }
    };
    walk('api/src');
    const imported = new Set<string>();
    for (const source of sources) {
      const statements = /^\s*(?:import|export)\s[\w\s{},*]*?\bfrom\s*'([^']+)'|^\s*import\s*'([^']+)'|\b(?:require|import)\(\s*'([^']+)'\s*\)/gm;
      for (const m of source.matchAll(statements)) {
        const specifier = (m[1] ?? m[2] ?? m[3])!;
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
      }
    }
    expect(imported.has('express')).toBe(true);

    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dependencies?: Json; optionalDependencies?: Json; peerDependencies?: Json }> };
    // Node's lookup: the nearest node_modules/<name> walking up from the package that asks.
    const resolve = (from: string, name: string): string | null => {
      let base = from;
      for (;;) {
        const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
        if (lock.packages[candidate]) return candidate;
        if (!base) return null;
        const cut = base.lastIndexOf('/node_modules/');
        base = cut < 0 ? '' : base.slice(0, cut);
      }
    };
    const needed = new Set<string>();
    const queue = [...imported].map((name) => {
      const found = resolve('', name);
      if (!found) throw new Error(`api/src imports ${name}, which package-lock.json does not install`);
      return found;
    });
    while (queue.length > 0) {
      const at = queue.pop()!;
      if (needed.has(at)) continue;
      needed.add(at);
      const entry = lock.packages[at]!;
      for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
        const found = resolve(at, dep);
        if (found) queue.push(found);
      }
    }
    expect(needed.size).toBeGreaterThan(100);
    expect([...needed].filter((dir) => rules.ignores(dir) || rules.ignores(`${dir}/package.json`))).toEqual([]);
  });
});
