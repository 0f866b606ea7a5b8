import type { ApiClient } from '../api/client';

// The activity feed, read state, notification settings and the pulse survey
// (docs/nudges.md, "HTTP API").

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** an in-tab path such as `/tab/pairs/{id}` */
  link: string;
  linkLabel: string;
  /** when it reached the feed (ISO instant) */
  at: string;
  readAt: string | null;
  pairId: string | null;
  /** set for pulse-survey notifications, which can be answered in the feed */
  survey: { pairId: string; answered: boolean } | null;
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  unread: number;
}

export interface NotificationGroupSetting {
  group: string;
  label: string;
  description: string;
  enabled: boolean;
  canDisable: boolean;
}

export interface NotificationSettings {
  groups: NotificationGroupSetting[];
  quietHours: { from: string; until: string };
  /** IANA; UTC when the person hasn't set one */
  timeZone: string;
  weeklyBudget: number;
  teams: { botConfigured: boolean; installed: boolean };
}

export interface PulseAnswer {
  satisfaction: number;
  comment?: string;
}

export const PAGE_SIZE = 20;
export const PULSE_COMMENT_MAX = 1000;

export const listNotifications = (api: ApiClient, cursor: string | null, signal?: AbortSignal) => {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return api.request<NotificationPage>(`/api/notifications?${query.toString()}`, { signal });
};

export const unreadCount = (api: ApiClient, signal?: AbortSignal) =>
  api.request<{ unread: number }>('/api/notifications/unread-count', { signal });

export const markRead = (api: ApiClient, id: string) =>
  api.request<void>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });

export const markAllRead = (api: ApiClient) => api.request<void>('/api/notifications/read-all', { method: 'POST' });

export const getNotificationSettings = (api: ApiClient, signal?: AbortSignal) =>
  api.request<NotificationSettings>('/api/me/notification-settings', { signal });

/** Only the groups named change; the answer is the whole settings view. */
export const saveNotificationSettings = (api: ApiClient, groups: Record<string, boolean>) =>
  api.request<NotificationSettings>('/api/me/notification-settings', { method: 'PUT', body: { groups } });

export const sendPulse = (api: ApiClient, pairId: string, answer: PulseAnswer) =>
  api.request<{ id: string }>(`/api/pairs/${encodeURIComponent(pairId)}/pulse`, { method: 'POST', body: answer });

export const isUnread = (item: NotificationView) => item.readAt === null;
