import { getPair, type PairDetail } from './pairs.api';
import { useEditableQuery, type EditableQueryState } from './useEditableQuery';

export function usePair(pairId: string): EditableQueryState<PairDetail> {
  return useEditableQuery(`pair:${pairId}`, (api, signal) => getPair(api, pairId, signal));
}
