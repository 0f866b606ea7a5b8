import type { BadgeProps } from '@fluentui/react-components';
import type { IntroductionStatus } from './introductions.api';

export const introductionStatus: Record<IntroductionStatus, { label: string; color: BadgeProps['color'] }> = {
  requested: { label: 'Asked', color: 'warning' },
  made: { label: 'Introduced', color: 'success' },
  declined: { label: 'Declined', color: 'subtle' },
};
