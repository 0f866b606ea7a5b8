import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { VerifiedIdentity } from '../auth/token-verifier';
import { ADMIN_APP_ROLE } from '../auth/token-verifier';
import type { Clock } from '../clock';
import { isUniqueViolation } from '../db/database';
import type { Database } from '../db/schema';
import { findUserByIdentity, insertUser, updateUserFromSignIn, type UserRow } from './users.queries';

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

/** Don't write on every request: "last seen" only needs to be roughly right. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

/**
 * Finds or creates the Tandem user behind a verified token. Identity is the Entra
 * object id within its tenant; email and name follow the latest sign-in, while
 * directory fields (department, manager…) are only filled when the token carries them.
 */
export async function resolveCurrentUser(deps: UsersDeps, identity: VerifiedIdentity): Promise<CurrentUser> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  let row = await findUserByIdentity(deps.db, identity.tenantId, identity.objectId);
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
    const claimsChanged =
      row.email !== identity.email ||
      row.displayName !== identity.displayName ||
      (identity.department !== undefined && row.department !== identity.department);
    const stale = !row.lastSeenAt || now.getTime() - Date.parse(row.lastSeenAt) > LAST_SEEN_RESOLUTION_MS;
    if (claimsChanged || stale) {
      const changes = {
        email: identity.email,
        displayName: identity.displayName,
        lastSeenAt: nowIso,
        updatedAt: claimsChanged ? nowIso : row.updatedAt,
        ...(identity.department !== undefined ? { department: identity.department } : {}),
      };
      await updateUserFromSignIn(deps.db, row.id, changes);
      row = { ...row, ...changes };
    }
  }
  return currentUserOf(row, identity.roles.includes(ADMIN_APP_ROLE) || deps.adminEmails.includes(row.email.toLowerCase()));
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
