import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, GoalStepsTable, GoalsTable, GoalUpdatesTable } from '../db/schema';

export type GoalRow = Selectable<GoalsTable>;
export type GoalStepRow = Selectable<GoalStepsTable>;

/** How many updates a goal shows; older ones stay in the table. */
export const UPDATES_SHOWN = 20;

export function findGoal(db: Kysely<Database>, goalId: string): Promise<GoalRow | undefined> {
  return db.selectFrom('goals').selectAll().where('id', '=', goalId).executeTakeFirst();
}

export function listGoalsOfPair(db: Kysely<Database>, pairId: string, includeDeleted: boolean): Promise<GoalRow[]> {
  let query = db.selectFrom('goals').selectAll().where('pairId', '=', pairId);
  if (!includeDeleted) query = query.where('deletedAt', 'is', null);
  return query.orderBy('createdAt').orderBy('id').execute();
}

export async function listStepsOfGoals(db: Kysely<Database>, goalIds: string[]): Promise<GoalStepRow[]> {
  if (goalIds.length === 0) return [];
  return db.selectFrom('goalSteps').selectAll().where('goalId', 'in', goalIds).orderBy('goalId').orderBy('position').execute();
}

/**
 * The newest updates of each goal with their authors, in one query: a row_number() window
 * (standard SQL, on SQLite and SQL Server alike) ranks each goal's updates newest first.
 */
export async function latestUpdatesOfGoals(db: Kysely<Database>, goalIds: string[]) {
  if (goalIds.length === 0) return [];
  const ranked = db
    .selectFrom('goalUpdates')
    .select((eb) => [
      'goalUpdates.id',
      'goalUpdates.goalId',
      'goalUpdates.authorId',
      'goalUpdates.kind',
      'goalUpdates.note',
      'goalUpdates.progress',
      'goalUpdates.createdAt',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('goalUpdates.goalId').orderBy('goalUpdates.createdAt', 'desc').orderBy('goalUpdates.id', 'desc'))
        .as('recency'),
    ])
    .where('goalUpdates.goalId', 'in', goalIds);
  return db
    .selectFrom(ranked.as('u'))
    .innerJoin('users', 'users.id', 'u.authorId')
    .select([
      'u.id',
      'u.goalId',
      'u.kind',
      'u.note',
      'u.progress',
      'u.createdAt',
      'users.id as authorId',
      'users.displayName as authorDisplayName',
      'users.jobTitle as authorJobTitle',
      'users.department as authorDepartment',
    ])
    .where('u.recency', '<=', UPDATES_SHOWN)
    .orderBy('u.goalId')
    .orderBy('u.createdAt', 'desc')
    .orderBy('u.id', 'desc')
    .execute();
}

export async function insertGoal(db: Kysely<Database>, goal: Insertable<GoalsTable>, steps: Insertable<GoalStepsTable>[]): Promise<void> {
  await db.insertInto('goals').values(goal).execute();
  if (steps.length > 0) await db.insertInto('goalSteps').values(steps).execute();
}

export async function updateGoal(db: Kysely<Database>, goalId: string, changes: Updateable<GoalsTable>): Promise<void> {
  await db.updateTable('goals').set(changes).where('id', '=', goalId).execute();
}

/**
 * Writing the goal row first makes SQL Server hold its row lock for the rest of the
 * transaction, so concurrent writers to one goal (two step toggles, say) queue instead of
 * deriving progress from each other's stale reads. Returns false when the goal is gone.
 */
export async function lockGoal(db: Kysely<Database>, goalId: string, now: string): Promise<boolean> {
  const result = await db.updateTable('goals').set({ updatedAt: now }).where('id', '=', goalId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listStepsOfGoal(db: Kysely<Database>, goalId: string): Promise<GoalStepRow[]> {
  return db.selectFrom('goalSteps').selectAll().where('goalId', '=', goalId).orderBy('position').execute();
}

export async function insertStep(db: Kysely<Database>, step: Insertable<GoalStepsTable>): Promise<void> {
  await db.insertInto('goalSteps').values(step).execute();
}

export async function updateStep(db: Kysely<Database>, stepId: string, changes: Updateable<GoalStepsTable>): Promise<void> {
  await db.updateTable('goalSteps').set(changes).where('id', '=', stepId).execute();
}

export async function insertGoalUpdate(db: Kysely<Database>, update: Insertable<GoalUpdatesTable>): Promise<void> {
  await db.insertInto('goalUpdates').values(update).execute();
}

export async function touchPairActivity(db: Kysely<Database>, pairId: string, now: string): Promise<void> {
  await db.updateTable('pairs').set({ lastActivityAt: now }).where('id', '=', pairId).execute();
}
