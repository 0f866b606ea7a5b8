import type { BadgeProps } from '@fluentui/react-components';
import { formatInstantDate } from '../app/format';
import { onFirstUse } from '../app/onFirstUse';
import type { RequestStatus } from './requests.api';

export const requestStatusBadge: Record<RequestStatus, { label: string; color: BadgeProps['color'] }> = {
  pending: { label: 'Waiting for a reply', color: 'warning' },
  accepted: { label: 'Accepted', color: 'success' },
  declined: { label: 'Not this time', color: 'subtle' },
  withdrawn: { label: 'Withdrawn', color: 'subtle' },
  closed: { label: 'Closed', color: 'subtle' },
};

const DAY = 86_400_000;
const relative = onFirstUse(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));

/** "today", "yesterday", "3 days ago", then the date itself after a week. */
export function relativeDay(iso: string, now = Date.now()): string {
  const then = new Date(iso);
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(new Date(now)) - startOf(then)) / DAY);
  if (days < 0) return relative().format(0, 'day');
  if (days <= 6) return relative().format(-days, 'day');
  return `on ${formatInstantDate(iso)}`;
}
