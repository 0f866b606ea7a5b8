import { useCallback, useRef } from 'react';
import { useApi } from '../api/ApiContext';
import { useAnnounce } from '../app/LiveRegion';
import { useNotify } from '../app/toasts';
import type { EditableQueryState } from '../pairs/useEditableQuery';
import { updateActionItem, withDone, type ActionItem } from './action-items.api';
import { useActionItems } from './useActionItems';

export interface ActionItemsController {
  items: EditableQueryState<ActionItem[]>;
  /** Ticks or unticks at once; the server's answer replaces it, a failure puts it back. */
  toggle: (item: ActionItem, done: boolean) => void;
  added: (item: ActionItem) => void;
  removed: (item: ActionItem) => void;
}

/** The pair's action items, shared by the Action items section and each check-in's details. */
export function useActionItemsController(pairId: string): ActionItemsController {
  const api = useApi();
  const announce = useAnnounce();
  const notify = useNotify();
  const items = useActionItems(pairId);
  const { setData } = items;
  // Only the answer to the latest click on an item is applied, so quick double ticks never flicker.
  const latest = useRef(new Map<string, number>());

  const replace = useCallback(
    (item: ActionItem) => setData((list) => (list ?? []).map((i) => (i.id === item.id ? item : i))),
    [setData],
  );

  const toggle = useCallback(
    (item: ActionItem, done: boolean) => {
      const ticket = (latest.current.get(item.id) ?? 0) + 1;
      latest.current.set(item.id, ticket);
      replace(withDone(item, done));
      announce(done ? `Done: ${item.text}` : `Open again: ${item.text}`);
      updateActionItem(api, item.id, { done }).then(
        (saved) => {
          if (latest.current.get(item.id) === ticket) replace(saved);
        },
        (error: unknown) => {
          if (latest.current.get(item.id) !== ticket) return;
          replace(item);
          notify({
            title: 'That change wasn’t saved',
            body: error instanceof Error ? error.message : undefined,
            intent: 'error',
          });
        },
      );
    },
    [api, replace, announce, notify],
  );

  const added = useCallback((item: ActionItem) => setData((list) => [...(list ?? []), item]), [setData]);
  const removed = useCallback(
    (item: ActionItem) => setData((list) => (list ?? []).filter((i) => i.id !== item.id)),
    [setData],
  );

  return { items, toggle, added, removed };
}
