import type { ApiClient } from '../api/client';
import type { Person } from '../pairs/pairs.api';

// The skill development plan: /api/goal-templates, /api/pairs/{pairId}/goals, /api/goals/… (docs/journey-api.md).

export interface GoalTemplate {
  key: string;
  title: string;
  skill: string;
  actionSteps: string[];
  mentorRole: string;
  durationMonths: number;
}

export type GoalStatus = 'not-started' | 'in-progress' | 'done' | 'dropped';

export interface GoalStep {
  id: string;
  position: number;
  text: string;
  done: boolean;
  doneAt: string | null;
}

export type GoalUpdateKind = 'progress' | 'milestone';

export interface GoalUpdate {
  id: string;
  kind: GoalUpdateKind;
  note: string;
  progress: number | null;
  author: Person;
  createdAt: string;
}

export interface Goal {
  id: string;
  pairId: string;
  title: string;
  skill: string;
  mentorRole: string;
  targetDate: string | null;
  status: GoalStatus;
  progress: number;
  progressSource: 'steps' | 'manual';
  overdue: boolean;
  steps: GoalStep[];
  updates: GoalUpdate[];
  templateKey: string | null;
  completedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewGoal {
  title: string;
  skill: string;
  actionSteps: string[];
  mentorRole: string;
  targetDate?: string;
  status?: GoalStatus;
  templateKey?: string;
}

export interface GoalChanges {
  title?: string;
  skill?: string;
  mentorRole?: string;
  targetDate?: string | null;
  status?: GoalStatus;
  progress?: number | null;
}

export interface NewGoalUpdate {
  kind: GoalUpdateKind;
  note: string;
  progress?: number;
}

const goal = (goalId: string) => `/api/goals/${encodeURIComponent(goalId)}`;

export const listGoalTemplates = (api: ApiClient, signal?: AbortSignal) =>
  api.request<GoalTemplate[]>('/api/goal-templates', { signal });

export const listGoals = (api: ApiClient, pairId: string, signal?: AbortSignal) =>
  api.request<Goal[]>(`/api/pairs/${encodeURIComponent(pairId)}/goals?includeDeleted=false`, { signal });

export const createGoal = (api: ApiClient, pairId: string, body: NewGoal) =>
  api.request<Goal>(`/api/pairs/${encodeURIComponent(pairId)}/goals`, { method: 'POST', body });

export const updateGoal = (api: ApiClient, goalId: string, body: GoalChanges) =>
  api.request<Goal>(goal(goalId), { method: 'PATCH', body });

export const addGoalStep = (api: ApiClient, goalId: string, text: string) =>
  api.request<Goal>(`${goal(goalId)}/steps`, { method: 'POST', body: { text } });

export const updateGoalStep = (api: ApiClient, goalId: string, stepId: string, body: { done?: boolean; text?: string }) =>
  api.request<Goal>(`${goal(goalId)}/steps/${encodeURIComponent(stepId)}`, { method: 'PATCH', body });

export const addGoalUpdate = (api: ApiClient, goalId: string, body: NewGoalUpdate) =>
  api.request<Goal>(`${goal(goalId)}/updates`, { method: 'POST', body });

export const deleteGoal = (api: ApiClient, goalId: string) => api.request<Goal>(goal(goalId), { method: 'DELETE' });

export const restoreGoal = (api: ApiClient, goalId: string) =>
  api.request<Goal>(`${goal(goalId)}/restore`, { method: 'POST' });
