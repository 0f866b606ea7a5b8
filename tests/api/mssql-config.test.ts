import { CamelCasePlugin, DummyDriver, Kysely, MssqlAdapter, MssqlIntrospector, MssqlQueryCompiler } from 'kysely';
import sql from 'mssql';
import { bindParameter, MssqlPagingPlugin, mssqlConfigFrom } from '../../api/src/db/mssql-driver';

describe('SQL Server connection settings', () => {
  it('a URL with a user signs in with SQL authentication', () => {
    const config = mssqlConfigFrom('mssql://tandem:p%40ss@db.contoso.com:14330/tandem?trustServerCertificate=true');
    expect(config).toMatchObject({
      server: 'db.contoso.com',
      port: 14330,
      database: 'tandem',
      user: 'tandem',
      password: 'p@ss',
      options: { encrypt: true, trustServerCertificate: true },
    });
  });

  it('a URL without a user uses Entra ID (managed identity / default credential) for Azure SQL', () => {
    const config = mssqlConfigFrom('mssql://tandem-sql.database.windows.net/tandem');
    expect(config.user).toBeUndefined();
    expect(config.authentication).toEqual({ type: 'azure-active-directory-default', options: {} });
  });

  it('an ADO.NET connection string with Active Directory Default uses the default Azure credential', () => {
    const config = mssqlConfigFrom('Server=tcp:tandem-sql.database.windows.net,1433;Database=tandem;Authentication=Active Directory Default;Encrypt=True') as unknown as Record<string, unknown>;
    expect(config).toMatchObject({ server: 'tandem-sql.database.windows.net', port: 1433, database: 'tandem', authentication_type: 'azure-active-directory-default' });
  });
});

describe('portable paging on SQL Server', () => {
  // No SQL Server is reachable here; this checks the T-SQL Kysely compiles (CI runs the real thing).
  const db = new Kysely<{ users: { id: string; email: string } }>({
    dialect: {
      createAdapter: () => new MssqlAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new MssqlIntrospector(k),
      createQueryCompiler: () => new MssqlQueryCompiler(),
    },
    plugins: [new CamelCasePlugin(), new MssqlPagingPlugin()],
  });

  it('limit() becomes TOP', () => {
    const { sql, parameters } = db.selectFrom('users').select('email').orderBy('email').limit(5).compile();
    expect(sql).toBe('select top(5) "email" from "users" order by "email"');
    expect(parameters).toEqual([]);
  });

  it('limit() with offset() becomes OFFSET … FETCH NEXT', () => {
    const { sql, parameters } = db.selectFrom('users').select('email').orderBy('email').limit(10).offset(20).compile();
    expect(sql).toBe('select "email" from "users" order by "email" offset @1 rows fetch next @2 rows only');
    expect(parameters).toEqual([20, 10]);
  });

  it('sends ids and instants as varchar so SQL Server can seek varchar indexes, and other text as nvarchar', () => {
    const request = new sql.Request();
    bindParameter(request, '1', '2026-11-25T10:00:00.000Z');
    bindParameter(request, '2', 'Zoë — 東京');
    bindParameter(request, '3', 42);
    const declared = (name: string) => (request.parameters[name]!.type as unknown as { declaration: string }).declaration;
    expect(declared('1')).toBe('varchar');
    expect(request.parameters['1']!.length).toBe(8000);
    expect(declared('2')).toBe('nvarchar');
    expect(request.parameters['3']!.value).toBe(42);
  });
});
