import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import { directoryStatus, syncDirectory, type DirectoryStatus, type DirectorySyncDeps } from './directory-sync.service';

/** The admin view of organisation data (docs/directory.md, "Admin HTTP API"). */
export interface DirectoryAdminDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** absent when DIRECTORY_SYNC is off */
  sync?: DirectorySyncDeps | undefined;
}

function syncIsOn(sync: DirectorySyncDeps | undefined): sync is DirectorySyncDeps {
  return sync !== undefined && sync.config !== null && sync.directory !== null;
}

/** Each tenant's sync state (none when sync is off) and where everyone's data came from. */
export async function directoryState(deps: DirectoryAdminDeps): Promise<DirectoryStatus> {
  // With sync off the status still counts people (imported, signed in, departed); it then has no tenants.
  return directoryStatus(deps.sync ?? { db: deps.db, clock: deps.clock, config: null, directory: null });
}

/**
 * "Sync now": the sync starts in the background and the admin is answered at once — a full round
 * of a large tenant takes minutes. Its outcome lands in the sync state the admin view reads; a
 * failure the sync didn't record itself is logged.
 */
export function startDirectorySync(deps: DirectoryAdminDeps): { started: true } {
  const sync = deps.sync;
  if (!syncIsOn(sync)) {
    throw new AppError('conflict', 'Directory sync is off. Set DIRECTORY_SYNC to enrolled or tenant (with Entra sign-in) to read the directory, or import a CSV file.');
  }
  void syncDirectory(sync).catch((error: unknown) => deps.logger.error({ err: error }, 'directory sync failed'));
  return { started: true };
}
