import type { ApiBuilder } from '../http/route';
import { ianaTimeZone, isoDate, isoInstant, uuid, z } from '../http/zod';
import { termLabel } from '../taxonomy/term-label';
import { getMyEnrollment, putEnrollment, withdrawEnrollment, type EnrollmentsDeps } from './enrollments.service';

const role = z.enum(['mentor', 'mentee']);
const cadence = z.enum(['weekly', 'biweekly', 'monthly']);
const channel = z.enum(['teams-chat', 'email', 'call', 'in-person']);
const labels = z.array(termLabel).max(20, 'At most 20 items');

export const enrollmentSchema = z
  .object({
    programId: z.string(),
    role,
    status: z.enum(['active', 'withdrawn']),
    skillsOffered: z.array(z.string()),
    skillsWanted: z.array(z.string()),
    values: z.array(z.string()),
    goals: z.string().nullable(),
    yearsExperience: z.number().int().nullable(),
    capacity: z.number().int(),
    timezone: z.string().nullable(),
    preferredFrequency: cadence.nullable(),
    preferredChannel: channel.nullable(),
    availability: z.enum(['open', 'paused']),
    pausedUntil: isoDate.nullable(),
    activePairs: z.number().int().openapi({ description: 'my active and paused pairs in this program in this role' }),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .openapi('Enrollment');

const enrollmentBody = z
  .object({
    role,
    skillsOffered: labels.optional(),
    skillsWanted: labels.optional(),
    values: labels.optional(),
    goals: z
      .string()
      .trim()
      .max(2000)
      .transform((text) => (text === '' ? null : text))
      .nullable()
      .optional(),
    yearsExperience: z.number().int().min(0).max(70).nullable().optional(),
    capacity: z.number().int().min(0).max(10).optional().openapi({ description: 'mentors: how many mentees at once (default 2)' }),
    timezone: ianaTimeZone.nullable().optional(),
    preferredFrequency: cadence.nullable().optional(),
    preferredChannel: channel.nullable().optional(),
  })
  .openapi('EnrollmentInput');

const params = z.object({ programId: uuid });

export function enrollmentsRoutes(api: ApiBuilder, deps: EnrollmentsDeps): void {
  api.add({
    method: 'put',
    path: '/api/programs/{programId}/enrollment',
    operationId: 'putMyEnrollment',
    summary: 'Enrol in a program, or update my enrolment profile',
    description:
      'Answers 201 when the enrolment is new, 200 otherwise. Fields left out keep their current values. ' +
      'Skills and values are matched to the taxonomy ignoring case and spacing; unknown ones are added. ' +
      'Enrolling, coming back after withdrawing or switching role needs the enrolment window open (409 otherwise).',
    tag: 'Enrolment',
    access: 'user',
    params,
    body: enrollmentBody,
    response: enrollmentSchema,
    errors: ['not-found', 'conflict'],
    handler: async ({ user, params, body, res }) => {
      const { created, enrollment } = await putEnrollment(deps, user, params.programId, body);
      if (created) res.status(201);
      return enrollment;
    },
  });

  api.add({
    method: 'get',
    path: '/api/programs/{programId}/enrollment',
    operationId: 'getMyEnrollment',
    summary: 'My enrolment in a program (404 when not enrolled)',
    tag: 'Enrolment',
    access: 'user',
    params,
    response: enrollmentSchema,
    errors: ['not-found'],
    handler: ({ user, params }) => getMyEnrollment(deps, user, params.programId),
  });

  api.add({
    method: 'delete',
    path: '/api/programs/{programId}/enrollment',
    operationId: 'withdrawMyEnrollment',
    summary: 'Withdraw from a program (refused while I am in an active or paused pair there)',
    tag: 'Enrolment',
    access: 'user',
    params,
    response: enrollmentSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => withdrawEnrollment(deps, user, params.programId),
  });
}
