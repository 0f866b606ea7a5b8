import type { SeriesCalendar } from '../meetings/meetings.api';
import { formatDay, formatTime, wallClock } from '../meetings/time';

// A series' Outlook state in words (docs/outlook-sync.md, "MeetingSeries.calendar"), for the
// viewer: the organiser (whose calendar holds the series) or their partner.

export type SyncTone = 'synced' | 'working' | 'waiting' | 'needs-you' | 'problem' | 'tandem-only';

/** The button the organiser gets: each runs POST …/calendar-sync ("connect" runs the consent pop-up first). */
export type SyncAction = 'retry' | 'update' | 'connect' | 'add';

export const actionLabels: Record<SyncAction, { idle: string; busy: string }> = {
  retry: { idle: 'Retry now', busy: 'Updating Outlook…' },
  update: { idle: 'Update Outlook', busy: 'Updating Outlook…' },
  connect: { idle: 'Connect Outlook', busy: 'Waiting for Outlook…' },
  add: { idle: 'Add to Outlook', busy: 'Adding to Outlook…' },
};

export interface Viewer {
  /** The viewer booked the series: it lives in their Outlook calendar. */
  isOrganiser: boolean;
  /** The organiser's first name (for the partner's sentences). */
  organiser: string;
  /** The other member's first name (for the organiser's sentences). */
  partner: string;
}

export interface CalendarDescription {
  tone: SyncTone;
  headline: string;
  secondary?: string;
  /** Shown only when `calendar.canSync`. */
  action?: SyncAction;
}

/** "10:05", or "Tue, 3 Dec, 10:05" when it isn't today. */
export function formatAttempt(iso: string, now: Date = new Date()): string {
  const sameDay = wallClock(iso).date === wallClock(now).date;
  return sameDay ? formatTime(iso) : `${formatDay(iso)}, ${formatTime(iso)}`;
}

export function describeCalendar(calendar: SeriesCalendar, viewer: Viewer, now: Date = new Date()): CalendarDescription {
  const { organiser, partner, isOrganiser } = viewer;
  switch (calendar.status) {
    case 'synced':
      return { tone: 'synced', headline: isOrganiser ? 'In your Outlook calendar' : `In ${organiser}’s Outlook calendar` };

    case 'not-connected':
      return {
        tone: 'tandem-only',
        headline: 'In Tandem only',
        ...(calendar.canSync
          ? { secondary: 'Add these check-ins to your Outlook calendar, with a Teams meeting link.', action: 'add' as const }
          : {}),
      };

    case 'failed': {
      // The API's stand-in when it has no sentence of its own says nothing the headline doesn't.
      const given = calendar.detail?.trim().replace(/\.$/, '');
      const detail = given && !/^Outlook could not be updated$/i.test(given) ? given : undefined;
      return {
        tone: 'problem',
        headline: detail ? `We couldn’t update Outlook: ${detail}` : 'We couldn’t update Outlook',
        ...(isOrganiser
          ? { secondary: 'Your check-ins are safe in Tandem.', action: 'retry' as const }
          : { secondary: `Your check-ins are safe in Tandem. ${organiser} can try again.` }),
      };
    }

    case 'pending':
      switch (calendar.problem) {
        case 'consent-required':
          return isOrganiser
            ? {
                tone: 'needs-you',
                headline: 'Allow Tandem to add check-ins to your Outlook calendar',
                secondary: 'Tandem uses your calendar only to add, move and cancel your check-ins and to find times you’re free.',
                action: 'connect',
              }
            : {
                tone: 'waiting',
                headline: `Waiting for ${organiser} to connect Outlook`,
                secondary: `Your check-ins are saved in Tandem. They reach Outlook once ${organiser} allows it.`,
              };
        case 'awaiting-organizer':
          return isOrganiser
            ? { tone: 'needs-you', headline: `${partner} changed this series. Update your Outlook calendar`, action: 'update' }
            : {
                tone: 'waiting',
                headline: `Waiting for ${organiser} to update Outlook`,
                secondary: `Your change is saved in Tandem. It reaches Outlook once ${organiser} updates it.`,
              };
        case 'throttled':
        case 'unreachable':
          return {
            tone: 'working',
            headline: calendar.nextAttemptAt
              ? `Outlook is busy — we’ll try again at ${formatAttempt(calendar.nextAttemptAt, now)}`
              : 'Outlook is busy — we’ll try again soon',
            action: 'retry',
          };
        default:
          return { tone: 'working', headline: 'Adding to Outlook…' };
      }
  }
}

/** The sentence to announce after a sync call answered with `calendar`. */
export function outcomeAnnouncement(calendar: SeriesCalendar, viewer: Viewer): string {
  const { headline } = describeCalendar(calendar, viewer);
  if (calendar.status === 'synced') return 'Done. The check-ins are in your Outlook calendar.';
  return headline.endsWith('…') || headline.endsWith('.') ? headline : `${headline}.`;
}
