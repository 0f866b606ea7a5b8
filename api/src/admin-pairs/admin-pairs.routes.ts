import { adminFiltersShape } from '../analytics/filters';
import type { ApiBuilder } from '../http/route';
import { isoInstant, z } from '../http/zod';
import { AT_RISK_CODES } from './at-risk';
import { exportCsv, listAdminPairs, listPairsAtRisk, type AdminPairsDeps } from './admin-pairs.service';
import { sendCsv } from './csv';

const cadenceSchema = z.enum(['weekly', 'biweekly', 'monthly']);
const pairStatusSchema = z.enum(['active', 'paused', 'completed', 'ended']);
const atRiskCodeSchema = z.enum(AT_RISK_CODES);

const memberSchema = z.object({ id: z.string(), displayName: z.string(), department: z.string().nullable() }).openapi('AdminPairMember');

const atRiskPairSchema = z
  .object({
    pairId: z.string(),
    programId: z.string(),
    programName: z.string(),
    mentor: memberSchema,
    mentee: memberSchema,
    startedAt: isoInstant,
    lastHeldAt: isoInstant.nullable().openapi({ description: 'start of the latest held check-in; null if none yet' }),
    cadence: cadenceSchema.openapi({ description: 'the agreed cadence, else the program default' }),
    reasons: z
      .array(
        z
          .object({
            code: atRiskCodeSchema,
            detail: z.string().openapi({ description: 'counts and days only', example: 'No check-in held for 23 days (agreed every 2 weeks).' }),
            remedy: z.string(),
          })
          .openapi('AtRiskReason'),
      )
      .min(1),
  })
  .openapi('AtRiskPair');

const adminPairSchema = z
  .object({
    pairId: z.string(),
    programId: z.string(),
    programName: z.string(),
    mentor: memberSchema,
    mentee: memberSchema,
    status: pairStatusSchema.openapi({ description: 'status at the end of the period' }),
    startedAt: isoInstant,
    endedAt: isoInstant.nullable(),
    endReason: z.enum(['mismatched-expectations', 'lack-of-time', 'communication', 'goals-met', 'other']).nullable(),
    cadence: cadenceSchema,
    lastHeldAt: isoInstant.nullable().openapi({ description: 'start of the latest held check-in before the period end (capped at now)' }),
    nextMeetingAt: isoInstant.nullable().openapi({ description: 'the earliest scheduled check-in after now' }),
    meetingsHeld: z.number().int().openapi({ description: 'check-ins starting in the period' }),
    meetingsMissed: z.number().int(),
    onCadence: z.boolean().nullable().openapi({ description: 'keptCadence over the period; null when it cannot be judged or the pair was not active at its end' }),
    goalsTotal: z.number().int(),
    goalsDone: z.number().int(),
    openActionItems: z.number().int(),
    overdueActionItems: z.number().int().openapi({ description: 'open, due before today' }),
    atRisk: z
      .array(atRiskCodeSchema)
      .openapi({ description: 'reason codes as in pairs-at-risk; empty unless the pair is active now (or paused, for `member-left`)' }),
  })
  .openapi('AdminPair');

const filtersQuery = z.object(adminFiltersShape);

const pairListQuery = z.object({
  ...adminFiltersShape,
  status: pairStatusSchema.optional().openapi({ description: 'status at the end of the period' }),
  sort: z.enum(['status', 'lastMeeting', 'onCadence', 'startedAt']).default('startedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const exportQuery = z.object({
  ...adminFiltersShape,
  dataset: z.enum(['pairs', 'meetings', 'goals', 'participants']),
});

export function adminPairsRoutes(api: ApiBuilder, deps: AdminPairsDeps): void {
  api.add({
    method: 'get',
    path: '/api/admin/pairs-at-risk',
    operationId: 'listPairsAtRisk',
    summary: 'Active pairs that need help, with reasons and remedies (admins)',
    description:
      'Pairs active now (or paused with a member who left) in the program and mentee department asked for (from/to are validated but ignored: risk is about now), ' +
      'sorted by number of reasons, then oldest last held check-in (never met first), then pair id. Audited as admin.pairs-at-risk.',
    tag: 'Admin',
    access: 'admin',
    query: filtersQuery,
    response: z.array(atRiskPairSchema),
    errors: ['not-found'],
    handler: ({ user, query }) => listPairsAtRisk(deps, user, query),
  });

  api.add({
    method: 'get',
    path: '/api/admin/pairs',
    operationId: 'listAdminPairs',
    summary: 'Pairs in scope, one page, sorted and filtered (admins)',
    description:
      'Pairs whose program matches, whose mentee is in the department and that started before the period end. lastMeeting sorts nulls last ' +
      'in either order; onCadence sorts false < null < true; ties by pair id ascending. Audited as admin.pairs.',
    tag: 'Admin',
    access: 'admin',
    query: pairListQuery,
    response: z
      .object({ items: z.array(adminPairSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
      .openapi('AdminPairPage'),
    errors: ['not-found'],
    handler: ({ user, query }) => listAdminPairs(deps, user, query),
  });

  api.add({
    method: 'get',
    path: '/api/admin/export.csv',
    operationId: 'exportAdminCsv',
    summary: 'Download pairs, check-ins, goals or participants as CSV (admins)',
    description:
      'RFC 4180 with a header row; cells starting with =, +, -, @, tab or CR are prefixed with an apostrophe. Counts, dates and directory ' +
      'fields only: never notes, agenda text, goal titles, messages, comments or individual ratings. Audited as admin.export.',
    tag: 'Admin',
    access: 'admin',
    query: exportQuery,
    response: z.string().openapi({ description: 'text/csv; charset=utf-8, as an attachment named tandem-<dataset>-<from>-<to>.csv' }),
    contentType: 'text/csv',
    errors: ['not-found'],
    handler: async ({ user, query, res }) => sendCsv(res, await exportCsv(deps, user, query)),
  });
}
