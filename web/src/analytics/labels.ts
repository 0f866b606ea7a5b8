import type { BadgeProps } from '@fluentui/react-components';
import type { Cadence, PairStatus } from '../api/types';
import type { ExportDataset, PairSort, RiskCode } from './analytics.api';

export const riskLabel: Record<RiskCode, string> = {
  'member-left': 'A member has left the organisation or their account is disabled',
  'lack-of-time': 'Not meeting often enough',
  'mismatched-expectations': 'Expectations don’t match',
  'ineffective-communication': 'Communication is struggling',
  'unclear-boundaries': 'Boundaries not agreed',
  'overdue-action-items': 'Action items overdue',
  'overdue-goals': 'Goals overdue',
  dormant: 'No activity for 90 days and no answer to the re-commit prompt',
};

/** Short forms for the pairs table's badges. */
export const riskShortLabel: Record<RiskCode, string> = {
  'member-left': 'Member left',
  'lack-of-time': 'Meeting gap',
  'mismatched-expectations': 'Expectations',
  'ineffective-communication': 'Communication',
  'unclear-boundaries': 'Boundaries',
  'overdue-action-items': 'Action items',
  'overdue-goals': 'Goals',
  dormant: 'Dormant',
};

export function riskName(code: string): string {
  return riskLabel[code as RiskCode] ?? code;
}

export const statusBadge: Record<PairStatus, { label: string; color: BadgeProps['color'] }> = {
  active: { label: 'Active', color: 'success' },
  paused: { label: 'Paused', color: 'warning' },
  completed: { label: 'Completed', color: 'brand' },
  ended: { label: 'Ended early', color: 'subtle' },
};

export const cadenceText: Record<Cadence, string> = {
  weekly: 'weekly',
  biweekly: 'every two weeks',
  monthly: 'monthly',
};

export const sortLabel: Record<PairSort, string> = {
  status: 'status',
  lastMeeting: 'last check-in',
  onCadence: 'on cadence',
  startedAt: 'start date',
};

export const exportDatasets: { value: ExportDataset; label: string; description: string }[] = [
  { value: 'pairs', label: 'Pairs', description: 'Status, check-in counts, goals and attention flags per pair' },
  { value: 'meetings', label: 'Check-ins', description: 'Every check-in in the period with its status and confirmations' },
  { value: 'goals', label: 'Goals', description: 'Goal status, progress and dates (no titles or descriptions)' },
  { value: 'participants', label: 'Participants', description: 'Enrolled people with their role, department and pairs' },
];
