import type { ApiBuilder } from '../http/route';
import { isoDate, uuid, z } from '../http/zod';
import {
  createProgram,
  getProgramForUser,
  listProgramsForUser,
  listProgramsWithCounts,
  updateProgramSettings,
  type ProgramsDeps,
} from './programs.service';

const programKind = z.enum(['onboarding', 'leadership', 'erg', 'career-growth', 'other']);
const cadence = z.enum(['weekly', 'biweekly', 'monthly']);
const matchingMode = z.enum(['self', 'admin']);

const programFields = {
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: programKind,
  startsOn: isoDate,
  endsOn: isoDate,
  enrollmentOpensOn: isoDate,
  enrollmentClosesOn: isoDate,
  defaultCadence: cadence,
  matchingMode,
  maxOpenRequestsPerMentee: z.number().int(),
  enrollmentOpen: z.boolean().openapi({ description: 'today falls inside the enrolment window' }),
  enrollmentState: z
    .enum(['upcoming', 'open', 'closed'])
    .openapi({ description: "where today (UTC) falls relative to the enrolment window" }),
};

// Field by field, so PATCH can take any subset; dates across fields are checked by the service
// on the merged result (`endsOn` ≥ `startsOn`, `enrollmentClosesOn` ≥ `enrollmentOpensOn`).
const programInputFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(4000),
  kind: programKind,
  startsOn: isoDate,
  endsOn: isoDate,
  enrollmentOpensOn: isoDate,
  enrollmentClosesOn: isoDate,
  defaultCadence: cadence,
  matchingMode,
};
const maxOpenRequests = z.number().int().min(1).max(20);

const createProgramSchema = z
  .object({ ...programInputFields, maxOpenRequestsPerMentee: maxOpenRequests.default(3) })
  .openapi('ProgramCreate');
const updateProgramSchema = z
  .object({ ...programInputFields, maxOpenRequestsPerMentee: maxOpenRequests })
  .partial()
  .openapi('ProgramUpdate');
const programParams = z.object({ programId: uuid });

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
    path: '/api/programs/{programId}',
    operationId: 'getProgram',
    summary: 'One program, with my enrolment in it',
    tag: 'Programs',
    access: 'user',
    params: programParams,
    response: myProgramSchema,
    errors: ['not-found'],
    handler: ({ user, params }) => getProgramForUser(deps, user, params.programId),
  });

  api.add({
    method: 'post',
    path: '/api/programs',
    operationId: 'createProgram',
    summary: 'Create a program (admins)',
    tag: 'Programs',
    access: 'admin',
    body: createProgramSchema,
    status: 201,
    response: myProgramSchema,
    handler: ({ user, body }) => createProgram(deps, user, body),
  });

  api.add({
    method: 'patch',
    path: '/api/programs/{programId}',
    operationId: 'updateProgram',
    summary: "Change any of a program's settings (admins)",
    tag: 'Programs',
    access: 'admin',
    params: programParams,
    body: updateProgramSchema,
    response: myProgramSchema,
    errors: ['not-found'],
    handler: ({ user, params, body }) => updateProgramSettings(deps, user, params.programId, body),
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
