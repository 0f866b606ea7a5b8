import { createQueryId, type Compilable, type CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema';

const PLACEHOLDER = Symbol('tandem.preparedQuery.placeholder');

interface Placeholder {
  readonly [PLACEHOLDER]: string;
}

function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === 'object' && value !== null && PLACEHOLDER in value;
}

export interface PreparedQuery<P, O> {
  execute(db: Kysely<Database>, params: P): Promise<O[]>;
  executeTakeFirst(db: Kysely<Database>, params: P): Promise<O | undefined>;
}

/**
 * A query whose shape never changes, built and compiled once per database and afterwards run
 * by swapping in the values. Building and compiling a Kysely query (the parse, the camel-case
 * plugin's copy of the tree, the compiler's walk) costs several times what SQLite then spends
 * running the reads the tab opens with, so the hot reads use this (bench:api).
 *
 * `build` receives stand-ins for the parameters. It may only pass them where a query takes a
 * value — never branch on them, call methods on them, or use them where the SQL itself would
 * change (an `in` list, a `limit` that SQL Server inlines): the SQL is made from the stand-ins
 * once. Everything else about the query is ordinary, typed Kysely.
 */
export function preparedQuery<P extends Record<string, unknown>, O>(build: (db: Kysely<Database>, params: P) => Compilable<O>): PreparedQuery<P, O> {
  // The SQL differs by dialect and plugins, which a database's executor carries; a
  // transaction shares its database's adapter, so it shares the compiled query too.
  const compiledFor = new WeakMap<object, CompiledQuery<O>>();
  const standIns = new Proxy({} as P, {
    get: (_target, name) => {
      if (typeof name !== 'string') throw new TypeError('prepared query parameters are named by strings');
      return { [PLACEHOLDER]: name } satisfies Placeholder;
    },
  });

  async function run(db: Kysely<Database>, params: P): Promise<O[]> {
    const key = db.getExecutor().adapter;
    let template = compiledFor.get(key);
    if (!template) {
      template = build(db, standIns).compile();
      compiledFor.set(key, template);
    }
    const parameters = template.parameters.map((value) => {
      if (!isPlaceholder(value)) return value;
      const name = value[PLACEHOLDER];
      if (!(name in params)) throw new TypeError(`prepared query parameter "${name}" was not given`);
      return params[name];
    });
    const result = await db.executeQuery<O>({ query: template.query, sql: template.sql, parameters, queryId: createQueryId() });
    return result.rows;
  }

  return {
    execute: run,
    async executeTakeFirst(db, params) {
      return (await run(db, params))[0];
    },
  };
}
