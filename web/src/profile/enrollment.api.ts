import type { ApiClient } from '../api/client';
import type { Cadence, PairRole } from '../api/types';

export type Channel = 'teams-chat' | 'email' | 'call' | 'in-person';
export type Availability = 'open' | 'paused';

/** My enrolment in one program (GET/PUT /api/programs/{id}/enrollment). Skills and values are labels. */
export interface Enrollment {
  programId: string;
  role: PairRole;
  status: 'active' | 'withdrawn';
  skillsOffered: string[];
  skillsWanted: string[];
  values: string[];
  goals: string | null;
  yearsExperience: number | null;
  capacity: number;
  timezone: string | null;
  preferredFrequency: Cadence | null;
  preferredChannel: Channel | null;
  availability: Availability;
  pausedUntil: string | null;
  activePairs: number;
  createdAt: string;
  updatedAt: string;
}

export interface EnrollmentInput {
  role: PairRole;
  skillsOffered?: string[];
  skillsWanted?: string[];
  goals?: string;
  values?: string[];
  yearsExperience?: number;
  capacity?: number;
  timezone?: string;
  preferredFrequency?: Cadence;
  preferredChannel?: Channel;
}

export interface AvailabilityInput {
  availability: Availability;
  pausedUntil?: string | null;
  capacity?: number;
}

const base = (programId: string) => `/api/programs/${encodeURIComponent(programId)}`;

export const getEnrollment = (api: ApiClient, programId: string, signal?: AbortSignal) =>
  api.request<Enrollment>(`${base(programId)}/enrollment`, { signal });

export const saveEnrollment = (api: ApiClient, programId: string, input: EnrollmentInput) =>
  api.request<Enrollment>(`${base(programId)}/enrollment`, { method: 'PUT', body: input });

export const withdrawEnrollment = (api: ApiClient, programId: string) =>
  api.request<Enrollment | undefined>(`${base(programId)}/enrollment`, { method: 'DELETE' });

export const setAvailability = (api: ApiClient, programId: string, input: AvailabilityInput) =>
  api.request<Enrollment>(`${base(programId)}/availability`, { method: 'PATCH', body: input });

export const channelLabel: Record<Channel, string> = {
  'teams-chat': 'Teams chat',
  email: 'Email',
  call: 'Call',
  'in-person': 'In person',
};

/** Limits from the contract, mirrored for instant feedback (the server has the last word). */
export const ENROLLMENT_LIMITS = {
  listItems: 20,
  termLength: 80,
  goals: 2000,
  yearsMax: 70,
  capacityMax: 10,
} as const;
