import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../api/src/db/database';
import type { Cadence, CommunicationChannel, EndReason, GoalStatus, MeetingStatus, PairStatus } from '../../api/src/db/schema';
import type { TestApp } from './app';
import { fixtures } from './fixtures';

export const ADMIN = 'morgan.lee@contoso.example';

const T = '2026-01-01T00:00:00.000Z';
const DAY_MS = 86_400_000;

/** An instant `days` (fractions allowed) before `from`. */
export function daysBefore(from: string, days: number): string {
  return new Date(Date.parse(from) - days * DAY_MS).toISOString();
}

/** A calendar date `days` before the date of `from`. */
export function dateBefore(from: string, days: number): string {
  return new Date(Date.parse(`${from.slice(0, 10)}T00:00:00.000Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** GET as someone; signs them in (dev mode) on first use. */
export function adminApi(app: TestApp) {
  const tokens = new Map<string, string>();
  const token = async (email: string) => {
    let t = tokens.get(email);
    if (!t) {
      t = await app.tokenFor(email);
      tokens.set(email, t);
    }
    return t;
  };
  return {
    async get(email: string, path: string) {
      return request(app.http).get(path).set('Authorization', `Bearer ${await token(email)}`);
    },
    async auditRows(action?: string) {
      let q = app.db.kysely.selectFrom('auditLog').selectAll().orderBy('createdAt').orderBy('id');
      if (action) q = q.where('action', '=', action);
      return q.execute();
    },
  };
}

// Across every adminFixtures() of a test file, so two of them never make the same person.
let people = 0;

/**
 * Rows for the admin pairs, at-risk and export tests, with every field those endpoints read
 * under the test's control (the shared fixtures fix most of them).
 */
export function adminFixtures(db: Db) {
  const k = db.kysely;
  const f = fixtures(db);

  return {
    /** a person with a fresh email */
    async person(extra: { displayName?: string; department?: string; jobTitle?: string } = {}) {
      people += 1;
      return f.person(`person${people}@contoso.example`, { displayName: extra.displayName ?? `Person ${people}`, ...extra });
    },
    program: f.program,

    async enrol(programId: string, userId: string, role: 'mentor' | 'mentee', extra: { createdAt?: string; status?: 'active' | 'withdrawn'; goals?: string } = {}) {
      await k
        .insertInto('enrollments')
        .values({
          id: uuidv7(), programId, userId, role, status: extra.status ?? 'active', goals: extra.goals ?? null, yearsExperience: null, capacity: 2,
          timeZone: null, preferredFrequency: null, preferredChannel: null, availability: 'open', pausedUntil: null, workdayStart: '09:00',
          workdayEnd: '17:00', createdAt: extra.createdAt ?? T, updatedAt: extra.createdAt ?? T,
        })
        .execute();
    },

    async pair(
      programId: string,
      mentorId: string,
      menteeId: string,
      extra: {
        status?: PairStatus;
        startedAt?: string;
        pausedAt?: string;
        endedAt?: string;
        endReason?: EndReason;
        agreedAt?: string | null;
        agreedCadence?: Cadence | null;
      } = {},
    ) {
      const id = uuidv7();
      await k
        .insertInto('pairs')
        .values({
          id, programId, mentorId, menteeId, status: extra.status ?? 'active', source: 'request', requestId: null, startedAt: extra.startedAt ?? T,
          pausedAt: extra.pausedAt ?? null, endedAt: extra.endedAt ?? null, endReason: extra.endReason ?? null, agreedAt: extra.agreedAt ?? null,
          agreedCadence: extra.agreedCadence ?? null, lastActivityAt: T, createdAt: T, updatedAt: T,
        })
        .execute();
      return id;
    },

    /** One check-in (in a series of its own); returns its id. */
    async meeting(
      pairId: string,
      organizerId: string,
      startAt: string,
      extra: { status?: MeetingStatus; minutes?: number; agenda?: string; sharedNotes?: string; teamsAttendanceAt?: string } = {},
    ) {
      const seriesId = uuidv7();
      const id = uuidv7();
      await k
        .insertInto('meetingSeries')
        .values({
          id: seriesId, pairId, organizerId, timeZone: 'Europe/London', startLocal: startAt.slice(0, 19), durationMinutes: extra.minutes ?? 30,
          frequency: 'once', occurrenceCount: 1, untilDate: null, agenda: extra.agenda ?? null, calendarStatus: 'not-connected', externalEventId: null,
          joinUrl: null, syncAttempts: 0, nextSyncAt: null, lastSyncError: null, icalSequence: 0, calendarVersion: 0, syncedVersion: 0,
          syncedFingerprint: null, calendarProblem: null, cancelledAt: null, createdAt: T, updatedAt: T,
        })
        .execute();
      await k
        .insertInto('meetings')
        .values({
          id, seriesId, pairId, occurrenceIndex: 0, startAt, endAt: new Date(Date.parse(startAt) + (extra.minutes ?? 30) * 60_000).toISOString(),
          originalStartAt: startAt, status: extra.status ?? 'held', agenda: extra.agenda ?? null, topics: null, sharedNotes: extra.sharedNotes ?? null,
          externalEventId: null, teamsAttendanceAt: extra.teamsAttendanceAt ?? null, attendanceCheckedAt: null, createdAt: T, updatedAt: T,
        })
        .execute();
      return id;
    },

    async confirm(meetingId: string, userId: string, status: 'held' | 'missed' = 'held') {
      await k.insertInto('meetingConfirmations').values({ meetingId, userId, status, confirmedAt: T }).execute();
    },

    async rate(meetingId: string, userId: string, rating: number, comment: string | null = null) {
      await k.insertInto('meetingFeedback').values({ meetingId, userId, rating, comment, createdAt: T }).execute();
    },

    async agreement(
      pairId: string,
      userId: string,
      extra: { frequency?: Cadence; channel?: CommunicationChannel; boundaries?: string; goals?: string; feedbackStyle?: string } = {},
    ) {
      await k
        .insertInto('agreements')
        .values({
          pairId, userId, meetingFrequency: extra.frequency ?? 'biweekly', communicationChannel: extra.channel ?? 'teams-chat', goals: extra.goals ?? 'Grow',
          feedbackStyle: extra.feedbackStyle ?? 'Direct', boundaries: extra.boundaries ?? 'Work topics only', submittedAt: T, updatedAt: T,
        })
        .execute();
    },

    async goal(
      pairId: string,
      createdBy: string,
      extra: {
        status?: GoalStatus; targetDate?: string | null; templateKey?: string | null; progress?: number; title?: string; skill?: string;
        mentorRole?: string; completedAt?: string | null; deletedAt?: string | null; createdAt?: string;
      } = {},
    ) {
      const id = uuidv7();
      await k
        .insertInto('goals')
        .values({
          id, pairId, title: extra.title ?? 'A goal', skill: extra.skill ?? 'Negotiation', mentorRole: extra.mentorRole ?? 'Sounding board',
          targetDate: extra.targetDate ?? null, status: extra.status ?? 'in-progress', progress: extra.progress ?? 0, progressManual: 0,
          templateKey: extra.templateKey ?? null, completedAt: extra.completedAt ?? null, deletedAt: extra.deletedAt ?? null, createdBy,
          createdAt: extra.createdAt ?? T, updatedAt: T,
        })
        .execute();
      return id;
    },

    async actionItem(pairId: string, ownerId: string, extra: { dueOn?: string | null; doneAt?: string | null; text?: string; meetingId?: string } = {}) {
      await k
        .insertInto('actionItems')
        .values({
          id: uuidv7(), pairId, meetingId: extra.meetingId ?? null, text: extra.text ?? 'Do the thing', ownerId, dueOn: extra.dueOn ?? null,
          doneAt: extra.doneAt ?? null, createdBy: ownerId, createdAt: T, updatedAt: T,
        })
        .execute();
    },

    /** Every other place a participant writes free text, filled with `text`. */
    async participantText(pairId: string, programId: string, mentorId: string, menteeId: string, meetingId: string, goalId: string, text: string) {
      await k.insertInto('privateNotes').values({ id: uuidv7(), meetingId, authorId: menteeId, body: text, updatedAt: T }).execute();
      await k.insertInto('goalSteps').values({ id: uuidv7(), goalId, position: 0, text, doneAt: null }).execute();
      await k.insertInto('goalUpdates').values({ id: uuidv7(), goalId, authorId: menteeId, kind: 'milestone', note: text, progress: 50, createdAt: T }).execute();
      await k
        .insertInto('introductions')
        .values({ id: uuidv7(), pairId, requestedBy: menteeId, contactName: text, contactRole: text, reason: text, status: 'made', note: text, respondedAt: T, createdAt: T })
        .execute();
      await k
        .insertInto('surveys')
        .values({
          id: uuidv7(), pairId, userId: menteeId, kind: 'pulse', satisfaction: 4, recommend: 9, skillsGained: 1, newContacts: 0, promotion: 0, confidence: 4,
          comment: text, createdAt: T,
        })
        .execute();
      await k
        .insertInto('mentorshipRequests')
        .values({
          id: uuidv7(), programId, menteeId, mentorId, message: text, status: 'accepted', declineReason: text, respondedAt: T, pairId, createdAt: T, updatedAt: T,
        })
        .execute();
    },
  };
}

/**
 * A strict RFC 4180 reader for the tests (no csv-parse in the repository): every record ends
 * with CRLF, CR and LF appear only inside quoted fields, a quote opens a field only at its
 * start, and inside one a quote is either doubled or closes the field right before `,` or CRLF.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        const q = text[i]!;
        if (q === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (q === '"') {
          i += 1;
          break;
        } else {
          field += q;
          i += 1;
        }
      }
      const next = text[i];
      if (next !== ',' && next !== '\r') throw new Error(`closing quote not followed by a delimiter at ${i}`);
      continue;
    }
    if (c === ',') {
      endField();
      i += 1;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR outside quotes at ${i}`);
      endField();
      records.push(record);
      record = [];
      i += 2;
    } else if (c === '\n') {
      throw new Error(`bare LF outside quotes at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

/** Records as objects keyed by the header row; also checks every record has the header's width. */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error('no header row');
  for (const r of records) if (r.length !== header.length) throw new Error(`record of ${r.length} fields under a header of ${header.length}`);
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}
