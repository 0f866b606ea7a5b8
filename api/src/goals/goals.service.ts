import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database, Flag, GoalStatus } from '../db/schema';
import { AppError } from '../errors/app-error';
import { requireOpenPair, requirePairAccess, type PairAccess } from '../pairs/pair-access';
import type { CurrentUser } from '../users/users.service';
import {
  findGoal,
  insertGoal,
  insertGoalUpdate,
  insertStep,
  latestUpdatesOfGoals,
  listGoalsOfPair,
  listStepsOfGoal,
  listStepsOfGoals,
  lockGoal,
  touchPairActivity,
  updateGoal,
  updateStep,
  type GoalRow,
} from './goals.queries';
import { findGoalTemplate, GOAL_TEMPLATES } from './goals.templates';

export interface GoalsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

/** The most steps a goal may have; a longer list is a project plan, not a mentoring goal. */
export const MAX_STEPS = 20;

export interface NewGoal {
  title: string;
  skill: string;
  actionSteps: string[];
  mentorRole: string;
  targetDate?: string | null;
  status?: GoalStatus;
  templateKey?: string | null;
}

export interface GoalChanges {
  title?: string;
  skill?: string;
  mentorRole?: string;
  targetDate?: string | null;
  status?: GoalStatus;
  progress?: number | null;
}

export interface StepChanges {
  done?: boolean;
  text?: string;
}

export interface NewGoalUpdate {
  kind: 'progress' | 'milestone';
  note: string;
  progress?: number;
}

export function listGoalTemplates() {
  return GOAL_TEMPLATES.map((t) => ({ ...t, actionSteps: [...t.actionSteps] }));
}

export async function listPairGoals(deps: GoalsDeps, user: CurrentUser, pairId: string, includeDeleted: boolean) {
  await requirePairAccess(deps.db, user, pairId);
  const rows = await listGoalsOfPair(deps.db, pairId, includeDeleted);
  return toGoals(deps, rows);
}

export async function createGoal(deps: GoalsDeps, user: CurrentUser, pairId: string, input: NewGoal) {
  const access = await requirePairAccess(deps.db, user, pairId);
  requireOpenPair(access);
  const now = deps.clock.now().toISOString();
  const template = input.templateKey ? findGoalTemplate(input.templateKey) : undefined;
  if (input.templateKey && !template) {
    throw AppError.validation([{ field: 'templateKey', message: 'There is no goal template with this key' }]);
  }
  // An omitted date on a template goal means "the template's usual timeline"; an explicit null means none.
  const targetDate = input.targetDate !== undefined ? input.targetDate : template ? addMonths(now.slice(0, 10), template.durationMonths) : null;
  const goalId = uuidv7();
  const steps = input.actionSteps.map((text, i) => ({ id: uuidv7(), goalId, position: i + 1, text, doneAt: null }));
  const state = settle({ status: 'not-started', progress: 0, progressManual: 0, completedAt: null }, steps, { status: input.status ?? 'not-started' }, now);

  await deps.db.transaction().execute(async (trx) => {
    await insertGoal(
      trx,
      {
        id: goalId,
        pairId,
        title: input.title,
        skill: input.skill,
        mentorRole: input.mentorRole,
        targetDate,
        ...state,
        templateKey: template?.key ?? null,
        deletedAt: null,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      },
      steps,
    );
    await touchPairActivity(trx, pairId, now);
  });
  return loadGoal(deps, goalId);
}

export function changeGoal(deps: GoalsDeps, user: CurrentUser, goalId: string, changes: GoalChanges) {
  return writeGoal(deps, user, goalId, async (trx, goal, now) => {
    requireLive(goal);
    const steps = await listStepsOfGoal(trx, goal.id);
    const started = typeof changes.progress === 'number' && changes.progress > 0;
    const state = settle(goal, steps, { status: changes.status, progress: changes.progress, started }, now);
    await updateGoal(trx, goal.id, {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.skill !== undefined ? { skill: changes.skill } : {}),
      ...(changes.mentorRole !== undefined ? { mentorRole: changes.mentorRole } : {}),
      ...(changes.targetDate !== undefined ? { targetDate: changes.targetDate } : {}),
      ...state,
    });
  });
}

export function addStep(deps: GoalsDeps, user: CurrentUser, goalId: string, text: string) {
  return writeGoal(deps, user, goalId, async (trx, goal, now) => {
    requireLive(goal);
    const steps = await listStepsOfGoal(trx, goal.id);
    if (steps.length >= MAX_STEPS) {
      throw new AppError('conflict', `This goal already has ${MAX_STEPS} steps, the most a goal can have. Mark some done or split the goal in two.`);
    }
    const step = { id: uuidv7(), goalId: goal.id, position: Math.max(0, ...steps.map((s) => s.position)) + 1, text, doneAt: null };
    await insertStep(trx, step);
    await updateGoal(trx, goal.id, settle(goal, [...steps, step], {}, now));
  });
}

export function changeStep(deps: GoalsDeps, user: CurrentUser, goalId: string, stepId: string, changes: StepChanges) {
  return writeGoal(deps, user, goalId, async (trx, goal, now) => {
    requireLive(goal);
    const steps = await listStepsOfGoal(trx, goal.id);
    const step = steps.find((s) => s.id === stepId);
    if (!step) throw AppError.notFound('This step');
    const doneAt = changes.done === undefined ? step.doneAt : changes.done ? (step.doneAt ?? now) : null;
    const text = changes.text ?? step.text;
    await updateStep(trx, step.id, { doneAt, text });
    const after = steps.map((s) => (s.id === step.id ? { ...s, doneAt } : s));
    await updateGoal(trx, goal.id, settle(goal, after, { started: step.doneAt === null && doneAt !== null }, now));
  });
}

export function addGoalUpdate(deps: GoalsDeps, user: CurrentUser, goalId: string, input: NewGoalUpdate) {
  return writeGoal(deps, user, goalId, async (trx, goal, now) => {
    requireLive(goal);
    await insertGoalUpdate(trx, {
      id: uuidv7(),
      goalId: goal.id,
      authorId: user.id,
      kind: input.kind,
      note: input.note,
      progress: input.progress ?? null,
      createdAt: now,
    });
    // Reporting a different figure is the same as setting progress by hand.
    if (input.progress !== undefined && input.progress !== goal.progress) {
      const steps = await listStepsOfGoal(trx, goal.id);
      await updateGoal(trx, goal.id, settle(goal, steps, { progress: input.progress, started: input.progress > 0 }, now));
    }
  });
}

export function deleteGoal(deps: GoalsDeps, user: CurrentUser, goalId: string) {
  return writeGoal(deps, user, goalId, async (trx, goal, now) => {
    if (goal.deletedAt !== null) throw new AppError('conflict', 'This goal is already deleted.');
    await updateGoal(trx, goal.id, { deletedAt: now });
  });
}

export function restoreGoal(deps: GoalsDeps, user: CurrentUser, goalId: string) {
  return writeGoal(deps, user, goalId, async (trx, goal) => {
    if (goal.deletedAt === null) throw new AppError('conflict', 'This goal is not deleted, so there is nothing to restore.');
    await updateGoal(trx, goal.id, { deletedAt: null });
  });
}

/** Open goals whose target date has passed; a finished, dropped or deleted goal is never overdue. */
export function isGoalOverdue(goal: Pick<GoalRow, 'targetDate' | 'status' | 'deletedAt'>, today: string): boolean {
  return goal.deletedAt === null && goal.targetDate !== null && goal.targetDate < today && (goal.status === 'not-started' || goal.status === 'in-progress');
}

/** round(100 × done / total), 0 for a goal without steps. */
export function progressFromSteps(steps: { doneAt: string | null }[]): number {
  if (steps.length === 0) return 0;
  return Math.round((100 * steps.filter((s) => s.doneAt !== null).length) / steps.length);
}

interface ProgressState {
  status: GoalStatus;
  progress: number;
  progressManual: Flag;
  completedAt: string | null;
}

interface ProgressChange {
  status?: GoalStatus;
  /** a number sets progress by hand, null hands it back to the steps */
  progress?: number | null;
  /** work visibly began (a step done, progress raised): a not-started goal is now in progress */
  started?: boolean;
}

/** The one place that decides status, progress and completedAt after any change. */
function settle(current: ProgressState, steps: { doneAt: string | null }[], change: ProgressChange, now: string): ProgressState {
  const manual = change.progress === undefined ? current.progressManual === 1 : change.progress !== null;
  let status = change.status ?? current.status;
  if (change.status === undefined && change.started && status === 'not-started') status = 'in-progress';
  if (status === 'done' && typeof change.progress === 'number' && change.progress !== 100) {
    throw new AppError('conflict', 'This goal is done, so its progress is 100%. Change its status first to record a different figure.');
  }
  const progress =
    status === 'done' ? 100 : typeof change.progress === 'number' ? change.progress : manual ? current.progress : progressFromSteps(steps);
  const completedAt = status !== 'done' ? null : current.status === 'done' && current.completedAt ? current.completedAt : now;
  return { status, progress, progressManual: manual ? 1 : 0, completedAt };
}

function requireLive(goal: GoalRow): void {
  if (goal.deletedAt !== null) throw new AppError('conflict', 'This goal was deleted. Restore it before changing it.');
}

/** Members only; to anyone else a goal does not exist, whether or not its pair does. */
async function goalForMember(deps: GoalsDeps, user: CurrentUser, goalId: string): Promise<{ goal: GoalRow; access: PairAccess }> {
  const goal = await findGoal(deps.db, goalId);
  if (!goal) throw AppError.notFound('This goal');
  return { goal, access: await requirePairAccess(deps.db, user, goal.pairId, { notFound: 'This goal' }) };
}

/**
 * Every change to an existing goal: authorised, refused on closed pairs, done in one
 * transaction that starts by locking the goal row and ends by marking the pair active.
 */
async function writeGoal(
  deps: GoalsDeps,
  user: CurrentUser,
  goalId: string,
  write: (trx: Kysely<Database>, goal: GoalRow, now: string) => Promise<void>,
) {
  const { goal, access } = await goalForMember(deps, user, goalId);
  requireOpenPair(access);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await lockGoal(trx, goal.id, now))) throw AppError.notFound('This goal');
    const current = await findGoal(trx, goal.id);
    if (!current) throw AppError.notFound('This goal');
    await write(trx, current, now);
    await touchPairActivity(trx, current.pairId, now);
  });
  return loadGoal(deps, goal.id);
}

async function loadGoal(deps: GoalsDeps, goalId: string) {
  const row = await findGoal(deps.db, goalId);
  if (!row) throw AppError.notFound('This goal');
  const [goal] = await toGoals(deps, [row]);
  if (!goal) throw AppError.notFound('This goal');
  return goal;
}

/** Goals with their steps and latest updates: three queries however many goals there are. */
async function toGoals(deps: GoalsDeps, rows: GoalRow[]) {
  const ids = rows.map((r) => r.id);
  const [steps, updates] = await Promise.all([listStepsOfGoals(deps.db, ids), latestUpdatesOfGoals(deps.db, ids)]);
  const today = deps.clock.now().toISOString().slice(0, 10);
  const stepsBy = groupBy(steps, (s) => s.goalId);
  const updatesBy = groupBy(updates, (u) => u.goalId);
  return rows.map((row) => ({
    id: row.id,
    pairId: row.pairId,
    title: row.title,
    skill: row.skill,
    mentorRole: row.mentorRole,
    targetDate: row.targetDate,
    status: row.status,
    progress: row.progress,
    progressSource: row.progressManual === 1 ? ('manual' as const) : ('steps' as const),
    overdue: isGoalOverdue(row, today),
    steps: (stepsBy.get(row.id) ?? []).map((s) => ({ id: s.id, position: s.position, text: s.text, done: s.doneAt !== null, doneAt: s.doneAt })),
    updates: (updatesBy.get(row.id) ?? []).map((u) => ({
      id: u.id,
      kind: u.kind,
      note: u.note,
      progress: u.progress,
      author: { id: u.authorId, displayName: u.authorDisplayName, jobTitle: u.authorJobTitle, department: u.authorDepartment },
      createdAt: u.createdAt,
    })),
    templateKey: row.templateKey,
    completedAt: row.completedAt,
    deletedAt: row.deletedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Calendar months later; a day the target month lacks becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}
