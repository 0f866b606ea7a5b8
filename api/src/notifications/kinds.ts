/**
 * Every kind of notification Tandem sends, with what the delivery rules need to know about it
 * (docs/nudges.md). The single list the scheduler, the feed, the preferences, the bot's cards
 * and the tab's settings read — a new kind is added here first.
 */

export const NOTIFICATION_KINDS = [
  'meeting-reminder-24h',
  'meeting-reminder-15m',
  'meeting-confirm',
  'action-due-tomorrow',
  'action-overdue',
  'cadence-lapsed',
  'request-received',
  'request-waiting',
  'request-answered',
  'goal-completed',
  'milestone',
  'pulse-survey',
  'dormant-pair',
  'pair-created',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What a person switches on or off in their settings: one switch per group, so the list stays
 * short. `meeting-reminders` is the "reminders for meetings they booked" switch, outside the
 * weekly budget.
 */
export const PREFERENCE_GROUPS = ['meeting-reminders', 'check-in-follow-up', 'action-items', 'relationship', 'requests', 'celebrations', 'surveys'] as const;
export type PreferenceGroup = (typeof PREFERENCE_GROUPS)[number];

export interface KindRules {
  group: PreferenceGroup;
  /**
   * high: someone is waiting on this person, or it is about a meeting they booked — it reaches
   * Teams even over the weekly budget. low: a helpful nudge — over budget it stays in the feed.
   */
  priority: 'high' | 'low';
  /** counts against the weekly budget of Teams messages (meeting reminders have their own switch) */
  budgeted: boolean;
  /** held back during the person's quiet hours (20:00–08:00 local) and delivered at 08:00 */
  quietHours: boolean;
  /** can be switched off (a new pair or an answered request is always worth knowing) */
  optional: boolean;
}

export const KIND_RULES: Readonly<Record<NotificationKind, KindRules>> = {
  'meeting-reminder-24h': { group: 'meeting-reminders', priority: 'high', budgeted: false, quietHours: true, optional: true },
  // 15 minutes before a meeting the person booked at that hour: deferring it would make it useless.
  'meeting-reminder-15m': { group: 'meeting-reminders', priority: 'high', budgeted: false, quietHours: false, optional: true },
  'meeting-confirm': { group: 'check-in-follow-up', priority: 'low', budgeted: true, quietHours: true, optional: true },
  'action-due-tomorrow': { group: 'action-items', priority: 'low', budgeted: true, quietHours: true, optional: true },
  'action-overdue': { group: 'action-items', priority: 'low', budgeted: true, quietHours: true, optional: true },
  'cadence-lapsed': { group: 'relationship', priority: 'low', budgeted: true, quietHours: true, optional: true },
  'dormant-pair': { group: 'relationship', priority: 'high', budgeted: true, quietHours: true, optional: false },
  'request-received': { group: 'requests', priority: 'high', budgeted: true, quietHours: true, optional: false },
  'request-waiting': { group: 'requests', priority: 'low', budgeted: true, quietHours: true, optional: true },
  'request-answered': { group: 'requests', priority: 'high', budgeted: true, quietHours: true, optional: false },
  'goal-completed': { group: 'celebrations', priority: 'low', budgeted: true, quietHours: true, optional: true },
  milestone: { group: 'celebrations', priority: 'low', budgeted: true, quietHours: true, optional: true },
  'pulse-survey': { group: 'surveys', priority: 'low', budgeted: true, quietHours: true, optional: true },
  'pair-created': { group: 'relationship', priority: 'high', budgeted: true, quietHours: true, optional: false },
};

/** Teams messages per person per rolling 7 days, meeting reminders aside (issue 7, "Etiquette"). */
export const WEEKLY_BUDGET = 3;
/** Teams messages per person per minute, whatever their kind. */
export const PER_MINUTE_LIMIT = 10;
/** Quiet hours, local time: nothing is pushed from 20:00 until 08:00. */
export const QUIET_FROM_HOUR = 20;
export const QUIET_UNTIL_HOUR = 8;
/** A failing Teams send is tried this many times, then the notification stays in the feed only. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/**
 * What a rule asks to send (api/src/nudges). `dedupeKey` makes it exactly-once: the same key is
 * never stored twice, whichever instance or run produced it.
 */
export interface NudgeDraft {
  userId: string;
  kind: NotificationKind;
  dedupeKey: string;
  pairId: string | null;
  /** facts the texts need (names, titles, dates) — never private notes */
  payload: Record<string, unknown>;
  /** not before this instant (quiet hours may push it later) */
  notBefore: string;
}
