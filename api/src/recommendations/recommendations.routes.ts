import type { ApiBuilder } from '../http/route';
import { isoInstant, uuid, z } from '../http/zod';
import { recommendMentors, type RecommendationsDeps } from './recommendations.service';

const recommendationSchema = z
  .object({
    mentorId: z.string(),
    displayName: z.string(),
    jobTitle: z.string().nullable(),
    department: z.string().nullable(),
    score: z.number().min(0).max(1).openapi({ description: 'fit from 0 to 1, 3 decimals; see docs/matching.md' }),
    reasons: z.array(z.string()).openapi({ description: 'why this mentor fits, strongest first' }),
    skillsOffered: z.array(z.string()),
    values: z.array(z.string()),
    yearsExperience: z.number().int().nullable(),
    timezone: z.string().nullable(),
    remainingCapacity: z.number().int(),
    lastActiveAt: isoInstant.nullable(),
    requestStatus: z.enum(['pending']).nullable().openapi({ description: '`pending` when I already asked this mentor' }),
  })
  .openapi('Recommendation');

export function recommendationsRoutes(api: ApiBuilder, deps: RecommendationsDeps): void {
  api.add({
    method: 'get',
    path: '/api/programs/{programId}/recommendations',
    operationId: 'listRecommendedMentors',
    summary: 'Mentors recommended for me in a program, best fit first (at most 20)',
    description:
      'For enrolled mentees. Leaves out my reporting line, paused mentors, mentors at capacity and mentors I have already been paired with in this program.',
    tag: 'Matching',
    access: 'user',
    params: z.object({ programId: uuid }),
    response: z.array(recommendationSchema),
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => recommendMentors(deps, user, params.programId),
  });
}
