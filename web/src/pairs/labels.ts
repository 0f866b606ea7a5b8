import type { BadgeProps } from '@fluentui/react-components';
import type { Pair, PairStatus } from '../api/types';

export const pairStatusBadge: Record<PairStatus, { label: string; color: BadgeProps['color'] }> = {
  active: { label: 'Active', color: 'success' },
  paused: { label: 'Paused', color: 'warning' },
  completed: { label: 'Completed', color: 'brand' },
  ended: { label: 'Ended', color: 'subtle' },
};

export const agreementLabel: Record<Pair['agreementStatus'], string> = {
  none: 'Not started',
  partial: 'Agreed by one of you',
  agreed: 'Agreed by both of you',
};

export function myRoleLabel(role: Pair['myRole']): string {
  return role === 'mentor' ? 'You’re the mentor' : 'You’re the mentee';
}
