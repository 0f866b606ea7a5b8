import type { BadgeProps } from '@fluentui/react-components';
import { compareIso } from '../app/format';
import type { Goal, GoalStatus, GoalUpdateKind } from './goals.api';

export const goalStatuses: GoalStatus[] = ['not-started', 'in-progress', 'done', 'dropped'];

export const goalStatusLabel: Record<GoalStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export const goalStatusBadge: Record<GoalStatus, BadgeProps['color']> = {
  'not-started': 'informative',
  'in-progress': 'brand',
  done: 'success',
  dropped: 'subtle',
};

export const updateKindLabel: Record<GoalUpdateKind, string> = {
  progress: 'Progress update',
  milestone: 'Milestone',
};

const statusOrder: Record<GoalStatus, number> = { 'in-progress': 0, 'not-started': 1, done: 2, dropped: 3 };

/** Goals to work on first, then finished ones; within a group the nearest target date first. */
export function sortGoals(goals: Goal[]): Goal[] {
  return [...goals].sort(
    (a, b) =>
      statusOrder[a.status] - statusOrder[b.status] ||
      compareIso(a.targetDate ?? '9999', b.targetDate ?? '9999') ||
      compareIso(a.createdAt, b.createdAt),
  );
}

/** The goal with one step ticked or unticked, as the server will work it out (for an optimistic update). */
export function withStepToggled(goal: Goal, stepId: string, done: boolean): Goal {
  const steps = goal.steps.map((s) => (s.id === stepId ? { ...s, done, doneAt: done ? new Date().toISOString() : null } : s));
  const doneCount = steps.filter((s) => s.done).length;
  const progress = goal.progressSource === 'steps' ? (steps.length ? Math.round((100 * doneCount) / steps.length) : 0) : goal.progress;
  const status = done && goal.status === 'not-started' ? 'in-progress' : goal.status;
  return { ...goal, steps, progress, status };
}

/** "YYYY-MM-DD" `months` from today, in the viewer's calendar. */
export function dateInMonths(months: number, from = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth() + months, from.getDate());
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
