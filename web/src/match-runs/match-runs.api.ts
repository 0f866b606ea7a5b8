import type { ApiClient } from '../api/client';
import { problemOf, sendRaw } from '../api/raw';
import type { TokenSource } from '../api/tokenSource';
import type { PairRole } from '../api/types';

// Whole-program matching (docs/match-runs.md): runs that propose the best set of pairs for a
// program, the admin's adjustments, publishing, never-match rules and CSV import. Admins only.

export type MatchStrategy = 'best-total' | 'most-matched';
export type SameDepartment = 'allow' | 'avoid' | 'forbid';
export type MatchRunStatus = 'draft' | 'published';

export interface MatchPerson {
  id: string;
  displayName: string;
  department: string | null;
  jobTitle: string | null;
}

export interface MatchConstraints {
  /** Hours; null = no limit. */
  maxTimezoneGapHours: number | null;
  sameDepartment: SameDepartment;
}

/** After publishing: the pair created, or why it could not be. */
export type ProposalOutcome = { pairId: string } | { conflict: string };

export interface MatchProposal {
  mentee: MatchPerson;
  mentor: MatchPerson;
  /** 0–1, 3 decimals, after any "avoid" penalty. */
  score: number;
  /** Strongest first. */
  reasons: string[];
  state: 'proposed' | 'locked';
  outcome: ProposalOutcome | null;
}

export interface RemovedPair {
  mentee: MatchPerson;
  mentor: MatchPerson;
}

export interface UnmatchedMentee {
  mentee: MatchPerson;
  reasons: string[];
}

export interface MatchRunSummary {
  /** matched + unmatched */
  mentees: number;
  /** Mentors with a free place when the pool was last computed. */
  mentors: number;
  places: number;
  matched: number;
  unmatched: number;
  totalScore: number;
  /** null when nobody is matched */
  meanScore: number | null;
  minScore: number | null;
  /** null when every eligible pair was considered; otherwise each mentee's best N mentors were. */
  candidatesPerMentee: number | null;
}

export interface MatchRunAuthor {
  id: string;
  displayName: string;
}

export interface MatchRun {
  id: string;
  programId: string;
  status: MatchRunStatus;
  strategy: MatchStrategy;
  constraints: MatchConstraints;
  createdAt: string;
  createdBy: MatchRunAuthor;
  publishedAt: string | null;
  /** Sorted by mentee name. */
  proposals: MatchProposal[];
  removed: RemovedPair[];
  unmatched: UnmatchedMentee[];
  summary: MatchRunSummary;
}

export type MatchRunListItem = Pick<MatchRun, 'id' | 'status' | 'strategy' | 'createdAt' | 'createdBy' | 'publishedAt' | 'summary'>;

export interface MatchRunRequest {
  strategy: MatchStrategy;
  constraints: { maxTimezoneGapHours?: number | null; sameDepartment: SameDepartment };
}

export type ProposalChange = { action: 'lock' } | { action: 'unlock' } | { action: 'remove' } | { action: 'assign'; mentorId: string };

export interface MatchExclusion {
  id: string;
  programId: string;
  mentee: MatchPerson;
  mentor: MatchPerson;
  reason: string | null;
  createdAt: string;
  createdBy: MatchRunAuthor;
}

export interface ExclusionInput {
  menteeId: string;
  mentorId: string;
  reason?: string;
}

export interface PairImportRow {
  /** The line the row starts on; the header is line 1. */
  line: number;
  menteeEmail: string;
  mentorEmail: string;
  status: 'ok' | 'error';
  errors: string[];
}

export interface PairImportReport {
  rows: PairImportRow[];
  valid: number;
  invalid: number;
  /** Ids of the pairs created (empty for a preview or a rejected import). */
  created: string[];
}

const programBase = (programId: string) => `/api/admin/programs/${encodeURIComponent(programId)}`;
const runBase = (runId: string) => `/api/admin/match-runs/${encodeURIComponent(runId)}`;

export const createMatchRun = (api: ApiClient, programId: string, request: MatchRunRequest) =>
  api.request<MatchRun>(`${programBase(programId)}/match-runs`, { method: 'POST', body: request });

export const listMatchRuns = (api: ApiClient, programId: string, signal?: AbortSignal) =>
  api.request<MatchRunListItem[]>(`${programBase(programId)}/match-runs`, { signal });

export const getMatchRun = (api: ApiClient, runId: string, signal?: AbortSignal) =>
  api.request<MatchRun>(runBase(runId), { signal });

/** Lock, unlock, remove, or assign the mentee a mentor of the admin's choice (409 naming why not). */
export const adjustProposal = (api: ApiClient, runId: string, menteeId: string, change: ProposalChange) =>
  api.request<MatchRun>(`${runBase(runId)}/proposals/${encodeURIComponent(menteeId)}`, { method: 'PATCH', body: change });

/** Recomputes every unlocked proposal, keeping locked ones and never proposing a removed pair. */
export const rerunMatchRun = (api: ApiClient, runId: string) => api.request<MatchRun>(`${runBase(runId)}/rerun`, { method: 'POST' });

/** Creates the pairs in one transaction; each proposal gets its pair or the conflict that stopped it. Idempotent. */
export const publishMatchRun = (api: ApiClient, runId: string) => api.request<MatchRun>(`${runBase(runId)}/publish`, { method: 'POST' });

export const listExclusions = (api: ApiClient, programId: string, signal?: AbortSignal) =>
  api.request<MatchExclusion[]>(`${programBase(programId)}/exclusions`, { signal });

export const createExclusion = (api: ApiClient, programId: string, input: ExclusionInput) =>
  api.request<MatchExclusion>(`${programBase(programId)}/exclusions`, { method: 'POST', body: input });

export const deleteExclusion = (api: ApiClient, exclusionId: string) =>
  api.request<void>(`/api/admin/exclusions/${encodeURIComponent(exclusionId)}`, { method: 'DELETE' });

// ---- Calls the JSON client can't make: a CSV body, a CSV answer -------------------------------

/** A CSV import refused as a whole (422): nothing was written; `report` says which rows failed. */
export class PairImportRejected extends Error {
  readonly report: PairImportReport;
  constructor(report: PairImportReport) {
    super(`${report.invalid} of ${report.rows.length} rows can’t be imported`);
    this.name = 'PairImportRejected';
    this.report = report;
  }
}

/**
 * `POST …/pair-imports?dryRun=` with the file as `text/csv`. A preview (`dryRun: true`) writes
 * nothing; a real import creates every pair or none — a 422 throws `PairImportRejected` with the
 * report; other failures throw ApiError.
 */
export async function importPairs(auth: TokenSource, programId: string, csv: string, dryRun: boolean): Promise<PairImportReport> {
  const response = await sendRaw(() => auth.getToken(), `${programBase(programId)}/pair-imports?dryRun=${dryRun}`, {
    method: 'POST',
    body: csv,
    contentType: 'text/csv; charset=utf-8',
    accept: 'application/json, application/problem+json',
  });
  if (response.status === 422) {
    const body = (await response.json().catch(() => null)) as PairImportReport | null;
    if (body && Array.isArray(body.rows)) throw new PairImportRejected(body);
  }
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as PairImportReport;
}

/** Someone enrolled in the program, as the pickers show them. */
export interface ProgramMember extends MatchPerson {
  role: PairRole;
  /** active and paused pairs in this program */
  openPairs: number;
  /** mentors: capacity − open pairs; null for mentees */
  freePlaces: number | null;
  /** has paused mentoring: matching won't offer them */
  paused: boolean;
}

/** The program's active mentors and mentees, for the swap and never-match pickers. */
export const listProgramMembers = (api: ApiClient, programId: string, signal?: AbortSignal) =>
  api.request<ProgramMember[]>(`${programBase(programId)}/members`, { signal });
