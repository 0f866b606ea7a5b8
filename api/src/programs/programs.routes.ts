import type { ApiBuilder } from '../http/route';
import { isoDate, z } from '../http/zod';
import { listProgramsForUser, listProgramsWithCounts, type ProgramsDeps } from './programs.service';

const programFields = {
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['onboarding', 'leadership', 'erg', 'career-growth', 'other']),
  startsOn: isoDate,
  endsOn: isoDate,
  enrollmentOpensOn: isoDate,
  enrollmentClosesOn: isoDate,
  defaultCadence: z.enum(['weekly', 'biweekly', 'monthly']),
  matchingMode: z.enum(['self', 'admin']),
  maxOpenRequestsPerMentee: z.number().int(),
  enrollmentOpen: z.boolean().openapi({ description: 'today falls inside the enrolment window' }),
};

const myProgramSchema = z
  .object({
    ...programFields,
    myEnrollment: z.object({ role: z.enum(['mentor', 'mentee']), status: z.enum(['active', 'withdrawn']) }).nullable(),
  })
  .openapi('Program');

const adminProgramSchema = z
  .object({
    ...programFields,
    counts: z.object({
      mentors: z.number().int(),
      mentees: z.number().int(),
      pairs: z.object({ active: z.number().int(), paused: z.number().int(), completed: z.number().int(), ended: z.number().int() }),
      pendingRequests: z.number().int(),
    }),
  })
  .openapi('AdminProgram');

export function programsRoutes(api: ApiBuilder, deps: ProgramsDeps): void {
  api.add({
    method: 'get',
    path: '/api/programs',
    operationId: 'listPrograms',
    summary: 'Programs, with my enrolment in each',
    tag: 'Programs',
    access: 'user',
    response: z.array(myProgramSchema),
    handler: ({ user }) => listProgramsForUser(deps, user),
  });

  api.add({
    method: 'get',
    path: '/api/admin/programs',
    operationId: 'listAdminPrograms',
    summary: 'Programs with participation counts (admins)',
    tag: 'Admin',
    access: 'admin',
    response: z.array(adminProgramSchema),
    handler: () => listProgramsWithCounts(deps),
  });
}
