/**
 * Transient database faults. SQL Server (Azure SQL above all) drops connections during
 * failovers, throttles, and picks deadlock victims; Microsoft's guidance is to retry such work
 * with backoff. SQLite in WAL mode only ever says "busy" once its busy timeout has run out.
 * Either way, when retrying doesn't help the request ends in a 503 the client may retry.
 */

/**
 * SQL Server error numbers after which the server has rolled the work back (or never started
 * it): database unavailable or reconfiguring, throttled, resource limits, deadlock victim.
 */
const SERVER_TRANSIENT_NUMBERS = new Set([40613, 40501, 40197, 40540, 40143, 49918, 49919, 49920, 4060, 4221, 10928, 10929, 1205]);

/**
 * Transport failures (TCP reset, aborted, timed out, pipe closed): the statement may or may not
 * have run, so only work that is safe to repeat is retried after them.
 */
const TRANSPORT_NUMBERS = new Set([10053, 10054, 10060, 233, 64]);
const TRANSPORT_CODES = new Set(['ESOCKET', 'ECONNRESET', 'ETIMEOUT', 'ECONNCLOSED', 'ECONNREFUSED', 'ECLOSE']);

const SQLITE_BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED']);

export type FaultKind =
  /** the server rejected the work before or while running it, and rolled it back */
  | 'rejected'
  /** no connection was made, so nothing was sent */
  | 'not-sent'
  /** the connection failed mid-request: the statement may have run */
  | 'ambiguous'
  /** SQLite's busy timeout ran out */
  | 'busy';

interface DriverError {
  name?: unknown;
  code?: unknown;
  number?: unknown;
  originalError?: { code?: unknown; number?: unknown; info?: { number?: unknown } };
}

/** What kind of transient fault this is, or undefined when it isn't one (bad SQL, a constraint…). */
export function classifyFault(error: unknown): FaultKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as DriverError;
  if (typeof e.code === 'string' && SQLITE_BUSY_CODES.has(e.code)) return 'busy';
  const number = e.number ?? e.originalError?.number ?? e.originalError?.info?.number;
  if (typeof number === 'number' && SERVER_TRANSIENT_NUMBERS.has(number)) return 'rejected';
  const code = typeof e.code === 'string' ? e.code : typeof e.originalError?.code === 'string' ? e.originalError.code : undefined;
  // mssql raises ConnectionError when the pool can't hand out a connection: the request was never sent.
  if (e.name === 'ConnectionError' && code !== undefined && (TRANSPORT_CODES.has(code) || code === 'ELOGIN' || code === 'EINSTLOOKUP')) return 'not-sent';
  if (typeof number === 'number' && TRANSPORT_NUMBERS.has(number)) return 'ambiguous';
  if (code !== undefined && TRANSPORT_CODES.has(code)) return 'ambiguous';
  return undefined;
}

/** Whether a failed request should be answered with 503 (try again later) rather than 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return classifyFault(error) !== undefined;
}

export interface RetryPolicy {
  /** tries in all, the first included */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** injected so tests run without waiting */
  sleep: (ms: number) => Promise<void>;
  /** [0, 1) */
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * "Full jitter" backoff: a random wait up to base·2^(retry-1), capped, so instances that failed
 * together don't all come back at the same moment.
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Runs `work` again after the faults `retryable` accepts, up to the policy's attempts; any
 * other error, or the last one, is thrown as it is.
 */
export async function withTransientRetry<T>(
  policy: RetryPolicy,
  retryable: (fault: FaultKind, error: unknown) => boolean,
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const fault = classifyFault(error);
      if (fault === undefined || !retryable(fault, error) || attempt >= policy.attempts) throw error;
      await policy.sleep(backoffDelay(policy, attempt));
    }
  }
}

/** Reads: running them again is always safe. */
export const safeToRepeat = (fault: FaultKind) => fault === 'rejected' || fault === 'not-sent' || fault === 'ambiguous';

const COMMIT_OUTCOME_UNKNOWN = Symbol('commit outcome unknown');

/** Marks a failure of COMMIT itself: the transaction may have committed, so it must not run again. */
export function markCommitFailure(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) (error as Record<symbol, boolean>)[COMMIT_OUTCOME_UNKNOWN] = true;
  return error;
}

/**
 * Whole transactions: a fault before COMMIT rolls everything back, so the transaction can run
 * again; a dropped connection during COMMIT leaves its outcome unknown.
 */
export const transactionMayRepeat = (fault: FaultKind, error: unknown) =>
  safeToRepeat(fault) && !(fault === 'ambiguous' && (error as Record<symbol, unknown>)[COMMIT_OUTCOME_UNKNOWN] === true);

/** A single write outside a transaction: repeated only when it certainly didn't take effect. */
export const certainlyNotApplied = (fault: FaultKind) => fault === 'rejected' || fault === 'not-sent';
