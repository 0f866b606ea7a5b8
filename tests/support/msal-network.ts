import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { PUBLIC_AUTHORITY } from './entra-stand-in';

/**
 * msal-node's `system.networkClient` for tests: every call msal makes to
 * https://login.microsoftonline.com goes to the Entra stand-in instead (same path and query), so the
 * production msal configuration — an https authority — is used unchanged. Any other destination
 * is refused loudly: a test must never reach a real Microsoft endpoint (or IMDS) by accident.
 */
export function standInNetworkClient(standIn: { authorityHost: string }): INetworkModule {
  const target = (url: string): string => {
    if (url === PUBLIC_AUTHORITY || url.startsWith(`${PUBLIC_AUTHORITY}/`) || url.startsWith(`${PUBLIC_AUTHORITY}?`)) {
      return standIn.authorityHost + url.slice(PUBLIC_AUTHORITY.length);
    }
    throw new Error(`standInNetworkClient: msal tried to reach ${url}, which has no stand-in`);
  };

  async function send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const response = await fetch(target(url), {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    });
    const headers: Record<string, string> = {};
    // msal looks headers up by lower-case name (e.g. retry-after), as its own client delivers them.
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const text = await response.text();
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      throw new Error(`standInNetworkClient: ${method} ${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    return { headers, body, status: response.status };
  }

  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>('GET', url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}
