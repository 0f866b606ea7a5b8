import { isApiError } from '../api/client';
import { useApiQuery, type QueryState } from '../api/useApiQuery';
import { getEnrollment, type Enrollment } from './enrollment.api';

/** My enrolment in a program; `null` when I have never enrolled (the API answers 404). */
export function useEnrollment(programId: string): QueryState<Enrollment | null> {
  return useApiQuery(`enrollment:${programId}`, async (api, signal) => {
    try {
      return await getEnrollment(api, programId, signal);
    } catch (error) {
      if (isApiError(error, 404)) return null;
      throw error;
    }
  });
}
