import type { ApiClient } from '../api/client';
import { problemOf, sendRaw } from '../api/raw';
import type { TokenSource } from '../api/tokenSource';

// Organisation data (docs/directory.md): the Entra ID directory sync's status, "Sync now", and the
// CSV import with its preview. Admins only.

export type DirectorySyncMode = 'off' | 'enrolled' | 'tenant';
export type DirectorySyncPhase = 'idle' | 'full' | 'delta';

export interface DirectoryTenantStatus {
  tenantId: string;
  phase: DirectorySyncPhase;
  lastSuccessAt: string | null;
  lastFullSyncAt: string | null;
  /** When the round in progress (or the last one) started. */
  runStartedAt: string | null;
  /** Of the last successful round. */
  usersSeen: number;
  usersChanged: number;
  usersDeparted: number;
  /** A short code (e.g. `consent-required`), possibly followed by Graph's own words. */
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface DirectoryPeople {
  total: number;
  fromEntra: number;
  fromCsv: number;
  /** Known only from their own sign-in: no directory data. */
  signInOnly: number;
  /** Disabled or deleted in Entra ID. */
  departed: number;
}

export interface DirectoryStatus {
  mode: DirectorySyncMode;
  tenants: DirectoryTenantStatus[];
  people: DirectoryPeople;
}

export type ImportRowStatus = 'new' | 'update' | 'unchanged' | 'error';

export interface DirectoryImportRow {
  /** The line the row starts on; the header is line 1. */
  line: number;
  email: string;
  status: ImportRowStatus;
  changes: string[];
  errors: string[];
}

export interface DirectoryImportReport {
  rows: DirectoryImportRow[];
  summary: Record<ImportRowStatus, number>;
}

export interface DirectoryImportApplied {
  applied: { new: number; update: number; unchanged: number };
}

export const getDirectoryStatus = (api: ApiClient, signal?: AbortSignal) =>
  api.request<DirectoryStatus>('/api/admin/directory', { signal });

/** Starts a round in the background (202); 409 when sync is off, naming DIRECTORY_SYNC. */
export const startDirectorySync = (api: ApiClient) =>
  api.request<{ started: true }>('/api/admin/directory/sync', { method: 'POST' });

/** An import refused as a whole (422): nothing was written; `report` says which rows failed. */
export class DirectoryImportRejected extends Error {
  readonly report: DirectoryImportReport;
  constructor(report: DirectoryImportReport) {
    super(`${report.summary.error} of ${report.rows.length} rows can’t be imported`);
    this.name = 'DirectoryImportRejected';
    this.report = report;
  }
}

/** The row report a 422 carries: at the top of the problem, or under `report`. */
function reportIn(body: unknown): DirectoryImportReport | null {
  if (typeof body !== 'object' || body === null) return null;
  const candidates = [body, (body as { report?: unknown }).report];
  for (const c of candidates) {
    if (typeof c === 'object' && c !== null && Array.isArray((c as DirectoryImportReport).rows) && 'summary' in c) {
      return c as DirectoryImportReport;
    }
  }
  return null;
}

async function postImport(auth: TokenSource, csv: string, confirm: boolean): Promise<Response> {
  return sendRaw(() => auth.getToken(), `/api/admin/directory/import${confirm ? '?confirm=true' : ''}`, {
    method: 'POST',
    body: csv,
    contentType: 'text/csv; charset=utf-8',
    accept: 'application/json, application/problem+json',
  });
}

/** Checks every row and writes nothing. Failures of the file as a whole (size, header) throw ApiError. */
export async function previewDirectoryImport(auth: TokenSource, csv: string): Promise<DirectoryImportReport> {
  const response = await postImport(auth, csv, false);
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as DirectoryImportReport;
}

/**
 * Applies the file in one transaction. A row that fails now (the data changed since the preview)
 * throws `DirectoryImportRejected` with the fresh report; other failures throw ApiError.
 */
export async function applyDirectoryImport(auth: TokenSource, csv: string): Promise<DirectoryImportApplied> {
  const response = await postImport(auth, csv, true);
  if (response.status === 422) {
    // A 422 carries the row report unless the file itself was refused (then it is a plain problem).
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    const report = reportIn(body);
    if (report) throw new DirectoryImportRejected(report);
  }
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as DirectoryImportApplied;
}
