import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../api/src/db/database';
import { migrateToLatest } from '../../api/src/db/migrate';

export interface TestDb {
  db: Db;
  file: string;
  close(): Promise<void>;
}

/** A freshly migrated SQLite file of its own, removed afterwards. */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
  const file = path.join(dir, 'test.sqlite');
  const db = await openDatabase({ kind: 'sqlite', file });
  if (options.migrate !== false) await migrateToLatest(db.kysely);
  return {
    db,
    file,
    async close() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
