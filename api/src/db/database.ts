import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect, sql } from 'kysely';
import type { Config } from '../config/config';
import { MssqlPagingPlugin, MssqlPoolDialect, mssqlConfigFrom } from './mssql-driver';
import type { Database } from './schema';

export type DatabaseKind = 'sqlite' | 'mssql';

export interface Db {
  kysely: Kysely<Database>;
  kind: DatabaseKind;
  /** true when a trivial query succeeds */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config['database']): Promise<Db> {
  const plugins = [new CamelCasePlugin()];
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins });
    return wrap(kysely, 'sqlite');
  }
  const kysely = new Kysely<Database>({
    dialect: new MssqlPoolDialect(mssqlConfigFrom(config.connection)),
    plugins: [...plugins, new MssqlPagingPlugin()],
  });
  const db = wrap(kysely, 'mssql');
  // Connect now, so a wrong server or credential stops start-up with a clear error.
  await sql`select 1 as ok`.execute(kysely);
  return db;
}

function wrap(kysely: Kysely<Database>, kind: DatabaseKind): Db {
  let closed = false;
  return {
    kysely,
    kind,
    async ping() {
      if (closed) return false;
      try {
        await sql`select 1 as ok`.execute(kysely);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
    },
  };
}

/** Unique-key violations on either engine: the portable signal for "someone got there first". */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; number?: unknown; originalError?: { info?: { number?: unknown } } };
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  const number = e.number ?? e.originalError?.info?.number;
  return number === 2627 || number === 2601;
}
