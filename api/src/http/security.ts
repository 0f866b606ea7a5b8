import helmet from 'helmet';

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

export function securityHeaders() {
  return helmet({
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
  });
}
