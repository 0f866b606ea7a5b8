import type { ApiClient } from '../api/client';

// The caller's private calendar subscription (docs/checkins-api.md, "Calendar files").

export interface CalendarFeed {
  url: string;
  createdAt: string;
}

/** Created on the first call. */
export const getCalendarFeed = (api: ApiClient, signal?: AbortSignal) =>
  api.request<CalendarFeed>('/api/calendar/feed', { signal });

/** A new link; the old one stops working at once. */
export const rotateCalendarFeed = (api: ApiClient) => api.request<CalendarFeed>('/api/calendar/feed/rotate', { method: 'POST' });
