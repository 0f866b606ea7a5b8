// Teams host integration. teams-js is imported lazily, and only when the page is framed,
// so the browser (dev) experience never downloads it and never waits for a host that isn't there.

type TeamsSdk = typeof import('./teamsSdk');

export type HostThemeName = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  kind: 'teams';
  theme: HostThemeName;
  /** Subscribes to host theme changes. Teams keeps one handler, so the latest subscriber wins. */
  onThemeChange: (handler: (theme: HostThemeName) => void) => void;
  getToken: () => Promise<string>;
  notifySuccess: () => void;
  notifyFailure: (reason: 'auth' | 'other', message: string) => void;
}

export interface BrowserHost {
  kind: 'browser';
}

export type Host = TeamsHost | BrowserHost;

export const TEAMS_INIT_TIMEOUT_MS = 2500;

export function isFramed(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true; // a cross-origin parent that blocks access still means we are framed
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error(`Timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        window.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function toHostTheme(theme: string | undefined): HostThemeName {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

/**
 * Works out where Tandem is running. Not framed → browser, immediately.
 * Framed → initialise teams-js, giving up after `timeoutMs` (a plain iframe is treated as a browser).
 */
export async function detectHost(timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<Host> {
  if (!isFramed()) return { kind: 'browser' };
  try {
    const sdk = await withTimeout(
      import('./teamsSdk').then(async (teams) => {
        await teams.app.initialize();
        return teams;
      }),
      timeoutMs,
    );
    const context = await withTimeout(sdk.app.getContext(), timeoutMs);
    return createTeamsHost(sdk, toHostTheme(context.app.theme));
  } catch {
    return { kind: 'browser' };
  }
}

function createTeamsHost(sdk: TeamsSdk, theme: HostThemeName): TeamsHost {
  let settled = false;
  const settle = () => {
    const first = !settled;
    settled = true;
    return first;
  };
  return {
    kind: 'teams',
    theme,
    onThemeChange: (handler) => sdk.app.registerOnThemeChangeHandler((next) => handler(toHostTheme(next))),
    getToken: () => sdk.authentication.getAuthToken(),
    notifySuccess: () => {
      if (settle()) void sdk.app.notifySuccess();
    },
    notifyFailure: (reason, message) => {
      if (!settle()) return;
      sdk.app.notifyFailure({
        reason: reason === 'auth' ? sdk.app.FailedReason.AuthFailed : sdk.app.FailedReason.Other,
        message,
      });
    },
  };
}
