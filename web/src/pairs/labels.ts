import type { BadgeProps } from '@fluentui/react-components';
import type { Pair, PairStatus } from '../api/types';
import type { EndReason } from './pairs.api';

export const pairStatusBadge: Record<PairStatus, { label: string; color: BadgeProps['color'] }> = {
  active: { label: 'Active', color: 'success' },
  paused: { label: 'Paused', color: 'warning' },
  completed: { label: 'Completed', color: 'brand' },
  ended: { label: 'Ended', color: 'subtle' },
};

export const agreementLabel: Record<Pair['agreementStatus'], string> = {
  none: 'Not answered yet',
  partial: 'Answered by one of you so far',
  agreed: 'Agreed by both of you',
};

export function myRoleLabel(role: Pair['myRole']): string {
  return role === 'mentor' ? 'You’re the mentor' : 'You’re the mentee';
}

export const endReasons: EndReason[] = ['goals-met', 'lack-of-time', 'mismatched-expectations', 'communication', 'other'];

export const endReasonLabel: Record<EndReason, string> = {
  'goals-met': 'We met our goals early',
  'lack-of-time': 'One of us doesn’t have the time',
  'mismatched-expectations': 'We wanted different things from it',
  communication: 'We struggled to communicate',
  other: 'Something else',
};

export function firstName(displayName: string): string {
  return displayName.split(' ')[0] || displayName;
}
