import type { ApiBuilder } from '../http/route';
import { z } from '../http/zod';

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    department: z.string().nullable(),
    jobTitle: z.string().nullable(),
    timeZone: z.string().nullable(),
    roles: z.array(z.enum(['admin'])).openapi({ description: '`admin` for program admins (L&D managers)' }),
  })
  .openapi('Me');

export function usersRoutes(api: ApiBuilder): void {
  api.add({
    method: 'get',
    path: '/api/me',
    operationId: 'getMe',
    summary: 'The signed-in person',
    tag: 'Users',
    access: 'user',
    response: meSchema,
    handler: ({ user }) => ({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      department: user.department,
      jobTitle: user.jobTitle,
      timeZone: user.timeZone,
      roles: user.isAdmin ? ['admin' as const] : [],
    }),
  });
}
