import type { ApiBuilder } from '../http/route';
import { z } from '../http/zod';
import { issueDevToken, listDemoPersonas, type DevDeps } from './dev.service';

const devTokenRequest = z
  .object({
    email: z.string().trim().email('Must be an email address').max(320),
    displayName: z.string().trim().min(1).max(200).optional(),
    department: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .openapi('DevTokenRequest');

/** Only mounted in AUTH_MODE=dev; elsewhere these paths are 404 like any unknown route. */
export function devRoutes(api: ApiBuilder, deps: DevDeps): void {
  api.add({
    method: 'post',
    path: '/api/dev/token',
    operationId: 'createDevToken',
    summary: 'Sign in as anyone (dev mode only)',
    description: 'Returns a token verified by the same code as Entra ID tokens. Exists only when AUTH_MODE=dev.',
    tag: 'Dev',
    access: 'public',
    body: devTokenRequest,
    response: z.object({ token: z.string() }),
    handler: async ({ body }) => ({ token: await issueDevToken(deps, body) }),
  });

  api.add({
    method: 'get',
    path: '/api/dev/users',
    operationId: 'listDevUsers',
    summary: 'Demo people to sign in as (dev mode only)',
    tag: 'Dev',
    access: 'public',
    response: z.array(
      z.object({
        email: z.string(),
        displayName: z.string(),
        department: z.string().nullable(),
        jobTitle: z.string().nullable(),
        persona: z.enum(['admin', 'mentor', 'mentee', 'employee']),
      }),
    ),
    handler: () => listDemoPersonas(deps),
  });
}
