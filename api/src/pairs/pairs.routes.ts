import type { ApiBuilder } from '../http/route';
import { isoInstant, z } from '../http/zod';
import { listMyPairs, type PairsDeps } from './pairs.service';

const pairSummarySchema = z
  .object({
    id: z.string(),
    program: z.object({ id: z.string(), name: z.string() }),
    myRole: z.enum(['mentor', 'mentee']),
    partner: z.object({ id: z.string(), displayName: z.string(), jobTitle: z.string().nullable(), department: z.string().nullable() }),
    status: z.enum(['active', 'paused', 'completed', 'ended']),
    startedAt: isoInstant,
    agreementStatus: z.enum(['none', 'partial', 'agreed']),
    goals: z.object({ total: z.number().int(), done: z.number().int() }),
    nextMeeting: z.object({ start: isoInstant, end: isoInstant }).nullable(),
  })
  .openapi('PairSummary');

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
}
