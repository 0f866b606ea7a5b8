import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { createAuthMiddleware } from './auth/auth.middleware';
import type { DevIssuer } from './auth/dev-issuer';
import type { TokenVerifier } from './auth/token-verifier';
import type { Clock } from './clock';
import type { Config } from './config/config';
import type { Db } from './db/database';
import type { Graph } from './graph/graph';
import type { GraphDirectoryFactory } from './graph/graph-client';
import { syncDirectory, type DirectorySyncDeps, type DirectoryTenantOutcome } from './directory/directory-sync.service';
import { checkTeamsAttendance } from './outlook/attendance';
import { outlookRoutes } from './outlook/outlook.routes';
import { createCalendarSync, syncDueSeries, type OutlookDeps } from './outlook/outlook.service';
import { actionItemsRoutes } from './action-items/action-items.routes';
import { agendaRoutes } from './agenda/agenda.routes';
import { analyticsRoutes } from './analytics/analytics.routes';
import { agreementsRoutes } from './agreements/agreements.routes';
import { availabilityRoutes } from './availability/availability.routes';
import { calendarRoutes } from './calendar/calendar.routes';
import { devRoutes } from './dev/dev.routes';
import { directoryRoutes } from './directory/directory.routes';
import { enrollmentsRoutes } from './enrollments/enrollments.routes';
import { goalsRoutes } from './goals/goals.routes';
import { healthRoutes } from './health/health.routes';
import { requestLogging } from './http/logging';
import { errorHandler, notFoundHandler } from './http/problem';
import { writeRateLimit } from './http/rate-limit';
import { ApiBuilder } from './http/route';
import { securityHeaders } from './http/security';
import { webApp } from './http/web-app';
import { buildOpenApiDocument, createRegistry } from './openapi/openapi';
import { createBot } from './bot/bot';
import { introductionsRoutes } from './introductions/introductions.routes';
import { meetingsRoutes } from './meetings/meetings.routes';
import { notesRoutes } from './notes/notes.routes';
import { notificationsRoutes } from './notifications/notifications.routes';
import { runNudges, type NotificationsDeps, type NudgeRun } from './notifications/notifications.service';
import type { TeamsNotifier } from './notifications/teams-notifier';
import { evaluateNudges } from './nudges/nudges.rules';
import { pairsRoutes } from './pairs/pairs.routes';
import { adminPairsRoutes } from './admin-pairs/admin-pairs.routes';
import { matchRunsRoutes } from './match-runs/match-runs.routes';
import { programsRoutes } from './programs/programs.routes';
import { recommendationsRoutes } from './recommendations/recommendations.routes';
import { requestsRoutes } from './requests/requests.routes';
import { surveysRoutes } from './surveys/surveys.routes';
import { taxonomyRoutes } from './taxonomy/taxonomy.routes';
import { usersRoutes } from './users/users.routes';

export interface AppDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  verifier: TokenVerifier;
  /** present only in AUTH_MODE=dev */
  devIssuer?: DevIssuer;
  /** present only when Outlook sync is configured (config.outlook) */
  graph?: Graph;
  /** present only when the bot is configured: nudges then reach Teams, not just the feed */
  teamsNotifier?: TeamsNotifier;
  /** present only when directory sync is on (config.directory): reads the directory app-only */
  directory?: GraphDirectoryFactory;
}

export interface App {
  express: Express;
  openApiDocument: ReturnType<typeof buildOpenApiDocument>;
  /** work the server runs on a timer (tests call it directly) */
  jobs: {
    syncCalendars(): Promise<number>;
    checkAttendance(): Promise<number>;
    nudges(): Promise<NudgeRun>;
    /** one directory sync of every configured tenant; [] when sync is off */
    syncDirectory(): Promise<DirectoryTenantOutcome[]>;
  };
}

/** Wires every route from injected parts; the server and the tests call this the same way. */
export function createApp(deps: AppDeps): App {
  const { db, config, clock } = deps;
  const registry = createRegistry();
  const users = { db: db.kysely, clock, adminEmails: config.adminEmails };
  const graph = deps.graph;
  const outlook: OutlookDeps | undefined = graph && {
    db: db.kysely,
    clock,
    logger: deps.logger,
    tokens: graph.tokens,
    clients: graph.clients,
    teamsAppId: config.teamsAppId,
  };
  const writeLimit = writeRateLimit({ limit: config.writesPerMinute, clock });
  const api = new ApiBuilder(
    registry,
    writeLimit.withAuth(
      createAuthMiddleware(deps.verifier, users, graph && ((user, token, identity) => graph.tokens.remember(user.id, user.tenantId, token, identity.expiresAtMs))),
    ),
  );

  healthRoutes(api, { db, version: config.version, authMode: config.auth.mode });
  if (config.auth.mode === 'dev' && deps.devIssuer) {
    devRoutes(api, { db: db.kysely, clock, issuer: deps.devIssuer, adminEmails: config.adminEmails });
  }
  usersRoutes(api);
  const domain = { db: db.kysely, clock };
  programsRoutes(api, domain);
  taxonomyRoutes(api, domain);
  enrollmentsRoutes(api, domain);
  availabilityRoutes(api, domain);
  recommendationsRoutes(api, domain);
  requestsRoutes(api, domain);
  pairsRoutes(api, domain);
  adminPairsRoutes(api, domain);
  matchRunsRoutes(api, domain);
  analyticsRoutes(api, { ...domain, headcountFromDirectory: config.directory?.mode === 'tenant' });
  meetingsRoutes(api, { ...domain, ...(outlook ? { calendarSync: createCalendarSync(outlook) } : {}) });
  outlookRoutes(api, { outlook: config.outlook });
  calendarRoutes(api, domain);
  agreementsRoutes(api, domain);
  introductionsRoutes(api, domain);
  surveysRoutes(api, domain);
  goalsRoutes(api, domain);
  actionItemsRoutes(api, domain);
  agendaRoutes(api, domain);
  notesRoutes(api, domain);
  const directorySync: DirectorySyncDeps | undefined =
    config.directory && deps.directory ? { ...domain, config: config.directory, directory: deps.directory, logger: deps.logger } : undefined;
  directoryRoutes(api, { ...domain, logger: deps.logger, sync: directorySync });
  // With BOT_ID the bot is hosted here and nudges also reach Teams through it; without, the feed only.
  const bot = config.bot ? createBot({ db: db.kysely, config, clock, logger: deps.logger }) : undefined;
  const teamsNotifier = deps.teamsNotifier ?? bot?.notifier;
  const notifications: NotificationsDeps = { ...domain, teamsAppId: config.teamsAppId, teamsNotifier, logger: deps.logger };
  notificationsRoutes(api, notifications);

  const openApiDocument = buildOpenApiDocument(registry, config.version);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);
  app.use(requestLogging(deps.logger));
  app.use(securityHeaders());
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  // API answers are personal (career conversations, HR data): no browser or proxy keeps a
  // copy, which also makes ETags pointless — so none is computed (web assets keep theirs).
  app.set('etag', false);
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', writeLimit.anonymous);
  app.use('/api', express.json({ limit: '100kb', strict: true }));
  // The Bot Framework authenticates its own calls (a bearer token from the Bot Connector), not Tandem sign-in.
  if (bot) app.post('/api/messages', (req, res) => bot.handle(req, res));
  app.use(api.router);
  app.use('/api', notFoundHandler);
  app.use(webApp(config.webDistDir));
  app.use(errorHandler);
  return { express: app, openApiDocument, jobs: {
      syncCalendars: async () => (outlook ? syncDueSeries(outlook) : 0),
      checkAttendance: async () => (outlook ? checkTeamsAttendance(outlook) : 0),
      nudges: () => runNudges(notifications, evaluateNudges),
      syncDirectory: async () => (directorySync ? syncDirectory(directorySync) : []),
    },
  };
}
