// The Teams app package (appPackage/ and `npm run package`), checked offline: the manifest against
// Microsoft's own schema as @microsoft/app-manifest bundles it, the icons from their PNG data, the bot's
// command list against the commands the bot implements, and every tab URL against the web app's routes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import request from 'supertest';
import { BOT_COMMANDS } from '../../api/src/bot/bot';
import { TAB_ENTITY_ID } from '../../api/src/notifications/texts';
import { renderIcon, ICONS } from '../../scripts/render-icons';
import { bundledSchemaFile, packageApp, PackagingError, placeholdersIn, resolvePlaceholders, validateManifest } from '../../scripts/package-app';
import { createTestApp } from '../support/app';

// The web router runs in the browser and is typechecked by web/tsconfig.json (DOM types); the API's
// tsconfig has none, so it is loaded here without compile-time types, declaring the one function used.
const { matchRoute } = require('../../web/src/app/routing') as { matchRoute(pathname: string): { id: string } };

const ROOT = path.resolve(__dirname, '../..');
const APP_PACKAGE = path.join(ROOT, 'appPackage');
const TEMPLATE = fs.readFileSync(path.join(APP_PACKAGE, 'manifest.json'), 'utf8');

/** The variable names the manifest, the env files and teamsapp.yml agree on (issue 8). */
const SHARED_NAMES = ['TEAMS_APP_ID', 'APP_NAME_SUFFIX', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'AAD_APP_CLIENT_ID', 'BOT_ID', 'TEAMSFX_ENV'];

const SAMPLE: Record<string, string> = {
  TEAMS_APP_ID: '8c1b2d4e-1f2a-4b3c-9d8e-0a1b2c3d4e5f',
  APP_NAME_SUFFIX: '-dev',
  TAB_DOMAIN: 'tandem-dev.azurewebsites.net',
  TAB_ENDPOINT: 'https://tandem-dev.azurewebsites.net',
  AAD_APP_CLIENT_ID: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
  BOT_ID: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
  TEAMSFX_ENV: 'dev',
};

// A loose view of the parts of the manifest these tests read.
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full?: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  staticTabs: { entityId: string; name: string; contentUrl: string; websiteUrl?: string; scopes: string[] }[];
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; isNotificationOnly: boolean; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
  permissions: string[];
  devicePermissions?: string[];
  showLoadingIndicator?: boolean;
}

function resolved(values: Record<string, string> = SAMPLE): Manifest {
  return JSON.parse(resolvePlaceholders(TEMPLATE, (name) => values[name], 'the sample values')) as Manifest;
}

async function schemaErrors(manifest: unknown): Promise<string[]> {
  const schema = await AppManifestUtils.fetchSchema((manifest as Manifest).$schema);
  return AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
}

function decode(file: string): PNG {
  return PNG.sync.read(fs.readFileSync(path.join(APP_PACKAGE, file)));
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function envFile(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');
}

describe('the Teams app manifest', () => {
  it('uses only the variables shared with the env files and teamsapp.yml', () => {
    const used = placeholdersIn(TEMPLATE);
    expect(used.filter((name) => !SHARED_NAMES.includes(name))).toEqual([]);
    expect(used).toEqual(expect.arrayContaining(['TEAMS_APP_ID', 'APP_NAME_SUFFIX', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'AAD_APP_CLIENT_ID', 'BOT_ID']));
  });

  it('is on a current public schema that @microsoft/app-manifest bundles, so it validates offline', () => {
    const { $schema, manifestVersion } = resolved();
    expect(manifestVersion).toMatch(/^1\.\d+$/);
    expect(Number(manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(19);
    expect($schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`);
    expect(bundledSchemaFile($schema)).not.toBeNull();
  });

  it('with placeholders resolved from sample values, passes Microsoft’s schema', async () => {
    await expect(schemaErrors(resolved())).resolves.toEqual([]);
    // the packaging script's own check agrees
    await expect(validateManifest(resolved() as unknown as Record<string, unknown>)).resolves.toEqual([]);
  });

  it('is rejected by the schema when a short description is too long or a required field is missing', async () => {
    const tooLong = resolved();
    tooLong.description.short = 'x'.repeat(90);
    const tooLongErrors = await schemaErrors(tooLong);
    expect(tooLongErrors.join('\n')).toMatch(/\/description\/short must NOT have more than 80 characters/);

    const noDeveloper: Partial<Manifest> = resolved();
    delete noDeveloper.developer;
    expect((await schemaErrors(noDeveloper)).join('\n')).toMatch(/must have required property 'developer'/);

    const badBotId = resolved({ ...SAMPLE, BOT_ID: 'tandem-bot' });
    expect((await schemaErrors(badBotId)).join('\n')).toMatch(/\/bots\/0\/botId must match pattern/);
  });

  it('describes Tandem: its names, developer, descriptions, accent colour and icons', () => {
    const manifest = resolved();
    expect(manifest.id).toBe(SAMPLE.TEAMS_APP_ID);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.name.short).toBe('Tandem-dev');
    expect(resolved({ ...SAMPLE, APP_NAME_SUFFIX: '' }).name.short).toBe('Tandem');
    expect(manifest.developer.name).toBe('Tandem');
    for (const url of [manifest.developer.websiteUrl, manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
      expect(url.startsWith(`${SAMPLE.TAB_ENDPOINT}/`)).toBe(true);
    }
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full).toMatch(/mentor/);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('pins "My mentoring" and "Program health" as personal tabs, the first under the entity id the bot’s deep links open', () => {
    const { staticTabs, showLoadingIndicator } = resolved();
    expect(staticTabs.map(({ entityId, name, contentUrl, scopes }) => ({ entityId, name, contentUrl, scopes }))).toEqual([
      { entityId: 'mentoring', name: 'My mentoring', contentUrl: `${SAMPLE.TAB_ENDPOINT}/tab`, scopes: ['personal'] },
      { entityId: 'program-health', name: 'Program health', contentUrl: `${SAMPLE.TAB_ENDPOINT}/admin`, scopes: ['personal'] },
    ]);
    expect(staticTabs[0]?.entityId).toBe(TAB_ENTITY_ID);
    // the tab tells Teams when it has loaded (web/src/teams/HostContext.tsx → app.notifySuccess)
    expect(showLoadingIndicator).toBe(true);
  });

  it('registers the bot for personal chats with exactly the commands the bot implements', () => {
    const [bot, ...others] = resolved().bots;
    expect(others).toEqual([]);
    expect(bot).toMatchObject({ botId: SAMPLE.BOT_ID, scopes: ['personal'], supportsFiles: false, isNotificationOnly: false });
    expect(bot?.commandLists).toHaveLength(1);
    expect(bot?.commandLists[0]?.scopes).toEqual(['personal']);
    expect(bot?.commandLists[0]?.commands).toEqual(BOT_COMMANDS.map((c) => ({ title: c.name, description: c.description })));
  });

  it('asks for SSO with the Entra app on the tab’s domain, and for nothing else', () => {
    const manifest = resolved();
    expect(manifest.webApplicationInfo).toEqual({
      id: SAMPLE.AAD_APP_CLIENT_ID,
      resource: `api://${SAMPLE.TAB_DOMAIN}/${SAMPLE.AAD_APP_CLIENT_ID}`,
    });
    expect(manifest.validDomains).toEqual([SAMPLE.TAB_DOMAIN]);
    expect(manifest.validDomains.join(' ')).not.toMatch(/\*|devtunnels|ngrok/);
    expect(manifest.permissions).toEqual(['identity']);
    expect(manifest.devicePermissions).toBeUndefined();
  });
});

describe('the app icons', () => {
  it('has a 192×192 colour icon', () => {
    const color = decode('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
  });

  it('has a 32×32 outline icon that is only white on a fully transparent background, and not empty', () => {
    const outline = decode('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let drawn = 0;
    const offending: string[] = [];
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) continue;
      drawn += 1;
      if (r !== 255 || g !== 255 || b !== 255) offending.push(`(${(i / 4) % 32}, ${Math.floor(i / 4 / 32)})`);
    }
    expect(offending).toEqual([]);
    expect(drawn).toBeGreaterThan(100);
    // a transparent background: the corners are empty
    for (const corner of [0, 31, 32 * 31, 32 * 32 - 1]) expect(outline.data[corner * 4 + 3]).toBe(0);
  });

  it('ships PNGs rendered from the current SVG sources (npm run icons)', () => {
    for (const { source, output, size } of ICONS) {
      const committed = decode(output);
      const fresh = PNG.sync.read(renderIcon(fs.readFileSync(path.join(APP_PACKAGE, source)), size));
      expect([fresh.width, fresh.height]).toEqual([committed.width, committed.height]);
      let worst = 0;
      for (let i = 0; i < fresh.data.length; i += 1) worst = Math.max(worst, Math.abs(fresh.data[i]! - committed.data[i]!));
      // a little slack for anti-aliasing differences between resvg builds
      expect(worst).toBeLessThanOrEqual(2);
    }
  });
});

describe('the manifest’s URLs', () => {
  const paths = () => {
    const manifest = resolved();
    const urls = [...manifest.staticTabs.flatMap((t) => [t.contentUrl, t.websiteUrl ?? t.contentUrl]), manifest.developer.websiteUrl, manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl];
    return [...new Set(urls.map((url) => new URL(url).pathname))];
  };

  it('are all views the web app’s router knows', () => {
    expect(paths()).toEqual(expect.arrayContaining(['/tab', '/admin']));
    for (const pathname of paths()) expect({ pathname, route: matchRoute(pathname).id }).not.toEqual({ pathname, route: 'notFound' });
    expect(matchRoute('/tab/no-such-view').id).toBe('notFound');
  });

  it('are served the web app by the server, which explains itself when the web app is not built', async () => {
    const dist = tempDir('tandem-dist-');
    const notBuilt = tempDir('tandem-no-dist-');
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Tandem</title><div id="root"></div>');
    const app = await createTestApp({ env: { WEB_DIST_DIR: dist } });
    const bare = await createTestApp({ env: { WEB_DIST_DIR: notBuilt } });
    try {
      for (const pathname of paths()) {
        const response = await request(app.http).get(pathname);
        expect({ pathname, status: response.status }).toEqual({ pathname, status: 200 });
        expect(response.type).toBe('text/html');
        expect(response.text).toContain('<div id="root">');
      }
      const missing = await request(bare.http).get('/tab');
      expect(missing.status).toBe(503);
      expect(missing.text).toMatch(/npm run build:web/);
    } finally {
      await app.close();
      await bare.close();
      fs.rmSync(dist, { recursive: true, force: true });
      fs.rmSync(notBuilt, { recursive: true, force: true });
    }
  });
});

describe('npm run package', () => {
  let work: string;
  let envDir: string;
  let outDir: string;
  beforeEach(() => {
    work = tempDir('tandem-package-');
    envDir = path.join(work, 'env');
    outDir = path.join(work, 'build');
    fs.mkdirSync(envDir);
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('writes build/appPackage.{env}.zip with the resolved manifest and the two icons, nothing else', async () => {
    fs.writeFileSync(path.join(envDir, '.env.dev'), `# Tandem dev\n${envFile(SAMPLE)}\n`);
    const { zipPath } = await packageApp({ env: 'dev', envDir, outDir, processEnv: {} });
    expect(zipPath).toBe(path.join(outDir, 'appPackage.dev.zip'));

    const zip = new AdmZip(zipPath);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = zip.readAsText('manifest.json');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text) as Manifest;
    expect(manifest.id).toBe(SAMPLE.TEAMS_APP_ID);
    expect(manifest.webApplicationInfo.resource).toBe(`api://${SAMPLE.TAB_DOMAIN}/${SAMPLE.AAD_APP_CLIENT_ID}`);
    await expect(schemaErrors(manifest)).resolves.toEqual([]);
    for (const icon of ['color.png', 'outline.png']) {
      expect(zip.readFile(icon)?.equals(fs.readFileSync(path.join(APP_PACKAGE, icon)))).toBe(true);
    }
  });

  it('takes the .user file over the env file, and the environment over both; production may leave the suffix empty', async () => {
    const { BOT_ID: _botId, ...withoutBot } = SAMPLE;
    fs.writeFileSync(path.join(envDir, '.env.prod'), envFile({ ...withoutBot, APP_NAME_SUFFIX: '' }));
    fs.writeFileSync(path.join(envDir, '.env.prod.user'), `BOT_ID=${SAMPLE.BOT_ID}\nTAB_DOMAIN=ignored.example.com\n`);
    const { manifest } = await packageApp({ env: 'prod', envDir, outDir, processEnv: { TAB_DOMAIN: 'tandem.contoso.com' } });
    const resolvedManifest = manifest as unknown as Manifest;
    expect(resolvedManifest.name.short).toBe('Tandem');
    expect(resolvedManifest.bots[0]?.botId).toBe(SAMPLE.BOT_ID);
    expect(resolvedManifest.validDomains).toEqual(['tandem.contoso.com']);
    expect(fs.existsSync(path.join(outDir, 'appPackage.prod.zip'))).toBe(true);
  });

  it('stops, naming every missing or empty variable, and writes nothing', async () => {
    const { BOT_ID: _botId, ...withoutBot } = SAMPLE;
    fs.writeFileSync(path.join(envDir, '.env.dev'), envFile({ ...withoutBot, AAD_APP_CLIENT_ID: '' }));
    const attempt = packageApp({ env: 'dev', envDir, outDir, processEnv: {} });
    await expect(attempt).rejects.toBeInstanceOf(PackagingError);
    await expect(attempt).rejects.toThrow(/BOT_ID is not set.*AAD_APP_CLIENT_ID is empty|AAD_APP_CLIENT_ID is empty.*BOT_ID is not set/);
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('stops when a value makes the manifest invalid, or the env file does not exist', async () => {
    fs.writeFileSync(path.join(envDir, '.env.dev'), envFile({ ...SAMPLE, TEAMS_APP_ID: 'my-app' }));
    await expect(packageApp({ env: 'dev', envDir, outDir, processEnv: {} })).rejects.toThrow(/\/id must match pattern/);
    await expect(packageApp({ env: 'staging', envDir, outDir, processEnv: {} })).rejects.toThrow(/\.env\.staging does not exist/);
    expect(fs.existsSync(outDir)).toBe(false);
  });
});
