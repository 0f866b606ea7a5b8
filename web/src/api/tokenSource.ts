import { useMemo } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { ApiError } from './client';

/** Where a bearer token comes from (the signed-in provider), for calls made with `sendRaw`. */
export interface TokenSource {
  getToken: () => Promise<string>;
}

/** The signed-in person's token, for the calls the JSON client can't make (CSV in or out). */
export function useTokenSource(): TokenSource {
  const { state } = useAuth();
  return useMemo<TokenSource>(
    () => ({
      getToken: () =>
        state.status === 'signed-in'
          ? state.provider.getToken()
          : Promise.reject(new ApiError(401, { detail: 'Sign in again, then try once more.' })),
    }),
    [state],
  );
}
