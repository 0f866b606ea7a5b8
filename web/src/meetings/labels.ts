import type { BadgeProps } from '@fluentui/react-components';
import type { Cadence } from '../api/types';
import type { Frequency, Meeting, MeetingStatus, RepeatingFrequency } from './meetings.api';

export const frequencyLabel: Record<Frequency, string> = {
  once: 'Just once',
  weekly: 'Weekly',
  biweekly: 'Every two weeks',
  monthly: 'Monthly',
};

/** "Weekly check-ins", "A one-off check-in" */
export function seriesLabel(frequency: Frequency): string {
  switch (frequency) {
    case 'once':
      return 'One-off check-in';
    case 'weekly':
      return 'Weekly check-ins';
    case 'biweekly':
      return 'Check-ins every two weeks';
    case 'monthly':
      return 'Monthly check-ins';
  }
}

export const repeatingFrequencies: RepeatingFrequency[] = ['weekly', 'biweekly', 'monthly'];

export function cadenceToFrequency(cadence: Cadence | null | undefined): Frequency {
  return cadence ?? 'weekly';
}

export type MeetingBadge = { label: string; color: BadgeProps['color']; appearance: BadgeProps['appearance'] };

/** A status in words (never colour alone); a past check-in still "scheduled" is waiting to be confirmed. */
export function meetingBadge(meeting: Pick<Meeting, 'status' | 'canConfirm'>): MeetingBadge {
  const byStatus: Record<MeetingStatus, MeetingBadge> = {
    scheduled: meeting.canConfirm
      ? { label: 'Not confirmed yet', color: 'warning', appearance: 'tint' }
      : { label: 'Scheduled', color: 'brand', appearance: 'tint' },
    held: { label: 'Held', color: 'success', appearance: 'tint' },
    missed: { label: 'Missed', color: 'danger', appearance: 'tint' },
    cancelled: { label: 'Cancelled', color: 'informative', appearance: 'outline' },
  };
  return byStatus[meeting.status];
}

export const ratingLabels: Record<number, string> = {
  1: 'Not useful',
  2: 'A little useful',
  3: 'Useful',
  4: 'Very useful',
  5: 'Couldn’t have been better',
};

export const DURATIONS = [30, 45, 60] as const;
