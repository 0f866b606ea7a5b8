/**
 * Kysely driver over the `mssql` package's ConnectionPool (the user's chosen SQL Server
 * client). Kysely compiles T-SQL with parameters named @1…@n; we bind them by number.
 */
import sql from 'mssql';
import {
  CompiledQuery,
  FetchNode,
  MssqlAdapter,
  OperationNodeTransformer,
  TopNode,
  ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type RootOperationNode,
  type SelectQueryNode,
  type UnknownRow,
  MssqlIntrospector,
  MssqlQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { certainlyNotApplied, classifyFault, defaultRetryPolicy, markCommitFailure, safeToRepeat, withTransientRetry, type RetryPolicy } from './retry';

/** The slice of mssql's Request that the driver uses (a fake stands in for it in fault tests). */
export interface MssqlRequestLike {
  input(name: string, ...rest: unknown[]): unknown;
  query(command: string): Promise<{ recordset?: unknown[]; rowsAffected: number[] }>;
}

export interface MssqlTransactionLike {
  begin(isolationLevel?: sql.IIsolationLevel): Promise<unknown>;
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
  request(): MssqlRequestLike;
}

/** The slice of mssql's ConnectionPool that the driver uses. */
export interface MssqlPoolLike {
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
  request(): MssqlRequestLike;
  transaction(): MssqlTransactionLike;
}

export interface MssqlDriverOptions {
  /** defaults to mssql's ConnectionPool over the config */
  createPool?: (config: sql.config) => MssqlPoolLike;
  retry?: RetryPolicy;
}

class MssqlPoolConnection implements DatabaseConnection {
  private transaction: MssqlTransactionLike | undefined;

  constructor(
    private readonly pool: MssqlPoolLike,
    private readonly retry: RetryPolicy,
  ) {}

  async begin(settings: TransactionSettings): Promise<void> {
    const transaction = this.pool.transaction();
    const level = settings.isolationLevel ? isolationLevels[settings.isolationLevel] : undefined;
    await transaction.begin(level);
    this.transaction = transaction;
  }

  async commit(): Promise<void> {
    try {
      await this.transaction?.commit();
    } catch (error) {
      throw markCommitFailure(error);
    } finally {
      this.transaction = undefined;
    }
  }

  async rollback(): Promise<void> {
    const transaction = this.transaction;
    this.transaction = undefined;
    try {
      await transaction?.rollback();
    } catch (error) {
      // The rollback follows another failure, which is the one worth reporting (and retrying):
      // after a deadlock or an abort the server has already rolled back (mssql then says
      // EABORT), and a dropped connection rolls back on the server anyway.
      if ((error as { code?: unknown }).code !== 'EABORT' && classifyFault(error) === undefined) throw error;
    }
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const run = async () => {
      const request = this.transaction ? this.transaction.request() : this.pool.request();
      compiled.parameters.forEach((value, index) => bindParameter(request, String(index + 1), value));
      const result = await request.query(compiled.sql);
      const affected = result.rowsAffected.reduce((sum, n) => sum + n, 0);
      return { rows: (result.recordset ?? []) as R[], numAffectedRows: BigInt(affected) };
    };
    // Inside a transaction a fault fails the statement, and the whole transaction is retried.
    if (this.transaction) return run();
    return withTransientRetry(this.retry, isRead(compiled) ? safeToRepeat : certainlyNotApplied, run);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not used by Tandem');
  }
}

function isRead(compiled: CompiledQuery): boolean {
  if (compiled.query.kind === 'SelectQueryNode') return true;
  return compiled.query.kind === 'RawNode' && /^\s*select\b/i.test(compiled.sql) && !/\binto\b/i.test(compiled.sql);
}

const isolationLevels = {
  'read uncommitted': sql.ISOLATION_LEVEL.READ_UNCOMMITTED,
  'read committed': sql.ISOLATION_LEVEL.READ_COMMITTED,
  'repeatable read': sql.ISOLATION_LEVEL.REPEATABLE_READ,
  serializable: sql.ISOLATION_LEVEL.SERIALIZABLE,
  snapshot: sql.ISOLATION_LEVEL.SNAPSHOT,
} as const;

class MssqlPoolDriver implements Driver {
  private pool: MssqlPoolLike | undefined;

  constructor(
    private readonly config: sql.config,
    private readonly options: MssqlDriverOptions,
  ) {}

  async init(): Promise<void> {
    const pool = this.options.createPool ? this.options.createPool(this.config) : new sql.ConnectionPool(this.config);
    await pool.connect();
    this.pool = pool;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.pool) throw new Error('SQL Server pool is not initialised');
    // Each Kysely connection is a thin handle; the pool hands out a physical
    // connection per request, or the transaction's own connection.
    return new MssqlPoolConnection(this.pool, this.options.retry ?? defaultRetryPolicy);
  }

  async beginTransaction(connection: MssqlPoolConnection, settings: TransactionSettings): Promise<void> {
    await connection.begin(settings);
  }

  async commitTransaction(connection: MssqlPoolConnection): Promise<void> {
    await connection.commit();
  }

  async rollbackTransaction(connection: MssqlPoolConnection): Promise<void> {
    await connection.rollback();
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}

/**
 * T-SQL has no LIMIT. Domain queries page with Kysely's portable `.limit()`/`.offset()`;
 * on SQL Server this rewrites them to `TOP (n)`, or to `OFFSET … ROWS FETCH NEXT n ROWS ONLY`
 * when there is an offset (which T-SQL only allows after ORDER BY — paged queries always order).
 */
class LimitToTopTransformer extends OperationNodeTransformer {
  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    const transformed = super.transformSelectQuery(node);
    if (!transformed.limit) return transformed;
    const limit = transformed.limit.limit;
    if (!ValueNode.is(limit) || (typeof limit.value !== 'number' && typeof limit.value !== 'bigint')) {
      throw new Error('On SQL Server, limit() needs a plain number');
    }
    const count = limit.value;
    return transformed.offset
      ? { ...transformed, limit: undefined, fetch: FetchNode.create(count, 'only') }
      : { ...transformed, limit: undefined, top: TopNode.create(count) };
  }
}

export class MssqlPagingPlugin implements KyselyPlugin {
  private readonly transformer = new LimitToTopTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export class MssqlPoolDialect implements Dialect {
  constructor(
    private readonly config: sql.config,
    private readonly options: MssqlDriverOptions = {},
  ) {}
  createAdapter() {
    return new MssqlAdapter();
  }
  createDriver(): Driver {
    return new MssqlPoolDriver(this.config, this.options);
  }
  createIntrospector(db: Kysely<any>) {
    return new MssqlIntrospector(db);
  }
  createQueryCompiler() {
    return new MssqlQueryCompiler();
  }
}

/**
 * Accepts `mssql://user:password@host:1433/database?encrypt=true&trustServerCertificate=false`
 * or an ADO.NET-style connection string. Without a user name (or with
 * `Authentication=Active Directory Default`), Entra ID authentication uses the default
 * Azure credential chain: managed identity in Azure, developer sign-in locally.
 */
export function mssqlConfigFrom(connection: string): sql.config {
  if (connection.startsWith('mssql://')) {
    const url = new URL(connection);
    const params = url.searchParams;
    const bool = (name: string, fallback: boolean) => (params.has(name) ? params.get(name) === 'true' : fallback);
    const user = decodeURIComponent(url.username);
    const config: sql.config = {
      server: url.hostname,
      port: url.port ? Number(url.port) : 1433,
      database: decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined,
      options: { encrypt: bool('encrypt', true), trustServerCertificate: bool('trustServerCertificate', false) },
      pool: { max: Number(params.get('poolMax') ?? 10), min: 0, idleTimeoutMillis: 30_000 },
    };
    if (user) {
      config.user = user;
      config.password = decodeURIComponent(url.password);
    } else {
      config.authentication = { type: params.get('authentication') ?? 'azure-active-directory-default', options: {} } as never;
    }
    return config;
  }
  const parsed = sql.ConnectionPool.parseConnectionString(connection) as sql.config & { authentication_type?: string };
  if (/authentication\s*=\s*"?active directory (default|managed identity|msi)/i.test(connection)) {
    parsed.authentication_type = 'azure-active-directory-default';
  }
  return parsed;
}

/**
 * mssql sends every string as nvarchar. Ids and instants live in varchar columns, and comparing
 * a varchar column with an nvarchar value converts the column, which (with SQL collations, the
 * Azure SQL default) turns index seeks into scans. ASCII-only strings are therefore sent as
 * varchar — lossless, and compared with an nvarchar column it is the value that converts.
 */
export function bindParameter(request: MssqlRequestLike, name: string, value: unknown): void {
  if (typeof value === 'string' && /^[\x00-\x7f]*$/.test(value)) {
    // One declared size for all, so SQL Server reuses one plan whatever the value's length.
    request.input(name, value.length <= 8000 ? sql.VarChar(8000) : sql.VarChar(sql.MAX), value);
    return;
  }
  request.input(name, value as never);
}
