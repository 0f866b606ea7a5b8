import type { Db } from '../db/database';
import type { ApiBuilder } from '../http/route';
import { z } from '../http/zod';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['sqlite', 'mssql']),
    version: z.string(),
    authMode: z.enum(['dev', 'entra']),
  })
  .openapi('Health');

export function healthRoutes(api: ApiBuilder, deps: { db: Db; version: string; authMode: 'dev' | 'entra' }): void {
  api.add({
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    summary: 'Liveness and database reachability',
    description: '200 when the database answers, 503 with the same body when it does not.',
    tag: 'Operations',
    access: 'public',
    response: healthSchema,
    handler: async ({ res }) => {
      const ok = await deps.db.ping();
      res.set('Cache-Control', 'no-store');
      if (!ok) res.status(503);
      return { status: ok ? ('ok' as const) : ('unavailable' as const), database: deps.db.kind, version: deps.version, authMode: deps.authMode };
    },
  });
}
