import { useCallback, useRef, useState } from 'react';
import { useApiQuery, type QueryState } from '../api/useApiQuery';
import {
  getMatchRun,
  listExclusions,
  listMatchRuns,
  listProgramMembers,
  type MatchExclusion,
  type MatchRun,
  type MatchRunListItem,
  type ProgramMember,
} from './match-runs.api';

/** A program's runs, newest first. */
export function useMatchRunList(programId: string, { enabled = true } = {}): QueryState<MatchRunListItem[]> {
  return useApiQuery(`match-runs:${programId}`, (api, signal) => listMatchRuns(api, programId, signal), { enabled });
}

export interface MatchRunState extends QueryState<MatchRun> {
  /** Shows a run the API just returned (after a change, re-run or publish) without fetching it again. */
  replace: (run: MatchRun) => void;
}

/**
 * One run, fetched when `runId` is set. Every change the admin makes answers with the whole run:
 * `replace` shows that answer until the run is fetched again (Retry, or another run).
 */
export function useMatchRun(runId: string | null): MatchRunState {
  const query = useApiQuery(`match-run:${runId ?? ''}`, (api, signal) => getMatchRun(api, runId ?? '', signal), {
    enabled: runId !== null,
  });
  const fetched = useRef(query.data);
  fetched.current = query.data;
  const [local, setLocal] = useState<{ run: MatchRun; base: MatchRun | undefined } | null>(null);
  const replace = useCallback((run: MatchRun) => setLocal({ run, base: fetched.current }), []);

  const data =
    local && local.run.id === runId && local.base === query.data ? local.run : query.data?.id === runId ? query.data : undefined;
  return { ...query, data, loading: data ? false : query.loading, error: data ? undefined : query.error, replace };
}

export function useExclusions(programId: string, { enabled = true } = {}): QueryState<MatchExclusion[]> {
  return useApiQuery(`match-exclusions:${programId}`, (api, signal) => listExclusions(api, programId, signal), { enabled });
}

/** The program's active mentors and mentees, for the pickers. */
export function useProgramMembers(programId: string, { enabled = true } = {}): QueryState<ProgramMember[]> {
  return useApiQuery(`program-members:${programId}`, (api, signal) => listProgramMembers(api, programId, signal), { enabled });
}
