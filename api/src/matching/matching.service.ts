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

/** Who is in whose reporting line, for a whole pool at once. */
export interface ReportingLines {
  /** among the people loaded, everyone in the person's reporting line: their managers and everyone below them */
  lineOf(person: string): ReadonlySet<string>;
}

/**
 * `reportingLineOf` for many people at once: two people are in each other's reporting line
 * exactly when one is above the other, so walking every person's managers upwards is enough.
 * One query per level of the hierarchy for the whole set (never one per person); a visited set
 * per person ends the walk on cycles in directory data.
 */
export async function reportingLinesOf(db: Kysely<Database>, userIds: Iterable<string>): Promise<ReportingLines> {
  const managerOf = new Map<string, string | null>();
  let frontier = [...new Set(userIds)];
  while (frontier.length > 0) {
    const next = new Set<string>();
    for (const row of await managersOf(db, frontier)) {
      managerOf.set(row.id, row.managerId);
      if (row.managerId !== null && !managerOf.has(row.managerId)) next.add(row.managerId);
    }
    for (const id of frontier) if (!managerOf.has(id)) managerOf.set(id, null);
    frontier = [...next].filter((id) => !managerOf.has(id));
  }

  const above = new Map<string, Set<string>>();
  const chainOf = (userId: string): Set<string> => {
    let chain = above.get(userId);
    if (chain) return chain;
    chain = new Set<string>();
    for (let manager = managerOf.get(userId) ?? null; manager !== null && manager !== userId && !chain.has(manager); manager = managerOf.get(manager) ?? null) {
      chain.add(manager);
    }
    above.set(userId, chain);
    return chain;
  };
  let below: Map<string, Set<string>> | null = null;
  const belowOf = (userId: string): ReadonlySet<string> => {
    if (below === null) {
      below = new Map();
      for (const id of managerOf.keys()) {
        for (const manager of chainOf(id)) {
          const reports = below.get(manager) ?? new Set<string>();
          reports.add(id);
          below.set(manager, reports);
        }
      }
    }
    return below.get(userId) ?? new Set();
  };
  return {
    lineOf(person) {
      const line = new Set([...chainOf(person), ...belowOf(person)]);
      line.delete(person);
      return line;
    },
  };
}
