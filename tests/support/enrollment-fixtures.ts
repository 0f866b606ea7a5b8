import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../api/src/db/database';

const T = '2026-01-01T00:00:00.000Z';

/** Rows the programs, enrolment and taxonomy tests set up or inspect directly. */
export function enrollmentFixtures(db: Db) {
  const k = db.kysely;
  return {
    async archiveProgram(programId: string) {
      await k.updateTable('programs').set({ archivedAt: T }).where('id', '=', programId).execute();
    },
    async term(kind: 'skill' | 'value', label: string) {
      const id = uuidv7();
      await k
        .insertInto('taxonomyTerms')
        .values({ id, kind, label, normalized: label.trim().replace(/\s+/g, ' ').toLowerCase(), seeded: 1, createdBy: null, createdAt: T })
        .execute();
      return id;
    },
    async pendingRequest(programId: string, menteeId: string, mentorId: string) {
      const id = uuidv7();
      await k
        .insertInto('mentorshipRequests')
        .values({ id, programId, menteeId, mentorId, message: 'I would love to learn from you', status: 'pending', declineReason: null, respondedAt: null, pairId: null, createdAt: T, updatedAt: T })
        .execute();
      return id;
    },
    request(id: string) {
      return k.selectFrom('mentorshipRequests').select(['status', 'declineReason', 'respondedAt']).where('id', '=', id).executeTakeFirstOrThrow();
    },
    async setPairStatus(pairId: string, status: 'active' | 'paused' | 'completed' | 'ended') {
      await k.updateTable('pairs').set({ status }).where('id', '=', pairId).execute();
    },
    terms(kind: 'skill' | 'value') {
      return k.selectFrom('taxonomyTerms').select(['id', 'label', 'normalized']).where('kind', '=', kind).orderBy('normalized').execute();
    },
    /** Everything these domains write, to prove a refused request changed nothing. */
    async snapshot() {
      const [programs, enrollments, enrollmentTerms, taxonomyTerms, requests] = await Promise.all([
        k.selectFrom('programs').selectAll().orderBy('id').execute(),
        k.selectFrom('enrollments').selectAll().orderBy('id').execute(),
        k.selectFrom('enrollmentTerms').selectAll().orderBy('enrollmentId').orderBy('relation').orderBy('termId').execute(),
        k.selectFrom('taxonomyTerms').selectAll().orderBy('id').execute(),
        k.selectFrom('mentorshipRequests').selectAll().orderBy('id').execute(),
      ]);
      return { programs, enrollments, enrollmentTerms, taxonomyTerms, requests };
    },
  };
}
