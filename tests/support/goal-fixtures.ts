import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../api/src/db/database';
import type { GoalStatus, PairStatus } from '../../api/src/db/schema';
import { fixtures } from './fixtures';

const T = '2026-01-01T00:00:00.000Z';

export interface GoalWorld {
  mentor: string;
  mentee: string;
  program: string;
  /** an active pair of mentor and mentee */
  pair: string;
  /** a second pair of the same mentor with another mentee */
  otherPair: string;
  otherMentee: string;
}

export const EMAILS = {
  mentor: 'ana@contoso.example',
  mentee: 'ben@contoso.example',
  otherMentee: 'cy@contoso.example',
  outsider: 'dee@contoso.example',
  admin: 'morgan.lee@contoso.example',
} as const;

/** Two pairs of one mentor plus an outsider, the people every goals test needs. */
export async function goalWorld(db: Db): Promise<GoalWorld> {
  const f = fixtures(db);
  const mentor = await f.person(EMAILS.mentor, { displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering' });
  const mentee = await f.person(EMAILS.mentee, { displayName: 'Ben Mentee', department: 'Sales' });
  const otherMentee = await f.person(EMAILS.otherMentee, { displayName: 'Cy Mentee' });
  await f.person(EMAILS.outsider, { displayName: 'Dee Outsider' });
  const program = await f.program('Grow Together');
  await f.enrol(program, mentor, 'mentor');
  await f.enrol(program, mentee, 'mentee');
  await f.enrol(program, otherMentee, 'mentee');
  const pair = await f.pair(program, mentor, mentee);
  const otherPair = await f.pair(program, mentor, otherMentee);
  return { mentor, mentee, program, pair, otherPair, otherMentee };
}

export async function setPairStatus(db: Db, pairId: string, status: PairStatus): Promise<void> {
  await db.kysely.updateTable('pairs').set({ status, endedAt: status === 'completed' || status === 'ended' ? T : null }).where('id', '=', pairId).execute();
}

export async function pairActivity(db: Db, pairId: string): Promise<string> {
  const row = await db.kysely.selectFrom('pairs').select('lastActivityAt').where('id', '=', pairId).executeTakeFirstOrThrow();
  return row.lastActivityAt;
}

/** A goal written straight to the database, with steps, for tests that start mid-plan. */
export async function insertGoal(
  db: Db,
  pairId: string,
  createdBy: string,
  extra: { title?: string; status?: GoalStatus; steps?: string[]; createdAt?: string } = {},
): Promise<string> {
  const id = uuidv7();
  const createdAt = extra.createdAt ?? T;
  await db.kysely
    .insertInto('goals')
    .values({
      id, pairId, title: extra.title ?? 'Seeded goal', skill: 'Networking', mentorRole: 'Introductions', targetDate: null, status: extra.status ?? 'not-started',
      progress: 0, progressManual: 0, templateKey: null, completedAt: null, deletedAt: null, createdBy, createdAt, updatedAt: createdAt,
    })
    .execute();
  const steps = extra.steps ?? [];
  if (steps.length > 0) {
    await db.kysely
      .insertInto('goalSteps')
      .values(steps.map((text, i) => ({ id: uuidv7(), goalId: id, position: i + 1, text, doneAt: null })))
      .execute();
  }
  return id;
}

/** `count` progress notes one minute apart starting at `from`, numbered `note 1`… in time order. */
export async function insertUpdates(db: Db, goalId: string, authorId: string, count: number, from: string): Promise<void> {
  const start = Date.parse(from);
  await db.kysely
    .insertInto('goalUpdates')
    .values(
      Array.from({ length: count }, (_, i) => ({
        id: uuidv7(), goalId, authorId, kind: 'progress' as const, note: `note ${i + 1}`, progress: null, createdAt: new Date(start + i * 60_000).toISOString(),
      })),
    )
    .execute();
}

/** Everything the goals feature writes, to prove a refused request changed nothing. */
export async function goalTables(db: Db) {
  const k = db.kysely;
  const [goals, steps, updates, pairs] = await Promise.all([
    k.selectFrom('goals').selectAll().orderBy('id').execute(),
    k.selectFrom('goalSteps').selectAll().orderBy('id').execute(),
    k.selectFrom('goalUpdates').selectAll().orderBy('id').execute(),
    k.selectFrom('pairs').select(['id', 'lastActivityAt', 'status']).orderBy('id').execute(),
  ]);
  return { goals, steps, updates, pairs };
}
