import type { ApiClient } from '../api/client';
import type { Cadence, PairStatus } from '../api/types';

// GET /api/pairs/{pairId} and the lifecycle actions (docs/journey-api.md, "Pairs … surveys").

/** Someone in a pair, as the API shows them to the other member. */
export interface Person {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}

export type PairViewer = 'mentor' | 'mentee' | 'admin';
export type EndReason = 'mismatched-expectations' | 'lack-of-time' | 'communication' | 'goals-met' | 'other';
export type AgreementStatus = 'none' | 'partial' | 'agreed';

/** A member as the pair page sees them: with the zone they work in for this program. */
export interface PairMember extends Person {
  timeZone: string | null;
}

export interface PairDetail {
  viewer: PairViewer;
  id: string;
  program: { id: string; name: string; defaultCadence: Cadence };
  mentor: PairMember;
  mentee: PairMember;
  /** The other member; null when a program admin who isn't in the pair is looking. */
  partner: PairMember | null;
  status: PairStatus;
  startedAt: string;
  pausedAt: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
  agreement: { status: AgreementStatus; agreedCadence: Cadence | null };
  goals: { total: number; done: number; inProgress: number; overdue: number };
  introductions: { requested: number; made: number };
  nextMeeting: { start: string; end: string } | null;
  survey: { required: boolean; submitted: boolean };
}

/** The pair as one of its two members sees it. */
export interface MemberPairDetail extends PairDetail {
  viewer: 'mentor' | 'mentee';
  partner: PairMember;
}

export function isMemberView(pair: PairDetail): pair is MemberPairDetail {
  return pair.viewer !== 'admin' && pair.partner !== null;
}

export interface EndPairRequest {
  reason: EndReason;
  note?: string;
}

export interface SurveyAnswers {
  satisfaction: number;
  recommend: number;
  skillsGained: boolean;
  newContacts: boolean;
  promotion: boolean;
  confidence: number;
  comment?: string;
}

const base = (pairId: string) => `/api/pairs/${encodeURIComponent(pairId)}`;

export const getPair = (api: ApiClient, pairId: string, signal?: AbortSignal) =>
  api.request<PairDetail>(base(pairId), { signal });

export const pausePair = (api: ApiClient, pairId: string) =>
  api.request<PairDetail>(`${base(pairId)}/pause`, { method: 'POST' });

export const resumePair = (api: ApiClient, pairId: string) =>
  api.request<PairDetail>(`${base(pairId)}/resume`, { method: 'POST' });

export const completePair = (api: ApiClient, pairId: string) =>
  api.request<PairDetail>(`${base(pairId)}/complete`, { method: 'POST' });

export const endPair = (api: ApiClient, pairId: string, body: EndPairRequest) =>
  api.request<PairDetail>(`${base(pairId)}/end`, { method: 'POST', body });

export const submitSurvey = (api: ApiClient, pairId: string, body: SurveyAnswers) =>
  api.request<{ id: string }>(`${base(pairId)}/survey`, { method: 'POST', body });

/** Completed and ended pairs are read-only. */
export function isClosed(status: PairStatus): boolean {
  return status === 'completed' || status === 'ended';
}
