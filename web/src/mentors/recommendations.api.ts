import type { ApiClient } from '../api/client';

/** A mentor suggested to me in one program, best first (GET /api/programs/{id}/recommendations). */
export interface Recommendation {
  mentorId: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  /** 0–1 */
  score: number;
  reasons: string[];
  skillsOffered: string[];
  values: string[];
  yearsExperience: number | null;
  timezone: string | null;
  remainingCapacity: number;
  lastActiveAt: string | null;
  requestStatus: null | 'pending';
}

export const listRecommendations = (api: ApiClient, programId: string, signal?: AbortSignal) =>
  api.request<Recommendation[]>(`/api/programs/${encodeURIComponent(programId)}/recommendations`, { signal });
