import { ATTENDANCE_SCOPES } from '../graph/delegated-tokens';
import { toGraphProblem } from '../graph/graph-errors';
import type { AttendanceReport, GraphTeamsMeetings } from '../graph/graph-client';
import { listMeetingsAwaitingAttendance, markHeldFromAttendance, recordAttendanceChecked } from './outlook.queries';
import type { OutlookDeps } from './outlook.service';

const MINUTE = 60_000;
/** Teams needs a few minutes after a meeting to publish its attendance report. */
const FIRST_LOOK_AFTER_MS = 10 * MINUTE;
const LOOK_AGAIN_AFTER_MS = 4 * 60 * MINUTE;
/** Past this, a check-in without a report was not held in Teams (or not in this meeting). */
const GIVE_UP_AFTER_MS = 2 * 24 * 60 * MINUTE;
/** A session counts for an occurrence when it started this close to the occurrence's slot. */
const SESSION_SLACK_MS = 60 * MINUTE;
/** Dropping in for a moment isn't attending. */
const MIN_ATTENDANCE_SECONDS = 120;
const BATCH = 50;

/**
 * Marks check-ins held when Teams' attendance report shows both members joined the meeting.
 * Read as the organiser (who owns the Teams meeting) with its own delegated scopes; a tenant
 * that hasn't consented to them simply keeps confirming by hand. Idempotent: safe to run on
 * several instances at once. Answers how many check-ins it marked held.
 */
export async function checkTeamsAttendance(deps: OutlookDeps): Promise<number> {
  const acting = deps.tokens.actingUserIds();
  if (acting.length === 0) return 0;
  const now = deps.clock.now().getTime();
  const nowIso = new Date(now).toISOString();
  const due = await listMeetingsAwaitingAttendance(
    deps.db,
    acting.slice(0, 1000),
    {
      endedBefore: new Date(now - FIRST_LOOK_AFTER_MS).toISOString(),
      endedAfter: new Date(now - GIVE_UP_AFTER_MS).toISOString(),
      checkedBefore: new Date(now - LOOK_AGAIN_AFTER_MS).toISOString(),
    },
    BATCH,
  );
  let held = 0;
  // One Teams meeting (and one list of reports) per series, however many of its check-ins are due.
  const reportsBySeries = new Map<string, { teams: GraphTeamsMeetings; meetingId: string; reports: AttendanceReport[] } | null>();
  for (const meeting of due) {
    try {
      if (!reportsBySeries.has(meeting.seriesId)) {
        const teams = deps.clients.teamsMeetingsOf(meeting.organizerId, () => deps.tokens.tokenFor(meeting.organizerId, ATTENDANCE_SCOPES));
        const online = await teams.findByJoinUrl(meeting.joinUrl!);
        reportsBySeries.set(meeting.seriesId, online ? { teams, meetingId: online.id, reports: await teams.attendanceReports(online.id) } : null);
      }
      const series = reportsBySeries.get(meeting.seriesId);
      const slotStart = Date.parse(meeting.startAt) - SESSION_SLACK_MS;
      const slotEnd = Date.parse(meeting.endAt) + SESSION_SLACK_MS;
      const session = series?.reports.find((r) => r.meetingStart !== null && Date.parse(r.meetingStart) >= slotStart && Date.parse(r.meetingStart) <= slotEnd);
      if (series && session) {
        const present = new Set((await series.teams.attendees(series.meetingId, session.id)).filter((a) => a.seconds >= MIN_ATTENDANCE_SECONDS).map((a) => a.email));
        if (present.has(meeting.mentorEmail.toLowerCase()) && present.has(meeting.menteeEmail.toLowerCase())) {
          if (await markHeldFromAttendance(deps.db, meeting.id, nowIso)) held += 1;
          continue;
        }
      }
    } catch (error) {
      const problem = toGraphProblem(error);
      deps.logger.info({ meetingId: meeting.id, kind: problem.kind, detail: problem.message }, 'Teams attendance not available');
      reportsBySeries.set(meeting.seriesId, null);
    }
    await recordAttendanceChecked(deps.db, [meeting.id], nowIso);
  }
  return held;
}
