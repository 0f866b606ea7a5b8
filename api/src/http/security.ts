import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Hosts Microsoft documents for embedding a Teams tab: Teams, Outlook and the
 * Microsoft 365 app, including the newer *.cloud.microsoft domains. Nobody else may
 * frame Tandem, which is why X-Frame-Options is off (it can't express a list).
 */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

/**
 * The Outlook consent pop-up's pages. Teams on the web talks to the pop-up it opened
 * (authentication.notifySuccess) only if the pop-up keeps its opener, which the default
 * Cross-Origin-Opener-Policy (same-origin) would sever.
 */
const CONSENT_POPUP_PATHS = new Set(['/auth/consent', '/auth/consent-end']);

export function securityHeaders(): RequestHandler {
  const standard = helmet(helmetOptions('same-origin'));
  const popup = helmet(helmetOptions('unsafe-none'));
  return (req, res, next) => (CONSENT_POPUP_PATHS.has(req.path) ? popup : standard)(req, res, next);
}

function helmetOptions(openerPolicy: 'same-origin' | 'unsafe-none'): HelmetOptions {
  return {
    crossOriginOpenerPolicy: { policy: openerPolicy },
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", 'https://res.cdn.office.net'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:', 'https://res.cdn.office.net', 'https://static2.sharepointonline.com'],
        'connect-src': ["'self'"],
        'frame-ancestors': TEAMS_FRAME_ANCESTORS,
        'form-action': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
  };
}
