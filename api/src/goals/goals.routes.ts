import type { ApiBuilder } from '../http/route';
import { isoDate, isoInstant, uuid, z } from '../http/zod';
import {
  addGoalUpdate,
  addStep,
  changeGoal,
  changeStep,
  createGoal,
  deleteGoal,
  listGoalTemplates,
  listPairGoals,
  restoreGoal,
  MAX_STEPS,
  type GoalsDeps,
} from './goals.service';
import { GOAL_TEMPLATES } from './goals.templates';

const goalStatus = z.enum(['not-started', 'in-progress', 'done', 'dropped']);
const title = z.string().trim().min(1, 'Give the goal a title').max(200);
const skill = z.string().trim().min(1, 'Name the skill').max(80);
const mentorRole = z.string().trim().min(1, "Say how the mentor will help").max(1000);
const stepText = z.string().trim().min(1, 'A step needs some text').max(300);
const progress = z.number().int().min(0).max(100);
const templateKey = z.enum(GOAL_TEMPLATES.map((t) => t.key) as [string, ...string[]]);

const personSchema = z.object({ id: z.string(), displayName: z.string(), jobTitle: z.string().nullable(), department: z.string().nullable() });

const goalTemplateSchema = z
  .object({
    key: z.string(),
    title: z.string(),
    skill: z.string(),
    actionSteps: z.array(z.string()),
    mentorRole: z.string(),
    durationMonths: z.number().int(),
  })
  .openapi('GoalTemplate');

const goalSchema = z
  .object({
    id: z.string(),
    pairId: z.string(),
    title: z.string(),
    skill: z.string(),
    mentorRole: z.string(),
    targetDate: isoDate.nullable(),
    status: goalStatus,
    progress: z.number().int(),
    progressSource: z.enum(['steps', 'manual']),
    overdue: z.boolean().openapi({ description: 'the target date has passed and the goal is neither done nor dropped' }),
    steps: z.array(z.object({ id: z.string(), position: z.number().int(), text: z.string(), done: z.boolean(), doneAt: isoInstant.nullable() })),
    updates: z
      .array(
        z.object({
          id: z.string(),
          kind: z.enum(['progress', 'milestone']),
          note: z.string(),
          progress: z.number().int().nullable(),
          author: personSchema,
          createdAt: isoInstant,
        }),
      )
      .openapi({ description: 'newest first, at most 20' }),
    templateKey: z.string().nullable(),
    completedAt: isoInstant.nullable(),
    deletedAt: isoInstant.nullable(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .openapi('Goal');

const pairParams = z.object({ pairId: uuid });
const goalParams = z.object({ goalId: uuid });
const stepParams = z.object({ goalId: uuid, stepId: uuid });

const listQuery = z.object({
  includeDeleted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

const createBody = z
  .object({
    title,
    skill,
    actionSteps: z.array(stepText).max(MAX_STEPS).default([]),
    mentorRole,
    targetDate: isoDate.nullable().optional().openapi({ description: 'omitted with a templateKey: today plus the template duration' }),
    status: goalStatus.optional(),
    templateKey: templateKey.nullable().optional(),
  })
  .openapi('NewGoal');

const patchBody = z
  .object({
    title: title.optional(),
    skill: skill.optional(),
    mentorRole: mentorRole.optional(),
    targetDate: isoDate.nullable().optional(),
    status: goalStatus.optional(),
    progress: progress.nullable().optional().openapi({ description: 'a number sets progress by hand; null derives it from the steps again' }),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Send at least one field to change')
  .openapi('GoalChanges');

const stepPatchBody = z
  .object({ done: z.boolean().optional(), text: stepText.optional() })
  .refine((b) => b.done !== undefined || b.text !== undefined, 'Send done, text or both');

const updateBody = z.object({
  kind: z.enum(['progress', 'milestone']),
  note: z.string().trim().min(1, 'Write a short note').max(1000),
  progress: progress.optional(),
});

const tag = 'Goals';

export function goalsRoutes(api: ApiBuilder, deps: GoalsDeps): void {
  api.add({
    method: 'get',
    path: '/api/goal-templates',
    operationId: 'listGoalTemplates',
    summary: 'Starting points for a skill development goal',
    tag,
    access: 'user',
    response: z.array(goalTemplateSchema),
    handler: () => listGoalTemplates(),
  });

  api.add({
    method: 'get',
    path: '/api/pairs/{pairId}/goals',
    operationId: 'listPairGoals',
    summary: "The pair's skill development plan (members)",
    tag,
    access: 'user',
    params: pairParams,
    query: listQuery,
    response: z.array(goalSchema),
    errors: ['not-found'],
    handler: ({ user, params, query }) => listPairGoals(deps, user, params.pairId, query.includeDeleted),
  });

  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/goals',
    operationId: 'createGoal',
    summary: 'Add a goal, from scratch or from a template (members)',
    tag,
    access: 'user',
    params: pairParams,
    body: createBody,
    status: 201,
    response: goalSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => createGoal(deps, user, params.pairId, body),
  });

  api.add({
    method: 'patch',
    path: '/api/goals/{goalId}',
    operationId: 'changeGoal',
    summary: 'Change a goal: wording, target date, status or progress (members)',
    tag,
    access: 'user',
    params: goalParams,
    body: patchBody,
    response: goalSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => changeGoal(deps, user, params.goalId, body),
  });

  api.add({
    method: 'post',
    path: '/api/goals/{goalId}/steps',
    operationId: 'addGoalStep',
    summary: 'Append an action step (members)',
    tag,
    access: 'user',
    params: goalParams,
    body: z.object({ text: stepText }),
    response: goalSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => addStep(deps, user, params.goalId, body.text),
  });

  api.add({
    method: 'patch',
    path: '/api/goals/{goalId}/steps/{stepId}',
    operationId: 'changeGoalStep',
    summary: 'Tick off or reword an action step (members)',
    tag,
    access: 'user',
    params: stepParams,
    body: stepPatchBody,
    response: goalSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => changeStep(deps, user, params.goalId, params.stepId, body),
  });

  api.add({
    method: 'post',
    path: '/api/goals/{goalId}/updates',
    operationId: 'addGoalUpdate',
    summary: 'Record a progress note or a milestone (members)',
    tag,
    access: 'user',
    params: goalParams,
    body: updateBody,
    status: 201,
    response: goalSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => addGoalUpdate(deps, user, params.goalId, body),
  });

  api.add({
    method: 'delete',
    path: '/api/goals/{goalId}',
    operationId: 'deleteGoal',
    summary: 'Delete a goal; it can be restored (members)',
    tag,
    access: 'user',
    params: goalParams,
    response: goalSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => deleteGoal(deps, user, params.goalId),
  });

  api.add({
    method: 'post',
    path: '/api/goals/{goalId}/restore',
    operationId: 'restoreGoal',
    summary: 'Bring back a deleted goal (members)',
    tag,
    access: 'user',
    params: goalParams,
    response: goalSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => restoreGoal(deps, user, params.goalId),
  });
}
