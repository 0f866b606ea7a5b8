import type { ApiClient } from '../api/client';
import type { Person } from '../pairs/pairs.api';

// Introductions a mentee asks their mentor for (docs/journey-api.md).

export type IntroductionStatus = 'requested' | 'made' | 'declined';

export interface Introduction {
  id: string;
  pairId: string;
  requestedBy: Person;
  contactName: string;
  contactRole: string | null;
  reason: string;
  status: IntroductionStatus;
  note: string | null;
  createdAt: string;
  respondedAt: string | null;
}

export interface NewIntroduction {
  contactName: string;
  contactRole?: string;
  reason: string;
}

export interface IntroductionResponse {
  status: 'made' | 'declined';
  note?: string;
}

export const listIntroductions = (api: ApiClient, pairId: string, signal?: AbortSignal) =>
  api.request<Introduction[]>(`/api/pairs/${encodeURIComponent(pairId)}/introductions`, { signal });

export const requestIntroduction = (api: ApiClient, pairId: string, body: NewIntroduction) =>
  api.request<Introduction>(`/api/pairs/${encodeURIComponent(pairId)}/introductions`, { method: 'POST', body });

export const respondToIntroduction = (api: ApiClient, introductionId: string, body: IntroductionResponse) =>
  api.request<Introduction>(`/api/introductions/${encodeURIComponent(introductionId)}/respond`, { method: 'POST', body });
