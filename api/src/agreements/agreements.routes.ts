import type { ApiBuilder } from '../http/route';
import { isoInstant, uuid, z } from '../http/zod';
import { getAgreement, saveMyAgreement, type AgreementsDeps } from './agreements.service';

const answerFields = {
  meetingFrequency: z.enum(['weekly', 'biweekly', 'monthly']),
  communicationChannel: z.enum(['teams-chat', 'email', 'call', 'in-person']),
  goals: z.string().trim().min(1).max(2000),
  feedbackStyle: z.string().trim().min(1).max(1000),
  boundaries: z.string().trim().min(1).max(2000),
};

const agreementAnswersSchema = z.object(answerFields).openapi('AgreementAnswers');

// Responses describe what is stored, not what a new answer must satisfy: a row written
// under older or looser rules must still be readable.
const submittedAnswersSchema = z
  .object({
    meetingFrequency: answerFields.meetingFrequency,
    communicationChannel: answerFields.communicationChannel,
    goals: z.string(),
    feedbackStyle: z.string(),
    boundaries: z.string(),
    submittedAt: isoInstant,
  })
  .openapi('SubmittedAgreementAnswers');

const agreementSchema = z
  .object({
    mine: submittedAnswersSchema.nullable(),
    partner: submittedAnswersSchema.nullable(),
    mismatches: z
      .array(z.enum(['meetingFrequency', 'communicationChannel', 'goals', 'feedbackStyle', 'boundaries']))
      .openapi({ description: 'fields whose answers differ (text ignoring case and extra whitespace); empty until both have answered' }),
    agreed: z.boolean().openapi({ description: 'both answered and meeting frequency and channel match' }),
    agreedAt: isoInstant.nullable(),
  })
  .openapi('Agreement');

const pairParams = z.object({ pairId: uuid });

export function agreementsRoutes(api: ApiBuilder, deps: AgreementsDeps): void {
  api.add({
    method: 'get',
    path: '/api/pairs/{pairId}/agreement',
    operationId: 'getAgreement',
    summary: "The pair's mentoring agreement: my answers, my partner's, and where they differ",
    tag: 'Agreements',
    access: 'user',
    params: pairParams,
    response: agreementSchema,
    errors: ['not-found'],
    handler: ({ user, params }) => getAgreement(deps, user, params.pairId),
  });

  api.add({
    method: 'put',
    path: '/api/pairs/{pairId}/agreement',
    operationId: 'saveMyAgreement',
    summary: 'Save my answers to the mentoring agreement',
    tag: 'Agreements',
    access: 'user',
    params: pairParams,
    body: agreementAnswersSchema,
    response: agreementSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => saveMyAgreement(deps, user, params.pairId, body),
  });
}
