import type { ApiBuilder } from '../http/route';
import { ianaTimeZone, isoDate, isoInstant, uuid, z } from '../http/zod';
import {
  bookMeetings,
  cancelSeries,
  changeMeeting,
  changeSeries,
  listPairMeetings,
  rateMeeting,
  suggestMeetingTimes,
  syncSeriesCalendar,
  type MeetingsDeps,
} from './meetings.service';
import { MAX_OCCURRENCES, normalizeLocalDateTime } from './recurrence';

const tag = 'Check-ins';
const DAY_MS = 86_400_000;
/** How far ahead one suggestion request may look. */
const MAX_SEARCH_DAYS = 31;

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'Use a local date and time without offset, YYYY-MM-DDTHH:mm:ss')
  .refine((value) => normalizeLocalDateTime(value) !== undefined, 'Not a real date and time')
  .openapi({ example: '2026-12-01T10:00:00', description: 'wall-clock time in the given timeZone' });

const agendaText = z.string().max(4000);
const topicKey = z.string().trim().min(1).max(80);
const sharedNotesText = z.string().max(10000);

const personSchema = z.object({ id: z.string(), displayName: z.string(), jobTitle: z.string().nullable(), department: z.string().nullable() });
const confirmation = z.enum(['held', 'missed']);

const meetingSchema = z
  .object({
    id: z.string(),
    seriesId: z.string(),
    pairId: z.string(),
    occurrenceIndex: z.number().int(),
    start: isoInstant,
    end: isoInstant,
    status: z.enum(['scheduled', 'held', 'missed', 'cancelled']),
    agenda: z.string().nullable(),
    topics: z.array(z.string()),
    sharedNotes: z.string().nullable(),
    myConfirmation: confirmation.nullable(),
    partnerConfirmation: confirmation.nullable(),
    myFeedback: z.object({ rating: z.number().int(), comment: z.string().nullable() }).nullable().openapi({ description: "the caller's own rating; the partner's is never shown" }),
    canConfirm: z.boolean().openapi({ description: 'the scheduled end has passed and the check-in was not cancelled' }),
    joinUrl: z.string().optional().openapi({ description: "its series' Teams meeting link, once in Outlook" }),
    seenInTeams: z.boolean().openapi({ description: "Teams' attendance report showed both members in the meeting (it was marked held by that)" }),
  })
  .openapi('Meeting');

const calendarSchema = z
  .object({
    status: z.enum(['synced', 'pending', 'not-connected', 'failed']).openapi({ description: 'whether the series is in the organiser’s Outlook calendar' }),
    joinUrl: z.string().optional().openapi({ description: 'the Teams meeting link Outlook created' }),
    problem: z
      .enum(['consent-required', 'awaiting-organizer', 'throttled', 'unreachable', 'rejected', 'missing-in-outlook'])
      .optional()
      .openapi({ description: 'why it is pending or failed' }),
    detail: z.string().optional().openapi({ description: 'the problem in a sentence' }),
    nextAttemptAt: isoInstant.optional().openapi({ description: 'when the background sync tries again' }),
    canSync: z.boolean().openapi({ description: 'the caller is the organiser and may run the sync now (Outlook sync configured, not yet synced)' }),
  })
  .openapi('SeriesCalendar');

const seriesSchema = z
  .object({
    id: z.string(),
    pairId: z.string(),
    organizer: personSchema,
    timeZone: z.string(),
    startLocal: z.string().openapi({ example: '2026-12-01T10:00:00' }),
    durationMinutes: z.number().int(),
    frequency: z.enum(['once', 'weekly', 'biweekly', 'monthly']),
    count: z.number().int().nullable(),
    until: isoDate.nullable(),
    agenda: z.string().nullable(),
    calendar: calendarSchema,
    cancelledAt: isoInstant.nullable(),
  })
  .openapi('MeetingSeries');

const pairParams = z.object({ pairId: uuid });
const meetingParams = z.object({ meetingId: uuid });
const seriesParams = z.object({ seriesId: uuid });

const meetingTimesBody = z
  .object({
    durationMinutes: z.number().int().min(15).max(120),
    from: isoDate,
    to: isoDate,
    timeZone: ianaTimeZone.optional().openapi({ description: "the caller's display zone for from/to; default their enrolment's, else their profile's, else UTC" }),
  })
  .superRefine((body, ctx) => {
    const days = (Date.parse(body.to) - Date.parse(body.from)) / DAY_MS;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day must not be before the first' });
    else if (days > MAX_SEARCH_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Search at most ${MAX_SEARCH_DAYS} days after the first day` });
  })
  .openapi('MeetingTimesRequest');

const bookBody = z
  .object({
    start: localDateTime,
    durationMinutes: z.number().int().min(15).max(240),
    timeZone: ianaTimeZone,
    recurrence: z
      .object({
        frequency: z.enum(['weekly', 'biweekly', 'monthly']).optional().openapi({ description: "default: the pair's agreed cadence, else the program's" }),
        count: z.number().int().min(1).max(MAX_OCCURRENCES).optional(),
        until: isoDate.optional().openapi({ description: 'last date (inclusive, in timeZone)' }),
      })
      .superRefine((r, ctx) => {
        if (r.count !== undefined && r.until !== undefined) ctx.addIssue({ code: 'custom', path: [], message: 'Send count or until, not both' });
      })
      .optional()
      .openapi({ description: `omit for a single check-in; with neither count nor until: 12 occurrences; never more than ${MAX_OCCURRENCES}` }),
    agenda: agendaText.nullable().optional(),
  })
  .openapi('NewMeetings');

const bookedSchema = z
  .object({
    seriesId: z.string(),
    meetings: z.array(z.object({ id: z.string(), start: isoInstant, end: isoInstant, status: z.literal('scheduled') })),
    calendar: calendarSchema,
  })
  .openapi('BookedMeetings');

const listQuery = z.object({ when: z.enum(['upcoming', 'past', 'all']).default('all') });

const meetingChangeBody = z
  .object({
    status: z.enum(['held', 'missed', 'cancelled']).optional().openapi({ description: 'held/missed: my confirmation once it has ended; cancelled: call off this future occurrence' }),
    start: localDateTime.optional().openapi({ description: 'move this occurrence (keeps its length)' }),
    timeZone: ianaTimeZone.optional().openapi({ description: "the zone of start; default the series' zone" }),
    agenda: agendaText.nullable().optional(),
    topics: z.array(topicKey).max(20).optional().openapi({ description: 'agenda topic keys; replaces the current list' }),
    sharedNotes: sharedNotesText.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    const kinds = [
      body.status !== undefined,
      body.start !== undefined || body.timeZone !== undefined,
      body.agenda !== undefined || body.topics !== undefined,
      body.sharedNotes !== undefined,
    ].filter(Boolean).length;
    if (kinds !== 1) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Send exactly one change: status, start (with timeZone), agenda (with topics) or sharedNotes' });
    } else if (body.timeZone !== undefined && body.start === undefined) {
      ctx.addIssue({ code: 'custom', path: ['start'], message: 'Send the new start together with its time zone' });
    }
  })
  .openapi('MeetingChange');

const seriesChangeBody = z
  .object({
    startLocal: localDateTime.optional(),
    timeZone: ianaTimeZone.optional(),
    durationMinutes: z.number().int().min(15).max(240).optional(),
    agenda: agendaText.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Send at least one field to change')
  .openapi('MeetingSeriesChange');

const feedbackBody = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().max(2000).nullable().optional() }).openapi('MeetingFeedback');
const feedbackSchema = z.object({ rating: z.number().int(), comment: z.string().nullable() });

export function meetingsRoutes(api: ApiBuilder, deps: MeetingsDeps): void {
  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/meeting-times',
    operationId: 'suggestMeetingTimes',
    summary: "Times that suit both members' working hours, Tandem check-ins and (when connected) Outlook calendars (members)",
    description:
      "Up to 5 slots on the half hour, Monday to Friday in each member's own zone, not in the past, spread across days. With Outlook sync configured, both members' Outlook free/busy (Graph getSchedule, read as the caller) is taken into account; if that fails the answer says why and falls back to working hours.",
    tag,
    access: 'user',
    params: pairParams,
    body: meetingTimesBody,
    response: z
      .object({
        slots: z.array(z.object({ start: isoInstant, end: isoInstant })),
        source: z.enum(['outlook', 'working-hours']).openapi({ description: "outlook: both members' Outlook free/busy was used too" }),
        outlook: z.enum(['consent-required', 'unavailable']).optional().openapi({ description: 'why Outlook free/busy could not be used' }),
      })
      .openapi('MeetingTimes'),
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => suggestMeetingTimes(deps, user, params.pairId, body),
  });

  api.add({
    method: 'post',
    path: '/api/pairs/{pairId}/meetings',
    operationId: 'bookMeetings',
    summary: 'Book a check-in or a recurring series of them (members)',
    description:
      'Occurrences keep their local time in timeZone across DST changes; monthly ones fall on the same day of the month, ' +
      'or the last day of shorter months. A start in the past, or one the clocks skip, is refused naming `start`.',
    tag,
    access: 'user',
    params: pairParams,
    body: bookBody,
    status: 201,
    response: bookedSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => bookMeetings(deps, user, params.pairId, body),
  });

  api.add({
    method: 'get',
    path: '/api/pairs/{pairId}/meetings',
    operationId: 'listPairMeetings',
    summary: "The pair's check-ins and series (members)",
    description: 'upcoming: not over and not cancelled, soonest first; past: the rest, latest first; all: every one in time order.',
    tag,
    access: 'user',
    params: pairParams,
    query: listQuery,
    response: z.object({ meetings: z.array(meetingSchema), series: z.array(seriesSchema) }).openapi('PairMeetings'),
    errors: ['not-found'],
    handler: ({ user, params, query }) => listPairMeetings(deps, user, params.pairId, query.when),
  });

  api.add({
    method: 'patch',
    path: '/api/meetings/{meetingId}',
    operationId: 'changeMeeting',
    summary: 'Confirm, cancel, move, prepare or take shared notes for one check-in (members)',
    tag,
    access: 'user',
    params: meetingParams,
    body: meetingChangeBody,
    response: meetingSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => changeMeeting(deps, user, params.meetingId, body),
  });

  api.add({
    method: 'patch',
    path: '/api/meeting-series/{seriesId}',
    operationId: 'changeMeetingSeries',
    summary: 'Change the time, zone, length or agenda of a series (members)',
    description:
      "Answers the series with `meetings`: its upcoming scheduled occurrences after the change. A new time regenerates those; " +
      'past, confirmed and cancelled occurrences are kept as they are.',
    tag,
    access: 'user',
    params: seriesParams,
    body: seriesChangeBody,
    response: seriesSchema.extend({ meetings: z.array(meetingSchema) }).openapi('MeetingSeriesWithMeetings'),
    errors: ['not-found', 'conflict'],
    handler: ({ user, params, body }) => changeSeries(deps, user, params.seriesId, body),
  });

  api.add({
    method: 'delete',
    path: '/api/meeting-series/{seriesId}',
    operationId: 'cancelMeetingSeries',
    summary: 'Cancel a series: every future scheduled occurrence is cancelled (members)',
    tag,
    access: 'user',
    params: seriesParams,
    response: seriesSchema,
    errors: ['not-found', 'conflict'],
    handler: ({ user, params }) => cancelSeries(deps, user, params.seriesId),
  });

  api.add({
    method: 'post',
    path: '/api/meeting-series/{seriesId}/calendar-sync',
    operationId: 'syncMeetingSeriesCalendar',
    summary: "Update the series in the organiser's Outlook calendar now (the organiser)",
    description:
      'Retry now / Update Outlook: runs the Outlook sync as the caller and answers with the series and its calendar state. A series booked without Outlook is added to it. The partner gets 403; 409 when Outlook sync is not configured.',
    tag,
    access: 'user',
    params: seriesParams,
    response: seriesSchema,
    errors: ['not-found', 'forbidden', 'conflict'],
    handler: ({ user, params }) => syncSeriesCalendar(deps, user, params.seriesId),
  });

  api.add({
    method: 'post',
    path: '/api/meetings/{meetingId}/feedback',
    operationId: 'rateMeeting',
    summary: 'Rate a check-in that was held; only I see my rating (members)',
    description: 'Answers 201 for a first rating, 200 when it replaces my earlier one.',
    tag,
    access: 'user',
    params: meetingParams,
    body: feedbackBody,
    response: feedbackSchema,
    errors: ['not-found', 'conflict'],
    handler: async ({ user, params, body, res }) => {
      const { created, feedback } = await rateMeeting(deps, user, params.meetingId, body);
      if (created) res.status(201);
      return feedback;
    },
  });
}
