import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { publicApi } from '../api/client';
import type { DevTokenRequest } from '../api/types';
import { noteViewChange } from '../app/routing';
import type { Host } from '../teams/host';
import { devTokenProvider, devTokenStore, teamsSsoTokenProvider, type TokenProvider } from './tokenProvider';

export type AuthState =
  | { status: 'starting' }
  | { status: 'unavailable'; error: Error }
  | { status: 'open-in-teams' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'signed-in'; provider: TokenProvider };

export interface Auth {
  state: AuthState;
  /** Dev mode only: exchange an email for a token and keep it for this tab. */
  signIn: (request: DevTokenRequest) => Promise<void>;
  /** Dev mode only: forget the token and show the "Sign in as" picker. */
  signOut: (notice?: string) => void;
  retry: () => void;
}

const AuthContext = createContext<Auth | null>(null);

function initialState(host: Host): AuthState {
  return host.kind === 'teams' ? { status: 'signed-in', provider: teamsSsoTokenProvider(host) } : { status: 'starting' };
}

/**
 * In Teams: SSO tokens from the host. In a browser: ask /api/health which auth mode the server runs;
 * "dev" → a sessionStorage token from the picker, anything else → "Open Tandem in Microsoft Teams".
 */
export function AuthProvider({ host, children }: { host: Host; children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() => initialState(host));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (host.kind === 'teams') return;
    const controller = new AbortController();
    setState({ status: 'starting' });
    publicApi.health(controller.signal).then(
      (health) => {
        if (health.authMode !== 'dev') return setState({ status: 'open-in-teams' });
        const token = devTokenStore.read();
        setState(token ? { status: 'signed-in', provider: devTokenProvider(token) } : { status: 'signed-out' });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'unavailable', error: error as Error });
      },
    );
    return () => controller.abort();
  }, [host, attempt]);

  const signIn = useCallback(async (request: DevTokenRequest) => {
    const { token } = await publicApi.devToken(request);
    devTokenStore.write(token);
    noteViewChange();
    setState({ status: 'signed-in', provider: devTokenProvider(token) });
  }, []);

  const signOut = useCallback((notice?: string) => {
    devTokenStore.clear();
    noteViewChange();
    setState(notice ? { status: 'signed-out', notice } : { status: 'signed-out' });
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const value = useMemo<Auth>(() => ({ state, signIn, signOut, retry }), [state, signIn, signOut, retry]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() must be used inside <AuthProvider>');
  return auth;
}
