import type { ApiBuilder } from '../http/route';
import { isoInstant, uuid, z } from '../http/zod';
import { acceptRequest, createRequest, declineRequest, listMyRequests, withdrawRequest, type RequestsDeps } from './requests.service';

const personSchema = z.object({ id: z.string(), displayName: z.string(), jobTitle: z.string().nullable(), department: z.string().nullable() });

const requestSchema = z
  .object({
    id: z.string(),
    program: z.object({ id: z.string(), name: z.string() }),
    mentee: personSchema,
    mentor: personSchema,
    message: z.string(),
    status: z.enum(['pending', 'accepted', 'declined', 'withdrawn', 'closed']),
    declineReason: z.string().nullable(),
    createdAt: isoInstant,
    respondedAt: isoInstant.nullable(),
    pairId: z.string().nullable(),
  })
  .openapi('MentorshipRequest');

const requestParams = z.object({ requestId: uuid });

export function requestsRoutes(api: ApiBuilder, deps: RequestsDeps): void {
  api.add({
    method: 'post',
    path: '/api/programs/{programId}/requests',
    operationId: 'createMentorshipRequest',
    summary: 'Ask a mentor in a program to mentor me',
    tag: 'Requests',
    access: 'user',
    params: z.object({ programId: uuid }),
    body: z.object({
      mentorId: uuid,
      message: z
        .string()
        .trim()
        .min(20, 'Write at least 20 characters: say why you’d like this mentor')
        .max(1000, 'At most 1000 characters'),
    }),
    status: 201,
    response: requestSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => createRequest(deps, user, params.programId, body),
  });

  api.add({
    method: 'get',
    path: '/api/requests',
    operationId: 'listMyMentorshipRequests',
    summary: 'Mentorship requests I sent (outgoing) or received (incoming), newest first',
    tag: 'Requests',
    access: 'user',
    query: z.object({ direction: z.enum(['incoming', 'outgoing']).optional().openapi({ description: 'both when left out' }) }),
    response: z.array(requestSchema),
    handler: ({ user, query }) => listMyRequests(deps, user, query.direction),
  });

  api.add({
    method: 'post',
    path: '/api/requests/{requestId}/accept',
    operationId: 'acceptMentorshipRequest',
    summary: 'Accept a request (the mentor): starts the pair',
    tag: 'Requests',
    access: 'user',
    params: requestParams,
    response: z.object({ pairId: z.string() }),
    errors: ['forbidden', 'not-found', 'conflict'],
    handler: ({ user, params }) => acceptRequest(deps, user, params.requestId),
  });

  api.add({
    method: 'post',
    path: '/api/requests/{requestId}/decline',
    operationId: 'declineMentorshipRequest',
    summary: 'Decline a request (the mentor), optionally saying why',
    tag: 'Requests',
    access: 'user',
    params: requestParams,
    body: z
      .object({ reason: z.string().trim().max(500, 'At most 500 characters').optional().openapi({ description: 'shown to the mentee' }) })
      .default({}),
    response: requestSchema,
    errors: ['forbidden', 'not-found', 'conflict'],
    handler: ({ user, params, body }) => declineRequest(deps, user, params.requestId, body.reason),
  });

  api.add({
    method: 'post',
    path: '/api/requests/{requestId}/withdraw',
    operationId: 'withdrawMentorshipRequest',
    summary: 'Withdraw a request (the mentee)',
    tag: 'Requests',
    access: 'user',
    params: requestParams,
    response: requestSchema,
    errors: ['forbidden', 'not-found', 'conflict'],
    handler: ({ user, params }) => withdrawRequest(deps, user, params.requestId),
  });
}
