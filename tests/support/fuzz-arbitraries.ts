import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Db } from '../../api/src/db/database';

/** The slice of JSON Schema (OpenAPI 3.1) the app's document uses. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
}

/** Deep JSON nesting the parser and validators must refuse (or survive) without a 5xx. */
export const DEEP_JSON = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
export const DEEP_ARRAY = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

/** Strings chosen to break parsers, queries, renderers and spreadsheets. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '"; DROP TABLE pairs; --',
  '1; SELECT * FROM users',
  "admin'--",
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example","x")',
  '+cmd|\' /C calc\'!A0',
  '-2+3',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\uD800',
  'a\uDFFFb',
  '\u202Egnp.exe',
  '\u200B\u200C\u200D\uFEFF',
  'nul\u0000byte',
  '\u0000',
  '👩🏽‍💻🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301\u0301\u0301',
  'Z̷̢͉̈́a̸̰̓l̵̗̈́g̶͎͐o̵̟̿',
  '\r\n\r\n',
  '../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '{{7*7}}',
  '${7*7}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-99-99T99:99:99Z',
  '2026-11-25T25:61:00',
  '2026-03-29T01:30',
  'Mars/Olympus',
  'UTC+25',
  'Etc/GMT+99',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '01234567-89ab-cdef-0123-456789abcdeg',
];

export const HOSTILE_NUMBERS: readonly number[] = [
  0, -1, -0, 1.5, 2 ** 31, -(2 ** 31), 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e308, -1e308, Number.MIN_VALUE,
];

/** 20 KB to 200 KB: the larger ones exceed the JSON body limit, the smaller ones every field's maxLength. */
const hugeString = fc
  .tuple(fc.constantFrom('a', 'é', '😀', "'", '<', '\u0000', '='), fc.integer({ min: 20_000, max: 200_000 }))
  .map(([c, n]) => c.repeat(Math.ceil(n / c.length)));

export const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

/** Anything but what was asked for. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'x', '$where'), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  hostileString,
);

const uuidLike = fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '0194e2c0-0000-7000-8000-00000000000'));
const dateLike = fc.oneof(
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-02-29', '2024-02-29', '0001-01-01', '9999-12-31', '26-1-1', '2026/01/15'),
);
const instantLike = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-12-09T10:00', '2026-12-09T10:00:00+14:00', '9999-99-99T99:99:99.999Z', '2026-02-30T10:00:00Z', 'yesterday'),
);
const timeZoneLike = fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Kathmandu', 'UTC', 'Mars/Olympus', 'Etc/GMT+99', 'europe/london', 'Z', '+05:30', '');

/** Context an arbitrary may draw real ids from, so some requests point at things that exist. */
export interface FuzzContext {
  components: Record<string, Schema>;
  /** real ids of the fixture world (a mentor, a goal, …) */
  ids: readonly string[];
}

function resolve(schema: Schema, ctx: FuzzContext): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) s = ctx.components[s.$ref.replace('#/components/schemas/', '')] ?? {};
  if (s.allOf) return Object.assign({}, ...s.allOf.map((part) => resolve(part, ctx)));
  return s;
}

/** A value the schema accepts, or nearly: right type, edge of its bounds. */
function conforming(schema: Schema, ctx: FuzzContext, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(schema, ctx);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => value(a, ctx, depth)));
  if (s.enum) return fc.constantFrom(...s.enum);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1 || s.nullable) {
    const options = types.filter((t) => t !== 'null').map((t) => conforming({ ...s, type: t, nullable: false }, ctx, depth));
    return fc.oneof(fc.constant(null), ...options);
  }
  switch (types[0]) {
    case 'string': {
      if (s.format === 'uuid') return fc.oneof({ weight: 2, arbitrary: ctx.ids.length ? fc.constantFrom(...ctx.ids) : fc.uuid() }, { weight: 1, arbitrary: uuidLike });
      if (s.format === 'date') return dateLike;
      if (s.format === 'date-time') return instantLike;
      if (s.format === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('a@b', '@contoso.example', 'x@contoso.example\u0000', 'MORGAN.LEE@contoso.example'));
      const min = s.minLength ?? 0;
      const max = Math.min(s.maxLength ?? 60, 60);
      return fc.oneof(
        { weight: 3, arbitrary: fc.string({ minLength: Math.min(min, max), maxLength: max, unit: 'grapheme-composite' }) },
        // Hostile text that fits the field, so it is stored and read back by every later view and export.
        { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((h) => (h.length >= min ? h : h.padEnd(min, '.')).slice(0, s.maxLength ?? h.length)) },
        { weight: 1, arbitrary: timeZoneLike },
        { weight: 1, arbitrary: fc.constant('x'.repeat(s.maxLength ?? 0)) },
        { weight: 1, arbitrary: fc.constant('x'.repeat((s.maxLength ?? 0) + 1)) },
      );
    }
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? -1000;
      const hi = s.maximum ?? 1000;
      return fc.oneof(
        fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }),
        fc.constantFrom(lo - 1, hi + 1, lo + 0.5),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(value(s.items ?? {}, ctx, depth + 1), { maxLength: 4 });
    case 'object':
      return objectOf(s, ctx, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(s: Schema, ctx: FuzzContext, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  if (keys.length === 0) {
    const values = typeof s.additionalProperties === 'object' ? value(s.additionalProperties, ctx, depth + 1) : fc.jsonValue({ maxDepth: 1 });
    return fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor')), values, { maxKeys: 4 });
  }
  const record = fc.record(Object.fromEntries(keys.map((k) => [k, value(props[k]!, ctx, depth + 1)])), {
    // Required fields are usually there, so requests get past the first missing field to the next check.
    requiredKeys: [],
  });
  const required = s.required ?? [];
  return fc
    .tuple(
      record,
      fc.subarray(required, { minLength: Math.max(0, required.length - 1) }),
      fc.option(fc.dictionary(fc.constantFrom('extra', 'isAdmin', 'id', 'userId', 'createdAt', '__proto__'), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 2 }), { freq: 4 }),
    )
    .chain(([partial, keep, extra]) =>
      fc.record(Object.fromEntries(keep.filter((k) => !(k in partial)).map((k) => [k, conforming(props[k]!, ctx, depth + 1)]))).map((filled) => ({
        ...(extra ?? {}),
        ...partial,
        ...filled,
      })),
    );
}

/** Mostly what the schema describes, sometimes something hostile in its place. */
export function value(schema: Schema, ctx: FuzzContext, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return wrongType;
  return fc.oneof({ weight: 3, arbitrary: conforming(schema, ctx, depth) }, { weight: 1, arbitrary: wrongType });
}

/**
 * A path or query parameter: a string always (it travels in the URL). At most 300 characters: a
 * request line past Node's 16 KB header limit gets a bare 431 from Node's HTTP parser before the
 * app runs (see the test for that case on its own).
 */
export function parameter(schema: Schema, ctx: FuzzContext, real?: string): fc.Arbitrary<string | string[]> {
  const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  return fc.oneof(
    { weight: real ? 4 : 0, arbitrary: fc.constant(real ?? '') },
    { weight: 3, arbitrary: conforming(schema, ctx, 0).map(asText) },
    { weight: 2, arbitrary: hostileString.map((s) => s.slice(0, 300)) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom('a', 'true', '1'), { minLength: 2, maxLength: 3 }) },
  );
}

/** Percent-encode what `encodeURIComponent` refuses (lone surrogates) as the raw invalid UTF-8 bytes. */
export function encodeParam(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...v].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff) return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      return encodeURIComponent(ch);
    }).join('');
  }
}

/** CSV uploads: a header the endpoint knows, rows of hostile cells; or text that is no CSV at all. */
export function csvBody(headers: readonly string[]): fc.Arbitrary<string> {
  const cell = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 200)), fc.emailAddress(), fc.string({ maxLength: 20 }));
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const rows = fc.array(fc.array(cell, { minLength: 0, maxLength: headers.length + 2 }), { maxLength: 6 });
  const wellFormed = fc
    .tuple(fc.subarray([...headers], { minLength: 1 }), rows, fc.boolean(), fc.constantFrom('\r\n', '\n', '\r'))
    .map(([head, body, bom, eol]) => `${bom ? '\uFEFF' : ''}${[head, ...body].map((r) => r.map(quote).join(',')).join(eol)}${eol}`);
  return fc.oneof(
    { weight: 4, arbitrary: wellFormed },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        '\uFEFF',
        'a,b,c\n"unterminated,quote\n',
        `${headers.join(',')}\n"a""b,c\n`,
        `${headers.join(',')},${headers.join(',')}\n1,2,3,4\n`,
        `${headers.join(';')}\nx;y\n`,
        `\u0000\u0001\u0002,\uFFFF\n`,
        `${headers.join(',')}\n${'=cmd|" /C calc"!A0,'.repeat(headers.length)}\n`,
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 40_000 }).map((n) => `${headers.join(',')}\n${`x${n}@contoso.example,y@contoso.example\n`.repeat(n)}`) },
  );
}

/**
 * A fingerprint of every table: its row count and a hash of its rows in a canonical order. On
 * SQLite all tables are read in one statement (rows as `json_array` of their columns, ordered by
 * that serialisation, which for tables with a primary key is as exact as ordering by it); on SQL
 * Server a plain `select *` per table, sorted here.
 */
export function databaseChecksum(db: Db, exclude: readonly string[] = []): () => Promise<Record<string, string>> {
  let tables: { name: string; columns: string[] }[] | undefined;
  const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
  return async () => {
    // The schema does not change under the fuzzer: read the catalogue once.
    tables ??= (await db.kysely.introspection.getTables())
      .filter((t) => !exclude.includes(t.name))
      .map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const sums: Record<string, string> = {};
    if (db.kind === 'sqlite') {
      const parts = tables.map(
        (t) =>
          sql`select ${t.name} as t, (select count(*) from ${sql.table(t.name)}) as n, (select group_concat(r, char(10)) from (select json_array(${sql.join(
            t.columns.map((c) => sql.ref(c)),
          )}) as r from ${sql.table(t.name)} order by 1)) as h`,
      );
      const { rows } = await sql<{ t: string; n: number; h: string | null }>`${sql.join(parts, sql` union all `)}`.execute(db.kysely);
      for (const r of rows) sums[r.t] = `${r.n}:${digest(r.h ?? '')}`;
      return sums;
    }
    for (const t of tables) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t.name)}`.execute(db.kysely);
      sums[t.name] = `${rows.length}:${digest(rows.map((r) => JSON.stringify(Object.values(r))).sort().join('\n'))}`;
    }
    return sums;
  };
}
