import type { NotificationKind } from './kinds';
import type { NotificationText } from './texts';

/** One notification as the person will read it, ready for a Teams card. */
export interface RenderedNotification extends NotificationText {
  id: string;
  kind: NotificationKind;
  /** the stored payload (ids the card's actions need: requestId, meetingId, actionItemId, pairId …) */
  payload: Record<string, unknown>;
}

/**
 * Pushes a notification to a person in Teams (docs/nudges.md, "Delivery rules" 5). The bot
 * implements it (api/src/bot); without a bot there is no notifier and everything stays in the feed.
 */
export interface TeamsNotifier {
  /**
   * 'sent': the bot message is in their personal chat. 'no-conversation': Tandem isn't
   * installed for them, so the feed is the only place it lives. Throws on a failure worth
   * retrying (network, throttling, the Bot Framework being down).
   */
  send(userId: string, notification: RenderedNotification): Promise<'sent' | 'no-conversation'>;
}
