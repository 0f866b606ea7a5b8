import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** What the cache needs of a better-sqlite3 statement beyond Kysely's view of it. */
interface CacheableStatement extends SqliteStatement {
  /** true while an `iterate()` over it is open: it can't run anything else until that ends */
  readonly busy: boolean;
}

interface CacheableDatabase {
  close(): void;
  prepare(sql: string): CacheableStatement;
}

/**
 * Kysely's SQLite driver prepares every query afresh, and for the tab's reads SQLite's planning
 * costs more than running them (a fifth of the API's CPU under load, bench:api). The app sends
 * a few hundred distinct SQL texts — values are always bound parameters — so keeping each
 * prepared statement by its text makes the planning a one-off. Least recently used texts are
 * dropped past `limit`, so generated SQL (an `in (?, ?, …)` list per length) can't grow it
 * without bound. A statement an open iterator still holds is never handed out twice.
 */
export function withStatementCache(database: CacheableDatabase, limit = 500): SqliteDatabase {
  const statements = new Map<string, CacheableStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached) {
        if (cached.busy) return database.prepare(sql);
        // Re-inserting moves the text to the end: the Map's order is the recency order.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const fresh = database.prepare(sql);
      statements.set(sql, fresh);
      if (statements.size > limit) statements.delete(statements.keys().next().value!);
      return fresh;
    },
  };
}
