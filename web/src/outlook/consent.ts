import { paths } from '../app/routing';
import type { Host } from '../teams/host';
import type { ConsentSettings } from './outlook.api';

// The Outlook consent pop-up (docs/outlook-sync.md, "The tab"). The tab opens /auth/consent in a
// pop-up — through Teams' authentication.authenticate inside Teams, window.open elsewhere — which
// sends the user to Entra's consent screen; Entra returns to /auth/consent-end, which checks the
// `state` it was given and reports back. The authorization code is never redeemed: the consent
// itself is what Tandem needs, the API then calls Graph on behalf of the user.

/** The size Teams is asked for (it may ignore it). */
export const CONSENT_POPUP_SIZE = { width: 600, height: 535 } as const;

const PENDING_KEY = 'tandem.outlookConsent';
const RESULT_KEY = 'tandem.outlookConsent.result';
const CHANNEL = 'tandem.outlookConsent';
const MESSAGE_TYPE = 'tandem:outlook-consent';
const LEAVING_TYPE = 'tandem:outlook-consent-leaving';
/** A pending consent older than this is not trusted. */
const PENDING_MAX_AGE_MS = 30 * 60_000;
/** After the pop-up closes, how long its last message may take to arrive. */
const CLOSE_GRACE_MS = 1500;
/** Once the pop-up is at Microsoft, the longest the tab waits for an answer. */
const AWAY_TIMEOUT_MS = 10 * 60_000;

export interface ConsentHints {
  loginHint?: string | undefined;
  tenantId?: string | undefined;
}

export type ConsentFailure = 'cancelled' | 'popup-blocked' | 'not-set-up' | 'state-mismatch' | 'declined' | 'error';

const FAILURES: ConsentFailure[] = ['cancelled', 'popup-blocked', 'not-set-up', 'state-mismatch', 'declined', 'error'];

/** What the pop-up reports: success, or a failure code with an optional sentence. */
export type ConsentOutcome = { ok: true } | { ok: false; reason: ConsentFailure; description?: string };

export function consentFailureMessage(reason: ConsentFailure, description?: string): string {
  switch (reason) {
    case 'cancelled':
      return 'The Outlook window was closed before you allowed access, so nothing changed.';
    case 'popup-blocked':
      return 'The Outlook window couldn’t open. Allow pop-ups for Tandem, then try again.';
    case 'not-set-up':
      return 'Outlook isn’t set up for Tandem yet. Ask your IT admin to connect Tandem to Microsoft 365.';
    case 'state-mismatch':
      return 'The answer from Microsoft didn’t match this request, so Tandem ignored it. Try again.';
    case 'declined':
      return 'You didn’t allow Tandem to use your Outlook calendar, so nothing was added. You can try again any time.';
    case 'error':
      return description || 'Microsoft couldn’t finish the request. Try again in a moment.';
  }
}

/** A consent that didn't happen; `message` is a sentence for the user. */
export class ConsentError extends Error {
  readonly reason: ConsentFailure;

  constructor(reason: ConsentFailure, description?: string) {
    super(consentFailureMessage(reason, description));
    this.name = 'ConsentError';
    this.reason = reason;
  }
}

// ---- URLs ------------------------------------------------------------------------------------

/** `<origin>/auth/consent?loginHint=…&tenantId=…` — the page the pop-up opens first. */
export function consentStartUrl(origin: string, hints: ConsentHints = {}): string {
  const query = new URLSearchParams();
  if (hints.loginHint) query.set('loginHint', hints.loginHint);
  if (hints.tenantId) query.set('tenantId', hints.tenantId);
  const search = query.toString();
  return `${origin}${paths.consent}${search ? `?${search}` : ''}`;
}

export function consentRedirectUri(origin: string): string {
  return `${origin}${paths.consentEnd}`;
}

/**
 * Entra's consent screen for Tandem's delegated calendar permission:
 * `authorizeUrl?client_id=…&response_type=code&response_mode=query&scope=…&redirect_uri=…&prompt=consent&state=…&login_hint=…`.
 */
export function authorizeRequestUrl(
  settings: Required<Pick<ConsentSettings, 'authorizeUrl' | 'clientId'>> & Pick<ConsentSettings, 'scopes'>,
  { origin, state, loginHint }: { origin: string; state: string; loginHint?: string | null | undefined },
): string {
  const params: [string, string][] = [
    ['client_id', settings.clientId],
    ['response_type', 'code'],
    ['response_mode', 'query'],
    ['scope', (settings.scopes ?? []).join(' ')],
    ['redirect_uri', consentRedirectUri(origin)],
    ['prompt', 'consent'],
    ['state', state],
  ];
  if (loginHint) params.push(['login_hint', loginHint]);
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${settings.authorizeUrl}${settings.authorizeUrl.includes('?') ? '&' : '?'}${query}`;
}

// ---- The pending request (in the pop-up window) ---------------------------------------------

/** Who opened the pop-up: the tab in a browser (same origin, messages back) or Teams. */
export type ConsentOpener = 'browser' | 'teams';

interface Pending {
  state: string;
  opener: ConsentOpener;
  createdAt: number;
}

function randomState(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** True when this window was opened by a Tandem page on this origin (the browser flow). */
export function openedByTandem(): boolean {
  try {
    return window.opener !== null && (window.opener as Window).location.origin === window.location.origin;
  } catch {
    return false; // a cross-origin opener (Teams on the web)
  }
}

/** A new random `state`, remembered in localStorage until /auth/consent-end reads it back. */
export function beginConsent(opener: ConsentOpener): string {
  const state = randomState();
  const pending: Pending = { state, opener, createdAt: Date.now() };
  try {
    window.localStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  } catch {
    // storage disabled: consent-end will report a mismatch, which is the safe answer
  }
  return state;
}

/** Reads (and forgets) the pending request; `matches` says whether `returned` is its state. */
export function finishConsent(returned: string | null): { matches: boolean; opener: ConsentOpener | null } {
  let pending: Pending | null = null;
  try {
    const raw = window.localStorage.getItem(PENDING_KEY);
    window.localStorage.removeItem(PENDING_KEY);
    pending = raw ? (JSON.parse(raw) as Pending) : null;
  } catch {
    pending = null;
  }
  if (!pending || typeof pending.state !== 'string') return { matches: false, opener: null };
  const fresh = Date.now() - pending.createdAt < PENDING_MAX_AGE_MS;
  return { matches: fresh && returned !== null && returned === pending.state, opener: pending.opener };
}

/** The outcome Entra's answer (`?error=…` or `?code=…&state=…`) amounts to. */
export function outcomeFromRedirect(search: string, matches: boolean): ConsentOutcome {
  const query = new URLSearchParams(search);
  const error = query.get('error');
  if (error) {
    const description = firstLine(query.get('error_description'));
    return error === 'access_denied'
      ? { ok: false, reason: 'declined' }
      : { ok: false, reason: 'error', ...(description ? { description } : {}) };
  }
  if (!matches) return { ok: false, reason: 'state-mismatch' };
  return { ok: true };
}

/** Entra's error_description carries trace and correlation ids on later lines: keep the sentence. */
function firstLine(text: string | null): string | undefined {
  const line = text?.split(/\r?\n/)[0]?.replace(/^AADSTS\d+:\s*/, '').trim();
  return line ? line.slice(0, 300) : undefined;
}

/** "reason" or "reason: description", the string handed to Teams' notifyFailure. */
export function encodeFailure(outcome: Extract<ConsentOutcome, { ok: false }>): string {
  return outcome.description ? `${outcome.reason}: ${outcome.description}` : outcome.reason;
}

function decodeFailure(text: string): ConsentError {
  if (/CancelledByUser/i.test(text)) return new ConsentError('cancelled');
  if (/FailedToOpenWindow/i.test(text)) return new ConsentError('popup-blocked');
  const [code, ...rest] = text.split(': ');
  const reason = FAILURES.find((f) => f === code);
  if (reason) return new ConsentError(reason, rest.join(': ') || undefined);
  return new ConsentError('error', text || undefined);
}

// ---- Reporting back (browser flow) ------------------------------------------------------------

interface OutcomeMessage {
  type: typeof MESSAGE_TYPE;
  outcome: ConsentOutcome;
}

function isOutcomeMessage(data: unknown): data is OutcomeMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === MESSAGE_TYPE;
}

/**
 * Tells the tab that opened this pop-up how it went: by postMessage to the opener when it is still
 * reachable, and through a BroadcastChannel and a storage event, which still arrive when the
 * opener link was cut on the way through Entra (Cross-Origin-Opener-Policy).
 */
export function reportOutcome(outcome: ConsentOutcome): void {
  const message: OutcomeMessage = { type: MESSAGE_TYPE, outcome };
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage(message);
    channel.close();
  } catch {
    // no BroadcastChannel: the storage event below carries it
  }
  try {
    window.localStorage.setItem(RESULT_KEY, JSON.stringify({ ...message, at: Date.now() }));
    window.localStorage.removeItem(RESULT_KEY);
  } catch {
    // storage disabled
  }
  try {
    if (window.opener) (window.opener as Window).postMessage(message, window.location.origin);
  } catch {
    // the opener is gone
  }
}

/**
 * Tells the opener the pop-up is about to leave for Entra. From then on the opener can't rely on
 * `popup.closed`: with Cross-Origin-Opener-Policy the link between the windows is cut on the way
 * and the pop-up reads as closed while it is still open.
 */
export function reportLeaving(): void {
  const message = { type: LEAVING_TYPE };
  try {
    if (window.opener) (window.opener as Window).postMessage(message, window.location.origin);
  } catch {
    // the opener is gone
  }
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage(message);
    channel.close();
  } catch {
    // no BroadcastChannel
  }
}

function isLeavingMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === LEAVING_TYPE;
}

// ---- The tab's side -------------------------------------------------------------------------

/**
 * Asks the user to let Tandem use their Outlook calendar. Resolves once they allowed it; rejects
 * with a ConsentError otherwise (closed, declined, blocked, not set up, or `signal` aborted). Call
 * it straight from a click: outside Teams it opens a window, which browsers only allow in response
 * to one. Outside Teams, offer a way to abort while it waits (see `reportLeaving`).
 */
export async function connectOutlook(host: Host, hints: ConsentHints = {}, { signal }: { signal?: AbortSignal } = {}): Promise<void> {
  const origin = window.location.origin;
  if (host.kind === 'teams') {
    const url = consentStartUrl(origin, {
      loginHint: hints.loginHint ?? host.context.loginHint,
      tenantId: hints.tenantId ?? host.context.tenantId,
    });
    try {
      await host.authenticate({ url, ...CONSENT_POPUP_SIZE });
    } catch (error) {
      throw decodeFailure(error instanceof Error ? error.message : String(error));
    }
    return;
  }
  return waitForPopup(consentStartUrl(origin, hints), signal);
}

function waitForPopup(url: string, signal: AbortSignal | undefined): Promise<void> {
  const { width, height } = CONSENT_POPUP_SIZE;
  const left = Math.max(0, Math.round(window.screenX + (window.outerWidth - width) / 2));
  const top = Math.max(0, Math.round(window.screenY + (window.outerHeight - height) / 2));
  const popup = window.open(url, 'tandem-outlook-consent', `popup=yes,width=${width},height=${height},left=${left},top=${top}`);
  if (!popup) return Promise.reject(new ConsentError('popup-blocked'));

  return new Promise<void>((resolve, reject) => {
    let channel: BroadcastChannel | undefined;
    let graceTimer: number | undefined;
    let awayTimer: number | undefined;
    /** The pop-up went to Microsoft: its `closed` no longer means anything (see reportLeaving). */
    let away = false;
    const settle = (outcome: ConsentOutcome) => {
      cleanup();
      if (outcome.ok) resolve();
      else reject(new ConsentError(outcome.reason, outcome.description));
    };
    const onData = (data: unknown) => {
      if (isOutcomeMessage(data)) settle(data.outcome);
      else if (isLeavingMessage(data) && !away) {
        away = true;
        awayTimer = window.setTimeout(() => settle({ ok: false, reason: 'cancelled' }), AWAY_TIMEOUT_MS);
      }
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin === window.location.origin) onData(event.data);
    };
    const onStorage = (event: StorageEvent) => {
      if (event.key !== RESULT_KEY || !event.newValue) return;
      try {
        onData(JSON.parse(event.newValue));
      } catch {
        // not ours
      }
    };
    const onAbort = () => {
      popup.close();
      settle({ ok: false, reason: 'cancelled' });
    };
    const poll = window.setInterval(() => {
      if (!away && popup.closed && graceTimer === undefined) {
        graceTimer = window.setTimeout(() => settle({ ok: false, reason: 'cancelled' }), CLOSE_GRACE_MS);
      }
    }, 500);
    function cleanup() {
      window.clearInterval(poll);
      window.clearTimeout(graceTimer);
      window.clearTimeout(awayTimer);
      window.removeEventListener('message', onMessage);
      window.removeEventListener('storage', onStorage);
      signal?.removeEventListener('abort', onAbort);
      channel?.close();
    }

    if (signal?.aborted) return onAbort();
    window.addEventListener('message', onMessage);
    window.addEventListener('storage', onStorage);
    signal?.addEventListener('abort', onAbort);
    try {
      channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = (event: MessageEvent) => onData(event.data);
    } catch {
      // the storage event and postMessage remain
    }
    popup.focus();
  });
}
