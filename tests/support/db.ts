import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../api/src/db/database';
import { migrateToLatest } from '../../api/src/db/migrate';

export interface TestDb {
  db: Db;
  /** DATABASE_URL that reaches the same database */
  url: string;
  close(): Promise<void>;
}

/**
 * A freshly migrated database of this test file's own: a temp SQLite file, or — when
 * MSSQL_TEST_URL points at a SQL Server (e.g. mssql://sa:Pass@localhost:1433/master?trustServerCertificate=true) —
 * a new database on that server, dropped afterwards.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const created = process.env.MSSQL_TEST_URL ? await createMssqlDb(process.env.MSSQL_TEST_URL) : createSqliteDb();
  const db = await openDatabase(created.config);
  if (options.migrate !== false) await migrateToLatest(db.kysely);
  return {
    db,
    url: created.url,
    async close() {
      await db.close();
      await created.dispose();
    },
  };
}

function createSqliteDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
  const file = path.join(dir, 'test.sqlite');
  return {
    config: { kind: 'sqlite' as const, file },
    url: `sqlite:${file}`,
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function createMssqlDb(serverUrl: string) {
  const name = `tandem_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'mssql', connection: serverUrl });
  await sql.raw(`create database [${name}]`).execute(admin.kysely);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'mssql' as const, connection: url.toString() },
    url: url.toString(),
    dispose: async () => {
      await sql.raw(`alter database [${name}] set single_user with rollback immediate; drop database [${name}]`).execute(admin.kysely);
      await admin.close();
    },
  };
}
