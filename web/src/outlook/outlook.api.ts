import { createApiClient, type ApiClient } from '../api/client';
import type { MeetingSeries } from '../meetings/meetings.api';

// Outlook sync through Microsoft Graph (docs/outlook-sync.md, "API additions").

export interface ConsentSettings {
  /** Outlook sync is on (Entra sign-in and a client secret on the server). */
  enabled: boolean;
  clientId?: string;
  /** Entra's authorize endpoint for this tenant. */
  authorizeUrl?: string;
  scopes?: string[];
}

/**
 * "Retry now" / "Update Outlook" / "Add to Outlook": runs the series' sync now, as the caller (the
 * organiser). 403 for the partner (the detail names the organiser), 409 when Outlook sync is off.
 */
export const syncSeriesNow = (api: ApiClient, seriesId: string) =>
  api.request<MeetingSeries>(`/api/meeting-series/${encodeURIComponent(seriesId)}/calendar-sync`, { method: 'POST' });

/** What the consent pop-up needs to send the user to Entra's consent screen. Public: no token is sent. */
export const getConsentSettings = (api: ApiClient = publicClient(), signal?: AbortSignal) =>
  api.request<ConsentSettings>('/api/calendar/consent-settings', { signal });

/** A client without a token, for the pop-up pages that run before (and without) any sign-in. */
export function publicClient(): ApiClient {
  return createApiClient({ getToken: () => Promise.resolve('') });
}
