// `npm run package [-- --env dev]`: builds build/appPackage.{env}.zip — appPackage/manifest.json with
// every ${{NAME}} placeholder resolved, plus its two icons — ready to upload to Teams. Values come
// from env/.env.{env}, then env/.env.{env}.user, then the process environment (later wins), the
// same order the Teams Toolkit uses. The resolved manifest must pass Microsoft's schema, checked
// offline against the copy @microsoft/app-manifest bundles, so a bad id or URL fails here and not
// at upload.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { parse as parseDotenv } from 'dotenv';

const ROOT = path.resolve(__dirname, '..');

/** Teams Toolkit's placeholder syntax, `${{NAME}}` (it tolerates spaces inside the braces). */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Production has no name suffix ("Tandem", not "Tandem-dev"), so this one may be set to nothing. */
const MAY_BE_EMPTY: ReadonlySet<string> = new Set(['APP_NAME_SUFFIX']);

const ENV_NAME = /^[A-Za-z0-9_-]+$/;

/** A problem the person packaging can fix; the CLI prints its message without a stack trace. */
export class PackagingError extends Error {
  override name = 'PackagingError';
}

export interface PackageOptions {
  /** the environment name: reads env/.env.{env}, writes appPackage.{env}.zip */
  env: string;
  /** the folder holding appPackage/, env/ and build/ (the repository root by default) */
  rootDir?: string;
  /** where the env files are (rootDir/env by default) */
  envDir?: string;
  /** where the zip goes (rootDir/build by default) */
  outDir?: string;
  /** overrides for the env files (process.env by default) */
  processEnv?: Record<string, string | undefined>;
}

export interface PackageResult {
  zipPath: string;
  manifest: Record<string, unknown>;
  /** the files in the zip, by their name in it */
  entries: string[];
}

/** The distinct placeholder names in `text`, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] as string))];
}

function readEnvFile(file: string): Record<string, string> {
  return fs.existsSync(file) ? parseDotenv(fs.readFileSync(file)) : {};
}

/**
 * Replaces each placeholder with its value. Values are JSON-escaped because every placeholder sits
 * inside a JSON string; anything missing, or empty where that isn't allowed, is reported all at once.
 */
export function resolvePlaceholders(template: string, lookup: (name: string) => string | undefined, source: string): string {
  const problems: string[] = [];
  for (const name of placeholdersIn(template)) {
    const value = lookup(name);
    if (value === undefined) problems.push(`${name} is not set`);
    else if (value.trim() === '' && !MAY_BE_EMPTY.has(name)) problems.push(`${name} is empty`);
  }
  if (problems.length > 0) {
    throw new PackagingError(
      `Cannot package the Teams app: ${problems.join(', ')}. Set ${problems.length === 1 ? 'it' : 'them'} in ${source} (or in its .user file, or in the environment).`,
    );
  }
  const resolved = template.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(lookup(name)).slice(1, -1));
  // A placeholder the pattern didn't recognise (a typo such as `${{ TAB-DOMAIN }}`) would otherwise ship as text.
  if (resolved.includes('${{')) {
    const line = resolved.split('\n').find((l) => l.includes('${{'))?.trim();
    throw new PackagingError(`Cannot package the Teams app: a placeholder is malformed (${line}). Names are letters, digits and underscores.`);
  }
  return resolved;
}

/** Where @microsoft/app-manifest keeps its copy of the schema at `schemaUrl`, or null if it has none. */
export function bundledSchemaFile(schemaUrl: string): string | null {
  const match = /\/json-schemas\/(teams\/v[^/]+\/MicrosoftTeams\.schema\.json)$/i.exec(schemaUrl);
  if (!match?.[1]) return null;
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(packageDir, 'build', 'json-schemas', match[1]);
  return fs.existsSync(file) ? file : null;
}

/**
 * Schema errors for a resolved manifest ([] when it is valid). Only the bundled schema is used:
 * asked for one it doesn't bundle, the library would download it, and packaging must work offline.
 */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const schemaUrl = manifest.$schema;
  if (typeof schemaUrl !== 'string' || !bundledSchemaFile(schemaUrl)) {
    throw new PackagingError(`The manifest's $schema (${String(schemaUrl)}) is not one @microsoft/app-manifest bundles; use a bundled Teams schema version.`);
  }
  // The library finds its bundled copy itself (and cleans up escapes some versions of the schema carry).
  const schema = await AppManifestUtils.fetchSchema(schemaUrl);
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
}

function iconFiles(manifest: Record<string, unknown>): string[] {
  const icons = manifest.icons;
  if (typeof icons !== 'object' || icons === null) return [];
  return Object.values(icons).filter((file): file is string => typeof file === 'string');
}

export async function packageApp(options: PackageOptions): Promise<PackageResult> {
  const { env } = options;
  if (!ENV_NAME.test(env)) throw new PackagingError(`"${env}" is not an environment name (letters, digits, - and _).`);
  const rootDir = options.rootDir ?? ROOT;
  const appPackageDir = path.join(rootDir, 'appPackage');
  const envFile = path.join(options.envDir ?? path.join(rootDir, 'env'), `.env.${env}`);
  const relative = path.relative(process.cwd(), envFile);
  const envSource = relative.startsWith('..') ? envFile : relative;
  if (!fs.existsSync(envFile)) throw new PackagingError(`Cannot package the Teams app: ${envSource} does not exist.`);

  const fromFiles: Record<string, string> = { TEAMSFX_ENV: env, ...readEnvFile(envFile), ...readEnvFile(`${envFile}.user`) };
  const processEnv = options.processEnv ?? process.env;
  const lookup = (name: string) => processEnv[name] ?? fromFiles[name];

  const template = fs.readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(resolvePlaceholders(template, lookup, envSource)) as Record<string, unknown>;

  const errors = await validateManifest(manifest);
  if (errors.length > 0) {
    throw new PackagingError(`The resolved manifest does not pass the Teams schema (check the values in ${envSource}):\n  ${errors.join('\n  ')}`);
  }

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const icon of iconFiles(manifest)) {
    const file = path.join(appPackageDir, icon);
    if (!fs.existsSync(file)) throw new PackagingError(`The manifest names the icon ${icon}, but appPackage/${icon} does not exist (run npm run icons).`);
    zip.addFile(icon, fs.readFileSync(file));
  }

  const outDir = options.outDir ?? path.join(rootDir, 'build');
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${env}.zip`);
  await zip.writeZipPromise(zipPath, { overwrite: true });
  return { zipPath, manifest, entries: zip.getEntries().map((e) => e.entryName) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { env: { type: 'string', default: 'dev' } } });
  try {
    const result = await packageApp({ env: values.env ?? 'dev' });
    console.log(`wrote ${path.relative(process.cwd(), result.zipPath)} (${result.entries.join(', ')})`);
  } catch (error) {
    if (!(error instanceof PackagingError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
