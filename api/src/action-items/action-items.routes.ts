import type { ApiBuilder } from '../http/route';
import { isoDate, isoInstant, uuid, z } from '../http/zod';
import { personSchema } from '../pairs/pairs.routes';
import {
  changeActionItem,
  createActionItem,
  deleteActionItem,
  listMyActionItems,
  listPairActionItems,
  type ActionItemsDeps,
} from './action-items.service';

export const actionItemSchema = z
  .object({
    id: z.string(),
    pairId: z.string(),
    meetingId: z.string().nullable(),
    text: z.string(),
    owner: personSchema,
    dueOn: isoDate.nullable(),
    done: z.boolean(),
    doneAt: isoInstant.nullable(),
    overdue: z.boolean().openapi({ description: 'not done and due before today (UTC)' }),
    createdAt: isoInstant,
  })
  .openapi('ActionItem');

const text = z.string().trim().min(1, 'Write what needs doing').max(500);
const statusQuery = z.object({
  status: z.enum(['open', 'done', 'all']).default('open').openapi({ description: 'open (the default), done or all' }),
});

const createBody = z
  .object({
    text,
    ownerId: uuid.openapi({ description: 'the mentor or the mentee of this pair' }),
    dueOn: isoDate.nullable().optional(),
    meetingId: uuid.nullable().optional().openapi({ description: 'the check-in of this pair it came from' }),
  })
  .openapi('NewActionItem');

const patchBody = z
  .object({
    text: text.optional(),
    ownerId: uuid.optional(),
    dueOn: isoDate.nullable().optional(),
    done: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Send at least one field to change')
  .openapi('ActionItemChanges');

const tag = 'Action items';

export function actionItemsRoutes(api: ApiBuilder, deps: ActionItemsDeps): void {
  api.add({
    method: 'get',
    path: '/api/pairs/{pairId}/action-items',
    operationId: 'listPairActionItems',
    summary: "The pair's action items (members); open ones by default, overdue first",
    tag,
    access: 'user',
    params: z.object({ pairId: uuid }),
    query: statusQuery,
    response: z.array(actionItemSchema),
    errors: ['not-found'],
    handler: ({ user, params, query }) => listPairActionItems(deps, user, params.pairId, query.status),
  });

  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/action-items',
    operationId: 'createActionItem',
    summary: 'Add an action item for either member (members)',
    tag,
    access: 'user',
    params: z.object({ pairId: uuid }),
    body: createBody,
    status: 201,
    response: actionItemSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => createActionItem(deps, user, params.pairId, body),
  });

  api.add({
    method: 'patch',
    path: '/api/action-items/{id}',
    operationId: 'changeActionItem',
    summary: 'Reword, reassign, re-date or tick off an action item (members)',
    tag,
    access: 'user',
    params: z.object({ id: uuid }),
    body: patchBody,
    response: actionItemSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => changeActionItem(deps, user, params.id, body),
  });

  api.add({
    method: 'delete',
    path: '/api/action-items/{id}',
    operationId: 'deleteActionItem',
    summary: 'Delete an action item for good (members)',
    tag,
    access: 'user',
    params: z.object({ id: uuid }),
    status: 204,
    response: z.void(),
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => deleteActionItem(deps, user, params.id),
  });

  api.add({
    method: 'get',
    path: '/api/me/action-items',
    operationId: 'listMyActionItems',
    summary: 'Action items I own in my active and paused pairs; open ones by default, overdue first',
    tag,
    access: 'user',
    query: statusQuery,
    response: z.array(actionItemSchema),
    handler: ({ user, query }) => listMyActionItems(deps, user, query.status),
  });
}
