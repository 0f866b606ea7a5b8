import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { problemFor } from '../http/problem';
import type { ApiBuilder } from '../http/route';
import { isoInstant, z } from '../http/zod';
import { importDirectory } from './directory-import.service';
import { directoryState, startDirectorySync } from './directory-admin.service';
import type { DirectorySyncDeps } from './directory-sync.service';

export interface DirectoryRoutesDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** absent when DIRECTORY_SYNC is off */
  sync?: DirectorySyncDeps | undefined;
}

const TAG = 'Admin';

const statusSchema = z
  .object({
    mode: z.enum(['off', 'enrolled', 'tenant']).openapi({ description: 'DIRECTORY_SYNC: `off` means only sign-in and CSV import fill organisation data' }),
    tenants: z.array(
      z
        .object({
          tenantId: z.string(),
          phase: z.enum(['idle', 'full', 'delta']),
          lastSuccessAt: isoInstant.nullable(),
          lastFullSyncAt: isoInstant.nullable(),
          runStartedAt: isoInstant.nullable(),
          usersSeen: z.number().int(),
          usersChanged: z.number().int(),
          usersDeparted: z.number().int(),
          lastError: z.string().nullable(),
          lastErrorAt: isoInstant.nullable(),
        })
        .openapi('DirectoryTenantStatus'),
    ),
    people: z
      .object({
        total: z.number().int(),
        fromEntra: z.number().int(),
        fromCsv: z.number().int(),
        signInOnly: z.number().int().openapi({ description: 'known only from signing in: no directory data' }),
        departed: z.number().int().openapi({ description: 'accounts disabled or deleted in the directory' }),
      })
      .openapi('DirectoryPeople'),
  })
  .openapi('DirectoryStatus');

const rowStatus = z.enum(['new', 'update', 'unchanged', 'error']);

const importReportSchema = z
  .object({
    rows: z.array(
      z
        .object({
          line: z.number().int().openapi({ description: 'the line the row starts on; the header is line 1' }),
          email: z.string(),
          status: rowStatus,
          changes: z.array(z.string()).openapi({ description: 'for `update`: each field that changes, as `field: old → new`' }),
          errors: z.array(z.string()),
        })
        .openapi('DirectoryImportRow'),
    ),
    summary: z.object({ new: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
  })
  .openapi('DirectoryImportReport');

const appliedSchema = z
  .object({ applied: z.object({ new: z.number().int(), update: z.number().int(), unchanged: z.number().int() }) })
  .openapi('DirectoryImportApplied');

export function directoryRoutes(api: ApiBuilder, deps: DirectoryRoutesDeps): void {
  api.add({
    method: 'get',
    path: '/api/admin/directory',
    operationId: 'getDirectoryStatus',
    summary: 'Organisation data: directory sync state per tenant and where people’s data came from (admins)',
    tag: TAG,
    access: 'admin',
    response: statusSchema,
    handler: () => directoryState(deps),
  });

  api.add({
    method: 'post',
    path: '/api/admin/directory/sync',
    operationId: 'syncDirectoryNow',
    summary: 'Start a directory sync now, in the background (admins)',
    description: 'Answers at once; the sync runs under each tenant’s lease and its outcome shows in `GET /api/admin/directory`. 409 when DIRECTORY_SYNC is off.',
    tag: TAG,
    access: 'admin',
    status: 202,
    response: z.object({ started: z.literal(true) }),
    errors: ['conflict'],
    handler: () => startDirectorySync(deps),
  });

  api.add({
    method: 'post',
    path: '/api/admin/directory/import',
    operationId: 'importDirectory',
    summary: 'Import people, departments and managers from CSV: a preview, or all or nothing (admins)',
    description:
      'Columns `email`, `displayName` (required), `department`, `jobTitle`, `managerEmail`, `timezone`, in any order. People are matched by email ' +
      '(case-insensitive) in the admin’s tenant. A column left out leaves that field alone; an empty cell clears it. Without `confirm` the report ' +
      'writes nothing; `confirm=true` applies every row in one transaction and answers `{ applied }`, or — if any row has an error — answers 422 ' +
      '(problem+json carrying the same `rows` and `summary`) and writes nothing. At most 5 MB and 20,000 rows.',
    tag: TAG,
    access: 'admin',
    query: z.object({ confirm: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') }),
    body: z.string().openapi({ description: 'text/csv, UTF-8 (a byte-order mark is fine), at most 5 MB' }),
    bodyType: 'csv',
    csvLimit: '5mb',
    response: z.union([importReportSchema, appliedSchema]),
    errors: ['unprocessable'],
    handler: async ({ user, query, body, req, res }) => {
      const outcome = await importDirectory(deps, user, body, query.confirm);
      if (outcome.kind === 'preview') return outcome.report;
      if (outcome.kind === 'applied') return { applied: outcome.applied };
      const { error } = outcome.report.summary;
      const detail = `${error} ${error === 1 ? 'row has an error' : 'rows have errors'}, so nothing was imported. Fix ${error === 1 ? 'it' : 'them'} and import the file again.`;
      // The problem carries the row report, so the admin sees exactly which rows to fix.
      const problem = problemFor('unprocessable', detail, [], req.originalUrl);
      res.status(problem.status).type('application/problem+json').json({ ...problem, ...outcome.report });
      return outcome.report;
    },
  });
}
