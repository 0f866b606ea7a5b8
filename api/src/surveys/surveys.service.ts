import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import { requirePairAccess } from '../pairs/pair-access';
import { lockPairForWrite } from '../pairs/pairs.service';
import type { CurrentUser } from '../users/users.service';
import { findClosingSurvey, insertSurvey, lastPulseAnswerAt } from './surveys.queries';

export interface SurveysDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface ClosingSurveyAnswers {
  satisfaction: number;
  recommend: number;
  skillsGained: boolean;
  newContacts: boolean;
  promotion: boolean;
  confidence: number;
  comment?: string | undefined;
}

/** Each member answers once, after the relationship has been completed or ended. */
export async function submitClosingSurvey(deps: SurveysDeps, user: CurrentUser, pairId: string, answers: ClosingSurveyAnswers) {
  await requirePairAccess(deps.db, user, pairId);
  const now = deps.clock.now().toISOString();
  const id = uuidv7();

  await deps.db.transaction().execute(async (trx) => {
    // There is no unique key for "one closing survey per member" (pulse surveys repeat), so
    // the pair's row lock makes a member's double submit take turns and the second one sees the first.
    const status = await lockPairForWrite(trx, pairId);
    if (status !== 'completed' && status !== 'ended') {
      throw new AppError('conflict', 'The closing survey opens once this mentoring relationship has been completed or ended.');
    }
    if (await findClosingSurvey(trx, pairId, user.id)) {
      throw new AppError('conflict', 'You have already answered the closing survey for this mentoring relationship.');
    }
    await insertSurvey(trx, {
      id,
      pairId,
      userId: user.id,
      kind: 'closing',
      satisfaction: answers.satisfaction,
      recommend: answers.recommend,
      skillsGained: answers.skillsGained ? 1 : 0,
      newContacts: answers.newContacts ? 1 : 0,
      promotion: answers.promotion ? 1 : 0,
      confidence: answers.confidence,
      comment: answers.comment?.trim() || null,
      createdAt: now,
    });
  });
  return { id };
}

/** A member answers the pulse survey of a pair at most once in this many days (docs/nudges.md). */
export const PULSE_ANSWER_GAP_DAYS = 30;
export const PULSE_COMMENT_MAX = 1000;

export interface PulseSurveyAnswers {
  satisfaction: number;
  comment?: string | undefined;
}

/**
 * A member's "how is it going?" while the relationship runs (active or paused), from the tab, the
 * feed or a bot card — hence the answers are checked here as well as by the route.
 */
export async function submitPulseSurvey(deps: SurveysDeps, user: CurrentUser, pairId: string, answers: PulseSurveyAnswers) {
  await requirePairAccess(deps.db, user, pairId);
  const errors = [];
  if (!Number.isInteger(answers.satisfaction) || answers.satisfaction < 1 || answers.satisfaction > 5) {
    errors.push({ field: 'satisfaction', message: 'Choose a whole number from 1 to 5' });
  }
  if (answers.comment !== undefined && answers.comment.length > PULSE_COMMENT_MAX) {
    errors.push({ field: 'comment', message: `Keep it to ${PULSE_COMMENT_MAX} characters` });
  }
  if (errors.length > 0) throw AppError.validation(errors);

  const now = deps.clock.now();
  const id = uuidv7();
  await deps.db.transaction().execute(async (trx) => {
    // As for the closing survey: the pair's row lock makes a member's double submit take turns.
    const status = await lockPairForWrite(trx, pairId);
    if (status !== 'active' && status !== 'paused') {
      throw new AppError('conflict', 'This mentoring relationship has been closed; its closing survey asks how it went.');
    }
    const last = await lastPulseAnswerAt(trx, pairId, user.id);
    if (last !== null && now.getTime() - Date.parse(last) < PULSE_ANSWER_GAP_DAYS * 86_400_000) {
      throw new AppError('conflict', `You answered this pulse survey in the last ${PULSE_ANSWER_GAP_DAYS} days. Thank you — it will come round again.`);
    }
    await insertSurvey(trx, {
      id,
      pairId,
      userId: user.id,
      kind: 'pulse',
      satisfaction: answers.satisfaction,
      recommend: null,
      skillsGained: 0,
      newContacts: 0,
      promotion: 0,
      confidence: null,
      comment: answers.comment?.trim() || null,
      createdAt: now.toISOString(),
    });
  });
  return { id };
}
