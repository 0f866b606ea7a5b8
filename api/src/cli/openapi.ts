import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../app';
import { createIdentity } from '../auth/identity';
import { systemClock } from '../clock';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { readVersion } from '../version';

/** `npm run openapi`: write the OpenAPI document (dev mode, so dev endpoints are included) to docs/openapi.json. */
async function main(): Promise<void> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', AUTH_MODE: 'dev' }, readVersion());
  const db = await openDatabase(config.database);
  try {
    const identity = await createIdentity(config, systemClock);
    const { openApiDocument } = createApp({ db, config, clock: systemClock, logger: pino({ level: 'silent' }), ...identity });
    const out = path.resolve(process.argv[2] ?? 'docs/openapi.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(openApiDocument, null, 2)}\n`);
    console.log(`Wrote ${out} (${Object.keys(openApiDocument.paths ?? {}).length} paths)`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
