import type { Server } from 'node:http';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config/config';
import { answerClientErrors } from './http/client-errors';
import { createLogger } from './http/logging';
import { repeatEvery } from './jobs/repeat';
import { createRuntime } from './runtime';
import { readVersion } from './version';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, readVersion());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const { app, db } = await createRuntime(config, systemClock, logger);

  const server: Server = app.express.listen(config.port, config.host, () => {
    const where = `http://localhost:${config.port}`;
    logger.info({ port: config.port, database: db.kind, authMode: config.auth.mode }, `Tandem is listening on ${where} — open ${where}/tab`);
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  const calendarSync =
    config.outlook && config.outlook.syncIntervalMs > 0
      ? repeatEvery(
          'calendar-sync',
          config.outlook.syncIntervalMs,
          async () => {
            await app.jobs.syncCalendars();
            await app.jobs.checkAttendance();
          },
          logger,
        )
      : undefined;

  // One line per run, skipped or not, so it shows in the logs which instance did the work.
  const runNudges = async () => {
    const run = await app.jobs.nudges();
    logger.info({ job: 'nudges', ...run }, run.skipped ? 'nudges skipped: another run holds the lease' : 'nudges run');
  };
  // NUDGE_INTERVAL_MS=0 switches the scheduler off. Otherwise it runs once now, so a restart
  // doesn't leave nudges waiting a whole interval, then on the timer (the lease keeps
  // overlapping runs, here or on other instances, from doing the work twice).
  const firstNudges =
    config.nudgeIntervalMs > 0
      ? runNudges().catch((error: unknown) => logger.error({ err: error, job: 'nudges' }, 'background job failed'))
      : undefined;
  const nudges = config.nudgeIntervalMs > 0 ? repeatEvery('nudges', config.nudgeIntervalMs, runNudges, logger) : undefined;

  // Each run goes through every tenant under its own lease; a restart syncs at once rather than
  // an interval later. DIRECTORY_SYNC_INTERVAL_MS=0 leaves it to "Sync now".
  const runDirectorySync = async () => {
    for (const outcome of await app.jobs.syncDirectory()) {
      const { outcome: result, ...figures } = outcome;
      if (result === 'failed') logger.warn({ job: 'directory-sync', ...figures }, 'directory sync stopped; the next run resumes');
      else logger.info({ job: 'directory-sync', ...figures }, result === 'busy' ? 'directory sync skipped: another run holds the lease' : 'directory synced');
    }
  };
  const directoryInterval = config.directory?.intervalMs ?? 0;
  const firstDirectorySync =
    directoryInterval > 0 ? runDirectorySync().catch((error: unknown) => logger.error({ err: error, job: 'directory-sync' }, 'background job failed')) : undefined;
  const directorySync = directoryInterval > 0 ? repeatEvery('directory-sync', directoryInterval, runDirectorySync, logger) : undefined;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn('requests still open after the shutdown timeout; closing anyway');
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    force.unref();
    server.close(async () => {
      await calendarSync?.stop();
      await nudges?.stop();
      await firstNudges;
      await directorySync?.stop();
      await firstDirectorySync;
      await db.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Tandem failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
