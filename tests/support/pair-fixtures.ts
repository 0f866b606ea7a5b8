import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { AgreementsTable, GoalStatus, PairStatus } from '../../api/src/db/schema';
import type { TestApp } from './app';
import { fixtures } from './fixtures';

const T = '2026-01-01T00:00:00.000Z';

export const MENTOR = 'ana.mentor@contoso.example';
export const MENTEE = 'ben.mentee@contoso.example';
export const OUTSIDER = 'dee.outsider@contoso.example';
export const ADMIN = 'morgan.lee@contoso.example';

export interface PairScenario {
  programId: string;
  mentorId: string;
  menteeId: string;
  outsiderId: string;
  pairId: string;
  /** sign-in emails */
  mentor: string;
  mentee: string;
  outsider: string;
}

let scenarios = 0;

/**
 * A mentor, a mentee in a pair with them, and someone outside it, in one program. The first
 * scenario of a test file uses the MENTOR/MENTEE/OUTSIDER emails; later ones get fresh people.
 */
export async function pairScenario(app: TestApp, options: { status?: PairStatus } = {}): Promise<PairScenario> {
  const f = fixtures(app.db);
  const n = scenarios++;
  const email = (base: string) => (n === 0 ? base : base.replace('@', `.${n}@`));
  const mentor = email(MENTOR);
  const mentee = email(MENTEE);
  const outsider = email(OUTSIDER);
  const mentorId = await f.person(mentor, { displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering' });
  const menteeId = await f.person(mentee, { displayName: 'Ben Mentee', department: 'Sales' });
  const outsiderId = await f.person(outsider, { displayName: 'Dee Outsider' });
  const programId = await f.program(n === 0 ? 'Grow Together' : `Grow Together ${n}`);
  await f.enrol(programId, mentorId, 'mentor');
  await f.enrol(programId, menteeId, 'mentee');
  const pairId = await f.pair(programId, mentorId, menteeId, { status: options.status ?? 'active', startedAt: '2026-03-01T09:00:00.000Z' });
  return { programId, mentorId, menteeId, outsiderId, pairId, mentor, mentee, outsider };
}

/** Calls the API as someone (signing them in), with an optional JSON body. */
export function caller(app: TestApp) {
  // A fresh token each call: tests move the clock by days, past a token's lifetime.
  const token = (email: string) => app.tokenFor(email);
  return {
    get: async (email: string, path: string) => request(app.http).get(path).set('Authorization', `Bearer ${await token(email)}`),
    post: async (email: string, path: string, body?: object) => {
      const req = request(app.http).post(path).set('Authorization', `Bearer ${await token(email)}`);
      return body === undefined ? req : req.send(body);
    },
    put: async (email: string, path: string, body: object) => request(app.http).put(path).set('Authorization', `Bearer ${await token(email)}`).send(body),
  };
}

/** Rows of the pair-scoped tables, for set-up and for checking what a request changed. */
export function pairFixtures(app: TestApp) {
  const k = app.db.kysely;
  return {
    async goal(pairId: string, createdBy: string, extra: { status?: GoalStatus; targetDate?: string | null; title?: string; mentorRole?: string; deleted?: boolean } = {}) {
      await k
        .insertInto('goals')
        .values({
          id: uuidv7(), pairId, title: extra.title ?? 'Goal', skill: 'Public speaking', mentorRole: extra.mentorRole ?? 'feedback',
          targetDate: extra.targetDate ?? null, status: extra.status ?? 'not-started', progress: 0, progressManual: 0, templateKey: null,
          completedAt: null, deletedAt: extra.deleted ? T : null, createdBy, createdAt: T, updatedAt: T,
        })
        .execute();
    },
    async introduction(pairId: string, requestedBy: string, extra: { status?: 'requested' | 'made' | 'declined'; contactName?: string; reason?: string; note?: string } = {}) {
      const id = uuidv7();
      await k
        .insertInto('introductions')
        .values({
          id, pairId, requestedBy, contactName: extra.contactName ?? 'Priya Shah', contactRole: null, reason: extra.reason ?? 'Learn about sales',
          status: extra.status ?? 'requested', note: extra.note ?? null, respondedAt: extra.status && extra.status !== 'requested' ? T : null, createdAt: T,
        })
        .execute();
      return id;
    },
    async agreement(pairId: string, userId: string, answers: Partial<Omit<AgreementsTable, 'pairId' | 'userId'>> = {}) {
      await k
        .insertInto('agreements')
        .values({
          pairId, userId, meetingFrequency: 'biweekly', communicationChannel: 'teams-chat', goals: 'Grow', feedbackStyle: 'Direct',
          boundaries: 'No weekends', submittedAt: T, updatedAt: T, ...answers,
        })
        .execute();
    },
    async survey(pairId: string, userId: string) {
      await k
        .insertInto('surveys')
        .values({
          id: uuidv7(), pairId, userId, kind: 'closing', satisfaction: 4, recommend: 8, skillsGained: 1, newContacts: 0, promotion: 0, confidence: 4,
          comment: null, createdAt: T,
        })
        .execute();
    },
    pair: (pairId: string) => k.selectFrom('pairs').selectAll().where('id', '=', pairId).executeTakeFirstOrThrow(),
    agreements: (pairId: string) => k.selectFrom('agreements').selectAll().where('pairId', '=', pairId).orderBy('userId').execute(),
    introductions: (pairId: string) => k.selectFrom('introductions').selectAll().where('pairId', '=', pairId).orderBy('id').execute(),
    surveys: (pairId: string) => k.selectFrom('surveys').selectAll().where('pairId', '=', pairId).orderBy('id').execute(),
    meetings: (pairId: string) => k.selectFrom('meetings').select(['startAt', 'status']).where('pairId', '=', pairId).orderBy('startAt').execute(),
    auditLog: (subjectId: string) => k.selectFrom('auditLog').selectAll().where('subjectId', '=', subjectId).orderBy('createdAt').execute(),
  };
}
