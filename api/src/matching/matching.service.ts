import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { directReportsOf, managersOf } from './matching.queries';

/**
 * Everyone in a person's reporting line, excluding the person: all managers above them
 * and everyone whose chain of managers reaches them, at any depth. One query per level of
 * the hierarchy (never one per person); a visited set ends the walk even when bad
 * directory data contains a cycle.
 */
export async function reportingLineOf(db: Kysely<Database>, userId: string): Promise<Set<string>> {
  const line = new Set<string>();
  const visited = new Set<string>([userId]);

  let frontier = [userId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const row of await managersOf(db, frontier)) {
      if (row.managerId === null || visited.has(row.managerId)) continue;
      visited.add(row.managerId);
      line.add(row.managerId);
      next.push(row.managerId);
    }
    frontier = next;
  }

  // Going down starts again from the person: someone above may also be below (a cycle),
  // and they are in the line either way.
  const visitedDown = new Set<string>([userId]);
  frontier = [userId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of await directReportsOf(db, frontier)) {
      if (visitedDown.has(id)) continue;
      visitedDown.add(id);
      line.add(id);
      next.push(id);
    }
    frontier = next;
  }
  return line;
}

/**
 * A paused mentor takes no new mentees until they reopen or, when they gave one, until
 * `pausedUntil` (the first day they are back).
 */
export function isPausedOn(enrollment: { availability: 'open' | 'paused'; pausedUntil: string | null }, today: string): boolean {
  return enrollment.availability === 'paused' && (enrollment.pausedUntil === null || today < enrollment.pausedUntil);
}
