import { v7 as uuidv7 } from 'uuid';
import { devObjectId, DEV_TENANT_ID } from '../../api/src/auth/dev-issuer';
import type { Db } from '../../api/src/db/database';
import type { Cadence, GoalStatus, MeetingStatus, PairStatus } from '../../api/src/db/schema';

const T = '2026-01-01T00:00:00.000Z';

/** Minimal rows for tests of read endpoints whose write endpoints don't exist yet. */
export function fixtures(db: Db) {
  const k = db.kysely;
  return {
    async person(email: string, extra: { displayName?: string; department?: string; jobTitle?: string; managerId?: string } = {}) {
      const id = uuidv7();
      await k
        .insertInto('users')
        .values({
          id, tenantId: DEV_TENANT_ID, entraObjectId: devObjectId(email), email, displayName: extra.displayName ?? email,
          department: extra.department ?? null, jobTitle: extra.jobTitle ?? null, officeLocation: null, managerId: extra.managerId ?? null,
          timeZone: 'Europe/London', accountEnabled: 1, lastSeenAt: null, directorySyncedAt: null, createdAt: T, updatedAt: T,
        })
        .execute();
      return id;
    },
    async program(name: string, extra: { opens?: string; closes?: string; cadence?: Cadence } = {}) {
      const id = uuidv7();
      await k
        .insertInto('programs')
        .values({
          id, name, description: `${name} description`, kind: 'career-growth', startsOn: '2026-01-01', endsOn: '2026-12-31',
          enrollmentOpensOn: extra.opens ?? '2026-01-01', enrollmentClosesOn: extra.closes ?? '2026-12-31', defaultCadence: extra.cadence ?? 'biweekly',
          matchingMode: 'self', maxOpenRequestsPerMentee: 3, archivedAt: null, createdBy: null, createdAt: T, updatedAt: T,
        })
        .execute();
      return id;
    },
    async enrol(programId: string, userId: string, role: 'mentor' | 'mentee') {
      await k
        .insertInto('enrollments')
        .values({
          id: uuidv7(), programId, userId, role, status: 'active', goals: null, yearsExperience: null, capacity: 2, timeZone: null,
          preferredFrequency: null, preferredChannel: null, availability: 'open', pausedUntil: null, workdayStart: '09:00', workdayEnd: '17:00',
          createdAt: T, updatedAt: T,
        })
        .execute();
    },
    async pair(programId: string, mentorId: string, menteeId: string, extra: { status?: PairStatus; startedAt?: string; agreedAt?: string } = {}) {
      const id = uuidv7();
      await k
        .insertInto('pairs')
        .values({
          id, programId, mentorId, menteeId, status: extra.status ?? 'active', source: 'request', requestId: null, startedAt: extra.startedAt ?? T,
          pausedAt: null, endedAt: null, endReason: null, agreedAt: extra.agreedAt ?? null, agreedCadence: extra.agreedAt ? 'biweekly' : null,
          lastActivityAt: T, createdAt: T, updatedAt: T,
        })
        .execute();
      return id;
    },
    async agreement(pairId: string, userId: string) {
      await k
        .insertInto('agreements')
        .values({ pairId, userId, meetingFrequency: 'biweekly', communicationChannel: 'teams-chat', goals: 'g', feedbackStyle: 'f', boundaries: 'b', submittedAt: T, updatedAt: T })
        .execute();
    },
    async goal(pairId: string, createdBy: string, status: GoalStatus, deleted = false) {
      await k
        .insertInto('goals')
        .values({
          id: uuidv7(), pairId, title: 'Goal', skill: 'Public speaking', mentorRole: 'feedback', targetDate: null, status, progress: 0, progressManual: 0,
          templateKey: null, completedAt: null, deletedAt: deleted ? T : null, createdBy, createdAt: T, updatedAt: T,
        })
        .execute();
    },
    async meetings(pairId: string, organizerId: string, occurrences: { startAt: string; status: MeetingStatus }[]) {
      const seriesId = uuidv7();
      await k
        .insertInto('meetingSeries')
        .values({
          id: seriesId, pairId, organizerId, timeZone: 'Europe/London', startLocal: '2026-01-01T10:00:00', durationMinutes: 30, frequency: 'weekly',
          occurrenceCount: occurrences.length, untilDate: null, agenda: null, calendarStatus: 'not-connected', externalEventId: null, joinUrl: null,
          syncAttempts: 0, nextSyncAt: null, lastSyncError: null, icalSequence: 0, calendarVersion: 0, syncedVersion: 0, syncedFingerprint: null, calendarProblem: null, cancelledAt: null, createdAt: T, updatedAt: T,
        })
        .execute();
      await k
        .insertInto('meetings')
        .values(
          occurrences.map((o, i) => ({
            id: uuidv7(), seriesId, pairId, occurrenceIndex: i, startAt: o.startAt, endAt: new Date(Date.parse(o.startAt) + 30 * 60_000).toISOString(),
            originalStartAt: o.startAt, status: o.status, agenda: null, sharedNotes: null, externalEventId: null, createdAt: T, updatedAt: T,
          })),
        )
        .execute();
    },
    async request(programId: string, menteeId: string, mentorId: string, status: 'pending' | 'declined') {
      await k
        .insertInto('mentorshipRequests')
        .values({ id: uuidv7(), programId, menteeId, mentorId, message: 'Hello there, I admire your work', status, declineReason: null, respondedAt: null, pairId: null, createdAt: T, updatedAt: T })
        .execute();
    },
  };
}
