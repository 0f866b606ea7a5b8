import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { publicApi } from '../api/client';
import type { DevTokenRequest, Health } from '../api/types';
import { noteViewChange } from '../app/routing';
import { startup, type Settled } from '../app/startup';
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

function stateFromHealth(health: Settled<Health>): AuthState {
  if (!health.ok) return { status: 'unavailable', error: health.error };
  if (health.value.authMode !== 'dev') return { status: 'open-in-teams' };
  const token = devTokenStore.read();
  if (!token) return { status: 'signed-out' };
  // The provider the start-up reads were sent with, so the views can use their answers.
  const early = startup?.signIn;
  return { status: 'signed-in', provider: early?.token === token ? early.provider : devTokenProvider(token) };
}

function initialState(host: Host): AuthState {
  if (host.kind === 'teams') return { status: 'signed-in', provider: teamsSsoTokenProvider(host) };
  const health = startup?.health.result;
  return health ? stateFromHealth(health) : { status: 'starting' };
}

/**
 * In Teams: SSO tokens from the host. In a browser: ask /api/health which auth mode the server runs;
 * "dev" → a sessionStorage token from the picker, anything else → "Open Tandem in Microsoft Teams".
 */
export function AuthProvider({ host, children }: { host: Host; children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() => initialState(host));
  const [attempt, setAttempt] = useState(0);
  // The start-up's answer from /api/health was in before the first render: nothing left to ask.
  const decided = useRef(state.status !== 'starting');

  useEffect(() => {
    if (host.kind === 'teams' || (attempt === 0 && decided.current)) return;
    const controller = new AbortController();
    setState({ status: 'starting' });
    const health = attempt === 0 && startup ? startup.health.promise : publicApi.health(controller.signal);
    health.then(
      (value) => {
        if (!controller.signal.aborted) setState(stateFromHealth({ ok: true, value }));
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
