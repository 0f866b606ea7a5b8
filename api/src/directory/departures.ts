import type { Kysely } from 'kysely';
import type { Database, Flag } from '../db/schema';
import { settlePendingRequestsOfDeparted } from '../requests/requests.service';

/** What a mentee reads on a request their mentor can no longer answer. */
export const DEPARTED_DECLINE_REASON = 'No longer in the organisation';

/**
 * Someone has left when the directory disabled their account or deleted them. Recommendations,
 * match-run pools and the at-risk list test the same two columns in their own queries.
 */
export function hasLeft(person: { accountEnabled: Flag; directoryDeletedAt: string | null }): boolean {
  return person.accountEnabled === 0 || person.directoryDeletedAt !== null;
}

/**
 * What happens when accounts are disabled or deleted in the directory (docs/directory.md, "The
 * sync", step 8), inside the caller's transaction. Pending requests they sent are withdrawn and
 * those sent to them declined. Their active and paused pairs are left alone on purpose: an admin
 * decides what happens to them (the at-risk list shows them as `member-left`, read from the
 * same flags), and nothing anyone wrote is deleted. Idempotent: only pending requests change,
 * so a second call for the same people does nothing.
 */
export async function handleDepartures(db: Kysely<Database>, userIds: string[], now: string): Promise<void> {
  await settlePendingRequestsOfDeparted(db, userIds, DEPARTED_DECLINE_REASON, now);
}
