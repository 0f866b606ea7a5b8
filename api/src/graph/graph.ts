import type { INetworkModule } from '@azure/msal-node';
import type { Clock } from '../clock';
import type { OutlookConfig } from '../config/config';
import { createDelegatedTokens, type DelegatedTokens } from './delegated-tokens';
import { createGraphClientFactory, type GraphClientFactory } from './graph-client';

/** Delegated Microsoft Graph access: who we may act for, and clients acting as them. */
export interface Graph {
  tokens: DelegatedTokens;
  clients: GraphClientFactory;
}

export function createGraph(
  config: OutlookConfig,
  clock: Clock,
  // Tests reach a local Entra stand-in: msal only accepts https authorities, so they keep the
  // real authority host and swap msal's transport instead.
  overrides: { networkClient?: INetworkModule; authorityHost?: string } = {},
): Graph {
  return {
    tokens: createDelegatedTokens({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authorityHost: overrides.authorityHost ?? config.authorityHost,
      clock,
      ...(overrides.networkClient ? { networkClient: overrides.networkClient } : {}),
    }),
    clients: createGraphClientFactory({ baseUrl: config.graphBaseUrl, timeoutMs: config.timeoutMs }),
  };
}
