import type { INetworkModule } from '@azure/msal-node';
import type { DirectoryConfig } from '../config/config';
import { createGraphDirectoryFactory, directoryConsentMissing, type GraphDirectoryFactory } from './graph-client';
import { confidentialClientPerTenant } from './delegated-tokens';
import { GraphProblem, toGraphProblem } from './graph-errors';

/** Application permissions are granted as a whole: `.default` asks for everything the admin consented to. */
export const APP_ONLY_SCOPES = ['https://graph.microsoft.com/.default'];

export interface AppTokenOptions {
  clientId: string;
  clientSecret: string;
  /** `https://login.microsoftonline.com` or a national cloud's authority host */
  authorityHost: string;
  /** only tests swap msal's transport (to reach a local Entra stand-in) */
  networkClient?: INetworkModule;
}

/** Microsoft Graph tokens of Tandem itself (no user), for one tenant at a time. */
export interface AppTokens {
  /** `fresh`: ask Entra rather than msal's cache (after Graph refused a cached token) */
  tokenFor(tenantId: string, options?: { fresh?: boolean }): Promise<string>;
}

/*
 * What Entra answers a client-credentials request when the tenant hasn't granted Tandem what it
 * needs: 7000229 the app has no service principal there (never consented), 700016 the app isn't
 * known in that directory, 65001 no consent, 650056 misconfigured/unconsented permissions,
 * 500011 the resource (Graph) principal isn't there.
 */
const ADMIN_CONSENT_CODES = [7000229, 700016, 65001, 650056, 500011];

export function createAppTokens(options: AppTokenOptions): AppTokens {
  // An app-only token is always issued by the tenant whose data it reads.
  const appFor = confidentialClientPerTenant(options);

  return {
    async tokenFor(tenantId, { fresh = false } = {}) {
      try {
        // msal answers from its in-memory cache while the app token is still valid.
        const result = await appFor(tenantId).acquireTokenByClientCredential({ scopes: APP_ONLY_SCOPES, skipCache: fresh });
        if (!result?.accessToken) throw new GraphProblem('unreachable', 'Microsoft Entra returned no token.');
        return result.accessToken;
      } catch (error) {
        if (isAdminConsentError(error)) throw directoryConsentMissing(tenantId);
        throw toGraphProblem(error);
      }
    },
  };
}

function isAdminConsentError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { errorNo?: string | number; errorMessage?: string; subError?: string };
  if (e.subError === 'consent_required') return true;
  const text = `${e.errorMessage ?? ''} ${e.message}`;
  return ADMIN_CONSENT_CODES.some((code) => String(e.errorNo) === String(code) || new RegExp(`AADSTS${code}\\b`).test(text));
}

/** The directory reader for DIRECTORY_SYNC: app-only tokens of Tandem's own registration. */
export function createDirectoryGraph(
  config: DirectoryConfig,
  // Tests reach a local Entra stand-in through msal's transport and a local Graph by its URL.
  overrides: { networkClient?: INetworkModule; authorityHost?: string; graphBaseUrl?: string; maxRetryWaitSeconds?: number } = {},
): GraphDirectoryFactory {
  const tokens = createAppTokens({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorityHost: overrides.authorityHost ?? config.authorityHost,
    ...(overrides.networkClient ? { networkClient: overrides.networkClient } : {}),
  });
  return createGraphDirectoryFactory({
    baseUrl: overrides.graphBaseUrl ?? config.graphBaseUrl,
    timeoutMs: config.timeoutMs,
    token: (tenantId, tokenOptions) => tokens.tokenFor(tenantId, tokenOptions),
    ...(overrides.maxRetryWaitSeconds !== undefined ? { maxRetryWaitSeconds: overrides.maxRetryWaitSeconds } : {}),
  });
}
