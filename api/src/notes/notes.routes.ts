import type { ApiBuilder } from '../http/route';
import { isoInstant, uuid, z } from '../http/zod';
import { getMyPrivateNote, putMyPrivateNote, type NotesDeps } from './notes.service';

const privateNoteSchema = z
  .object({
    body: z.string().openapi({ description: 'empty when I have no note on this check-in' }),
    updatedAt: isoInstant.nullable(),
  })
  .openapi('PrivateNote');

const meetingParams = z.object({ meetingId: uuid });
const tag = 'Check-ins';

export function notesRoutes(api: ApiBuilder, deps: NotesDeps): void {
  api.add({
    method: 'get',
    path: '/api/meetings/{meetingId}/private-note',
    operationId: 'getMyPrivateNote',
    summary: 'My private note on a check-in; only its author can ever read it (members)',
    tag,
    access: 'user',
    params: meetingParams,
    response: privateNoteSchema,
    errors: ['not-found'],
    handler: ({ user, params }) => getMyPrivateNote(deps, user, params.meetingId),
  });

  api.add({
    method: 'put',
    path: '/api/meetings/{meetingId}/private-note',
    operationId: 'putMyPrivateNote',
    summary: 'Write my private note on a check-in; an empty body deletes it (members)',
    tag,
    access: 'user',
    params: meetingParams,
    body: z.object({ body: z.string().max(10000) }).openapi('PrivateNoteBody'),
    response: privateNoteSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => putMyPrivateNote(deps, user, params.meetingId, body.body),
  });
}
