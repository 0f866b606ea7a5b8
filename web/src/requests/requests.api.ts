import type { ApiClient } from '../api/client';

export interface Person {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}

export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'closed';

export interface MentorshipRequest {
  id: string;
  program: { id: string; name: string };
  mentee: Person;
  mentor: Person;
  message: string;
  status: RequestStatus;
  declineReason: string | null;
  createdAt: string;
  respondedAt: string | null;
  pairId: string | null;
}

export type Direction = 'incoming' | 'outgoing';

/** Message length rules (after trimming). */
export const MESSAGE_MIN = 20;
export const MESSAGE_MAX = 1000;
export const DECLINE_REASON_MAX = 500;

export const listRequests = (api: ApiClient, direction?: Direction, signal?: AbortSignal) =>
  api.request<MentorshipRequest[]>(`/api/requests${direction ? `?direction=${direction}` : ''}`, { signal });

export const sendRequest = (api: ApiClient, programId: string, input: { mentorId: string; message: string }) =>
  api.request<MentorshipRequest>(`/api/programs/${encodeURIComponent(programId)}/requests`, { method: 'POST', body: input });

export const acceptRequest = (api: ApiClient, requestId: string) =>
  api.request<{ pairId: string }>(`/api/requests/${encodeURIComponent(requestId)}/accept`, { method: 'POST' });

export const declineRequest = (api: ApiClient, requestId: string, reason?: string) =>
  api.request<MentorshipRequest>(`/api/requests/${encodeURIComponent(requestId)}/decline`, {
    method: 'POST',
    body: reason ? { reason } : {},
  });

export const withdrawRequest = (api: ApiClient, requestId: string) =>
  api.request<MentorshipRequest>(`/api/requests/${encodeURIComponent(requestId)}/withdraw`, { method: 'POST' });
