import type { ApiClient } from '../api/client';
import type { Cadence, MatchingMode, PairRole, ProgramKind } from '../api/types';

export type EnrollmentState = 'upcoming' | 'open' | 'closed';

/** A program as an employee sees it, with their own enrolment (GET /api/programs). */
export interface Program {
  id: string;
  name: string;
  description: string;
  kind: ProgramKind;
  startsOn: string;
  endsOn: string;
  enrollmentOpensOn: string;
  enrollmentClosesOn: string;
  defaultCadence: Cadence;
  matchingMode: MatchingMode;
  maxOpenRequestsPerMentee: number;
  enrollmentOpen: boolean;
  /** Optional until every server sends it; `enrollmentOpen` is the source of truth for "open". */
  enrollmentState?: EnrollmentState;
  myEnrollment: { role: PairRole; status: 'active' | 'withdrawn' } | null;
}

export const listPrograms = (api: ApiClient, signal?: AbortSignal) => api.request<Program[]>('/api/programs', { signal });

export const getProgram = (api: ApiClient, programId: string, signal?: AbortSignal) =>
  api.request<Program>(`/api/programs/${encodeURIComponent(programId)}`, { signal });

/** Enrolled (active) in this program in this role. */
export function isEnrolledAs(program: Program, role: PairRole): boolean {
  return program.myEnrollment?.status === 'active' && program.myEnrollment.role === role;
}

export function isEnrolled(program: Program): boolean {
  return program.myEnrollment?.status === 'active';
}
