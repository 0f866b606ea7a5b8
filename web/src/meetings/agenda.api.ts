import type { ApiClient } from '../api/client';
import { isApiError } from '../api/client';
import type { ActionItem } from '../action-items/action-items.api';

// Preparing a check-in: topics, carry-over suggestions and my private note
// (docs/checkins-api.md, "During and after a check-in").

export interface AgendaTopic {
  key: string;
  title: string;
  prompts: string[];
}

export interface AgendaSuggestions {
  topics: AgendaTopic[];
  openActionItems: ActionItem[];
  goalsInProgress: { id: string; title: string; progress: number }[];
}

export interface PrivateNote {
  body: string;
  updatedAt: string | null;
}

export const listAgendaTopics = (api: ApiClient, signal?: AbortSignal) =>
  api.request<AgendaTopic[]>('/api/agenda-topics', { signal });

export const getAgendaSuggestions = (api: ApiClient, meetingId: string, signal?: AbortSignal) =>
  api.request<AgendaSuggestions>(`/api/meetings/${encodeURIComponent(meetingId)}/agenda-suggestions`, { signal });

/** My private note on a check-in; none yet reads as an empty note. */
export async function getPrivateNote(api: ApiClient, meetingId: string, signal?: AbortSignal): Promise<PrivateNote> {
  try {
    return await api.request<PrivateNote>(`/api/meetings/${encodeURIComponent(meetingId)}/private-note`, { signal });
  } catch (error) {
    if (isApiError(error, 404)) return { body: '', updatedAt: null };
    throw error;
  }
}

/** Saves my private note; an empty body deletes it. */
export const putPrivateNote = (api: ApiClient, meetingId: string, body: string) =>
  api.request<PrivateNote>(`/api/meetings/${encodeURIComponent(meetingId)}/private-note`, { method: 'PUT', body: { body } });
