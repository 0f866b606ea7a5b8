import type { ApiBuilder } from '../http/route';
import { isoInstant, uuid, z } from '../http/zod';
import {
  adjustProposal,
  createExclusion,
  createMatchRun,
  deleteExclusion,
  getMatchRun,
  listExclusions,
  listProgramMembers,
  listMatchRuns,
  publishMatchRun,
  rerunMatchRun,
  type MatchRunsDeps,
} from './match-runs.service';
import { importPairs } from './pair-imports.service';

const TAG = 'Whole-program matching';

const strategySchema = z.enum(['best-total', 'most-matched']);
const sameDepartmentSchema = z.enum(['allow', 'avoid', 'forbid']);

const personSchema = z
  .object({ id: z.string(), displayName: z.string(), department: z.string().nullable(), jobTitle: z.string().nullable() })
  .openapi('MatchPerson');

const summarySchema = z
  .object({
    mentees: z.number().int().openapi({ description: 'mentees in the pool: matched + unmatched' }),
    mentors: z.number().int().openapi({ description: 'active, unpaused mentors with a free place when the pool was computed' }),
    places: z.number().int().openapi({ description: 'their free places' }),
    matched: z.number().int(),
    unmatched: z.number().int(),
    totalScore: z.number(),
    meanScore: z.number().nullable().openapi({ description: 'null when nobody is matched' }),
    minScore: z.number().nullable().openapi({ description: 'null when nobody is matched' }),
    candidatesPerMentee: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'null when every eligible pair was considered; otherwise each mentee’s best N mentors were (pools over 2 000 mentees)' }),
  })
  .openapi('MatchRunSummary');

const constraintsSchema = z.object({ maxTimezoneGapHours: z.number().nullable(), sameDepartment: sameDepartmentSchema });

const matchRunSchema = z
  .object({
    id: z.string(),
    programId: z.string(),
    status: z.enum(['draft', 'published']),
    strategy: strategySchema,
    constraints: constraintsSchema,
    createdAt: isoInstant,
    createdBy: z.object({ id: z.string(), displayName: z.string() }),
    publishedAt: isoInstant.nullable(),
    proposals: z.array(
      z.object({
        mentee: personSchema,
        mentor: personSchema,
        score: z.number().min(0).max(1).openapi({ description: '0–1, 3 decimals, after any "avoid" penalty' }),
        reasons: z.array(z.string()).openapi({ description: 'strongest first' }),
        state: z.enum(['proposed', 'locked']),
        outcome: z
          .union([z.object({ pairId: z.string() }), z.object({ conflict: z.string() })])
          .nullable()
          .openapi({ description: 'after publishing: the pair created, or why it could not be' }),
      }),
    ),
    removed: z.array(z.object({ mentee: personSchema, mentor: personSchema })).openapi({ description: 'pairs an admin removed; re-runs never propose them again' }),
    unmatched: z.array(z.object({ mentee: personSchema, reasons: z.array(z.string()) })),
    summary: summarySchema,
  })
  .openapi('MatchRun');

const matchRunListItemSchema = z
  .object({
    id: z.string(),
    status: z.enum(['draft', 'published']),
    strategy: strategySchema,
    createdAt: isoInstant,
    createdBy: z.object({ id: z.string(), displayName: z.string() }),
    publishedAt: isoInstant.nullable(),
    summary: summarySchema,
  })
  .openapi('MatchRunListItem');

const createRunSchema = z
  .object({
    strategy: strategySchema.default('best-total'),
    constraints: z
      .object({
        maxTimezoneGapHours: z.number().min(0).max(12).nullable().optional(),
        sameDepartment: sameDepartmentSchema.default('allow'),
      })
      .default({}),
  })
  .default({})
  .openapi('MatchRunCreate');

const adjustSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('lock') }),
    z.object({ action: z.literal('unlock') }),
    z.object({ action: z.literal('remove') }),
    z.object({ action: z.literal('assign'), mentorId: uuid }),
  ])
  .openapi('MatchProposalChange');

const exclusionSchema = z
  .object({
    id: z.string(),
    programId: z.string(),
    mentee: personSchema,
    mentor: personSchema,
    reason: z.string().nullable(),
    createdAt: isoInstant,
    createdBy: z.object({ id: z.string(), displayName: z.string() }),
  })
  .openapi('MatchExclusion');

const createExclusionSchema = z
  .object({ menteeId: uuid, mentorId: uuid, reason: z.string().trim().max(500).optional() })
  .refine((body) => body.menteeId !== body.mentorId, { path: ['mentorId'], message: 'The mentor must be someone other than the mentee' })
  .openapi('MatchExclusionCreate');

const importReportSchema = z
  .object({
    rows: z.array(
      z.object({
        line: z.number().int().openapi({ description: 'the line the row starts on; the header is line 1' }),
        menteeEmail: z.string(),
        mentorEmail: z.string(),
        status: z.enum(['ok', 'error']),
        errors: z.array(z.string()),
      }),
    ),
    valid: z.number().int(),
    invalid: z.number().int(),
    created: z.array(z.string()).openapi({ description: 'ids of the pairs created (empty for a dry run or a rejected import)' }),
  })
  .openapi('PairImportReport');

const programParams = z.object({ programId: uuid });
const runParams = z.object({ runId: uuid });

export function matchRunsRoutes(api: ApiBuilder, deps: MatchRunsDeps): void {
  api.add({
    method: 'post',
    path: '/api/admin/programs/{programId}/match-runs',
    operationId: 'createMatchRun',
    summary: 'Propose the best set of pairs for a whole program (a draft to review)',
    description: 'See docs/match-runs.md. Optimal for the strategy, within mentor capacities, hard exclusions and the constraints.',
    tag: TAG,
    access: 'admin',
    params: programParams,
    body: createRunSchema,
    status: 201,
    response: matchRunSchema,
    errors: ['not-found'],
    handler: ({ user, params, body }) => createMatchRun(deps, user, params.programId, body),
  });

  api.add({
    method: 'get',
    path: '/api/admin/programs/{programId}/match-runs',
    operationId: 'listMatchRuns',
    summary: 'A program’s match runs, newest first',
    tag: TAG,
    access: 'admin',
    params: programParams,
    response: z.array(matchRunListItemSchema),
    errors: ['not-found'],
    handler: ({ params }) => listMatchRuns(deps, params.programId),
  });

  api.add({
    method: 'get',
    path: '/api/admin/match-runs/{runId}',
    operationId: 'getMatchRun',
    summary: 'One match run with its proposals, removed pairs and unmatched mentees',
    tag: TAG,
    access: 'admin',
    params: runParams,
    response: matchRunSchema,
    errors: ['not-found'],
    handler: ({ params }) => getMatchRun(deps, params.runId),
  });

  api.add({
    method: 'patch',
    path: '/api/admin/match-runs/{runId}/proposals/{menteeId}',
    operationId: 'adjustMatchProposal',
    summary: 'Lock, unlock or remove a mentee’s proposal, or assign them a mentor of your choice',
    description: 'Draft runs only (409 once published). `assign` is checked against the hard exclusions, the run’s constraints and free places (409 naming the reason) and stored locked.',
    tag: TAG,
    access: 'admin',
    params: z.object({ runId: uuid, menteeId: uuid }),
    body: adjustSchema,
    response: matchRunSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => adjustProposal(deps, user, params.runId, params.menteeId, body),
  });

  api.add({
    method: 'post',
    path: '/api/admin/match-runs/{runId}/rerun',
    operationId: 'rerunMatchRun',
    summary: 'Recompute every unlocked proposal, keeping locked ones and never proposing a removed pair',
    tag: TAG,
    access: 'admin',
    params: runParams,
    response: matchRunSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => rerunMatchRun(deps, user, params.runId),
  });

  api.add({
    method: 'post',
    path: '/api/admin/match-runs/{runId}/publish',
    operationId: 'publishMatchRun',
    summary: 'Create the proposed pairs in one transaction; each proposal gets its pair or the conflict that stopped it',
    description: 'Idempotent: publishing a published run returns it unchanged.',
    tag: TAG,
    access: 'admin',
    params: runParams,
    response: matchRunSchema,
    errors: ['not-found'],
    handler: ({ user, params }) => publishMatchRun(deps, user, params.runId),
  });

  api.add({
    method: 'get',
    path: '/api/admin/programs/{programId}/members',
    operationId: 'listProgramMembersForMatching',
    summary: 'The program’s active mentors and mentees with their open pairs and (mentors) free places',
    tag: TAG,
    access: 'admin',
    params: programParams,
    response: z.array(
      z
        .object({
          id: z.string(),
          displayName: z.string(),
          department: z.string().nullable(),
          jobTitle: z.string().nullable(),
          role: z.enum(['mentor', 'mentee']),
          openPairs: z.number().int().openapi({ description: 'active and paused pairs in this program' }),
          freePlaces: z.number().int().nullable().openapi({ description: 'mentors: capacity − open pairs; null for mentees' }),
          paused: z.boolean().openapi({ description: 'has paused mentoring (not offered by matching)' }),
        })
        .openapi('ProgramMember'),
    ),
    errors: ['not-found'],
    handler: ({ params }) => listProgramMembers(deps, params.programId),
  });

  api.add({
    method: 'get',
    path: '/api/admin/programs/{programId}/exclusions',
    operationId: 'listMatchExclusions',
    summary: 'The program’s never-match rules, newest first',
    tag: TAG,
    access: 'admin',
    params: programParams,
    response: z.array(exclusionSchema),
    errors: ['not-found'],
    handler: ({ params }) => listExclusions(deps, params.programId),
  });

  api.add({
    method: 'post',
    path: '/api/admin/programs/{programId}/exclusions',
    operationId: 'createMatchExclusion',
    summary: 'Never match this mentee with this mentor in the program',
    tag: TAG,
    access: 'admin',
    params: programParams,
    body: createExclusionSchema,
    status: 201,
    response: exclusionSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => createExclusion(deps, user, params.programId, body),
  });

  api.add({
    method: 'delete',
    path: '/api/admin/exclusions/{exclusionId}',
    operationId: 'deleteMatchExclusion',
    summary: 'Remove a never-match rule',
    tag: TAG,
    access: 'admin',
    params: z.object({ exclusionId: uuid }),
    status: 204,
    response: z.void(),
    errors: ['not-found'],
    handler: ({ user, params }) => deleteExclusion(deps, user, params.exclusionId),
  });

  api.add({
    method: 'post',
    path: '/api/admin/programs/{programId}/pair-imports',
    operationId: 'importPairs',
    summary: 'Import pairs from CSV (mentee_email,mentor_email[,note]): a preview, or all or nothing',
    description:
      '`dryRun=true` (the default) checks every row and writes nothing. `dryRun=false` creates every pair in one transaction, or — if any row fails — answers 422 with the same report and writes nothing.',
    tag: TAG,
    access: 'admin',
    params: programParams,
    query: z.object({ dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true') }),
    body: z.string().openapi({ description: 'text/csv, UTF-8, at most 1 MB' }),
    bodyType: 'csv',
    response: importReportSchema,
    alsoAnswers: { status: 422, description: 'Some rows are invalid: nothing was written' },
    errors: ['not-found'],
    handler: async ({ user, params, query, body, res }) => {
      const { report, rejected } = await importPairs(deps, user, params.programId, body, query.dryRun);
      if (rejected) res.status(422);
      return report;
    },
  });
}
