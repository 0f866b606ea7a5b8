import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../api/src/db/database';
import type { MeetingStatus, SeriesFrequency } from '../../api/src/db/schema';

const T = '2026-01-01T00:00:00.000Z';

export interface SeriesOptions {
  timeZone: string;
  /** wall-clock `YYYY-MM-DDTHH:mm:ss` in timeZone */
  startLocal: string;
  frequency?: SeriesFrequency;
  count?: number;
  durationMinutes?: number;
  agenda?: string | null;
  cancelledAt?: string | null;
}

export interface FixtureMeeting {
  id: string;
  startAt: string;
  endAt: string;
}

/**
 * Booking rows as the contract defines them (occurrences computed with Luxon in the series
 * zone; monthly clamps to the month's end), written directly because booking is another
 * domain. Only NOT NULL columns of the first schema are set, so new nullable columns don't matter.
 */
export function calendarFixtures(db: Db) {
  const k = db.kysely;
  return {
    async series(pairId: string, organizerId: string, options: SeriesOptions): Promise<{ seriesId: string; meetings: FixtureMeeting[] }> {
      const seriesId = uuidv7();
      const frequency = options.frequency ?? 'weekly';
      const count = frequency === 'once' ? 1 : (options.count ?? 4);
      const minutes = options.durationMinutes ?? 30;
      const first = DateTime.fromISO(options.startLocal, { zone: options.timeZone });
      if (!first.isValid) throw new Error(`bad fixture start ${options.startLocal} ${options.timeZone}`);
      await k
        .insertInto('meetingSeries')
        .values({
          id: seriesId, pairId, organizerId, timeZone: options.timeZone, startLocal: options.startLocal, durationMinutes: minutes, frequency,
          occurrenceCount: count, untilDate: null, agenda: options.agenda ?? null, calendarStatus: 'not-connected', externalEventId: null, joinUrl: null,
          syncAttempts: 0, nextSyncAt: null, lastSyncError: null, icalSequence: 0, calendarVersion: 0, syncedVersion: 0, syncedFingerprint: null, calendarProblem: null, cancelledAt: options.cancelledAt ?? null, createdAt: T, updatedAt: T,
        })
        .execute();
      const meetings = Array.from({ length: count }, (_, i) => {
        const start = frequency === 'monthly' ? first.plus({ months: i }) : first.plus({ weeks: i * (frequency === 'biweekly' ? 2 : 1) });
        return { id: uuidv7(), startAt: start.toUTC().toISO()!, endAt: start.plus({ minutes }).toUTC().toISO()! };
      });
      await k
        .insertInto('meetings')
        .values(
          meetings.map((m, i) => ({
            id: m.id, seriesId, pairId, occurrenceIndex: i, startAt: m.startAt, endAt: m.endAt, originalStartAt: m.startAt,
            status: (options.cancelledAt ? 'cancelled' : 'scheduled') as MeetingStatus, agenda: null, sharedNotes: null, externalEventId: null,
            createdAt: T, updatedAt: T,
          })),
        )
        .execute();
      return { seriesId, meetings };
    },

    /** Moves one occurrence to a new UTC start, keeping its length (as PATCH /api/meetings does). */
    async reschedule(meetingId: string, startAt: string, at = '2026-02-01T00:00:00.000Z') {
      const row = await k.selectFrom('meetings').select(['startAt', 'endAt']).where('id', '=', meetingId).executeTakeFirstOrThrow();
      const length = Date.parse(row.endAt) - Date.parse(row.startAt);
      await k
        .updateTable('meetings')
        .set({ startAt, endAt: new Date(Date.parse(startAt) + length).toISOString(), updatedAt: at })
        .where('id', '=', meetingId)
        .execute();
    },

    async setStatus(meetingId: string, status: MeetingStatus) {
      await k.updateTable('meetings').set({ status }).where('id', '=', meetingId).execute();
    },

    async bumpSequence(seriesId: string) {
      const row = await k.selectFrom('meetingSeries').select('icalSequence').where('id', '=', seriesId).executeTakeFirstOrThrow();
      await k.updateTable('meetingSeries').set({ icalSequence: row.icalSequence + 1 }).where('id', '=', seriesId).execute();
    },

    async cancelSeries(seriesId: string, at: string) {
      await k.updateTable('meetingSeries').set({ cancelledAt: at, updatedAt: at }).where('id', '=', seriesId).execute();
      await k.updateTable('meetings').set({ status: 'cancelled', updatedAt: at }).where('seriesId', '=', seriesId).execute();
    },

    /** Free text a calendar must never carry. */
    async writeFreeText(meetingId: string, authorId: string, text: { agenda: string; sharedNotes: string; privateNote: string }) {
      await k.updateTable('meetings').set({ agenda: text.agenda, sharedNotes: text.sharedNotes }).where('id', '=', meetingId).execute();
      await k.insertInto('privateNotes').values({ id: uuidv7(), meetingId, authorId, body: text.privateNote, updatedAt: T }).execute();
    },
  };
}

export interface Instance {
  /** wall clock in the event's zone, `YYYY-MM-DDTHH:mm:ss` */
  local: string;
  tzid: string | null;
  start: string;
  end: string;
}

export interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  status: string | null;
  recurring: boolean;
  /** every occurrence a client would show, with RECURRENCE-ID overrides applied */
  instances: Instance[];
  overrides: number;
}

/** `TZID` parameters used anywhere, and the zones that have a VTIMEZONE. */
export function timeZoneUse(ics: string): { used: Set<string>; defined: Set<string> } {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  const used = new Set([...unfolded.matchAll(/;TZID=([^;:\r\n]+)/g)].map((m) => m[1]!));
  const defined = new Set([...unfolded.matchAll(/^TZID:(.+)$/gm)].map((m) => m[1]!.trim()));
  return { used, defined };
}

/**
 * Parses an iCalendar document with ical.js (Mozilla's, independent of the generator) and
 * expands every series the way a calendar client does, using only the VTIMEZONEs inside it.
 */
export function parseCalendar(ics: string): Map<string, ParsedEvent> {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const byUid = new Map<string, { master?: ICAL.Event; exceptions: ICAL.Event[] }>();
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const entry = byUid.get(event.uid) ?? { exceptions: [] };
    if (event.isRecurrenceException()) entry.exceptions.push(event);
    else if (entry.master) throw new Error(`two master events for ${event.uid}`);
    else entry.master = event;
    byUid.set(event.uid, entry);
  }
  const result = new Map<string, ParsedEvent>();
  for (const [uid, { master, exceptions }] of byUid) {
    if (!master) throw new Error(`no master event for ${uid}`);
    for (const exception of exceptions) master.relateException(exception);
    const instances: Instance[] = [];
    const toInstance = (start: ICAL.Time, end: ICAL.Time): Instance => ({
      local: start.toString().slice(0, 19),
      tzid: start.zone?.tzid ?? null,
      start: start.toJSDate().toISOString(),
      end: end.toJSDate().toISOString(),
    });
    if (master.isRecurring()) {
      const iterator = master.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) {
        if (instances.length > 1000) throw new Error(`runaway recurrence in ${uid}`);
        const details = master.getOccurrenceDetails(next);
        instances.push(toInstance(details.startDate, details.endDate));
      }
    } else {
      instances.push(toInstance(master.startDate, master.endDate));
    }
    result.set(uid, {
      uid,
      sequence: master.sequence,
      summary: master.summary,
      description: master.description,
      status: (master.component.getFirstPropertyValue('status') as string | null) ?? null,
      recurring: master.isRecurring(),
      instances: instances.sort((a, b) => a.start.localeCompare(b.start)),
      overrides: exceptions.length,
    });
  }
  return result;
}
