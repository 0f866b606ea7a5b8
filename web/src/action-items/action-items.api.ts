import type { ApiClient } from '../api/client';
import { compareIso } from '../app/format';
import type { Person } from '../pairs/pairs.api';

// Action items: /api/pairs/{pairId}/action-items, /api/action-items/{id}, /api/me/action-items
// (docs/checkins-api.md, "During and after a check-in").

export interface ActionItem {
  id: string;
  pairId: string;
  /** The check-in it came out of, if any. */
  meetingId: string | null;
  text: string;
  owner: Person;
  /** "YYYY-MM-DD" */
  dueOn: string | null;
  done: boolean;
  doneAt: string | null;
  overdue: boolean;
  createdAt: string;
}

export type ActionItemFilter = 'open' | 'done' | 'all';

export interface NewActionItem {
  text: string;
  ownerId: string;
  dueOn?: string;
  meetingId?: string;
}

export interface ActionItemChanges {
  text?: string;
  ownerId?: string;
  dueOn?: string | null;
  done?: boolean;
}

export const listActionItems = (api: ApiClient, pairId: string, status: ActionItemFilter = 'open', signal?: AbortSignal) =>
  api.request<ActionItem[]>(`/api/pairs/${encodeURIComponent(pairId)}/action-items?status=${status}`, { signal });

export const listMyActionItems = (api: ApiClient, signal?: AbortSignal) =>
  api.request<ActionItem[]>('/api/me/action-items?status=open', { signal });

export const createActionItem = (api: ApiClient, pairId: string, body: NewActionItem) =>
  api.request<ActionItem>(`/api/pairs/${encodeURIComponent(pairId)}/action-items`, { method: 'POST', body });

export const updateActionItem = (api: ApiClient, id: string, body: ActionItemChanges) =>
  api.request<ActionItem>(`/api/action-items/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const deleteActionItem = (api: ApiClient, id: string) =>
  api.request<void>(`/api/action-items/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Open items first (overdue, then by due date, undated last), then done ones (latest first). */
export function sortActionItems(items: ActionItem[]): ActionItem[] {
  return [...items].sort(
    (a, b) =>
      Number(a.done) - Number(b.done) ||
      (a.done
        ? compareIso(b.doneAt ?? '', a.doneAt ?? '')
        : Number(b.overdue) - Number(a.overdue) ||
          compareIso(a.dueOn ?? '9999', b.dueOn ?? '9999') ||
          compareIso(a.createdAt, b.createdAt)),
  );
}

/** The item as the server will have it after ticking or unticking (for an optimistic update). */
export function withDone(item: ActionItem, done: boolean): ActionItem {
  return { ...item, done, doneAt: done ? new Date().toISOString() : null, overdue: done ? false : item.overdue };
}
