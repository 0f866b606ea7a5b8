/**
 * Every text a person reads about a notification — the feed, the bell and the bot's cards —
 * in one place, so a translation replaces this file and nothing else (docs/nudges.md).
 *
 * `NotificationPayloads` is the shape each kind's payload has: the nudge rules write exactly
 * these (api/src/nudges), `createPair` writes `pair-created`. Names here are published — keep
 * them stable.
 */
import { DateTime, IANAZone } from 'luxon';
import { NOTIFICATION_KINDS, type NotificationKind, type PreferenceGroup } from './kinds';

/** Check-in reminders and the "did it happen?" prompt. Instants are ISO-8601 UTC. */
export interface MeetingPayload {
  pairId: string;
  meetingId: string;
  startAt: string;
  endAt: string;
  partnerName: string;
  joinUrl?: string | null;
}

export interface ActionItemPayload {
  pairId: string;
  actionItemId: string;
  text: string;
  /** a local calendar date, YYYY-MM-DD */
  dueOn: string;
  partnerName: string;
}

export interface CadenceLapsedPayload {
  pairId: string;
  partnerName: string;
  lastHeldAt: string | null;
  /** the cadence the gap is measured against, e.g. 'weekly' | 'biweekly' | 'monthly' */
  cadence: string;
}

export interface RequestPayload {
  requestId: string;
  programName: string;
  menteeName?: string;
  mentorName?: string;
  message?: string | null;
  status?: 'accepted' | 'declined';
  /** the new pair, once an accepted request made one */
  pairId?: string | null;
}

export interface GoalCompletedPayload {
  pairId: string;
  goalId: string;
  goalTitle: string;
  partnerName: string;
}

export interface MilestonePayload {
  pairId: string;
  /** how many check-ins the pair has held: 1, 5, 10, 25 */
  count: number;
  partnerName: string;
}

export interface PulseSurveyPayload {
  pairId: string;
  partnerName: string;
}

export interface DormantPairPayload {
  pairId: string;
  partnerName: string;
  lastActivityAt: string;
}

/** Written by `createPair` (match publishing, CSV import). */
export interface PairCreatedPayload {
  pairId: string;
  programId: string;
  programName: string;
  role: 'mentee' | 'mentor';
  partner: { id: string; displayName: string | null };
  source: string;
  note?: string;
}

/** kind → the payload that kind carries. */
export interface NotificationPayloads {
  'meeting-reminder-24h': MeetingPayload;
  'meeting-reminder-15m': MeetingPayload;
  'meeting-confirm': MeetingPayload;
  'action-due-tomorrow': ActionItemPayload;
  'action-overdue': ActionItemPayload;
  'cadence-lapsed': CadenceLapsedPayload;
  'request-received': RequestPayload;
  'request-waiting': RequestPayload;
  'request-answered': RequestPayload;
  'goal-completed': GoalCompletedPayload;
  milestone: MilestonePayload;
  'pulse-survey': PulseSurveyPayload;
  'dormant-pair': DormantPairPayload;
  'pair-created': PairCreatedPayload;
}

// Every kind has a payload shape, and nothing else does.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const PAYLOADS_COVER_EVERY_KIND: Exact<keyof NotificationPayloads, NotificationKind> = true;

// ---------------------------------------------------------------------------------------------
// Rendering

export interface RenderOptions {
  /** the reader's IANA time zone; UTC when null or unknown */
  timeZone: string | null;
  /** the Teams app id from the manifest (TEAMS_APP_ID); null → no deep link */
  teamsAppId: string | null;
  /** the moment the text is read, for "today"/"tomorrow"; without it dates are written out */
  now?: string;
}

export interface NotificationText {
  title: string;
  body: string;
  /** in-tab path, e.g. `/tab/pairs/{pairId}` */
  link: string;
  /** the words on the button or link that opens `link` */
  linkLabel: string;
  /** the same place as a Teams deep link into the personal tab, or null without TEAMS_APP_ID */
  deepLink: string | null;
}

type Body = Omit<NotificationText, 'deepLink'> & {
  /** where the Teams deep link lands when that is more precise than `link` (e.g. one meeting) */
  subEntityId?: string;
};

/** What a text may depend on besides its payload. */
export interface TextContext {
  zone: string;
  now: DateTime | null;
}

/** The tab's entity id in the Teams manifest (the personal tab the deep links open). */
export const TAB_ENTITY_ID = 'mentoring';

const FALLBACK_PARTNER = 'your mentoring partner';

const tab = {
  home: '/tab',
  requests: '/tab/requests',
  find: '/tab/find',
  pair: (pairId: string) => `/tab/pairs/${encodeURIComponent(pairId)}`,
};

function safeZone(timeZone: string | null | undefined): string {
  return timeZone && IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';
}

function local(instant: string, ctx: TextContext): DateTime | null {
  const at = DateTime.fromISO(instant, { zone: 'utc' });
  return at.isValid ? at.setZone(ctx.zone).setLocale('en-GB') : null;
}

/** "today", "tomorrow", "yesterday" when the reader's calendar makes that true, else "on Tue 1 Dec". */
function dayPhrase(at: DateTime, ctx: TextContext): string {
  if (ctx.now) {
    const days = Math.round(at.startOf('day').diff(ctx.now.setZone(ctx.zone).startOf('day'), 'days').days);
    if (days === 0) return 'today';
    if (days === 1) return 'tomorrow';
    if (days === -1) return 'yesterday';
  }
  return `on ${at.toFormat('ccc d LLL')}`;
}

/** "tomorrow at 10:00" in the reader's zone; "soon" if the instant is unreadable. */
function when(instant: string, ctx: TextContext): string {
  const at = local(instant, ctx);
  return at ? `${dayPhrase(at, ctx)} at ${at.toFormat('HH:mm')}` : 'soon';
}

/** A calendar date (YYYY-MM-DD, already local to its owner): "Tue 1 Dec". */
function calendarDate(isoDate: string): string {
  const d = DateTime.fromISO(isoDate, { zone: 'utc' });
  return d.isValid ? d.setLocale('en-GB').toFormat('ccc d LLL') : isoDate;
}

function instantDate(instant: string | null | undefined, ctx: TextContext): string | null {
  const at = instant ? local(instant, ctx) : null;
  return at ? at.toFormat('d LLLL yyyy') : null;
}

function isPast(instant: string, ctx: TextContext): boolean {
  const at = DateTime.fromISO(instant, { zone: 'utc' });
  return ctx.now !== null && at.isValid && at < ctx.now;
}

/** Titles stay one line in the feed and on a card. */
function short(text: string | null | undefined, max = 60): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

function name(value: string | null | undefined, fallback = FALLBACK_PARTNER): string {
  const clean = short(value, 80);
  return clean.length > 0 ? clean : fallback;
}

function cadenceWord(cadence: string): string | null {
  return { weekly: 'weekly', biweekly: 'fortnightly', monthly: 'monthly' }[cadence] ?? null;
}

function pairLink(pairId: string | null | undefined): string {
  return pairId ? tab.pair(pairId) : tab.home;
}

function meetingPage(p: Partial<MeetingPayload>): { subEntityId?: string } {
  return p.pairId && p.meetingId ? { subEntityId: `pairs/${p.pairId}/meetings/${p.meetingId}` } : {};
}

/**
 * What each kind says. One function per kind, so a translation (or a new kind) is one entry.
 * Payloads come from storage: every field is read defensively, a missing one never throws.
 */
export const NOTIFICATION_TEXTS: { [K in NotificationKind]: (p: Partial<NotificationPayloads[K]>, ctx: TextContext) => Body } = {
  'meeting-reminder-24h': (p, ctx) => {
    const partner = name(p.partnerName);
    const at = when(p.startAt ?? '', ctx);
    return {
      title: `Check-in with ${partner} ${at}`,
      // Read from the feed after the fact, a reminder should not still say "is".
      body: isPast(p.startAt ?? '', ctx)
        ? `Your check-in with ${partner} was ${at}.`
        : `Your check-in with ${partner} is ${at}. A minute with the agenda now makes it count.`,
      link: pairLink(p.pairId),
      linkLabel: 'Look at the agenda',
      ...meetingPage(p),
    };
  },
  'meeting-reminder-15m': (p, ctx) => {
    const partner = name(p.partnerName);
    const at = local(p.startAt ?? '', ctx);
    const time = at ? at.toFormat('HH:mm') : 'soon';
    const started = isPast(p.startAt ?? '', ctx);
    return {
      title: `Your check-in with ${partner} ${started ? 'started' : 'starts'} at ${time}`,
      body: started ? `Your check-in with ${partner} started at ${time}.` : `Your check-in with ${partner} starts at ${time} — in a few minutes. Enjoy it!`,
      link: pairLink(p.pairId),
      linkLabel: 'Open your pair',
      ...meetingPage(p),
    };
  },
  'meeting-confirm': (p, ctx) => {
    const partner = name(p.partnerName);
    return {
      title: `Did your check-in with ${partner} happen?`,
      body: `Your check-in with ${partner} ${when(p.startAt ?? '', ctx)} is over. Was it held? One tap keeps your pair's record right.`,
      link: pairLink(p.pairId),
      linkLabel: 'Confirm the check-in',
      ...meetingPage(p),
    };
  },
  'action-due-tomorrow': (p) => {
    const partner = name(p.partnerName);
    return {
      title: `Due tomorrow: ${short(p.text)}`,
      body: `“${short(p.text, 200)}”, from your work with ${partner}, is due tomorrow (${calendarDate(p.dueOn ?? '')}). Done already? Tick it off.`,
      link: pairLink(p.pairId),
      linkLabel: 'See your action items',
    };
  },
  'action-overdue': (p) => {
    const partner = name(p.partnerName);
    return {
      title: `Overdue: ${short(p.text)}`,
      body: `“${short(p.text, 200)}” was due on ${calendarDate(p.dueOn ?? '')}. If it's done, tick it off; if not, agree a new date with ${partner}.`,
      link: pairLink(p.pairId),
      linkLabel: 'See your action items',
    };
  },
  'cadence-lapsed': (p, ctx) => {
    const partner = name(p.partnerName);
    const last = instantDate(p.lastHeldAt, ctx);
    const rhythm = cadenceWord(p.cadence ?? '');
    const nudge = rhythm ? `A ${rhythm} rhythm keeps the momentum going — time to book the next one?` : 'Time to book the next one?';
    return {
      title: `Time to catch up with ${partner}`,
      body: last ? `Your last check-in with ${partner} was on ${last}. ${nudge}` : `You and ${partner} haven't held a check-in yet. A first conversation is the best start — book one?`,
      link: pairLink(p.pairId),
      linkLabel: 'Plan a check-in',
    };
  },
  'request-received': (p) => {
    const mentee = name(p.menteeName, 'Someone');
    const message = short(p.message, 160);
    return {
      title: `${mentee} would like you as their mentor`,
      body: `${mentee} asked you to mentor them in ${name(p.programName, 'your program')}.${message ? ` “${message}”` : ''}`,
      link: tab.requests,
      linkLabel: 'Review the request',
    };
  },
  'request-waiting': (p) => {
    const mentee = name(p.menteeName, 'Someone');
    return {
      title: `${mentee} is still waiting for your answer`,
      body: `${mentee}'s request in ${name(p.programName, 'your program')} has been waiting a few days. A yes or a kind no both help them move on.`,
      link: tab.requests,
      linkLabel: 'Answer the request',
    };
  },
  'request-answered': (p) => {
    const mentor = name(p.mentorName, 'Your mentor');
    const program = name(p.programName, 'your program');
    if (p.status === 'declined') {
      return {
        title: `${mentor} can't mentor you right now`,
        body: `${mentor} declined your request in ${program}. There are other great mentors to choose from — have a look.`,
        link: tab.find,
        linkLabel: 'Find another mentor',
      };
    }
    return {
      title: `${mentor} accepted your request`,
      body: `You're now paired with ${mentor} in ${program}. Say hello and plan your first check-in.`,
      link: p.pairId ? tab.pair(p.pairId) : tab.requests,
      linkLabel: p.pairId ? 'Open your pair' : 'See your requests',
    };
  },
  'goal-completed': (p) => ({
    title: `Goal reached: ${short(p.goalTitle)}`,
    body: `You and ${name(p.partnerName)} completed “${short(p.goalTitle, 200)}”. Well done — take a moment to celebrate.`,
    link: pairLink(p.pairId),
    linkLabel: 'See your goals',
  }),
  milestone: (p) => {
    const partner = name(p.partnerName);
    const count = typeof p.count === 'number' && p.count > 0 ? p.count : null;
    const [title, body] =
      count === null
        ? [`A milestone with ${partner}`, `You and ${partner} have reached a check-in milestone. Keep the rhythm going.`]
        : count === 1
          ? [`Your first check-in with ${partner} is done`, `You and ${partner} held your first check-in. A great start — keep the rhythm going.`]
          : [`${count} check-ins with ${partner}`, `You and ${partner} have held ${count} check-ins together. That steady rhythm is where real progress comes from.`];
    return { title, body, link: pairLink(p.pairId), linkLabel: 'Open your pair' };
  },
  'pulse-survey': (p) => ({
    title: `How is mentoring with ${name(p.partnerName)} going?`,
    body: 'One quick question, 1 to 5. Your answer is private and only ever counted together with others.',
    link: pairLink(p.pairId),
    linkLabel: 'Answer',
  }),
  'dormant-pair': (p, ctx) => {
    const partner = name(p.partnerName);
    const since = instantDate(p.lastActivityAt, ctx);
    return {
      title: `Still mentoring with ${partner}?`,
      body:
        `${since ? `Nothing has happened in your pair since ${since}.` : 'Your pair has been quiet for a while.'} ` +
        "Pick it back up with a check-in, or mark it complete if you've reached what you set out to do.",
      link: pairLink(p.pairId),
      linkLabel: 'Open your pair',
    };
  },
  'pair-created': (p) => {
    const partner = name(p.partner?.displayName);
    const program = name(p.programName, 'your program');
    return {
      title: `You've been paired with ${partner}`,
      body:
        p.role === 'mentor'
          ? `You're mentoring ${partner} in ${program}. Start by agreeing how you'll work together.`
          : `${partner} is your mentor in ${program}. Start by agreeing how you'll work together.`,
      link: pairLink(p.pairId),
      linkLabel: 'Meet your pair',
    };
  },
};

/** For a row whose kind this version doesn't know (written by a newer version, say). */
const UNKNOWN_KIND: Body = { title: 'Something new in Tandem', body: 'There is an update in Tandem for you.', link: tab.home, linkLabel: 'Open Tandem' };

/**
 * `https://teams.microsoft.com/l/entity/{appId}/mentoring?context={"subEntityId":"pairs/…"}` —
 * the personal tab at the view of `link` (the tab reads subEntityId back in web/src/app/routing.ts).
 */
export function teamsDeepLink(teamsAppId: string | null, link: string, subEntityId = subEntityOf(link)): string | null {
  if (!teamsAppId) return null;
  const base = `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${TAB_ENTITY_ID}`;
  return subEntityId ? `${base}?context=${encodeURIComponent(JSON.stringify({ subEntityId }))}` : base;
}

/** `/tab/pairs/{id}` → `pairs/{id}`, `/tab/requests` → `requests`; '' (the tab's start) for views a deep link can't name. */
function subEntityOf(link: string): string {
  const pair = /^\/tab\/pairs\/([^/?]+)$/.exec(link);
  if (pair?.[1]) return `pairs/${decodeURIComponent(pair[1])}`;
  return link === tab.requests ? 'requests' : '';
}

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/**
 * The title, body and links of one notification for one reader. Accepts any stored kind and
 * payload: an unknown kind or a malformed payload gives a plain text, never an error.
 */
export function renderNotification<K extends NotificationKind>(kind: K, payload: Partial<NotificationPayloads[K]>, options: RenderOptions): NotificationText;
export function renderNotification(kind: string, payload: unknown, options: RenderOptions): NotificationText;
export function renderNotification(kind: string, payload: unknown, options: RenderOptions): NotificationText {
  const zone = safeZone(options.timeZone);
  const now = options.now ? DateTime.fromISO(options.now, { zone: 'utc' }) : null;
  const ctx: TextContext = { zone, now: now?.isValid ? now : null };
  const fields = typeof payload === 'object' && payload !== null ? payload : {};
  const render = isNotificationKind(kind) ? (NOTIFICATION_TEXTS[kind] as (p: object, c: TextContext) => Body) : () => UNKNOWN_KIND;
  const { subEntityId, ...text } = render(fields, ctx);
  return { ...text, deepLink: teamsDeepLink(options.teamsAppId, text.link, subEntityId) };
}

// ---------------------------------------------------------------------------------------------
// Settings

/** The switches on the settings page: what each group covers, in the reader's words. */
export const PREFERENCE_GROUP_TEXTS: Readonly<Record<PreferenceGroup, { label: string; description: string }>> = {
  'meeting-reminders': {
    label: 'Check-in reminders',
    description: 'A reminder the day before and 15 minutes before each check-in you have booked.',
  },
  'check-in-follow-up': {
    label: 'After a check-in',
    description: 'A prompt to confirm whether a check-in was held, and to rate it.',
  },
  'action-items': {
    label: 'Action items',
    description: 'A heads-up the day before an action item is due, and when one is overdue.',
  },
  relationship: {
    label: 'Keeping in touch',
    description: "A nudge when it's been a while since your last check-in. News about new pairs and quiet pairs always reaches you.",
  },
  requests: {
    label: 'Mentoring requests',
    description: 'A reminder when a request has been waiting for your answer. New requests and answers always reach you.',
  },
  celebrations: {
    label: 'Celebrations',
    description: 'Completed goals and check-in milestones worth celebrating.',
  },
  surveys: {
    label: 'Pulse surveys',
    description: 'Now and then, one quick question about how your mentoring is going.',
  },
};
