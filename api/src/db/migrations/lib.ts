/**
 * Column types for migrations that must be valid on SQLite and SQL Server.
 * Lives beside the migrations (not in app code) so a migration's meaning never
 * changes after it has run somewhere.
 */
import { MssqlAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

export interface ColumnTypes {
  id: RawBuilder<unknown>;
  /** short unicode string, indexable */
  str: (length: number) => RawBuilder<unknown>;
  /** unbounded unicode text, not indexable */
  text: RawBuilder<unknown>;
  /** ISO-8601 UTC instant `YYYY-MM-DDTHH:mm:ss.sssZ` */
  instant: RawBuilder<unknown>;
  /** calendar date `YYYY-MM-DD` */
  date: RawBuilder<unknown>;
  int: RawBuilder<unknown>;
}

export function isMssql(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof MssqlAdapter;
}

export function columnTypes(db: Kysely<any>): ColumnTypes {
  const mssql = isMssql(db);
  const str = (length: number) => sql.raw(mssql ? `nvarchar(${length})` : `varchar(${length})`);
  return {
    id: sql.raw('varchar(36)'),
    str,
    text: sql.raw(mssql ? 'nvarchar(max)' : 'text'),
    instant: sql.raw('varchar(24)'),
    date: sql.raw('varchar(10)'),
    int: sql.raw('int'),
  };
}

/** `column IN ('a','b')` for a check constraint; values are literals from the migration itself. */
export function oneOf(column: string, values: readonly string[]): RawBuilder<unknown> {
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  return sql.raw(`${column} in (${list})`);
}
