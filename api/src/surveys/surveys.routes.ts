import type { ApiBuilder } from '../http/route';
import { uuid, z } from '../http/zod';
import { PULSE_COMMENT_MAX, submitClosingSurvey, submitPulseSurvey, type SurveysDeps } from './surveys.service';

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

const pulseSurveySchema = z
  .object({
    satisfaction: z.number().int('Choose a whole number from 1 to 5').min(1, 'Choose a whole number from 1 to 5').max(5, 'Choose a whole number from 1 to 5'),
    comment: z.string().max(PULSE_COMMENT_MAX, `Keep it to ${PULSE_COMMENT_MAX} characters`).optional(),
  })
  .openapi('PulseSurvey');

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

  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/pulse',
    operationId: 'submitPulseSurvey',
    summary: 'Answer the pulse survey of an active or paused pair (members; once per member in 30 days)',
    tag: 'Surveys',
    access: 'user',
    params: z.object({ pairId: uuid }),
    body: pulseSurveySchema,
    status: 201,
    response: z.object({ id: z.string() }),
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => submitPulseSurvey(deps, user, params.pairId, body),
  });
}
