import type { ApiClient } from '../api/client';
import type { Cadence, PairStatus } from '../api/types';

// The L&D dashboard's endpoints, typed exactly as docs/metrics.md defines them. Admin only.

/** The filters every admin analytics endpoint takes. Dates are `YYYY-MM-DD`, inclusive UTC days. */
export interface AnalyticsFilters {
  programId?: string | undefined;
  from: string;
  to: string;
  department?: string | undefined;
}

export interface Period {
  from: string;
  to: string;
}

export type DepartmentRow =
  | { department: string; suppressed?: false; mentors: number; mentees: number; matchedMentees: number; matchRate: number | null }
  | { department: string; suppressed: true };

export interface Participation {
  mentors: number;
  mentees: number;
  menteesPerMentor: number | null;
  matchedMentees: number;
  matchRate: number | null;
  unmatchedMentees: number;
  pendingRequests: number;
  medianDaysToMatch: number | null;
  pairs: { active: number; paused: number; completed: number; endedEarly: number };
  mentorCapacityUtilisation: number | null;
  byDepartment: DepartmentRow[];
  /** only when the whole tenant is synced from the directory: enrolled people against everyone */
  headcount?: { people: number; enrolled: number; rate: number | null };
}

export interface GapBucket {
  bucket: string;
  count: number;
}

export interface Consistency {
  meetings: { planned: number; held: number; missed: number; cancelled: number; unconfirmed: number };
  onCadenceRate: number | null;
  onCadence: { eligible: number; kept: number };
  gapDistribution: GapBucket[];
  noFirstMeeting: number;
  mentoringHours: number;
}

export interface Outcomes {
  goals: { set: number; completed: number; overdue: number; open: number; completionRate: number | null; averageProgress: number | null };
  ratings: { count: number; average: number | null; distribution: { rating: number; count: number }[] };
  closingSurveys: {
    responses: number;
    satisfaction: number | null;
    nps: number | null;
    promoters: number;
    passives: number;
    detractors: number;
  };
  reported: { skillsGained: number; newContacts: number; promotions: number };
  introductionsMade: number;
}

export interface TrendMonth {
  /** `YYYY-MM` */
  month: string;
  mentees: number;
  activePairs: number;
  newPairs: number;
  meetings: { planned: number; held: number; missed: number; cancelled: number };
  onCadenceRate: number | null;
  averageRating: number | null;
}

export interface AnalyticsReport {
  period: Period;
  suppressed: false;
  participation: Participation;
  consistency: Consistency;
  outcomes: Outcomes;
  trend: TrendMonth[];
}

/** The department filter picked fewer than 5 people: no numbers, only why. */
export interface SuppressedAnalytics {
  suppressed: true;
  detail?: string;
  period?: Period;
}

export type Analytics = AnalyticsReport | SuppressedAnalytics;

export interface PersonRef {
  id: string;
  displayName: string;
  department: string | null;
}

export type RiskCode =
  | 'member-left'
  | 'lack-of-time'
  | 'mismatched-expectations'
  | 'ineffective-communication'
  | 'unclear-boundaries'
  | 'overdue-action-items'
  | 'overdue-goals'
  | 'dormant';

export interface RiskReason {
  code: RiskCode;
  detail: string;
  remedy: string;
}

export interface AtRiskPair {
  pairId: string;
  programId: string;
  programName: string;
  mentor: PersonRef;
  mentee: PersonRef;
  startedAt: string;
  lastHeldAt: string | null;
  cadence: Cadence;
  reasons: RiskReason[];
}

export type PairSort = 'status' | 'lastMeeting' | 'onCadence' | 'startedAt';
export type SortOrder = 'asc' | 'desc';

export interface AdminPairsQuery extends AnalyticsFilters {
  status?: PairStatus | undefined;
  sort: PairSort;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export interface AdminPair {
  pairId: string;
  programId: string;
  programName: string;
  mentor: PersonRef;
  mentee: PersonRef;
  status: PairStatus;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  cadence: Cadence;
  lastHeldAt: string | null;
  nextMeetingAt: string | null;
  meetingsHeld: number;
  meetingsMissed: number;
  onCadence: boolean | null;
  goalsTotal: number;
  goalsDone: number;
  openActionItems: number;
  overdueActionItems: number;
  atRisk: RiskCode[];
}

export interface AdminPairsPage {
  items: AdminPair[];
  total: number;
  page: number;
  pageSize: number;
}

export type ExportDataset = 'pairs' | 'meetings' | 'goals' | 'participants';

/** The query string for a set of filters (empty values left out), e.g. "?programId=…&from=…&to=…". */
export function filterQuery(filters: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

const analyticsFilters = ({ programId, from, to, department }: AnalyticsFilters): AnalyticsFilters => ({ programId, from, to, department });

export const getAnalytics = (api: ApiClient, filters: AnalyticsFilters, signal?: AbortSignal) =>
  api.request<Analytics>(`/api/admin/analytics${filterQuery(analyticsFilters(filters))}`, { signal });

/** The at-risk list ignores the period (risk is about now): only program and department apply. */
export type AtRiskFilters = Pick<AnalyticsFilters, 'programId' | 'department'>;

export const listPairsAtRisk = (api: ApiClient, { programId, department }: AtRiskFilters, signal?: AbortSignal) =>
  api.request<AtRiskPair[]>(`/api/admin/pairs-at-risk${filterQuery({ programId, department })}`, { signal });

export const listAdminPairs = (api: ApiClient, query: AdminPairsQuery, signal?: AbortSignal) => {
  const { status, sort, order, page, pageSize } = query;
  return api.request<AdminPairsPage>(
    `/api/admin/pairs${filterQuery({ ...analyticsFilters(query), status, sort, order, page, pageSize })}`,
    { signal },
  );
};

/** The path of a CSV export (fetched with the bearer token by useDownload, never as a plain link). */
export const exportPath = (dataset: ExportDataset, filters: AnalyticsFilters) =>
  `/api/admin/export.csv${filterQuery({ dataset, ...analyticsFilters(filters) })}`;
