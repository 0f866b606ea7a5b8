import { useCallback, useMemo } from 'react';
import type { PairStatus } from '../api/types';
import { navigate, useSearch } from '../app/routing';
import type { AdminPairsQuery, AnalyticsFilters, PairSort, SortOrder } from './analytics.api';

// The dashboard's filters live in the URL query, so a view can be shared, bookmarked and reloaded:
//   ?program=<uuid>&range=30d|90d|6m|12m  or  &from=YYYY-MM-DD&to=YYYY-MM-DD
//   &department=<name>&status=<pair status>&sort=<column>&order=asc|desc&page=<n>&size=<n>
// Defaults are left out of the URL. A preset range rolls with the calendar (a link to "last 30
// days" shows the last 30 days whenever it is opened); explicit dates stay fixed.

export type RangePreset = '30d' | '90d' | '6m' | '12m';

export const rangePresets: { value: RangePreset; label: string; days: number }[] = [
  { value: '30d', label: 'Last 30 days', days: 30 },
  { value: '90d', label: 'Last 90 days', days: 90 },
  { value: '6m', label: 'Last 6 months', days: 182 },
  { value: '12m', label: 'Last 12 months', days: 365 },
];

export const DEFAULT_RANGE: RangePreset = '90d';
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PERIOD_YEARS = 3;

export const pairStatuses: PairStatus[] = ['active', 'paused', 'completed', 'ended'];
const sorts: PairSort[] = ['status', 'lastMeeting', 'onCadence', 'startedAt'];

export interface DashboardState {
  programId: string | undefined;
  department: string | undefined;
  /** The preset in use, or 'custom' when the URL names explicit dates. */
  range: RangePreset | 'custom';
  from: string;
  to: string;
  status: PairStatus | undefined;
  sort: PairSort;
  order: SortOrder;
  page: number;
  pageSize: number;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && value >= '2000-01-01';
}

/** Today as a UTC calendar day: the API's periods are UTC days. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days in [from, to], both included. */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export function presetPeriod(preset: RangePreset, today: string = todayUtc()): { from: string; to: string } {
  const days = rangePresets.find((p) => p.value === preset)?.days ?? 90;
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The period of equal length that ends the day before `from`: what the KPI changes compare with. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = periodDays(from, to);
  const prevTo = addDays(from, -1);
  return { from: addDays(prevTo, -(days - 1)), to: prevTo };
}

/** Why a custom period can't be used, per field (the same rules the API applies). */
export function periodProblems(from: string, to: string): { from?: string; to?: string } {
  if (!isIsoDate(from)) return { from: 'Enter the first day as a date.' };
  if (!isIsoDate(to)) return { to: 'Enter the last day as a date.' };
  if (to < from) return { to: 'The period can’t end before it starts.' };
  const limit = new Date(`${from}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_PERIOD_YEARS);
  if (to >= limit.toISOString().slice(0, 10)) return { to: `Choose a period of at most ${MAX_PERIOD_YEARS} years.` };
  return {};
}

function positiveInt(value: string | null, fallback: number): number {
  const n = value && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 1 ? n : fallback;
}

export function parseDashboardState(search: string, today: string = todayUtc()): DashboardState {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  const custom = isIsoDate(from) && isIsoDate(to) && Object.keys(periodProblems(from, to)).length === 0;
  const presetParam = params.get('range');
  const preset = rangePresets.find((p) => p.value === presetParam)?.value ?? DEFAULT_RANGE;
  const period = custom ? { from, to } : presetPeriod(preset, today);
  const status = params.get('status');
  const sort = params.get('sort');
  const size = positiveInt(params.get('size'), DEFAULT_PAGE_SIZE);
  return {
    programId: params.get('program') || undefined,
    department: params.get('department')?.trim() || undefined,
    range: custom ? 'custom' : preset,
    from: period.from,
    to: period.to,
    status: pairStatuses.find((s) => s === status),
    sort: sorts.find((s) => s === sort) ?? 'startedAt',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

export type QueryChanges = Partial<Record<'program' | 'range' | 'from' | 'to' | 'department' | 'status' | 'sort' | 'order' | 'page' | 'size', string | null>>;

/** Writes several query parameters at once, in place (no history entry, focus stays put). */
export function writeQuery(changes: QueryChanges): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  navigate(window.location.pathname + (query ? `?${query}` : ''), { replace: true });
}

export interface DashboardUrl {
  state: DashboardState;
  filters: AnalyticsFilters;
  pairsQuery: AdminPairsQuery;
  /** Changes filters: anything that changes what is counted sends the pairs table back to page 1. */
  setFilters: (changes: QueryChanges) => void;
  /** Changes only the pairs table's view (status, sort, page). */
  setTable: (changes: QueryChanges) => void;
  reset: () => void;
  isDefault: boolean;
}

export function useDashboardUrl(): DashboardUrl {
  const search = useSearch();
  const state = useMemo(() => parseDashboardState(search), [search]);
  const filters = useMemo<AnalyticsFilters>(
    () => ({ programId: state.programId, from: state.from, to: state.to, department: state.department }),
    [state.programId, state.from, state.to, state.department],
  );
  const pairsQuery = useMemo<AdminPairsQuery>(
    () => ({ ...filters, status: state.status, sort: state.sort, order: state.order, page: state.page, pageSize: state.pageSize }),
    [filters, state.status, state.sort, state.order, state.page, state.pageSize],
  );
  const setFilters = useCallback((changes: QueryChanges) => writeQuery({ ...changes, page: null }), []);
  const setTable = useCallback((changes: QueryChanges) => writeQuery(changes), []);
  const reset = useCallback(() => writeQuery({ program: null, range: null, from: null, to: null, department: null, page: null }), []);
  const isDefault = !state.programId && !state.department && state.range === DEFAULT_RANGE;
  return { state, filters, pairsQuery, setFilters, setTable, reset, isDefault };
}
