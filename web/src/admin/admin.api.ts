import type { ApiClient } from '../api/client';
import type { Cadence, MatchingMode, PairStatus, ProgramKind } from '../api/types';
import type { Program } from '../programs/programs.api';
import type { Term } from '../profile/taxonomy.api';

export type { Term, Taxonomy } from '../profile/taxonomy.api';

/** A program with participation counts, as admins see it (GET /api/admin/programs). Aggregates only. */
export interface AdminProgram extends Omit<Program, 'myEnrollment'> {
  counts: {
    mentors: number;
    mentees: number;
    pairs: Record<PairStatus, number>;
    pendingRequests: number;
  };
}

/** The settings an admin writes (POST /api/programs; PATCH takes any subset). */
export interface ProgramInput {
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
}

export type ProgramField = keyof ProgramInput;
export type ProgramChanges = Partial<ProgramInput>;

export type TermKind = 'skill' | 'value';

export const listAdminPrograms = (api: ApiClient, signal?: AbortSignal) =>
  api.request<AdminProgram[]>('/api/admin/programs', { signal });

export const createProgram = (api: ApiClient, input: ProgramInput) =>
  api.request<Program>('/api/programs', { method: 'POST', body: input });

export const updateProgram = (api: ApiClient, programId: string, changes: ProgramChanges) =>
  api.request<Program>(`/api/programs/${encodeURIComponent(programId)}`, { method: 'PATCH', body: changes });

export const createTerm = (api: ApiClient, kind: TermKind, label: string) =>
  api.request<Term>('/api/admin/taxonomy', { method: 'POST', body: { kind, label } });

export const renameTerm = (api: ApiClient, termId: string, label: string) =>
  api.request<Term>(`/api/admin/taxonomy/${encodeURIComponent(termId)}`, { method: 'PATCH', body: { label } });
