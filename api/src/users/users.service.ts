import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { VerifiedIdentity } from '../auth/token-verifier';
import { ADMIN_APP_ROLE } from '../auth/token-verifier';
import type { Clock } from '../clock';
import { isUniqueViolation } from '../db/database';
import { isDatabaseUnavailable } from '../db/retry';
import type { Database } from '../db/schema';
import { claimUser, findUnclaimedByEmail, findUserByIdentity, insertUser, updateUserFromSignIn, type UserRow } from './users.queries';

export interface CurrentUser {
  id: string;
  tenantId: string;
  email: string;
  displayName: string;
  department: string | null;
  jobTitle: string | null;
  timeZone: string | null;
  isAdmin: boolean;
}

export interface UsersDeps {
  db: Kysely<Database>;
  clock: Clock;
  adminEmails: string[];
}

/**
 * People a directory import creates carry `csv:` and 32 hex digits as their object id (it fits
 * the 36-character column and can't collide with a real Entra GUID) until they first sign in.
 */
export const IMPORT_OBJECT_ID_PREFIX = 'csv:';

/** Don't write on every request: "last seen" only needs to be roughly right. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

/**
 * Finds or creates the Tandem user behind a verified token. Identity is the Entra
 * object id within its tenant; email and name follow the latest sign-in, while
 * directory fields (department, manager…) come from the directory when it has them (sync or
 * import) and from the token only for people the directory doesn't know. Someone a directory
 * import created is claimed by email on their first sign-in rather than created twice.
 */
export async function resolveCurrentUser(deps: UsersDeps, identity: VerifiedIdentity): Promise<CurrentUser> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  let row = (await findUserByIdentity(deps.db, identity.tenantId, identity.objectId)) ?? (await claimImported(deps, identity, nowIso));
  if (!row) {
    const fresh: UserRow = {
      id: uuidv7(),
      tenantId: identity.tenantId,
      entraObjectId: identity.objectId,
      email: identity.email,
      displayName: identity.displayName,
      department: identity.department ?? null,
      jobTitle: null,
      officeLocation: null,
      managerId: null,
      timeZone: null,
      accountEnabled: 1,
      lastSeenAt: nowIso,
      directorySyncedAt: null,
      createdAt: nowIso,
      updatedAt: nowIso,
      usageLocation: null,
      directoryDeletedAt: null,
      directorySource: null,
    };
    try {
      await insertUser(deps.db, fresh);
      row = fresh;
    } catch (error) {
      // A parallel first request created the same person a moment ago.
      if (!isUniqueViolation(error)) throw error;
      row = await findUserByIdentity(deps.db, identity.tenantId, identity.objectId);
      if (!row) throw error;
    }
  } else {
    const tokenDepartment = row.directorySource === null ? identity.department : undefined;
    const claimsChanged =
      row.email !== identity.email ||
      row.displayName !== identity.displayName ||
      (tokenDepartment !== undefined && row.department !== tokenDepartment);
    const stale = !row.lastSeenAt || now.getTime() - Date.parse(row.lastSeenAt) > LAST_SEEN_RESOLUTION_MS;
    if (claimsChanged || stale) {
      const changes = {
        email: identity.email,
        displayName: identity.displayName,
        lastSeenAt: nowIso,
        updatedAt: claimsChanged ? nowIso : row.updatedAt,
        ...(tokenDepartment !== undefined ? { department: tokenDepartment } : {}),
      };
      try {
        await updateUserFromSignIn(deps.db, row.id, changes);
        row = { ...row, ...changes };
      } catch (error) {
        // Last-seen is bookkeeping: a locked database must not turn every read into a 503.
        if (claimsChanged || !isDatabaseUnavailable(error)) throw error;
      }
    }
  }
  return currentUserOf(row, identity.roles.includes(ADMIN_APP_ROLE) || deps.adminEmails.includes(row.email.toLowerCase()));
}

/** The imported row with this email, now carrying the token's identity; undefined when there is none. */
async function claimImported(deps: UsersDeps, identity: VerifiedIdentity, nowIso: string): Promise<UserRow | undefined> {
  const row = await findUnclaimedByEmail(deps.db, identity.tenantId, identity.email, IMPORT_OBJECT_ID_PREFIX);
  if (!row) return undefined;
  const changes = { entraObjectId: identity.objectId, email: identity.email, displayName: identity.displayName, lastSeenAt: nowIso, updatedAt: nowIso };
  if ((await claimUser(deps.db, row.id, row.entraObjectId, changes)) === 1) return { ...row, ...changes };
  // A parallel first request claimed it a moment ago.
  return findUserByIdentity(deps.db, identity.tenantId, identity.objectId);
}

/**
 * Someone Tandem already knows, found by their Entra identity without a sign-in (the bot only
 * sees who is writing): no token, so no app roles — an admin only through ADMIN_EMAILS.
 */
export async function findKnownUser(deps: Pick<UsersDeps, 'db' | 'adminEmails'>, tenantId: string, objectId: string): Promise<CurrentUser | null> {
  const row = await findUserByIdentity(deps.db, tenantId, objectId);
  return row ? currentUserOf(row, deps.adminEmails.includes(row.email.toLowerCase())) : null;
}

function currentUserOf(row: UserRow, isAdmin: boolean): CurrentUser {
  return {
    id: row.id,
    tenantId: row.tenantId,
    email: row.email,
    displayName: row.displayName,
    department: row.department,
    jobTitle: row.jobTitle,
    timeZone: row.timeZone,
    isAdmin,
  };
}
