import { useApiQuery, type QueryState } from '../api/useApiQuery';
import { useEditableQuery, type EditableQueryState } from '../pairs/useEditableQuery';
import { listGoalTemplates, listGoals, type Goal, type GoalTemplate } from './goals.api';

export function useGoals(pairId: string, options?: { enabled?: boolean }): EditableQueryState<Goal[]> {
  return useEditableQuery(`goals:${pairId}`, (api, signal) => listGoals(api, pairId, signal), options);
}

export function useGoalTemplates(options?: { enabled?: boolean }): QueryState<GoalTemplate[]> {
  return useApiQuery('goal-templates', (api, signal) => listGoalTemplates(api, signal), options);
}
