import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database, EndReason, PairStatus } from '../db/schema';
import { AppError } from '../errors/app-error';
import type { CurrentUser } from '../users/users.service';
import { requirePairAccess } from './pair-access';
import {
  cancelFutureScheduledMeetings,
  closingSurveysOf,
  findPairDetail,
  findPairForAccess,
  goalCountsOfPair,
  insertAuditEntry,
  queueCalendarSyncOfPair,
  listPairsOfUser,
  lockPairRow,
  nextMeetingByPair,
  nextMeetingOfPair,
  transitionPair,
} from './pairs.queries';

export interface PairsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export async function listMyPairs(deps: PairsDeps, user: CurrentUser) {
  const now = deps.clock.now().toISOString();
  const rows = await listPairsOfUser(deps.db, user.id);
  const meetings = await nextMeetingByPair(
    deps.db,
    rows.map((r) => r.id),
    now,
  );
  const nextBy = new Map(meetings.map((m) => [m.pairId, { start: m.startAt, end: m.endAt }]));

  return rows.map((r) => {
    const iAmMentor = r.mentorId === user.id;
    const submitted = Number(r.agreementsSubmitted ?? 0);
    return {
      id: r.id,
      program: { id: r.programId, name: r.programName },
      myRole: iAmMentor ? ('mentor' as const) : ('mentee' as const),
      partner: iAmMentor
        ? { id: r.menteeUserId, displayName: r.menteeName, jobTitle: r.menteeJobTitle, department: r.menteeDepartment }
        : { id: r.mentorUserId, displayName: r.mentorName, jobTitle: r.mentorJobTitle, department: r.mentorDepartment },
      status: r.status,
      startedAt: r.startedAt,
      agreementStatus: agreementStatus(r.agreedAt, submitted),
      goals: { total: Number(r.goalsTotal ?? 0), done: Number(r.goalsDone ?? 0) },
      nextMeeting: nextBy.get(r.id) ?? null,
    };
  });
}

function agreementStatus(agreedAt: string | null, submitted: number) {
  return agreedAt ? ('agreed' as const) : submitted > 0 ? ('partial' as const) : ('none' as const);
}

function isClosed(status: PairStatus): boolean {
  return status === 'completed' || status === 'ended';
}

/**
 * One pair as its members see it, or as an admin sees it: the shape carries names, status,
 * dates and counts only, so the admin view cannot leak anything a participant wrote.
 */
export async function getPairDetail(deps: PairsDeps, user: CurrentUser, pairId: string) {
  const access = await requirePairAccess(deps.db, user, pairId, { allowAdmin: true });
  const now = deps.clock.now().toISOString();
  const today = now.slice(0, 10);
  const [pair, goals, next, surveys] = await Promise.all([
    findPairDetail(deps.db, pairId),
    goalCountsOfPair(deps.db, pairId, today),
    nextMeetingOfPair(deps.db, pairId, now),
    access.viewer === 'admin' ? Promise.resolve(0) : closingSurveysOf(deps.db, pairId, user.id),
  ]);
  if (!pair) throw AppError.notFound('This mentoring pair');

  const mentor = {
    id: pair.mentorUserId,
    displayName: pair.mentorName,
    jobTitle: pair.mentorJobTitle,
    department: pair.mentorDepartment,
    timeZone: pair.mentorEnrollmentZone ?? pair.mentorUserZone,
  };
  const mentee = {
    id: pair.menteeUserId,
    displayName: pair.menteeName,
    jobTitle: pair.menteeJobTitle,
    department: pair.menteeDepartment,
    timeZone: pair.menteeEnrollmentZone ?? pair.menteeUserZone,
  };
  const submitted = surveys > 0;
  return {
    viewer: access.viewer,
    id: pair.id,
    program: { id: pair.programId, name: pair.programName, defaultCadence: pair.programCadence },
    mentor,
    mentee,
    partner: access.viewer === 'mentor' ? mentee : access.viewer === 'mentee' ? mentor : null,
    status: pair.status,
    startedAt: pair.startedAt,
    pausedAt: pair.pausedAt,
    endedAt: pair.endedAt,
    endReason: pair.endReason,
    agreement: { status: agreementStatus(pair.agreedAt, Number(pair.agreementsSubmitted ?? 0)), agreedCadence: pair.agreedCadence },
    goals: {
      total: Number(goals.total),
      done: Number(goals.done ?? 0),
      inProgress: Number(goals.inProgress ?? 0),
      overdue: Number(goals.overdue ?? 0),
    },
    introductions: { requested: Number(pair.introductionsRequested ?? 0), made: Number(pair.introductionsMade ?? 0) },
    nextMeeting: next ? { start: next.startAt, end: next.endAt } : null,
    survey: { required: access.viewer !== 'admin' && isClosed(pair.status) && !submitted, submitted },
  };
}

/**
 * For other domains' write transactions inside a pair: serialises writers on the pair row,
 * optionally records activity, and returns the status as of now (which may have changed
 * since the access check), so callers re-check it before writing.
 */
export async function lockPairForWrite(trx: Kysely<Database>, pairId: string, activityAt?: string): Promise<PairStatus> {
  const status = await lockPairRow(trx, pairId, activityAt);
  if (!status) throw AppError.notFound('This mentoring pair');
  return status;
}

type Transition =
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'complete' }
  | { action: 'end'; reason: EndReason; note?: string | undefined };

const allowedFrom: Record<Transition['action'], PairStatus[]> = {
  pause: ['active'],
  resume: ['paused'],
  complete: ['active', 'paused'],
  end: ['active', 'paused'],
};

function transitionConflict(action: Transition['action'], status: PairStatus): AppError {
  if (isClosed(status)) {
    const what = action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'closed again';
    return new AppError('conflict', `This mentoring relationship has already been ${status}, so it can't be ${what}.`);
  }
  if (action === 'pause') return new AppError('conflict', 'This mentoring relationship is already paused.');
  return new AppError('conflict', "This mentoring relationship isn't paused, so there is nothing to resume.");
}

async function transition(deps: PairsDeps, user: CurrentUser, pairId: string, change: Transition) {
  const access = await requirePairAccess(deps.db, user, pairId);
  const from = allowedFrom[change.action];
  if (!from.includes(access.status)) throw transitionConflict(change.action, access.status);
  const now = deps.clock.now().toISOString();

  await deps.db.transaction().execute(async (trx) => {
    const closing = change.action === 'complete' || change.action === 'end';
    const moved = await transitionPair(trx, pairId, from, {
      status: change.action === 'pause' ? 'paused' : change.action === 'resume' ? 'active' : change.action === 'complete' ? 'completed' : 'ended',
      ...(change.action === 'pause' ? { pausedAt: now } : {}),
      ...(change.action === 'resume' ? { pausedAt: null } : {}),
      ...(closing ? { endedAt: now, endReason: change.action === 'end' ? change.reason : null } : {}),
      lastActivityAt: now,
      updatedAt: now,
    });
    if (!moved) {
      // Someone (usually the partner) changed the pair between our check and our write.
      const current = await findPairForAccess(trx, pairId);
      throw transitionConflict(change.action, current?.status ?? access.status);
    }
    if (closing) {
      await cancelFutureScheduledMeetings(trx, pairId, now);
      await queueCalendarSyncOfPair(trx, pairId, now);
    }
    await insertAuditEntry(trx, {
      id: uuidv7(),
      actorId: user.id,
      action: `pair.${change.action}`,
      subjectType: 'pair',
      subjectId: pairId,
      detail: change.action === 'end' ? JSON.stringify({ reason: change.reason, note: change.note?.trim() || null }) : null,
      createdAt: now,
    });
  });
  return getPairDetail(deps, user, pairId);
}

export function pausePair(deps: PairsDeps, user: CurrentUser, pairId: string) {
  return transition(deps, user, pairId, { action: 'pause' });
}

export function resumePair(deps: PairsDeps, user: CurrentUser, pairId: string) {
  return transition(deps, user, pairId, { action: 'resume' });
}

export function completePair(deps: PairsDeps, user: CurrentUser, pairId: string) {
  return transition(deps, user, pairId, { action: 'complete' });
}

export function endPair(deps: PairsDeps, user: CurrentUser, pairId: string, body: { reason: EndReason; note?: string | undefined }) {
  return transition(deps, user, pairId, { action: 'end', reason: body.reason, note: body.note });
}
