import type { ApiBuilder } from '../http/route';
import { uuid, z } from '../http/zod';
import { submitClosingSurvey, type SurveysDeps } from './surveys.service';

const closingSurveySchema = z
  .object({
    satisfaction: z.number().int().min(1).max(5),
    recommend: z.number().int().min(0).max(10),
    skillsGained: z.boolean(),
    newContacts: z.boolean(),
    promotion: z.boolean(),
    confidence: z.number().int().min(1).max(5),
    comment: z.string().max(2000).optional(),
  })
  .openapi('ClosingSurvey');

export function surveysRoutes(api: ApiBuilder, deps: SurveysDeps): void {
  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/survey',
    operationId: 'submitClosingSurvey',
    summary: 'Answer the closing survey of a completed or ended pair (once per member)',
    tag: 'Surveys',
    access: 'user',
    params: z.object({ pairId: uuid }),
    body: closingSurveySchema,
    status: 201,
    response: z.object({ id: z.string() }),
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => submitClosingSurvey(deps, user, params.pairId, body),
  });
}
