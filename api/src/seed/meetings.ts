import { DateTime } from 'luxon';
import type {
  MeetingConfirmationsTable,
  MeetingFeedbackTable,
  MeetingSeriesTable,
  MeetingStatus,
  MeetingsTable,
  PrivateNotesTable,
} from '../db/schema';
import { touch, type Membership, type PairPlan, type SeedContext, type Story } from './model';
import type { Rng } from './random';
import { FEEDBACK_COMMENTS, PRIVATE_NOTES, SERIES_AGENDAS, TOPICS, fill } from './texts';
import { DAY, HOUR, MINUTE, WEEK, clamp, iso, isoDay, minutesOfClock } from './time';

export interface HeldMeeting {
  pair: PairPlan;
  meetingId: string;
  endMs: number;
}

export interface MeetingData {
  meetingSeries: MeetingSeriesTable[];
  meetings: MeetingsTable[];
  meetingConfirmations: MeetingConfirmationsTable[];
  meetingFeedback: MeetingFeedbackTable[];
  privateNotes: PrivateNotesTable[];
  held: HeldMeeting[];
}

/** Scheduled occurrences exist this far ahead of now, as a calendar would show them. */
const LOOKAHEAD = 6 * WEEK;

const OUTCOMES: Record<Story, [MeetingStatus, number][]> = {
  steady: [['held', 88], ['cancelled', 7], ['missed', 5]],
  completed: [['held', 90], ['cancelled', 6], ['missed', 4]],
  paused: [['held', 85], ['cancelled', 10], ['missed', 5]],
  lapsing: [['held', 85], ['cancelled', 10], ['missed', 5]],
  'low-rated': [['held', 70], ['missed', 15], ['cancelled', 15]],
  ended: [['held', 65], ['missed', 20], ['cancelled', 15]],
  fresh: [['held', 100]],
};

const RATINGS: Record<'normal' | 'lukewarm' | 'poor', [number, number][]> = {
  normal: [[5, 55], [4, 35], [3, 8], [2, 2]],
  lukewarm: [[4, 40], [3, 40], [2, 20]],
  poor: [[1, 40], [2, 50], [3, 10]],
};

export function buildMeetings(ctx: SeedContext, pairs: PairPlan[]): MeetingData {
  const rng = ctx.rng('meetings');
  const data: MeetingData = { meetingSeries: [], meetings: [], meetingConfirmations: [], meetingFeedback: [], privateNotes: [], held: [] };
  // One new pair meets for the first time within a day, so the demo always has a check-in coming up.
  const kickOffSoon = pairs.find((p) => p.story === 'fresh');
  for (const pair of pairs) buildPairMeetings(ctx, rng, pair, data, pair === kickOffSoon);
  return data;
}

function buildPairMeetings(ctx: SeedContext, rng: Rng, pair: PairPlan, data: MeetingData, kickOffSoon: boolean): void {
  const { mentor, mentee, story } = pair;
  const zone = mentor.person.timeZone;
  const cadence = pair.agreedCadence ?? pair.program.defaultCadence;
  const duration = rng.weighted([[30, 4], [45, 3], [60, 3]]);

  // The mentor books the series once the pair has settled (or not) how often to meet.
  const seriesCreatedMs = Math.min((pair.agreedMs ?? pair.startedMs + rng.between(HOUR, 3 * DAY)) + rng.between(10 * MINUTE, DAY), ctx.now - 30 * MINUTE);
  const firstTarget = story === 'fresh' ? Math.max(seriesCreatedMs + 10 * DAY, ctx.now + 2 * DAY) : seriesCreatedMs + rng.between(2, 8) * DAY;
  // Closed pairs have nothing after their end, paused ones nothing still to come.
  const pastCutoff = ctx.now - HOUR - duration * MINUTE;
  const horizon = pair.endedMs ?? (pair.status === 'paused' ? pastCutoff : Math.min(ctx.now + LOOKAHEAD, pair.program.endsMs + DAY));
  const firstDay = firstMeetingDay(rng, firstTarget, zone, cadence, horizon);
  const startMinutes = chooseSlot(rng, firstDay, mentor, mentee, duration);
  const first = kickOffSoon ? nextWorkingSlot(ctx.now + 2 * HOUR, mentor, duration) : firstDay.plus({ minutes: startMinutes });
  const startLocal = first.toFormat("yyyy-MM-dd'T'HH:mm:ss");

  const seriesId = ctx.ids.make(`series:${pair.id}`, seriesCreatedMs);
  const closedMs = pair.status === 'ended' ? pair.endedMs : null;
  data.meetingSeries.push({
    id: seriesId,
    pairId: pair.id,
    organizerId: mentor.person.id,
    timeZone: zone,
    startLocal,
    durationMinutes: duration,
    frequency: cadence,
    occurrenceCount: null,
    untilDate: isoDay(pair.status === 'completed' && pair.endedMs !== null ? pair.endedMs : pair.program.endsMs),
    agenda: rng.chance(0.5) ? rng.pick(SERIES_AGENDAS) : null,
    calendarStatus: 'not-connected',
    externalEventId: null,
    joinUrl: null,
    syncAttempts: 0,
    nextSyncAt: null,
    lastSyncError: null,
    icalSequence: 0,
    calendarVersion: 0,
    syncedVersion: 0,
    syncedFingerprint: null,
    calendarProblem: null,
    cancelledAt: closedMs === null ? null : iso(closedMs),
    createdAt: iso(seriesCreatedMs),
    updatedAt: iso(closedMs ?? seriesCreatedMs),
  });

  const starts: number[] = [];
  for (let i = 0; ; i++) {
    const start = occurrenceStart(first, cadence, i);
    if (start >= horizon) break;
    starts.push(start);
  }
  const pastCount = starts.filter((s) => s <= pastCutoff).length;
  const statuses = pastStatuses(rng, pair, starts.slice(0, pastCount), ctx.now);

  const lastHeldIndex = statuses.lastIndexOf('held');
  if (story === 'lapsing' && lastHeldIndex >= 0) {
    pair.activeUntilMs = (starts[lastHeldIndex] ?? pair.startedMs) + duration * MINUTE + DAY;
  } else if (pair.status === 'paused' && pair.pausedMs !== null) {
    pair.activeUntilMs = pair.pausedMs;
  } else if (pair.endedMs !== null) {
    pair.activeUntilMs = pair.endedMs;
  } else {
    pair.activeUntilMs = ctx.now - HOUR;
  }

  const ratingScale = story === 'low-rated' ? 'poor' : story === 'ended' && pair.endReason !== 'lack-of-time' ? 'lukewarm' : 'normal';
  const vars = {
    mentor: mentor.person.firstName,
    mentee: mentee.person.firstName,
    mentorDept: mentor.person.department,
    menteeDept: mentee.person.department,
  };
  let nextAgendaGiven = false;

  starts.forEach((startMs, index) => {
    const endMs = startMs + duration * MINUTE;
    const status: MeetingStatus = statuses[index] ?? 'scheduled';
    const meetingId = ctx.ids.make(`meeting:${pair.id}:${index}`, seriesCreatedMs);
    const topic = rng.pick(TOPICS);
    let agenda: string | null = null;
    let sharedNotes: string | null = null;
    let updatedMs = seriesCreatedMs;

    if (status === 'held') {
      if (rng.chance(0.35)) agenda = topic.agenda;
      if (rng.chance(0.45)) sharedNotes = fill(rng.pick(topic.notes), vars);
      updatedMs = recordHeld(ctx, rng, pair, meetingId, endMs, ratingScale, data);
      data.held.push({ pair, meetingId, endMs });
      touch(pair, endMs);
    } else if (status === 'missed') {
      updatedMs = recordMissed(ctx, rng, pair, meetingId, endMs, data);
    } else if (status === 'cancelled') {
      const pausedCancel = pair.pausedMs !== null && startMs >= pair.pausedMs;
      updatedMs = pausedCancel ? pair.pausedMs ?? seriesCreatedMs : clamp(startMs - rng.between(HOUR, 3 * DAY), seriesCreatedMs, startMs);
    } else if (!nextAgendaGiven) {
      nextAgendaGiven = true;
      if (rng.chance(0.5)) agenda = topic.agenda;
    }

    data.meetings.push({
      id: meetingId,
      seriesId,
      pairId: pair.id,
      occurrenceIndex: index,
      startAt: iso(startMs),
      endAt: iso(endMs),
      originalStartAt: iso(startMs),
      status,
      agenda,
      topics: null,
      sharedNotes,
      externalEventId: null,
      teamsAttendanceAt: null,
      attendanceCheckedAt: null,
      createdAt: iso(seriesCreatedMs),
      updatedAt: iso(Math.max(updatedMs, seriesCreatedMs)),
    });
  });
}

/**
 * What happened to each past occurrence, by the pair's story: the kick-off is always
 * held; a lapsing pair stops meeting 6–12 weeks ago; a paused pair's sessions since the
 * pause are cancelled; a pair that ran out of time drifts before it ends.
 */
function pastStatuses(rng: Rng, pair: PairPlan, starts: number[], now: number): MeetingStatus[] {
  const statuses: MeetingStatus[] = starts.map((_, i) => (i === 0 ? 'held' : rng.weighted(OUTCOMES[pair.story])));
  if (pair.story === 'lapsing') {
    const window = starts.map((s, i) => ({ s, i })).filter(({ s }) => s >= now - 12 * WEEK + DAY && s <= now - 6 * WEEK - DAY);
    const lapse = rng.pick(window).i;
    statuses[lapse] = 'held';
    for (let i = lapse + 1; i < statuses.length; i++) statuses[i] = rng.chance(0.5) ? 'missed' : 'cancelled';
  }
  if (pair.status === 'paused' && pair.pausedMs !== null) {
    starts.forEach((s, i) => {
      if (pair.pausedMs !== null && s >= pair.pausedMs) statuses[i] = 'cancelled';
    });
  }
  const last = statuses.length - 1;
  // A healthy active pair must not look lapsed: if its last session went ahead weeks ago, the latest one did too.
  if (pair.status === 'active' && pair.story !== 'lapsing' && last > 0 && (starts[statuses.lastIndexOf('held')] ?? 0) < now - 5 * WEEK) {
    statuses[last] = 'held';
  }
  if (pair.status === 'completed' && last > 0) statuses[last] = 'held';
  if (pair.status === 'ended' && pair.endReason !== 'mismatched-expectations' && last > 1) {
    statuses[last] = 'cancelled';
    statuses[last - 1] = 'missed';
  }
  return statuses;
}

function recordHeld(
  ctx: SeedContext,
  rng: Rng,
  pair: PairPlan,
  meetingId: string,
  endMs: number,
  scale: keyof typeof RATINGS,
  data: MeetingData,
): number {
  let latest = endMs;
  for (const member of [pair.mentor, pair.mentee]) {
    const role = member === pair.mentor ? 'mentor' : 'mentee';
    const confirmedMs = Math.min(endMs + rng.between(5 * MINUTE, 30 * HOUR), ctx.now - MINUTE);
    data.meetingConfirmations.push({ meetingId, userId: member.person.id, status: 'held', confirmedAt: iso(confirmedMs) });
    latest = Math.max(latest, confirmedMs);
    if (rng.chance(0.85)) {
      const rating = rng.weighted(RATINGS[scale]);
      data.meetingFeedback.push({
        meetingId,
        userId: member.person.id,
        rating,
        comment: rng.chance(0.2) ? rng.pick(FEEDBACK_COMMENTS[rating] ?? []) : null,
        createdAt: iso(Math.min(confirmedMs + rng.between(MINUTE, 20 * MINUTE), ctx.now - MINUTE)),
      });
    }
    if (rng.chance(role === 'mentor' ? 0.2 : 0.15)) {
      const noteMs = Math.min(endMs + rng.between(10 * MINUTE, DAY), ctx.now - MINUTE);
      data.privateNotes.push({
        id: ctx.ids.make(`private-note:${meetingId}:${member.person.email}`, noteMs),
        meetingId,
        authorId: member.person.id,
        body: rng.pick(PRIVATE_NOTES[role]),
        updatedAt: iso(noteMs),
      });
    }
  }
  return latest;
}

function recordMissed(ctx: SeedContext, rng: Rng, pair: PairPlan, meetingId: string, endMs: number, data: MeetingData): number {
  const who = rng.chance(0.6) ? [pair.mentor, pair.mentee] : [rng.chance(0.5) ? pair.mentor : pair.mentee];
  let latest = endMs;
  for (const member of who) {
    const confirmedMs = Math.min(endMs + rng.between(HOUR, 2 * DAY), ctx.now - MINUTE);
    data.meetingConfirmations.push({ meetingId, userId: member.person.id, status: 'missed', confirmedAt: iso(confirmedMs) });
    latest = Math.max(latest, confirmedMs);
  }
  return latest;
}

/**
 * The first half-hour at or after `fromMs` when the mentor's working day has room for the whole
 * check-in, in the mentor's zone: always within a day, on whatever weekday that is.
 */
function nextWorkingSlot(fromMs: number, mentor: Membership, duration: number): DateTime {
  const opens = minutesOfClock(mentor.workdayStart);
  const closes = minutesOfClock(mentor.workdayEnd);
  let slot = DateTime.fromMillis(fromMs, { zone: mentor.person.timeZone }).startOf('hour');
  if (slot.toMillis() < fromMs) slot = slot.plus({ minutes: 30 });
  if (slot.toMillis() < fromMs) slot = slot.plus({ minutes: 30 });
  for (;;) {
    const minute = slot.hour * 60 + slot.minute;
    if (minute >= opens && minute + duration <= closes) return slot;
    slot = slot.plus({ minutes: 30 });
  }
}

/** The same rule a calendar uses: whole weeks or calendar months from the first local start. */
function occurrenceStart(first: DateTime, cadence: 'weekly' | 'biweekly' | 'monthly', index: number): number {
  if (cadence === 'monthly') return first.plus({ months: index }).toMillis();
  return first.plus({ weeks: index * (cadence === 'weekly' ? 1 : 2) }).toMillis();
}

/** A weekday (Tue–Thu preferred) on or after the target. */
function firstMeetingDay(rng: Rng, targetMs: number, zone: string, cadence: string, untilMs: number): DateTime {
  const target = DateTime.fromMillis(targetMs, { zone }).startOf('day');
  const preferred = rng.weighted([[2, 3], [3, 3], [4, 3], [1, 1], [5, 1]]);
  if (cadence !== 'monthly') {
    let day = target;
    while (day.weekday !== preferred) day = day.plus({ days: 1 });
    return day;
  }
  // A monthly series repeats on the same date, which drifts through the week: take the
  // date in the next fortnight that falls on a weekend least often before the horizon.
  const months = Math.max(1, Math.ceil((untilMs - targetMs) / (30 * DAY)));
  const weekendHits = (day: DateTime) => Array.from({ length: months }, (_, i) => day.plus({ months: i })).filter((d) => d.weekday > 5).length;
  const candidates = Array.from({ length: 14 }, (_, i) => target.plus({ days: i })).filter((d) => d.weekday <= 5 && d.day <= 28);
  return candidates
    .map((day) => ({ day, cost: weekendHits(day) * 10 + (day.weekday === preferred ? 0 : 1) }))
    .reduce((best, c) => (c.cost < best.cost ? c : best)).day;
}

/**
 * A start time inside the mentor's working day that also falls inside the mentee's, if
 * there is one; otherwise the least inconvenient time for the mentee.
 */
function chooseSlot(rng: Rng, day: DateTime, mentor: Membership, mentee: Membership, duration: number): number {
  const theirStart = minutesOfClock(mentee.workdayStart);
  const theirEnd = minutesOfClock(mentee.workdayEnd);
  const options: { minutes: number; cost: number }[] = [];
  for (let m = minutesOfClock(mentor.workdayStart); m + duration <= minutesOfClock(mentor.workdayEnd); m += 30) {
    const theirs = day.plus({ minutes: m }).setZone(mentee.person.timeZone);
    const local = theirs.hour * 60 + theirs.minute;
    const outside = Math.max(0, theirStart - local, local + duration - theirEnd);
    // Lunch is allowed but not preferred.
    const cost = (theirs.weekday > 5 ? 10_000 : outside) + (m >= 12 * 60 && m < 13 * 60 ? 1 : 0);
    options.push({ minutes: m, cost });
  }
  const best = Math.min(...options.map((o) => o.cost));
  return rng.pick(options.filter((o) => o.cost === best)).minutes;
}
