import type { ApiQuery } from '../api/prefetch';
import { useApiQuery, type QueryState } from '../api/useApiQuery';
import { useEditableQuery, type EditableQueryState } from '../pairs/useEditableQuery';
import { listActionItems, listMyActionItems, type ActionItem } from './action-items.api';

/** Every action item of the pair, open and done (the views split them). */
export function useActionItems(pairId: string, options?: { enabled?: boolean }): EditableQueryState<ActionItem[]> {
  return useEditableQuery(`action-items:${pairId}`, (api, signal) => listActionItems(api, pairId, 'all', signal), options);
}

export const myActionItemsQuery: ApiQuery<ActionItem[]> = {
  key: 'my-action-items',
  load: (api, signal) => listMyActionItems(api, signal),
};

/** My open action items across pairs, overdue first (Home). */
export function useMyActionItems(): QueryState<ActionItem[]> {
  return useApiQuery(myActionItemsQuery.key, myActionItemsQuery.load);
}
