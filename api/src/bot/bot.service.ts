import type { Activity, ConversationReference } from 'botbuilder';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import { isUniqueViolation } from '../db/database';
import type { Database } from '../db/schema';
import { findKnownUser, type CurrentUser } from '../users/users.service';
import { deleteConversation, findConversation, insertConversation, updateConversation } from './bot.queries';

export interface BotServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  adminEmails: string[];
}

/**
 * Who wrote an activity, as Entra knows them. Teams puts the tenant on the conversation and,
 * for older clients, only in channelData; both are checked.
 */
export function entraIdentityOf(activity: Partial<Activity>): { objectId: string; tenantId: string } | null {
  const objectId = activity.from?.aadObjectId;
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = activity.conversation?.tenantId ?? (typeof channelTenant === 'string' ? channelTenant : undefined);
  if (!objectId || !tenantId) return null;
  return { objectId: objectId.toLowerCase(), tenantId: tenantId.toLowerCase() };
}

/** A one-to-one chat with the bot; group chats and channels are not where Tandem talks. */
export function isPersonalConversation(activity: Partial<Activity>): boolean {
  const conversation = activity.conversation;
  if (!conversation) return false;
  if (conversation.conversationType) return conversation.conversationType === 'personal';
  return conversation.isGroup !== true;
}

/**
 * The same `CurrentUser` the API builds from a token, found from the Teams account. Only people
 * who have signed in to the tab exist: the bot never creates anyone, since an activity carries no
 * verified email. The bot sees no app roles, so admins are the configured admin emails.
 */
export async function findBotUser(deps: BotServiceDeps, activity: Partial<Activity>): Promise<CurrentUser | null> {
  const identity = entraIdentityOf(activity);
  if (!identity) return null;
  return findKnownUser(deps, identity.tenantId, identity.objectId);
}

/** Keeps the latest reference to the person's personal chat, for proactive messages. */
export async function rememberConversation(deps: BotServiceDeps, userId: string, reference: Partial<ConversationReference>): Promise<void> {
  const json = JSON.stringify(reference);
  const now = deps.clock.now().toISOString();
  if ((await updateConversation(deps.db, userId, json, now)) > 0) return;
  try {
    await insertConversation(deps.db, userId, json, now);
  } catch (error) {
    // A second activity of the same person stored it a moment ago; the newest reference wins.
    if (!isUniqueViolation(error)) throw error;
    await updateConversation(deps.db, userId, json, now);
  }
}

export async function forgetConversation(deps: BotServiceDeps, userId: string): Promise<void> {
  await deleteConversation(deps.db, userId);
}

export async function conversationOf(deps: Pick<BotServiceDeps, 'db'>, userId: string): Promise<Partial<ConversationReference> | null> {
  const row = await findConversation(deps.db, userId);
  if (!row) return null;
  try {
    return JSON.parse(row.reference) as Partial<ConversationReference>;
  } catch {
    return null;
  }
}
