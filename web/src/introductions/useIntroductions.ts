import { useEditableQuery, type EditableQueryState } from '../pairs/useEditableQuery';
import { listIntroductions, type Introduction } from './introductions.api';

export function useIntroductions(pairId: string, options?: { enabled?: boolean }): EditableQueryState<Introduction[]> {
  return useEditableQuery(`introductions:${pairId}`, (api, signal) => listIntroductions(api, pairId, signal), options);
}
