import sql from 'mssql';
import type { MssqlPoolLike, MssqlRequestLike, MssqlTransactionLike } from '../../api/src/db/mssql-driver';

/**
 * Stands in for mssql's ConnectionPool at the driver boundary, since no SQL Server is reachable
 * here: statements are answered by a small responder, and planned faults are thrown first, as
 * mssql would throw them (RequestError with a server error number, ConnectionError with a code).
 */

export interface Statement {
  sql: string;
  params: Record<string, unknown>;
}

type Stage = 'query' | 'begin' | 'commit' | 'rollback';

interface PlannedFault {
  stage: Stage;
  matches: (statement: Statement) => boolean;
  error: () => Error;
  remaining: number;
  afterRunning: boolean;
}

export type Responder = (statement: Statement) => unknown[] | undefined;

/** A server-side error: SQL Server rejected the statement with this error number. */
export function serverError(number: number, message = `SQL Server error ${number}`): Error {
  return new sql.RequestError(Object.assign(new Error(message), { info: { number } }), 'EREQUEST');
}

/** The connection dropped while the request was in flight. */
export function droppedMidRequest(code: 'ECONNRESET' | 'ESOCKET' | 'ECLOSE' = 'ECONNRESET'): Error {
  // mssql keeps the transport's own code (tedious reports ECONNRESET, ESOCKET or ECLOSE).
  return new sql.RequestError(Object.assign(new Error('Connection lost - read ECONNRESET'), { code }), 'EREQUEST');
}

/** The pool couldn't hand out a connection: nothing was sent. */
export function couldNotConnect(code: 'ESOCKET' | 'ETIMEOUT' = 'ESOCKET'): Error {
  return new sql.ConnectionError('Failed to connect to tandem.database.windows.net:1433', code);
}

/** mssql's answer to ROLLBACK when the server already aborted the transaction (e.g. a deadlock victim). */
export function alreadyAborted(): Error {
  return new sql.TransactionError('Transaction has been aborted.', 'EABORT');
}

export class FaultPool implements MssqlPoolLike {
  /** every statement that reached the "server", whether or not it was committed */
  readonly attempted: Statement[] = [];
  /** statements that took effect: outside a transaction, or in a committed one */
  readonly applied: Statement[] = [];
  private readonly faults: PlannedFault[] = [];

  constructor(private readonly responder: Responder = () => undefined) {}

  /**
   * The next `times` matching operations at `stage` fail with `error` — before the statement
   * runs, or with `afterRunning` once it has (the reply was lost on the way back).
   */
  failNext(times: number, error: () => Error, options: { stage?: Stage; when?: (statement: Statement) => boolean; afterRunning?: boolean } = {}): this {
    this.faults.push({ stage: options.stage ?? 'query', matches: options.when ?? (() => true), error, remaining: times, afterRunning: options.afterRunning ?? false });
    return this;
  }

  appliedMatching(pattern: RegExp): Statement[] {
    return this.applied.filter((s) => pattern.test(s.sql));
  }

  async connect() {
    return this;
  }
  async close() {}

  request(): MssqlRequestLike {
    return this.newRequest((statement) => this.applied.push(statement));
  }

  transaction(): MssqlTransactionLike {
    let pending: Statement[] = [];
    return {
      begin: async () => {
        this.maybeFail('begin', { sql: 'begin transaction', params: {} });
        pending = [];
      },
      commit: async () => {
        // A commit that fails with a dropped connection may still have committed on the server.
        const fault = this.takeFault('commit', { sql: 'commit', params: {} });
        this.applied.push(...pending);
        pending = [];
        if (fault) throw fault;
      },
      rollback: async () => {
        pending = [];
        this.maybeFail('rollback', { sql: 'rollback', params: {} });
      },
      request: () => this.newRequest((statement) => pending.push(statement)),
    };
  }

  private newRequest(record: (statement: Statement) => void): MssqlRequestLike {
    const params: Record<string, unknown> = {};
    return {
      input: (name: string, ...rest: unknown[]) => {
        params[name] = rest.length > 1 ? rest[1] : rest[0];
      },
      query: async (command: string) => {
        const statement = { sql: command, params: { ...params } };
        const fault = this.takePlanned('query', statement);
        if (fault && !fault.afterRunning) throw fault.error();
        this.attempted.push(statement);
        record(statement);
        if (fault) throw fault.error();
        const rows = this.responder(statement);
        return { recordset: rows ?? [], rowsAffected: [rows ? rows.length : 1] };
      },
    };
  }

  private maybeFail(stage: Stage, statement: Statement): void {
    const fault = this.takeFault(stage, statement);
    if (fault) throw fault;
  }

  private takeFault(stage: Stage, statement: Statement): Error | undefined {
    return this.takePlanned(stage, statement)?.error();
  }

  private takePlanned(stage: Stage, statement: Statement): PlannedFault | undefined {
    const planned = this.faults.find((f) => f.stage === stage && f.remaining > 0 && f.matches(statement));
    if (planned) planned.remaining -= 1;
    return planned;
  }
}
