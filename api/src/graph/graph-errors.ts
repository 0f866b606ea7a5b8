import { GraphError } from '@microsoft/microsoft-graph-client';

/**
 * What went wrong talking to Microsoft, in the terms the sync acts on:
 * - `no-session`: we hold no valid sign-in of this person to act for them (wait for them);
 * - `consent-required`: Entra needs the person (or an admin) to allow calendar access;
 * - `throttled` / `unreachable`: try again later (`retryAfterSeconds` when Graph said);
 * - `rejected`: Graph refused the request itself — retrying the same thing won't help;
 * - `not-found`: the item is gone from Outlook.
 */
export type GraphProblemKind = 'no-session' | 'consent-required' | 'throttled' | 'unreachable' | 'rejected' | 'not-found';

export class GraphProblem extends Error {
  constructor(
    readonly kind: GraphProblemKind,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GraphProblem';
  }
}

// AADSTS65001: consent missing; 65004: the user declined consent; 50076/50079: MFA needed.
const CONSENT_CODES = [65001, 65004, 50076, 50079];

/** Maps errors from msal-node, the Graph client and fetch onto the problems above. */
export function toGraphProblem(error: unknown): GraphProblem {
  if (error instanceof GraphProblem) return error;
  if (error instanceof GraphError) return fromGraphError(error);
  if (isMsalError(error)) return fromMsalError(error);
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new GraphProblem('unreachable', 'Microsoft Graph did not answer in time.');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GraphProblem('unreachable', `Microsoft Graph could not be reached (${message}).`);
}

function fromGraphError(error: GraphError): GraphProblem {
  const status = error.statusCode;
  const detail = error.message || error.code || `HTTP ${status}`;
  if (status === 429 || status === 503 || status === 504) {
    return new GraphProblem('throttled', `Outlook is busy (${status}).`, retryAfterSeconds(error.headers?.get('retry-after') ?? null));
  }
  if (status === 404) return new GraphProblem('not-found', 'The Outlook event no longer exists.');
  // 401 means the delegated token was refused (revoked, expired early): a fresh one may work.
  if (status === 401) return new GraphProblem('unreachable', 'Microsoft Graph refused the sign-in; it will be tried again.');
  if (status >= 500 || status <= 0) return new GraphProblem('unreachable', `Microsoft Graph failed (${status > 0 ? status : detail}).`);
  return new GraphProblem('rejected', `Outlook refused the change: ${detail}`);
}

interface MsalLikeError {
  errorCode: string;
  errorMessage: string;
  subError?: string;
  errorNo?: string | number;
}

function isMsalError(error: unknown): error is MsalLikeError & Error {
  return error instanceof Error && typeof (error as Partial<MsalLikeError>).errorCode === 'string';
}

function fromMsalError(error: MsalLikeError): GraphProblem {
  const codes = `${error.errorNo ?? ''} ${error.errorMessage ?? ''}`;
  const consent =
    error.subError === 'consent_required' ||
    error.errorCode === 'interaction_required' ||
    error.errorCode === 'consent_required' ||
    CONSENT_CODES.some((code) => codes.includes(`AADSTS${code}`) || String(error.errorNo) === String(code));
  if (consent) return new GraphProblem('consent-required', 'Allow Tandem to use your Outlook calendar.');
  if (error.errorCode === 'invalid_grant') {
    return new GraphProblem('no-session', 'Your sign-in can no longer be used for Outlook; it will be used again when you next open Tandem.');
  }
  if (error.errorCode === 'invalid_client' || error.errorCode === 'unauthorized_client') {
    return new GraphProblem('rejected', 'Microsoft Entra refused Tandem’s app credentials (check ENTRA_CLIENT_SECRET).');
  }
  return new GraphProblem('unreachable', `Microsoft Entra could not issue a token (${error.errorCode}).`);
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
