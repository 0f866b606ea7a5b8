import request from 'supertest';
import type { TestApp } from './app';
import { matchingFixtures, type ProfileFixture } from './matching-fixtures';

export const ADMIN = 'morgan.lee@contoso.example';

/**
 * Pools for whole-program matching tests: people named for readability (emails are unique per
 * test through a prefix), enrolments with skills, and the admin HTTP calls the tests repeat.
 * Everyone's directory time zone is Europe/London unless an enrolment says otherwise.
 */
export function matchFixtures(app: TestApp) {
  const k = app.db.kysely;
  const base = matchingFixtures(app.db);

  async function bearer(email: string): Promise<string> {
    return `Bearer ${await app.tokenFor(email)}`;
  }

  return {
    ...base,
    bearer,
    email: (prefix: string, name: string) => `${prefix}.${name.toLowerCase()}@contoso.example`,
    /** a person whose display name is `name`, in `department` */
    async named(prefix: string, name: string, department: string | null = 'Sales') {
      return base.person(`${prefix}.${name.toLowerCase()}@contoso.example`, { displayName: name, ...(department ? { department } : {}) });
    },
    async mentorNamed(programId: string, prefix: string, name: string, department: string, profile: ProfileFixture = {}) {
      const id = await base.person(`${prefix}.${name.toLowerCase()}@contoso.example`, { displayName: name, department });
      await base.mentor(programId, id, profile);
      return id;
    },
    async menteeNamed(programId: string, prefix: string, name: string, department: string, profile: ProfileFixture = {}) {
      const id = await base.person(`${prefix}.${name.toLowerCase()}@contoso.example`, { displayName: name, department });
      await base.mentee(programId, id, profile);
      return id;
    },
    async api(method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object, as = ADMIN) {
      const call = request(app.http)[method](path).set('Authorization', await bearer(as));
      return body === undefined ? call : call.send(body);
    },
    async postCsv(path: string, csv: string, as = ADMIN, contentType = 'text/csv') {
      return request(app.http).post(path).set('Authorization', await bearer(as)).set('Content-Type', contentType).send(csv);
    },
    pairsIn(programId: string) {
      return k.selectFrom('pairs').selectAll().where('programId', '=', programId).orderBy('id').execute();
    },
    notificationsOf(userIds: string[]) {
      return k.selectFrom('notifications').selectAll().where('userId', 'in', userIds).orderBy('id').execute();
    },
    async auditActions(subjectId?: string) {
      let q = k.selectFrom('auditLog').select(['action', 'subjectId', 'detail']).orderBy('id');
      if (subjectId) q = q.where('subjectId', '=', subjectId);
      return q.execute();
    },
    /** every row an import or publish could write, to show a call wrote nothing */
    async writes() {
      const [pairs, notifications, requests, audit, runs, proposals] = await Promise.all([
        k.selectFrom('pairs').selectAll().orderBy('id').execute(),
        k.selectFrom('notifications').selectAll().orderBy('id').execute(),
        k.selectFrom('mentorshipRequests').selectAll().orderBy('id').execute(),
        k.selectFrom('auditLog').selectAll().orderBy('id').execute(),
        k.selectFrom('matchRuns').selectAll().orderBy('id').execute(),
        k.selectFrom('matchProposals').selectAll().orderBy('id').execute(),
      ]);
      return { pairs, notifications, requests, audit, runs, proposals };
    },
  };
}

/** `[mentee, mentor, score]` of a run's proposals, in the run's order. */
export function proposalTable(run: { proposals: { mentee: { displayName: string }; mentor: { displayName: string }; score: number }[] }) {
  return run.proposals.map((p) => [p.mentee.displayName, p.mentor.displayName, p.score]);
}

/** `[mentee, reasons]` of a run's unmatched mentees. */
export function unmatchedTable(run: { unmatched: { mentee: { displayName: string }; reasons: string[] }[] }) {
  return run.unmatched.map((u) => [u.mentee.displayName, u.reasons]);
}
