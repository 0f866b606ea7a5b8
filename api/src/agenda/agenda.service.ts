import type { Kysely } from 'kysely';
import { openActionItemsOfPair } from '../action-items/action-items.service';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { requireMeetingAccess } from '../pairs/pair-access';
import type { CurrentUser } from '../users/users.service';
import { goalsInProgressOfPair } from './agenda.queries';
import { AGENDA_TOPICS, GOAL_PROGRESS, REVIEW_ACTION_ITEMS, type AgendaTopic } from './agenda.topics';

export interface AgendaDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export function listAgendaTopics(): AgendaTopic[] {
  return AGENDA_TOPICS.map(copyTopic);
}

/**
 * What to carry into a check-in. The two review topics lead when there is something to review
 * and are left out when there is not; the conversation topics always follow.
 */
export async function getAgendaSuggestions(deps: AgendaDeps, user: CurrentUser, meetingId: string) {
  const access = await requireMeetingAccess(deps.db, user, meetingId);
  const [openActionItems, goalsInProgress] = await Promise.all([openActionItemsOfPair(deps, access), goalsInProgressOfPair(deps.db, access.pairId)]);
  const byKey = new Map(AGENDA_TOPICS.map((t) => [t.key, t]));
  const review = [
    ...(openActionItems.length > 0 ? [byKey.get(REVIEW_ACTION_ITEMS)] : []),
    ...(goalsInProgress.length > 0 ? [byKey.get(GOAL_PROGRESS)] : []),
  ].filter((t): t is AgendaTopic => t !== undefined);
  const conversation = AGENDA_TOPICS.filter((t) => t.key !== REVIEW_ACTION_ITEMS && t.key !== GOAL_PROGRESS);
  return {
    topics: [...review, ...conversation].map(copyTopic),
    openActionItems,
    goalsInProgress: goalsInProgress.map((g) => ({ id: g.id, title: g.title, progress: g.progress })),
  };
}

function copyTopic(topic: AgendaTopic): AgendaTopic {
  return { key: topic.key, title: topic.title, prompts: [...topic.prompts] };
}

