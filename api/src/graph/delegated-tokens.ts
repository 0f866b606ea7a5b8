import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import type { Clock } from '../clock';
import { GraphProblem } from './graph-errors';

export const GRAPH_SCOPES = ['https://graph.microsoft.com/Calendars.ReadWrite'];
/** Reading who joined a Teams meeting: a separate token, so a tenant that hasn't consented to it still syncs calendars. */
export const ATTENDANCE_SCOPES = ['https://graph.microsoft.com/OnlineMeetings.Read', 'https://graph.microsoft.com/OnlineMeetingArtifact.Read.All'];

export interface DelegatedTokenOptions {
  clientId: string;
  clientSecret: string;
  /** `https://login.microsoftonline.com` or a national cloud's authority host */
  authorityHost: string;
  clock: Clock;
  /** only tests swap msal's transport (to reach a local Entra stand-in) */
  networkClient?: INetworkModule;
}

/**
 * Graph tokens for signed-in people through the On-Behalf-Of flow. The tab's SSO token is the
 * OBO assertion; it is kept in memory only until it expires, so work that outlives a request
 * (a background retry) can still act as that person while their sign-in is valid. Nothing here
 * is persisted, logged or sent anywhere but Entra's token endpoint.
 */
export interface DelegatedTokens {
  remember(userId: string, tenantId: string, assertion: string, expiresAtMs: number): void;
  /** people we can currently act for */
  actingUserIds(): string[];
  tokenFor(userId: string, scopes?: string[]): Promise<string>;
}

interface Session {
  tenantId: string;
  assertion: string;
  expiresAtMs: number;
}

// An assertion this close to expiry may lapse before Entra reads it.
const EXPIRY_MARGIN_MS = 2 * 60_000;

export function createDelegatedTokens(options: DelegatedTokenOptions): DelegatedTokens {
  const sessions = new Map<string, Session>();
  // OBO must be redeemed at the user's own tenant authority.
  const appFor = confidentialClientPerTenant(options);

  const live = (session: Session | undefined): session is Session =>
    session !== undefined && session.expiresAtMs - EXPIRY_MARGIN_MS > options.clock.now().getTime();

  return {
    remember(userId, tenantId, assertion, expiresAtMs) {
      // The latest sign-in wins: it carries the person's current consent and session state.
      sessions.set(userId, { tenantId, assertion, expiresAtMs });
    },
    actingUserIds() {
      const ids: string[] = [];
      for (const [userId, session] of sessions) {
        if (live(session)) ids.push(userId);
        else sessions.delete(userId);
      }
      return ids;
    },
    async tokenFor(userId, scopes = GRAPH_SCOPES) {
      const session = sessions.get(userId);
      if (!live(session)) throw new GraphProblem('no-session', 'Waiting for the organiser to open Tandem so Outlook can be updated as them.');
      // msal answers from its cache while the Graph token for this assertion is still valid.
      const result = await appFor(session.tenantId).acquireTokenOnBehalfOf({ oboAssertion: session.assertion, scopes });
      if (!result?.accessToken) throw new GraphProblem('unreachable', 'Microsoft Entra returned no token.');
      return result.accessToken;
    },
  };
}

/** One msal confidential client per tenant, made on first use: tokens are issued by each tenant's own authority. */
export function confidentialClientPerTenant(options: {
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  networkClient?: INetworkModule | undefined;
}): (tenantId: string) => ConfidentialClientApplication {
  const apps = new Map<string, ConfidentialClientApplication>();
  return (tenantId) => {
    let app = apps.get(tenantId);
    if (!app) {
      app = new ConfidentialClientApplication({
        auth: { clientId: options.clientId, clientSecret: options.clientSecret, authority: `${options.authorityHost}/${tenantId}` },
        ...(options.networkClient ? { system: { networkClient: options.networkClient } } : {}),
      });
      apps.set(tenantId, app);
    }
    return app;
  };
}
