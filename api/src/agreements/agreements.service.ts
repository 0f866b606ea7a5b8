import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import { isUniqueViolation } from '../db/database';
import type { Cadence, CommunicationChannel, Database } from '../db/schema';
import { requireOpenPair, requirePairAccess } from '../pairs/pair-access';
import { lockPairForWrite } from '../pairs/pairs.service';
import type { CurrentUser } from '../users/users.service';
import {
  findAgreement,
  findAgreementsOfPair,
  findPairAgreementState,
  insertAgreement,
  setPairAgreementState,
  updateAgreement,
  type AgreementRow,
} from './agreements.queries';

export interface AgreementsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface AgreementAnswers {
  meetingFrequency: Cadence;
  communicationChannel: CommunicationChannel;
  goals: string;
  feedbackStyle: string;
  boundaries: string;
}

const FIELDS = ['meetingFrequency', 'communicationChannel', 'goals', 'feedbackStyle', 'boundaries'] as const;
export type AgreementField = (typeof FIELDS)[number];

/** Two people typing the same thing should not be told they disagree. */
function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function compareAnswers(a: AgreementAnswers | undefined, b: AgreementAnswers | undefined) {
  if (!a || !b) return { mismatches: [] as AgreementField[], agreed: false };
  const mismatches = FIELDS.filter((field) => normalise(a[field]) !== normalise(b[field]));
  return {
    mismatches,
    agreed: a.meetingFrequency === b.meetingFrequency && a.communicationChannel === b.communicationChannel,
  };
}

function answersOf(row: AgreementRow | undefined) {
  if (!row) return null;
  return {
    meetingFrequency: row.meetingFrequency,
    communicationChannel: row.communicationChannel,
    goals: row.goals,
    feedbackStyle: row.feedbackStyle,
    boundaries: row.boundaries,
    submittedAt: row.submittedAt,
  };
}

function toView(userId: string, rows: AgreementRow[], agreedAt: string | null) {
  const mine = rows.find((r) => r.userId === userId);
  const partner = rows.find((r) => r.userId !== userId);
  const { mismatches, agreed } = compareAnswers(mine, partner);
  return { mine: answersOf(mine), partner: answersOf(partner), mismatches, agreed, agreedAt: agreed ? agreedAt : null };
}

export async function getAgreement(deps: AgreementsDeps, user: CurrentUser, pairId: string) {
  await requirePairAccess(deps.db, user, pairId);
  const [rows, pair] = await Promise.all([findAgreementsOfPair(deps.db, pairId), findPairAgreementState(deps.db, pairId)]);
  return toView(user.id, rows, pair.agreedAt);
}

/**
 * Saves the caller's answers and, in the same transaction, keeps the pair's agreed state in
 * step with both members' answers: set when they come to agree, cleared when a change breaks it.
 */
export async function saveMyAgreement(deps: AgreementsDeps, user: CurrentUser, pairId: string, answers: AgreementAnswers) {
  const access = await requirePairAccess(deps.db, user, pairId);
  requireOpenPair(access);
  const now = deps.clock.now().toISOString();

  return deps.db.transaction().execute(async (trx) => {
    // Locking the pair first makes the two members' saves take turns, so the second one
    // always sees the first one's answers when deciding whether they now agree.
    const status = await lockPairForWrite(trx, pairId, now);
    requireOpenPair({ ...access, status });

    await upsertAnswers(trx, pairId, user.id, answers, now);
    // Sequential on purpose: a SQL Server transaction runs one request at a time.
    const rows = await findAgreementsOfPair(trx, pairId);
    const pair = await findPairAgreementState(trx, pairId);
    const { agreed } = compareAnswers(
      rows.find((r) => r.userId === user.id),
      rows.find((r) => r.userId !== user.id),
    );
    let agreedAt = pair.agreedAt;
    if (agreed && (!pair.agreedAt || pair.agreedCadence !== answers.meetingFrequency)) {
      agreedAt = pair.agreedAt ?? now;
      await setPairAgreementState(trx, pairId, { agreedAt, agreedCadence: answers.meetingFrequency });
    } else if (!agreed && pair.agreedAt) {
      agreedAt = null;
      await setPairAgreementState(trx, pairId, { agreedAt: null, agreedCadence: null });
    }
    return toView(user.id, rows, agreedAt);
  });
}

async function upsertAnswers(trx: Kysely<Database>, pairId: string, userId: string, answers: AgreementAnswers, now: string) {
  const changes = { ...answers, updatedAt: now };
  if (await findAgreement(trx, pairId, userId)) {
    await updateAgreement(trx, pairId, userId, changes);
    return;
  }
  try {
    await insertAgreement(trx, { pairId, userId, ...changes, submittedAt: now });
  } catch (error) {
    // The same member's other save inserted the row a moment ago: theirs becomes an update.
    if (!isUniqueViolation(error)) throw error;
    await updateAgreement(trx, pairId, userId, changes);
  }
}
