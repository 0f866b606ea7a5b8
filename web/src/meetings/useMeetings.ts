import { useCallback } from 'react';
import { useApiQuery, type QueryState } from '../api/useApiQuery';
import { useEditableQuery, type EditableQueryState } from '../pairs/useEditableQuery';
import { getAgendaSuggestions, getPrivateNote, listAgendaTopics, type AgendaSuggestions, type AgendaTopic, type PrivateNote } from './agenda.api';
import { getCalendarFeed, type CalendarFeed } from './calendar.api';
import { listMeetings, type MeetingList } from './meetings.api';

export interface PairMeetings {
  /** Ends after now and not cancelled, soonest first (the server decides what "now" is). */
  upcoming: EditableQueryState<MeetingList>;
  /** Everything else, latest first. */
  past: EditableQueryState<MeetingList>;
  reload: () => void;
}

export function useMeetings(pairId: string): PairMeetings {
  const upcoming = useEditableQuery(`meetings:${pairId}:upcoming`, (api, signal) => listMeetings(api, pairId, 'upcoming', signal));
  const past = useEditableQuery(`meetings:${pairId}:past`, (api, signal) => listMeetings(api, pairId, 'past', signal));
  const { reload: reloadUpcoming } = upcoming;
  const { reload: reloadPast } = past;
  const reload = useCallback(() => {
    reloadUpcoming();
    reloadPast();
  }, [reloadUpcoming, reloadPast]);
  return { upcoming, past, reload };
}

export function useAgendaTopics(options?: { enabled?: boolean }): QueryState<AgendaTopic[]> {
  return useApiQuery('agenda-topics', (api, signal) => listAgendaTopics(api, signal), options);
}

export function useAgendaSuggestions(meetingId: string, options?: { enabled?: boolean }): QueryState<AgendaSuggestions> {
  return useApiQuery(`agenda-suggestions:${meetingId}`, (api, signal) => getAgendaSuggestions(api, meetingId, signal), options);
}

export function usePrivateNote(meetingId: string, options?: { enabled?: boolean }): EditableQueryState<PrivateNote> {
  return useEditableQuery(`private-note:${meetingId}`, (api, signal) => getPrivateNote(api, meetingId, signal), options);
}

export function useCalendarFeed(options?: { enabled?: boolean }): EditableQueryState<CalendarFeed> {
  return useEditableQuery('calendar-feed', (api, signal) => getCalendarFeed(api, signal), options);
}
