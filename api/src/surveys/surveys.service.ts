import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import { requirePairAccess } from '../pairs/pair-access';
import { lockPairForWrite } from '../pairs/pairs.service';
import type { CurrentUser } from '../users/users.service';
import { findClosingSurvey, insertSurvey } from './surveys.queries';

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
