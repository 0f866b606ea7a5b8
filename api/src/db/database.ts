import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type Driver,
  type KyselyConfig,
  type QueryCompiler,
  type Transaction,
  type TransactionBuilder,
  type TransactionSettings,
} from 'kysely';
import type { Config } from '../config/config';
import { MssqlPagingPlugin, MssqlPoolDialect, mssqlConfigFrom, type MssqlPoolLike } from './mssql-driver';
import { withStatementCache } from './statement-cache';
import { defaultRetryPolicy, transactionMayRepeat, withTransientRetry, type RetryPolicy } from './retry';
import type { Database } from './schema';

export type DatabaseKind = 'sqlite' | 'mssql';

export interface Db {
  kysely: Kysely<Database>;
  kind: DatabaseKind;
  /** true when a trivial query succeeds */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** SQLite: how long a write waits for another process's write lock before failing (default 5 s) */
  busyTimeoutMs?: number;
  /** SQL Server: retries after transient faults (tests inject the sleep and the jitter) */
  retry?: RetryPolicy;
  /** SQL Server: stands in for mssql's ConnectionPool (fault-injection tests) */
  createMssqlPool?: () => MssqlPoolLike;
}

export async function openDatabase(config: Config['database'], options: OpenDatabaseOptions = {}): Promise<Db> {
  const plugins = [new CamelCasePlugin()];
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    sqlite.pragma('synchronous = NORMAL');
    const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }), plugins });
    return wrap(kysely, 'sqlite');
  }
  const retry = options.retry ?? defaultRetryPolicy;
  const kysely = new RetryingKysely<Database>(
    {
      dialect: new MssqlPoolDialect(mssqlConfigFrom(config.connection), {
        retry,
        ...(options.createMssqlPool ? { createPool: options.createMssqlPool } : {}),
      }),
      plugins: [...plugins, new MssqlPagingPlugin()],
    },
    retry,
  );
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

/**
 * SQLite's default deferred BEGIN takes the write lock only at the first write; if another
 * process is writing by then, SQLite can't wait (the read snapshot would be stale) and fails at
 * once with SQLITE_BUSY. BEGIN IMMEDIATE takes the lock up front, so it waits out the busy
 * timeout like a single write does. Read-only transactions stay deferred.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new ImmediateBeginDriver(super.createDriver());
  }
}

class ImmediateBeginDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init() {
    return this.inner.init();
  }
  acquireConnection() {
    return this.inner.acquireConnection();
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.accessMode === 'read only') return this.inner.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.inner.savepoint?.(connection, name, compile);
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.inner.rollbackToSavepoint?.(connection, name, compile);
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.inner.releaseSavepoint?.(connection, name, compile);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
}

/**
 * On SQL Server, `db.transaction().execute(fn)` runs `fn` again after a transient fault (a
 * failover, throttling, a deadlock victim): the server rolled the attempt back, so the whole
 * transaction is what can safely be repeated. Services keep calling `db.transaction()` as they
 * always have. Their callbacks must therefore only touch the database (no Graph calls, no
 * messages) — which they already do, because those can't be rolled back either.
 */
class RetryingKysely<DB> extends Kysely<DB> {
  constructor(
    config: KyselyConfig,
    private readonly retry: RetryPolicy,
  ) {
    super(config);
  }

  override transaction(): TransactionBuilder<DB> {
    return retryingBuilder(super.transaction(), this.retry);
  }
}

function retryingBuilder<DB>(builder: TransactionBuilder<DB>, retry: RetryPolicy): TransactionBuilder<DB> {
  const retrying = {
    setAccessMode: (mode: Parameters<TransactionBuilder<DB>['setAccessMode']>[0]) => retryingBuilder(builder.setAccessMode(mode), retry),
    setIsolationLevel: (level: Parameters<TransactionBuilder<DB>['setIsolationLevel']>[0]) => retryingBuilder(builder.setIsolationLevel(level), retry),
    execute: <T>(callback: (trx: Transaction<DB>) => Promise<T>) => withTransientRetry(retry, transactionMayRepeat, () => builder.execute(callback)),
  };
  // TransactionBuilder's private fields make it nominal; this object offers all its public methods.
  return retrying as unknown as TransactionBuilder<DB>;
}
