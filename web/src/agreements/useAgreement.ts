import { useEditableQuery, type EditableQueryState } from '../pairs/useEditableQuery';
import { getAgreement, type Agreement } from './agreements.api';

export function useAgreement(pairId: string, options?: { enabled?: boolean }): EditableQueryState<Agreement> {
  return useEditableQuery(`agreement:${pairId}`, (api, signal) => getAgreement(api, pairId, signal), options);
}
