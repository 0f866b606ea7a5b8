import type { ServiceClientCredentialsFactory } from 'botframework-connector';

/** The Bot Framework's audience when Tandem calls the connector. */
const DEFAULT_AUDIENCE = 'https://api.botframework.com';
const TOKEN_TIMEOUT_MS = 10_000;
// Ask again a little before the token runs out, so a send never goes out with an expiring one.
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/**
 * Client-credential tokens for the connector from a plain OAuth token endpoint
 * (BOT_OAUTH_ENDPOINT), for a Bot Framework stand-in that is not Entra ID. Production leaves it
 * unset and botbuilder's own factory asks Entra ID (password) or the managed identity.
 */
export function tokenEndpointCredentials(options: { appId: string; password: string; endpoint: string; now: () => Date }): ServiceClientCredentialsFactory {
  const cache = new Map<string, { token: string; expiresAt: number }>();

  async function token(audience: string): Promise<string> {
    const cached = cache.get(audience);
    if (cached && cached.expiresAt > options.now().getTime()) return cached.token;
    const response = await fetch(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.appId,
        client_secret: options.password,
        scope: `${audience.replace(/\/+$/, '')}/.default`,
      }),
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
    if (!response.ok || typeof body?.access_token !== 'string') {
      throw new Error(`The bot's token endpoint answered ${response.status} without an access token.`);
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000;
    cache.set(audience, { token: body.access_token, expiresAt: options.now().getTime() + lifetimeMs - EXPIRY_MARGIN_MS });
    return body.access_token;
  }

  return {
    isValidAppId: async (appId) => appId === options.appId,
    isAuthenticationDisabled: async () => false,
    createCredentials: async (_appId, audience) => ({
      async signRequest(webResource) {
        webResource.headers.set('Authorization', `Bearer ${await token(audience ?? DEFAULT_AUDIENCE)}`);
        return webResource;
      },
    }),
  };
}
