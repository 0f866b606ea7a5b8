import { actionItemSchema } from '../action-items/action-items.routes';
import type { ApiBuilder } from '../http/route';
import { uuid, z } from '../http/zod';
import { getAgendaSuggestions, listAgendaTopics, type AgendaDeps } from './agenda.service';

const agendaTopicSchema = z
  .object({ key: z.string(), title: z.string(), prompts: z.array(z.string()) })
  .openapi('AgendaTopic');

const agendaSuggestionsSchema = z
  .object({
    topics: z.array(agendaTopicSchema),
    openActionItems: z.array(actionItemSchema).openapi({ description: "the pair's open action items, overdue first" }),
    goalsInProgress: z.array(z.object({ id: z.string(), title: z.string(), progress: z.number().int() })),
  })
  .openapi('AgendaSuggestions');

const tag = 'Check-ins';

export function agendaRoutes(api: ApiBuilder, deps: AgendaDeps): void {
  api.add({
    method: 'get',
    path: '/api/agenda-topics',
    operationId: 'listAgendaTopics',
    summary: 'Conversation topics for a check-in, each with a few prompts',
    tag,
    access: 'user',
    response: z.array(agendaTopicSchema),
    handler: () => listAgendaTopics(),
  });

  api.add({
    method: 'get',
    path: '/api/meetings/{meetingId}/agenda-suggestions',
    operationId: 'getAgendaSuggestions',
    summary: 'What to carry into this check-in: topics, open action items, goals in progress (members)',
    tag,
    access: 'user',
    params: z.object({ meetingId: uuid }),
    response: agendaSuggestionsSchema,
    errors: ['not-found'],
    handler: ({ user, params }) => getAgendaSuggestions(deps, user, params.meetingId),
  });
}
