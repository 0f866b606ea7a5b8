import type { Kysely } from 'kysely';
import { DEV_TENANT_ID } from '../auth/dev-issuer';
import type { Database, UsersTable } from '../db/schema';
import { applyDirectoryFile, DIRECTORY_COLUMNS, type DirectoryFile } from '../directory/directory-import.service';

/**
 * The demo organisation's people go in the way a customer's do without Entra data: as a CSV
 * import's rows (name, department, title, manager's email, time zone), through the import's
 * checks — emails, zones, no manager cycles — and its writer. Two things a real file can't carry
 * are passed alongside: each person's id and Entra object id, which the rest of the demo refers
 * to and the dev sign-in finds people by (a trusted caller may choose them; an HTTP import gets
 * placeholders), and when each person last opened Tandem, written afterwards.
 */
export async function writePeople(db: Kysely<Database>, users: UsersTable[]): Promise<void> {
  const first = users[0];
  if (!first) return;
  if (users.some((u) => u.createdAt !== first.createdAt || u.tenantId !== DEV_TENANT_ID)) {
    throw new Error('writePeople: the demo people are one import into the dev tenant, at one instant');
  }
  const byId = new Map(users.map((u) => [u.id, u]));
  const file: DirectoryFile = {
    columns: new Set(DIRECTORY_COLUMNS),
    rows: users.map((u, i) => ({
      line: i + 2,
      email: u.email,
      displayName: u.displayName,
      department: u.department ?? '',
      jobTitle: u.jobTitle ?? '',
      managerEmail: u.managerId === null ? '' : (byId.get(u.managerId)?.email ?? ''),
      timezone: u.timeZone ?? '',
    })),
  };
  const identities = new Map(users.map((u) => [u.email.toLowerCase(), { id: u.id, entraObjectId: u.entraObjectId }]));
  const { report, applied } = await applyDirectoryFile(db, DEV_TENANT_ID, file, first.createdAt, (email) => identities.get(email.toLowerCase())!);
  if (!applied) {
    const problems = report.rows.filter((r) => r.status === 'error').slice(0, 5).map((r) => `line ${r.line} (${r.email}): ${r.errors.join('; ')}`);
    throw new Error(`writePeople: the demo organisation fails the directory import’s checks:\n${problems.join('\n')}`);
  }
  for (const u of users) {
    if (u.lastSeenAt !== null) await db.updateTable('users').set({ lastSeenAt: u.lastSeenAt }).where('id', '=', u.id).execute();
  }
}
