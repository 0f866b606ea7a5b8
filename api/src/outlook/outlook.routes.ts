import type { OutlookConfig } from '../config/config';
import type { ApiBuilder } from '../http/route';
import { z } from '../http/zod';
import { consentSettings as consentSettingsOf } from './outlook.service';

const consentSettingsSchema = z
  .object({
    enabled: z.boolean().openapi({ description: 'Outlook sync is configured on this server' }),
    clientId: z.string().optional(),
    authorizeUrl: z.string().optional().openapi({ description: "Entra's authorize endpoint the consent pop-up sends people to" }),
    scopes: z.array(z.string()).optional(),
  })
  .openapi('OutlookConsentSettings');

/** What the tab's consent pop-up needs: public, since it opens before any Tandem sign-in. */
export function outlookRoutes(api: ApiBuilder, deps: { outlook: OutlookConfig | null }): void {
  api.add({
    method: 'get',
    path: '/api/calendar/consent-settings',
    operationId: 'getOutlookConsentSettings',
    summary: 'Where to ask a person to let Tandem use their Outlook calendar (public)',
    tag: 'Check-ins',
    access: 'public',
    response: consentSettingsSchema,
    handler: () => consentSettingsOf(deps.outlook),
  });
}
