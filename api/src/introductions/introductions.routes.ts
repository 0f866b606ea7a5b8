import type { ApiBuilder } from '../http/route';
import { isoInstant, uuid, z } from '../http/zod';
import { personSchema } from '../pairs/pairs.routes';
import { listIntroductions, requestIntroduction, respondIntroduction, type IntroductionsDeps } from './introductions.service';

const introductionSchema = z
  .object({
    id: z.string(),
    pairId: z.string(),
    requestedBy: personSchema,
    contactName: z.string(),
    contactRole: z.string().nullable(),
    reason: z.string(),
    status: z.enum(['requested', 'made', 'declined']),
    note: z.string().nullable(),
    createdAt: isoInstant,
    respondedAt: isoInstant.nullable(),
  })
  .openapi('Introduction');

const newIntroductionSchema = z
  .object({
    contactName: z.string().trim().min(1).max(200),
    contactRole: z.string().trim().max(200).nullish(),
    reason: z.string().trim().min(1).max(1000),
  })
  .openapi('NewIntroduction');

const introductionAnswerSchema = z
  .object({
    status: z.enum(['made', 'declined']),
    note: z.string().max(1000).optional(),
  })
  .openapi('IntroductionAnswer');

export function introductionsRoutes(api: ApiBuilder, deps: IntroductionsDeps): void {
  api.add({
    method: 'get',
    path: '/api/pairs/{pairId}/introductions',
    operationId: 'listIntroductions',
    summary: "The pair's introduction requests, newest first",
    tag: 'Introductions',
    access: 'user',
    params: z.object({ pairId: uuid }),
    response: z.array(introductionSchema),
    errors: ['not-found'],
    handler: ({ user, params }) => listIntroductions(deps, user, params.pairId),
  });

  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/introductions',
    operationId: 'requestIntroduction',
    summary: 'Ask my mentor for an introduction (the mentee)',
    tag: 'Introductions',
    access: 'user',
    params: z.object({ pairId: uuid }),
    body: newIntroductionSchema,
    status: 201,
    response: introductionSchema,
    errors: ['not-found', 'forbidden', 'conflict'],
    handler: ({ user, params, body }) => requestIntroduction(deps, user, params.pairId, body),
  });

  api.add({
    method: 'post',
    path: '/api/introductions/{introductionId}/respond',
    operationId: 'respondToIntroduction',
    summary: 'Mark an introduction as made or declined (the mentor)',
    tag: 'Introductions',
    access: 'user',
    params: z.object({ introductionId: uuid }),
    body: introductionAnswerSchema,
    response: introductionSchema,
    errors: ['not-found', 'forbidden', 'conflict'],
    handler: ({ user, params, body }) => respondIntroduction(deps, user, params.introductionId, body),
  });
}
