// Teams host integration. teams-js is imported lazily, and only when the page is framed,
// so the browser (dev) experience never downloads it and never waits for a host that isn't there.

type TeamsSdk = typeof import('./teamsSdk');

export type HostThemeName = 'default' | 'dark' | 'contrast';

/** Hints from the Teams context (never proof of identity: tokens are). */
export interface TeamsContextHints {
  /** For Entra's login_hint. */
  loginHint?: string;
  tenantId?: string;
  /** The deep link's subEntityId, e.g. "pairs/<pairId>". */
  subPageId?: string;
}

export interface AuthenticatePopUp {
  url: string;
  width?: number;
  height?: number;
}

export interface TeamsHost {
  kind: 'teams';
  theme: HostThemeName;
  context: TeamsContextHints;
  /** Subscribes to host theme changes. Teams keeps one handler, so the latest subscriber wins. */
  onThemeChange: (handler: (theme: HostThemeName) => void) => void;
  getToken: () => Promise<string>;
  notifySuccess: () => void;
  notifyFailure: (reason: 'auth' | 'other', message: string) => void;
  /** Opens a web URL or a Teams deep link through the host (a new browser tab for web URLs). */
  openLink: (url: string) => Promise<void>;
  /** Teams' authentication pop-up: resolves with what the pop-up passed to notifySuccess, rejects with its failure reason. */
  authenticate: (popUp: AuthenticatePopUp) => Promise<string>;
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
    const hints: TeamsContextHints = {};
    if (context.user?.loginHint) hints.loginHint = context.user.loginHint;
    if (context.user?.tenant?.id) hints.tenantId = context.user.tenant.id;
    if (context.page.subPageId) hints.subPageId = context.page.subPageId;
    return createTeamsHost(sdk, toHostTheme(context.app.theme), hints);
  } catch {
    return { kind: 'browser' };
  }
}

function createTeamsHost(sdk: TeamsSdk, theme: HostThemeName, context: TeamsContextHints): TeamsHost {
  let settled = false;
  const settle = () => {
    const first = !settled;
    settled = true;
    return first;
  };
  return {
    kind: 'teams',
    theme,
    context,
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
    openLink: (url) => sdk.app.openLink(url),
    authenticate: (popUp) => sdk.authentication.authenticate(popUp),
  };
}

/**
 * The other end of `authenticate`: the pop-up window Teams opened. Resolves with the SDK once
 * teams-js is initialised there, or null when this window isn't a Teams pop-up (a plain browser).
 */
export async function initializeAuthWindow(timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<TeamsSdk | null> {
  try {
    return await withTimeout(
      import('./teamsSdk').then(async (teams) => {
        await teams.app.initialize();
        return teams;
      }),
      timeoutMs,
    );
  } catch {
    return null;
  }
}
