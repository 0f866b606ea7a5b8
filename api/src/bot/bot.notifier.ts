import { CardFactory, MessageFactory, type CloudAdapterBase } from 'botbuilder';
import type { Logger } from 'pino';
import type { RenderedNotification, TeamsNotifier } from '../notifications/teams-notifier';
import { notificationCard } from './bot.cards';
import { conversationOf, forgetConversation, type BotServiceDeps } from './bot.service';

export interface BotNotifierDeps extends BotServiceDeps {
  adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>;
  appId: string;
  logger: Logger;
}

/**
 * The Bot Framework answers 403 when the bot is no longer in the chat (uninstalled, blocked, or
 * disabled by an admin) and 404 when the conversation is gone: Tandem is no longer installed for
 * them, whatever we missed of the uninstall.
 */
function conversationGone(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return status === 403 || status === 404;
}

/** Delivers a nudge to the person's personal chat with the bot, as a card they can act on. */
export function createBotNotifier(deps: BotNotifierDeps): TeamsNotifier {
  return {
    async send(userId: string, notification: RenderedNotification) {
      const reference = await conversationOf(deps, userId);
      if (!reference) return 'no-conversation';
      const activity = MessageFactory.attachment(CardFactory.adaptiveCard(notificationCard(notification, userId)));
      // The chat list and the toast show the summary; the card is the message itself.
      activity.summary = notification.title;
      // The adapter hands errors inside the turn to its turn-error handler, which would swallow
      // them; the delivery needs to see them to retry, so they are caught here and re-thrown.
      let failure: { error: unknown } | null = null;
      await deps.adapter.continueConversationAsync(deps.appId, reference, async (context) => {
        try {
          await context.sendActivity(activity);
        } catch (error) {
          failure = { error };
        }
      });
      if (failure === null) return 'sent';
      const { error } = failure as { error: unknown };
      if (!conversationGone(error)) throw error;
      deps.logger.info({ userId, notificationId: notification.id }, 'bot conversation is gone; forgetting it');
      await forgetConversation(deps, userId);
      return 'no-conversation';
    },
  };
}
