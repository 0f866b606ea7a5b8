import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../api/src/db/database';
import type { PairStatus, RequestStatus } from '../../api/src/db/schema';
import { fixtures } from './fixtures';

const T = '2026-01-01T00:00:00.000Z';

export interface ProfileFixture {
  skillsOffered?: string[];
  skillsWanted?: string[];
  values?: string[];
  goals?: string | null;
  yearsExperience?: number | null;
  capacity?: number;
  timeZone?: string | null;
  availability?: 'open' | 'paused';
  pausedUntil?: string | null;
  status?: 'active' | 'withdrawn';
}

/**
 * Rows for matching tests: enrolments with skills and values (as taxonomy terms), people
 * with managers, requests and pairs in any state. Built on the shared `fixtures`.
 */
export function matchingFixtures(db: Db) {
  const k = db.kysely;
  const base = fixtures(db);
  const terms = new Map<string, string>();

  async function termId(kind: 'skill' | 'value', label: string): Promise<string> {
    const key = `${kind}:${label.toLowerCase()}`;
    const known = terms.get(key);
    if (known) return known;
    const existing = await k.selectFrom('taxonomyTerms').select('id').where('kind', '=', kind).where('normalized', '=', label.toLowerCase()).executeTakeFirst();
    const id = existing?.id ?? uuidv7();
    if (!existing) {
      await k.insertInto('taxonomyTerms').values({ id, kind, label, normalized: label.toLowerCase(), seeded: 0, createdBy: null, createdAt: T }).execute();
    }
    terms.set(key, id);
    return id;
  }

  async function enrol(programId: string, userId: string, role: 'mentor' | 'mentee', p: ProfileFixture = {}): Promise<string> {
    const id = uuidv7();
    await k
      .insertInto('enrollments')
      .values({
        id, programId, userId, role, status: p.status ?? 'active', goals: p.goals ?? null, yearsExperience: p.yearsExperience ?? null,
        capacity: p.capacity ?? 2, timeZone: p.timeZone ?? null, preferredFrequency: null, preferredChannel: null,
        availability: p.availability ?? 'open', pausedUntil: p.pausedUntil ?? null, workdayStart: '09:00', workdayEnd: '17:00',
        createdAt: T, updatedAt: T,
      })
      .execute();
    const links: { relation: 'offered' | 'wanted' | 'value'; kind: 'skill' | 'value'; labels: string[] }[] = [
      { relation: 'offered', kind: 'skill', labels: p.skillsOffered ?? [] },
      { relation: 'wanted', kind: 'skill', labels: p.skillsWanted ?? [] },
      { relation: 'value', kind: 'value', labels: p.values ?? [] },
    ];
    for (const link of links) {
      for (const label of link.labels) {
        await k.insertInto('enrollmentTerms').values({ enrollmentId: id, termId: await termId(link.kind, label), relation: link.relation }).execute();
      }
    }
    return id;
  }

  return {
    ...base,
    mentor: (programId: string, userId: string, p?: ProfileFixture) => enrol(programId, userId, 'mentor', p),
    mentee: (programId: string, userId: string, p?: ProfileFixture) => enrol(programId, userId, 'mentee', p),
    async setManager(userId: string, managerId: string | null) {
      await k.updateTable('users').set({ managerId }).where('id', '=', userId).execute();
    },
    async setLastSeen(userId: string, lastSeenAt: string | null) {
      await k.updateTable('users').set({ lastSeenAt }).where('id', '=', userId).execute();
    },
    async programSettings(programId: string, changes: { matchingMode?: 'self' | 'admin'; maxOpenRequestsPerMentee?: number }) {
      await k.updateTable('programs').set(changes).where('id', '=', programId).execute();
    },
    async pairWith(programId: string, mentorId: string, menteeId: string, status: PairStatus = 'active') {
      return base.pair(programId, mentorId, menteeId, { status });
    },
    async requestRow(
      programId: string,
      menteeId: string,
      mentorId: string,
      extra: { status?: RequestStatus; createdAt?: string; message?: string } = {},
    ): Promise<string> {
      const id = uuidv7();
      await k
        .insertInto('mentorshipRequests')
        .values({
          id, programId, menteeId, mentorId, message: extra.message ?? 'I would love to learn from how you run negotiations.',
          status: extra.status ?? 'pending', declineReason: null, respondedAt: null, pairId: null,
          createdAt: extra.createdAt ?? T, updatedAt: extra.createdAt ?? T,
        })
        .execute();
      return id;
    },
    request(id: string) {
      return k.selectFrom('mentorshipRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
    enrollment(programId: string, userId: string) {
      return k.selectFrom('enrollments').selectAll().where('programId', '=', programId).where('userId', '=', userId).executeTakeFirstOrThrow();
    },
    async count(table: 'pairs' | 'mentorshipRequests', where: { programId?: string; status?: string } = {}) {
      let q = k.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (where.programId) q = q.where('programId', '=', where.programId);
      if (where.status) q = q.where('status', '=', where.status as never);
      return Number((await q.executeTakeFirstOrThrow()).n);
    },
    /** every request and pair, to show a refused call changed nothing */
    async snapshot() {
      const [requests, pairs, enrollments] = await Promise.all([
        k.selectFrom('mentorshipRequests').selectAll().orderBy('id').execute(),
        k.selectFrom('pairs').selectAll().orderBy('id').execute(),
        k.selectFrom('enrollments').selectAll().orderBy('id').execute(),
      ]);
      return { requests, pairs, enrollments };
    },
  };
}
