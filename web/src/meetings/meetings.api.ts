import type { ApiClient } from '../api/client';
import type { Person } from '../pairs/pairs.api';

// Booking and running check-ins: /api/pairs/{pairId}/meeting-times, /api/pairs/{pairId}/meetings,
// /api/meetings/{id}, /api/meeting-series/{id} (docs/checkins-api.md, "Booking").
// Request `start` values are wall-clock local date-times ("YYYY-MM-DDTHH:mm:ss") in an IANA time
// zone; every instant in a response is UTC with "Z".

export type MeetingStatus = 'scheduled' | 'held' | 'missed' | 'cancelled';
export type Confirmation = 'held' | 'missed';
export type Frequency = 'once' | 'weekly' | 'biweekly' | 'monthly';
export type RepeatingFrequency = Exclude<Frequency, 'once'>;
export type CalendarStatus = 'synced' | 'pending' | 'not-connected' | 'failed';
/** Why a series is pending or failed in Outlook (docs/outlook-sync.md). */
export type CalendarProblem = 'consent-required' | 'awaiting-organizer' | 'throttled' | 'unreachable' | 'rejected' | 'missing-in-outlook';

/** Where a series stands in the organiser's Outlook calendar. */
export interface SeriesCalendar {
  status: CalendarStatus;
  /** The Teams meeting link, when Outlook gave one. */
  joinUrl?: string;
  problem?: CalendarProblem;
  /** A plain-language sentence about the problem. */
  detail?: string;
  /** When the background sync plans to try again (UTC). */
  nextAttemptAt?: string;
  /** The caller may press "Retry now" / "Update Outlook" (the organiser, with Outlook sync on, not yet synced). */
  canSync: boolean;
}

export interface MeetingFeedback {
  rating: number;
  comment: string | null;
}

export interface Meeting {
  id: string;
  seriesId: string;
  pairId: string;
  occurrenceIndex: number;
  start: string;
  end: string;
  status: MeetingStatus;
  agenda: string | null;
  /** Agenda topic keys (see /api/agenda-topics). */
  topics: string[];
  sharedNotes: string | null;
  myConfirmation: Confirmation | null;
  partnerConfirmation: Confirmation | null;
  /** Mine only: the partner's rating is never sent to me. */
  myFeedback: MeetingFeedback | null;
  /** The scheduled end has passed and it isn't cancelled. */
  canConfirm: boolean;
  /** Its series' Teams meeting link, when Outlook gave one. */
  joinUrl?: string;
  /** Teams' attendance report showed both members in the meeting (docs/outlook-sync.md, "Teams attendance"). */
  seenInTeams?: boolean;
}

export interface Series {
  id: string;
  pairId: string;
  organizer: Person;
  timeZone: string;
  /** "YYYY-MM-DDTHH:mm:ss" in timeZone */
  startLocal: string;
  durationMinutes: number;
  frequency: Frequency;
  count: number | null;
  until: string | null;
  agenda: string | null;
  calendar: SeriesCalendar;
  cancelledAt: string | null;
}

/** The name docs/outlook-sync.md uses. */
export type MeetingSeries = Series;

export interface MeetingList {
  meetings: Meeting[];
  series: Series[];
}

export interface Slot {
  start: string;
  end: string;
}

export interface SlotSearch {
  durationMinutes: number;
  from: string;
  to: string;
  timeZone?: string;
}

export interface SlotResult {
  slots: Slot[];
  /** Both members' Outlook free/busy (plus Tandem's check-ins), or their working hours when Outlook can't be used. */
  source: 'outlook' | 'working-hours';
  /** Why Outlook wasn't used, when it wasn't. */
  outlook?: 'consent-required' | 'unavailable';
}

/** The meeting-times answer, by its name in docs/outlook-sync.md. */
export type MeetingTimes = SlotResult;

export interface Recurrence {
  frequency?: RepeatingFrequency;
  count?: number;
  until?: string;
}

export interface NewMeetings {
  start: string;
  durationMinutes: number;
  timeZone: string;
  recurrence?: Recurrence;
  agenda?: string;
}

export interface Booking {
  seriesId: string;
  meetings: { id: string; start: string; end: string; status: MeetingStatus }[];
  calendar: {
    status: Exclude<CalendarStatus, 'failed'>;
    joinUrl?: string;
    problem?: CalendarProblem;
    detail?: string;
  };
}

/** PATCH /api/meetings/{id} takes exactly one of these. */
export type MeetingChange =
  | { status: MeetingStatus }
  | { start: string; timeZone: string }
  | { agenda: string | null; topics?: string[] }
  | { sharedNotes: string | null };

export interface SeriesChanges {
  startLocal?: string;
  timeZone?: string;
  durationMinutes?: number;
  agenda?: string | null;
}

const pairBase = (pairId: string) => `/api/pairs/${encodeURIComponent(pairId)}`;
const meetingBase = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;
const seriesBase = (seriesId: string) => `/api/meeting-series/${encodeURIComponent(seriesId)}`;

export const findMeetingTimes = (api: ApiClient, pairId: string, body: SlotSearch, signal?: AbortSignal) =>
  api.request<SlotResult>(`${pairBase(pairId)}/meeting-times`, { method: 'POST', body, signal });

export const bookMeetings = (api: ApiClient, pairId: string, body: NewMeetings) =>
  api.request<Booking>(`${pairBase(pairId)}/meetings`, { method: 'POST', body });

export const listMeetings = (api: ApiClient, pairId: string, when: 'upcoming' | 'past' | 'all', signal?: AbortSignal) =>
  api.request<MeetingList>(`${pairBase(pairId)}/meetings?when=${when}`, { signal });

export const updateMeeting = (api: ApiClient, meetingId: string, body: MeetingChange) =>
  api.request<Meeting>(meetingBase(meetingId), { method: 'PATCH', body });

export const updateSeries = (api: ApiClient, seriesId: string, body: SeriesChanges) =>
  api.request<Series>(seriesBase(seriesId), { method: 'PATCH', body });

export const cancelSeries = (api: ApiClient, seriesId: string) =>
  api.request<Series>(seriesBase(seriesId), { method: 'DELETE' });

export const sendFeedback = (api: ApiClient, meetingId: string, body: { rating: number; comment?: string }) =>
  api.request<MeetingFeedback>(`${meetingBase(meetingId)}/feedback`, { method: 'POST', body });

/** The .ics download for one series (members only, so it goes through the signed-in client). */
export const seriesIcsPath = (seriesId: string) => `${seriesBase(seriesId)}.ics`;
