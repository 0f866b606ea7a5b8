import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../api/src/db/database';
import { preparedQuery } from '../../api/src/db/prepared-query';
import { withStatementCache } from '../../api/src/db/statement-cache';
import { createTestDb, type TestDb } from '../support/db';
import { FaultPool, type Statement } from '../support/mssql-fault-pool';

/*
 * The two layers that make the tab's hot reads cheap (bench:api): SQLite statements kept by
 * their SQL text, and Kysely queries compiled once and run with new values. Both must be
 * invisible: the same rows as an ordinary query, whatever the values, inside transactions too.
 */

describe('the statement cache under the SQLite driver', () => {
  let dir: string;
  let raw: SQLite.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-statements-'));
    raw = new SQLite(path.join(dir, 'cache.sqlite'));
    raw.exec('create table t (n integer)');
    raw.exec('insert into t (n) values (1), (2), (3)');
  });
  afterEach(() => {
    if (raw.open) raw.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a SQL text once and hands the same statement back', () => {
    const db = withStatementCache(raw);
    const first = db.prepare('select n from t where n > ?');
    expect(db.prepare('select n from t where n > ?')).toBe(first);
    expect(db.prepare('select n from t where n < ?')).not.toBe(first);
    expect(first.all([1])).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('never hands out a statement an open iterator still holds', () => {
    const db = withStatementCache(raw);
    const sql = 'select n from t order by n';
    const iterator = db.prepare(sql).iterate([]);
    expect(iterator.next().value).toEqual({ n: 1 });
    const other = db.prepare(sql);
    expect(other.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...iterator]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('keeps at most its limit, dropping the least recently used text', () => {
    const db = withStatementCache(raw, 2);
    const a = db.prepare('select 1 as a');
    const b = db.prepare('select 2 as b');
    expect(db.prepare('select 1 as a')).toBe(a); // a is now the most recent
    db.prepare('select 3 as c'); // evicts b
    expect(db.prepare('select 1 as a')).toBe(a);
    expect(db.prepare('select 2 as b')).not.toBe(b);
  });

  it('closes the database with it', () => {
    const db = withStatementCache(raw);
    db.prepare('select n from t');
    db.close();
    expect(raw.open).toBe(false);
  });
});

describe('prepared queries', () => {
  let t: TestDb;
  const tenantId = '00000000-0000-4000-8000-000000000001';

  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.close());

  async function addUser(email: string, department: string | null) {
    const now = new Date().toISOString();
    const id = uuidv7();
    await t.db.kysely
      .insertInto('users')
      .values({ id, tenantId, entraObjectId: uuidv7(), email, displayName: email.split('@')[0]!, department, accountEnabled: 1, createdAt: now, updatedAt: now })
      .execute();
    return id;
  }

  it('answers exactly what the same query built afresh answers, for every value', async () => {
    let builds = 0;
    const byDepartment = preparedQuery((db, $: { department: string; tenantId: string }) => {
      builds++;
      return db
        .selectFrom('users')
        .select(['email', 'department'])
        .where('tenantId', '=', $.tenantId)
        .where('department', '=', $.department)
        .orderBy('email');
    });
    await addUser('ana@contoso.example', 'Finance');
    await addUser('ben@contoso.example', 'Finance');
    await addUser('cy@contoso.example', "Research & Development ' -- ");
    for (const department of ['Finance', "Research & Development ' -- ", 'Nowhere']) {
      const fresh = await t.db.kysely
        .selectFrom('users')
        .select(['email', 'department'])
        .where('tenantId', '=', tenantId)
        .where('department', '=', department)
        .orderBy('email')
        .execute();
      expect(await byDepartment.execute(t.db.kysely, { department, tenantId })).toEqual(fresh);
    }
    expect((await byDepartment.execute(t.db.kysely, { department: 'Finance', tenantId })).map((r) => r.email)).toEqual([
      'ana@contoso.example',
      'ben@contoso.example',
    ]);
    expect(await byDepartment.executeTakeFirst(t.db.kysely, { department: 'Nowhere', tenantId })).toBeUndefined();
    // Built (and compiled) once, however often it ran.
    expect(builds).toBe(1);
  });

  it('runs inside a transaction on its connection, seeing what the transaction wrote', async () => {
    const byEmail = preparedQuery((db, $: { email: string }) => db.selectFrom('users').select(['email']).where('email', '=', $.email));
    await byEmail.execute(t.db.kysely, { email: 'warm@contoso.example' });
    const seenInside = await t.db.kysely
      .transaction()
      .execute(async (trx) => {
        const now = new Date().toISOString();
        await trx
          .insertInto('users')
          .values({ id: uuidv7(), tenantId, entraObjectId: uuidv7(), email: 'inside@contoso.example', displayName: 'Inside', accountEnabled: 1, createdAt: now, updatedAt: now })
          .execute();
        return byEmail.executeTakeFirst(trx, { email: 'inside@contoso.example' });
      });
    expect(seenInside).toEqual({ email: 'inside@contoso.example' });
  });

  it('refuses to run without a value for every parameter its SQL uses', async () => {
    const byEmail = preparedQuery((db, $: { email: string }) => db.selectFrom('users').select(['email']).where('email', '=', $.email));
    await expect(byEmail.execute(t.db.kysely, {} as { email: string })).rejects.toThrow('prepared query parameter "email" was not given');
  });

  it('compiles for each database it meets: SQL Server gets its own SQL, named parameters and the values of each run', async () => {
    const byEmail = preparedQuery((db, $: { email: string; tenantId: string }) =>
      db.selectFrom('users').select(['email', 'displayName']).where('tenantId', '=', $.tenantId).where('email', '=', $.email),
    );
    const seen: Statement[] = [];
    const pool = new FaultPool((statement) => {
      seen.push(statement);
      return statement.sql.includes('from "users"') ? [{ email: statement.params['2'], display_name: 'From SQL Server' }] : [];
    });
    const mssql = await openDatabase({ kind: 'mssql', connection: 'mssql://tandem:secret@localhost:1433/tandem' }, { createMssqlPool: () => pool });
    try {
      await addUser('dee@contoso.example', null);
      expect(await byEmail.executeTakeFirst(t.db.kysely, { email: 'dee@contoso.example', tenantId })).toEqual({ email: 'dee@contoso.example', displayName: 'dee' });
      for (const email of ['one@contoso.example', 'two@contoso.example']) {
        expect(await byEmail.executeTakeFirst(mssql.kysely, { email, tenantId })).toEqual({ email, displayName: 'From SQL Server' });
      }
      const asked = seen.filter((s) => s.sql.includes('"users"'));
      expect(asked).toHaveLength(2);
      expect(asked[0]!.sql).toBe('select "email", "display_name" from "users" where "tenant_id" = @1 and "email" = @2');
      expect(asked.map((s) => s.params)).toEqual([
        { '1': tenantId, '2': 'one@contoso.example' },
        { '1': tenantId, '2': 'two@contoso.example' },
      ]);
      // SQLite still gets its own compilation afterwards.
      expect(await byEmail.executeTakeFirst(t.db.kysely, { email: 'dee@contoso.example', tenantId })).toEqual({ email: 'dee@contoso.example', displayName: 'dee' });
    } finally {
      await mssql.close();
    }
  });
});
