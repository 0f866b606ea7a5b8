import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../api/src/db/database';
import type { Cadence, EndReason, GoalStatus, MeetingStatus, PairStatus } from '../../api/src/db/schema';
import { fixtures } from './fixtures';

const T = '2026-01-01T00:00:00.000Z';

/** Rows with exactly the dates and statuses the analytics tests compute by hand. */
export function analyticsFixtures(db: Db) {
  const k = db.kysely;
  const base = fixtures(db);
  const series = new Map<string, { id: string; next: number }>();
  return {
    person: base.person,
    program: base.program,

    async enrol(programId: string, userId: string, role: 'mentor' | 'mentee', extra: { createdAt?: string; capacity?: number; status?: 'active' | 'withdrawn' } = {}) {
      await k
        .insertInto('enrollments')
        .values({
          id: uuidv7(), programId, userId, role, status: extra.status ?? 'active', goals: null, yearsExperience: null, capacity: extra.capacity ?? 2,
          timeZone: null, preferredFrequency: null, preferredChannel: null, availability: 'open', pausedUntil: null, workdayStart: '09:00',
          workdayEnd: '17:00', createdAt: extra.createdAt ?? T, updatedAt: extra.createdAt ?? T,
        })
        .execute();
    },

    async pair(
      programId: string,
      mentorId: string,
      menteeId: string,
      p: { startedAt: string; status?: PairStatus; agreedCadence?: Cadence; pausedAt?: string; endedAt?: string; endReason?: EndReason },
    ) {
      const id = uuidv7();
      await k
        .insertInto('pairs')
        .values({
          id, programId, mentorId, menteeId, status: p.status ?? 'active', source: 'request', requestId: null, startedAt: p.startedAt,
          pausedAt: p.pausedAt ?? null, endedAt: p.endedAt ?? null, endReason: p.endReason ?? null,
          agreedAt: p.agreedCadence ? p.startedAt : null, agreedCadence: p.agreedCadence ?? null,
          lastActivityAt: p.startedAt, createdAt: p.startedAt, updatedAt: p.startedAt,
        })
        .execute();
      return id;
    },

    /** One check-in of the pair (all of a pair's check-ins share one series); returns its id. */
    async meeting(pairId: string, organizerId: string, startAt: string, status: MeetingStatus, minutes = 30) {
      let s = series.get(pairId);
      if (!s) {
        s = { id: uuidv7(), next: 0 };
        series.set(pairId, s);
        await k
          .insertInto('meetingSeries')
          .values({
            id: s.id, pairId, organizerId, timeZone: 'UTC', startLocal: startAt.slice(0, 19), durationMinutes: minutes, frequency: 'once',
            occurrenceCount: null, untilDate: null, agenda: null, calendarStatus: 'not-connected', externalEventId: null, joinUrl: null,
            syncAttempts: 0, nextSyncAt: null, lastSyncError: null, icalSequence: 0, calendarVersion: 0, syncedVersion: 0, syncedFingerprint: null,
            calendarProblem: null, cancelledAt: null, createdAt: T, updatedAt: T,
          })
          .execute();
      }
      const id = uuidv7();
      await k
        .insertInto('meetings')
        .values({
          id, seriesId: s.id, pairId, occurrenceIndex: s.next++, startAt, endAt: new Date(Date.parse(startAt) + minutes * 60_000).toISOString(),
          originalStartAt: startAt, status, agenda: null, topics: null, sharedNotes: null, externalEventId: null, teamsAttendanceAt: null,
          attendanceCheckedAt: null, createdAt: T, updatedAt: T,
        })
        .execute();
      return id;
    },

    async rating(meetingId: string, userId: string, rating: number) {
      await k.insertInto('meetingFeedback').values({ meetingId, userId, rating, comment: 'private', createdAt: T }).execute();
    },

    async goal(
      pairId: string,
      createdBy: string,
      g: { createdAt: string; status: GoalStatus; progress: number; targetDate?: string; completedAt?: string; deletedAt?: string },
    ) {
      await k
        .insertInto('goals')
        .values({
          id: uuidv7(), pairId, title: 'Goal', skill: 'Negotiation', mentorRole: 'feedback', targetDate: g.targetDate ?? null, status: g.status,
          progress: g.progress, progressManual: 1, templateKey: null, completedAt: g.completedAt ?? null, deletedAt: g.deletedAt ?? null,
          createdBy, createdAt: g.createdAt, updatedAt: g.createdAt,
        })
        .execute();
    },

    async survey(
      pairId: string,
      userId: string,
      s: { kind?: 'closing' | 'pulse'; createdAt: string; satisfaction: number; recommend: number | null; skillsGained?: 0 | 1; newContacts?: 0 | 1; promotion?: 0 | 1 },
    ) {
      await k
        .insertInto('surveys')
        .values({
          id: uuidv7(), pairId, userId, kind: s.kind ?? 'closing', satisfaction: s.satisfaction, recommend: s.recommend, skillsGained: s.skillsGained ?? 0,
          newContacts: s.newContacts ?? 0, promotion: s.promotion ?? 0, confidence: null, comment: 'private', createdAt: s.createdAt,
        })
        .execute();
    },

    async introduction(pairId: string, requestedBy: string, i: { status: 'requested' | 'made' | 'declined'; respondedAt?: string }) {
      await k
        .insertInto('introductions')
        .values({
          id: uuidv7(), pairId, requestedBy, contactName: 'Someone', contactRole: null, reason: 'private', status: i.status, note: null,
          respondedAt: i.respondedAt ?? null, createdAt: T,
        })
        .execute();
    },

    async request(programId: string, menteeId: string, mentorId: string, r: { status: 'pending' | 'declined'; createdAt: string }) {
      await k
        .insertInto('mentorshipRequests')
        .values({
          id: uuidv7(), programId, menteeId, mentorId, message: 'private', status: r.status, declineReason: null, respondedAt: null, pairId: null,
          createdAt: r.createdAt, updatedAt: r.createdAt,
        })
        .execute();
    },
  };
}
