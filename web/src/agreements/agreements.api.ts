import type { ApiClient } from '../api/client';
import type { Cadence } from '../api/types';

// GET/PUT /api/pairs/{pairId}/agreement (docs/journey-api.md).

export type Channel = 'teams-chat' | 'email' | 'call' | 'in-person';

export interface AgreementAnswers {
  meetingFrequency: Cadence;
  communicationChannel: Channel;
  goals: string;
  feedbackStyle: string;
  boundaries: string;
}

export type AgreementField = keyof AgreementAnswers;

export interface SubmittedAnswers extends AgreementAnswers {
  submittedAt: string;
}

export interface Agreement {
  mine: SubmittedAnswers | null;
  partner: SubmittedAnswers | null;
  mismatches: AgreementField[];
  agreed: boolean;
  agreedAt: string | null;
}

const path = (pairId: string) => `/api/pairs/${encodeURIComponent(pairId)}/agreement`;

export const getAgreement = (api: ApiClient, pairId: string, signal?: AbortSignal) =>
  api.request<Agreement>(path(pairId), { signal });

export const saveAgreement = (api: ApiClient, pairId: string, answers: AgreementAnswers) =>
  api.request<Agreement>(path(pairId), { method: 'PUT', body: answers });

/** Just the answer fields of a submission (drops `submittedAt`), ready to PUT again. */
export function answersOf(submitted: SubmittedAnswers): AgreementAnswers {
  const { meetingFrequency, communicationChannel, goals, feedbackStyle, boundaries } = submitted;
  return { meetingFrequency, communicationChannel, goals, feedbackStyle, boundaries };
}
