import type { ApiBuilder } from '../http/route';
import { isoDate, uuid, z } from '../http/zod';
import { setAvailability, type AvailabilityDeps } from './availability.service';
import { enrollmentSchema } from '../enrollments/enrollments.routes';

const availabilityBody = z
  .object({
    availability: z.enum(['open', 'paused']),
    pausedUntil: isoDate.nullable().optional().openapi({ description: 'paused mentors only: the day new mentoring reopens by itself' }),
    capacity: z.number().int('Must be a whole number').min(0, 'At least 0').max(10, 'At most 10').optional(),
  })
  .superRefine((body, ctx) => {
    if (body.availability === 'open' && body.pausedUntil) {
      ctx.addIssue({ code: 'custom', path: ['pausedUntil'], message: 'Only a paused mentor has a date to reopen; leave it out when opening' });
    }
  });

export function availabilityRoutes(api: ApiBuilder, deps: AvailabilityDeps): void {
  api.add({
    method: 'patch',
    path: '/api/programs/{programId}/availability',
    operationId: 'setMentorAvailability',
    summary: 'Open or pause new mentoring, and set how many mentees I take (mentors)',
    description: 'Pausing declines every pending request to me in this program with a kind note, and hides me from recommendations.',
    tag: 'Matching',
    access: 'user',
    params: z.object({ programId: uuid }),
    body: availabilityBody,
    response: enrollmentSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => setAvailability(deps, user, params.programId, body),
  });
}
