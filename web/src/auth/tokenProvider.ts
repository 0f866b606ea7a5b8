import type { TeamsHost } from '../teams/host';

export const DEV_TOKEN_KEY = 'tandem.devToken';

/** Where API calls get their bearer token from. */
export interface TokenProvider {
  kind: 'teams-sso' | 'dev';
  getToken: () => Promise<string>;
}

/** The dev token lives in sessionStorage: per tab, gone when the tab closes. */
export const devTokenStore = {
  read(): string | null {
    try {
      return window.sessionStorage.getItem(DEV_TOKEN_KEY);
    } catch {
      return null;
    }
  },
  write(token: string): void {
    try {
      window.sessionStorage.setItem(DEV_TOKEN_KEY, token);
    } catch {
      // storage disabled: the token still lives in memory for this page
    }
  },
  clear(): void {
    try {
      window.sessionStorage.removeItem(DEV_TOKEN_KEY);
    } catch {
      // nothing stored
    }
  },
};

export function devTokenProvider(token: string): TokenProvider {
  return { kind: 'dev', getToken: () => Promise.resolve(token) };
}

/** Teams SSO: the host caches and refreshes the token; a failure is reported to Teams as an auth failure. */
export function teamsSsoTokenProvider(host: TeamsHost): TokenProvider {
  return {
    kind: 'teams-sso',
    getToken: async () => {
      try {
        return await host.getToken();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        host.notifyFailure('auth', reason);
        throw new Error(`Microsoft Teams couldn’t sign you in to Tandem (${reason}). Reload the tab to try again.`);
      }
    },
  };
}
