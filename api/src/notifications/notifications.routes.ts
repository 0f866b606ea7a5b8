import type { ApiBuilder } from '../http/route';
import { isoInstant, uuid, z } from '../http/zod';
import { NOTIFICATION_KINDS, PREFERENCE_GROUPS } from './kinds';
import {
  changeNotificationSettings,
  listFeed,
  notificationSettings,
  readAllNotifications,
  readNotification,
  unreadCount,
  type NotificationsDeps,
} from './notifications.service';

const notificationSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ description: `one of ${NOTIFICATION_KINDS.join(', ')}` }),
    title: z.string(),
    body: z.string(),
    link: z.string().openapi({ description: 'in-tab path, e.g. /tab/pairs/{pairId}' }),
    linkLabel: z.string(),
    at: isoInstant.openapi({ description: 'when it reached the feed' }),
    readAt: isoInstant.nullable(),
    pairId: z.string().nullable(),
    survey: z
      .object({ pairId: z.string(), answered: z.boolean() })
      .nullable()
      .openapi({ description: 'for pulse-survey: answerable in the feed' }),
  })
  .openapi('Notification');

const feedSchema = z
  .object({ items: z.array(notificationSchema), nextCursor: z.string().nullable(), unread: z.number().int() })
  .openapi('NotificationFeed');

const feedQuery = z.object({
  cursor: z.string().min(1).max(200).optional().openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const settingsSchema = z
  .object({
    groups: z.array(
      z.object({
        group: z.enum(PREFERENCE_GROUPS),
        label: z.string(),
        description: z.string(),
        enabled: z.boolean(),
        canDisable: z.boolean(),
      }),
    ),
    quietHours: z.object({ from: z.string(), until: z.string() }),
    timeZone: z.string(),
    weeklyBudget: z.number().int(),
    teams: z.object({ botConfigured: z.boolean(), installed: z.boolean() }),
  })
  .openapi('NotificationSettings');

// Unknown groups are checked by the service, so each one is named (`groups.{name}`) in the 400.
const settingsBody = z
  .object({
    groups: z.record(z.string(), z.boolean()).openapi({ description: `group → on/off; groups: ${PREFERENCE_GROUPS.join(', ')}` }),
  })
  .openapi('NotificationSettingsChange');

const tag = 'Notifications';

export function notificationsRoutes(api: ApiBuilder, deps: NotificationsDeps): void {
  api.add({
    method: 'get',
    path: '/api/notifications',
    operationId: 'listNotifications',
    summary: 'My activity feed, newest first (keyset pages)',
    tag,
    access: 'user',
    query: feedQuery,
    response: feedSchema,
    handler: ({ user, query }) => listFeed(deps, user, query),
  });

  api.add({
    method: 'get',
    path: '/api/notifications/unread-count',
    operationId: 'countUnreadNotifications',
    summary: 'How many notifications in my feed are unread',
    tag,
    access: 'user',
    response: z.object({ unread: z.number().int() }),
    handler: ({ user }) => unreadCount(deps, user),
  });

  api.add({
    method: 'post',
    path: '/api/notifications/{id}/read',
    operationId: 'readNotification',
    summary: 'Mark one of my notifications read (idempotent)',
    tag,
    access: 'user',
    params: z.object({ id: uuid }),
    status: 204,
    response: z.void(),
    errors: ['not-found'],
    handler: ({ user, params }) => readNotification(deps, user, params.id),
  });

  api.add({
    method: 'post',
    path: '/api/notifications/read-all',
    operationId: 'readAllNotifications',
    summary: 'Mark every notification in my feed read',
    tag,
    access: 'user',
    status: 204,
    response: z.void(),
    handler: ({ user }) => readAllNotifications(deps, user),
  });

  api.add({
    method: 'get',
    path: '/api/me/notification-settings',
    operationId: 'getNotificationSettings',
    summary: 'Which notifications I get, quiet hours and Teams delivery',
    tag,
    access: 'user',
    response: settingsSchema,
    handler: ({ user }) => notificationSettings(deps, user),
  });

  api.add({
    method: 'put',
    path: '/api/me/notification-settings',
    operationId: 'changeNotificationSettings',
    summary: 'Switch notification groups on or off',
    tag,
    access: 'user',
    body: settingsBody,
    response: settingsSchema,
    handler: ({ user, body }) => changeNotificationSettings(deps, user, body.groups),
  });
}
