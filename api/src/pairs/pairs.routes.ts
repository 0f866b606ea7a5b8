import type { ApiBuilder } from '../http/route';
import { isoInstant, uuid, z } from '../http/zod';
import { completePair, endPair, getPairDetail, listMyPairs, pausePair, resumePair, type PairsDeps } from './pairs.service';

const cadenceSchema = z.enum(['weekly', 'biweekly', 'monthly']);
const pairStatusSchema = z.enum(['active', 'paused', 'completed', 'ended']);
const endReasonSchema = z.enum(['mismatched-expectations', 'lack-of-time', 'communication', 'goals-met', 'other']);

export const personSchema = z
  .object({ id: z.string(), displayName: z.string(), jobTitle: z.string().nullable(), department: z.string().nullable() })
  .openapi('Person');

const pairMemberSchema = personSchema
  .extend({ timeZone: z.string().nullable().openapi({ description: 'IANA zone from their enrolment in this program, else their profile' }) })
  .openapi('PairMember');

const pairSummarySchema = z
  .object({
    id: z.string(),
    program: z.object({ id: z.string(), name: z.string() }),
    myRole: z.enum(['mentor', 'mentee']),
    partner: z.object({ id: z.string(), displayName: z.string(), jobTitle: z.string().nullable(), department: z.string().nullable() }),
    status: pairStatusSchema,
    startedAt: isoInstant,
    agreementStatus: z.enum(['none', 'partial', 'agreed']),
    goals: z.object({ total: z.number().int(), done: z.number().int() }),
    nextMeeting: z.object({ start: isoInstant, end: isoInstant }).nullable(),
  })
  .openapi('PairSummary');

// Deliberately no free text: admins who are not members get this same shape.
const pairDetailSchema = z
  .object({
    viewer: z.enum(['mentor', 'mentee', 'admin']),
    id: z.string(),
    program: z.object({ id: z.string(), name: z.string(), defaultCadence: cadenceSchema }),
    mentor: pairMemberSchema,
    mentee: pairMemberSchema,
    partner: pairMemberSchema.nullable().openapi({ description: 'the other member; null when an admin views the pair' }),
    status: pairStatusSchema,
    startedAt: isoInstant,
    pausedAt: isoInstant.nullable(),
    endedAt: isoInstant.nullable(),
    endReason: endReasonSchema.nullable(),
    agreement: z.object({ status: z.enum(['none', 'partial', 'agreed']), agreedCadence: cadenceSchema.nullable() }),
    goals: z.object({ total: z.number().int(), done: z.number().int(), inProgress: z.number().int(), overdue: z.number().int() }),
    introductions: z.object({ requested: z.number().int(), made: z.number().int() }),
    nextMeeting: z.object({ start: isoInstant, end: isoInstant }).nullable(),
    survey: z.object({
      required: z.boolean().openapi({ description: 'the pair is closed and the viewer has not answered the closing survey' }),
      submitted: z.boolean(),
    }),
  })
  .openapi('PairDetail');

const pairParams = z.object({ pairId: uuid });

const endBody = z
  .object({
    reason: endReasonSchema,
    note: z.string().max(1000).optional(),
  })
  .openapi('EndPair');

export function pairsRoutes(api: ApiBuilder, deps: PairsDeps): void {
  api.add({
    method: 'get',
    path: '/api/pairs',
    operationId: 'listMyPairs',
    summary: 'My mentoring pairs, in any program',
    tag: 'Pairs',
    access: 'user',
    response: z.array(pairSummarySchema),
    handler: ({ user }) => listMyPairs(deps, user),
  });

  api.add({
    method: 'get',
    path: '/api/pairs/{pairId}',
    operationId: 'getPair',
    summary: 'One mentoring pair (members; admins see the same counts-only shape)',
    tag: 'Pairs',
    access: 'user',
    params: pairParams,
    response: pairDetailSchema,
    errors: ['not-found'],
    handler: ({ user, params }) => getPairDetail(deps, user, params.pairId),
  });

  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/pause',
    operationId: 'pausePair',
    summary: 'Pause an active pair',
    tag: 'Pairs',
    access: 'user',
    params: pairParams,
    response: pairDetailSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => pausePair(deps, user, params.pairId),
  });

  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/resume',
    operationId: 'resumePair',
    summary: 'Resume a paused pair',
    tag: 'Pairs',
    access: 'user',
    params: pairParams,
    response: pairDetailSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => resumePair(deps, user, params.pairId),
  });

  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/complete',
    operationId: 'completePair',
    summary: 'Complete a pair; cancels its future scheduled meetings',
    tag: 'Pairs',
    access: 'user',
    params: pairParams,
    response: pairDetailSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => completePair(deps, user, params.pairId),
  });

  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/end',
    operationId: 'endPair',
    summary: 'End a pair early, with a reason; cancels its future scheduled meetings',
    tag: 'Pairs',
    access: 'user',
    params: pairParams,
    body: endBody,
    response: pairDetailSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => endPair(deps, user, params.pairId, body),
  });
}
