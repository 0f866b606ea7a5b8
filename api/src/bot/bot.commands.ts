import type { Kysely } from 'kysely';
import { listMyActionItems } from '../action-items/action-items.service';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { listPairGoals } from '../goals/goals.service';
import { listPairMeetings } from '../meetings/meetings.service';
import { teamsDeepLink } from '../notifications/texts';
import { pairOfMeeting } from '../pairs/pair-access';
import { listMyPairs } from '../pairs/pairs.service';
import { listMyRequests } from '../requests/requests.service';
import { AppError } from '../errors/app-error';
import type { CurrentUser } from '../users/users.service';
import type { AdaptiveCardJson } from './adaptive-cards';
import { actionItemsCard, goalsCard, helpCard, meetingCard, nextCheckInCard, type MeetingCardView, type RequestCardView } from './bot.cards';
import { BOT_TEXTS } from './bot.texts';

/** The bot's commands; the Teams manifest's command list is checked against this (packaging). */
export const BOT_COMMANDS = [
  { name: 'help', description: BOT_TEXTS.commands.help },
  { name: 'next', description: BOT_TEXTS.commands.next },
  { name: 'actions', description: BOT_TEXTS.commands.actions },
  { name: 'goals', description: BOT_TEXTS.commands.goals },
  { name: 'log', description: BOT_TEXTS.commands.log },
] as const;

export type BotCommandName = (typeof BOT_COMMANDS)[number]['name'];

/** "help", "Help", "/help" and " next " all count; anything longer is free text. */
export function parseCommand(input: string | undefined): BotCommandName | null {
  const match = /^\s*\/?([a-z]+)\s*$/i.exec(input ?? '');
  const word = match?.[1]?.toLowerCase();
  return BOT_COMMANDS.find((c) => c.name === word)?.name ?? null;
}

export interface CommandDeps {
  db: Kysely<Database>;
  clock: Clock;
  teamsAppId: string | null;
}

export type BotReply = { card: AdaptiveCardJson } | { text: string };

/** The most action items one card lists; the rest are a link away. */
export const MAX_LISTED_ACTION_ITEMS = 10;

export async function runCommand(deps: CommandDeps, user: CurrentUser, command: BotCommandName): Promise<BotReply> {
  switch (command) {
    case 'help':
      return { card: helpCard(BOT_COMMANDS) };
    case 'next':
      return nextCheckIn(deps, user);
    case 'actions':
      return { card: await openActionItemsCard(deps, user, null) };
    case 'goals':
      return myGoals(deps, user);
    case 'log':
      return lastUnconfirmedCheckIn(deps, user);
  }
}

/** A deep link into the personal tab at `path`, or null without TEAMS_APP_ID. */
export function tabLink(deps: Pick<CommandDeps, 'teamsAppId'>, path: string): string | null {
  return teamsDeepLink(deps.teamsAppId, path);
}

const pairPath = (pairId: string) => `/tab/pairs/${encodeURIComponent(pairId)}`;

/** A check-in inside its pair's page (`pairs/{id}/meetings/{meetingId}`, read by the tab's routing). */
function meetingLink(deps: Pick<CommandDeps, 'teamsAppId'>, pairId: string, meetingId: string): string | null {
  return teamsDeepLink(deps.teamsAppId, pairPath(pairId), `pairs/${pairId}/meetings/${meetingId}`);
}

async function openPairs(deps: CommandDeps, user: CurrentUser) {
  return (await listMyPairs(deps, user)).filter((p) => p.status === 'active' || p.status === 'paused');
}

async function nextCheckIn(deps: CommandDeps, user: CurrentUser): Promise<BotReply> {
  const pairs = await openPairs(deps, user);
  const soonest = pairs
    .filter((p) => p.nextMeeting !== null)
    .sort((a, b) => a.nextMeeting!.start.localeCompare(b.nextMeeting!.start))[0];
  if (!soonest?.nextMeeting) return { text: BOT_TEXTS.next.none };
  // The pair list knows when; the pair's meetings know which occurrence and its Teams link.
  const { meetings } = await listPairMeetings(deps, user, soonest.id, 'upcoming');
  const meeting = meetings.find((m) => m.start === soonest.nextMeeting!.start && m.status === 'scheduled');
  const joinUrl = meeting && 'joinUrl' in meeting && typeof meeting.joinUrl === 'string' ? meeting.joinUrl : null;
  return {
    card: nextCheckInCard({
      partnerName: soonest.partner.displayName,
      programName: soonest.program.name,
      start: soonest.nextMeeting.start,
      timeZone: user.timeZone,
      joinUrl,
      link: meeting ? meetingLink(deps, soonest.id, meeting.id) : tabLink(deps, pairPath(soonest.id)),
    }),
  };
}

export async function openActionItemsCard(deps: CommandDeps, user: CurrentUser, justDone: string | null): Promise<AdaptiveCardJson> {
  const [items, pairs] = await Promise.all([listMyActionItems(deps, user, 'open'), listMyPairs(deps, user)]);
  const partners = new Map(pairs.map((p) => [p.id, p.partner.displayName]));
  return actionItemsCard({
    forUserId: user.id,
    justDone,
    items: items.slice(0, MAX_LISTED_ACTION_ITEMS).map((i) => ({
      id: i.id,
      text: i.text,
      partnerName: partners.get(i.pairId) ?? null,
      dueOn: i.dueOn,
      overdue: i.overdue,
    })),
    more: Math.max(0, items.length - MAX_LISTED_ACTION_ITEMS),
    link: tabLink(deps, '/tab'),
  });
}

async function myGoals(deps: CommandDeps, user: CurrentUser): Promise<BotReply> {
  const pairs = await openPairs(deps, user);
  if (pairs.length === 0) return { text: BOT_TEXTS.goals.noPairs };
  const views = await Promise.all(
    pairs.map(async (pair) => ({
      partnerName: pair.partner.displayName,
      programName: pair.program.name,
      goals: (await listPairGoals(deps, user, pair.id, false)).map((g) => ({ title: g.title, status: g.status, progress: g.progress })),
    })),
  );
  if (views.every((v) => v.goals.length === 0)) return { text: BOT_TEXTS.goals.none };
  return { card: goalsCard(views, tabLink(deps, pairs.length === 1 ? pairPath(pairs[0]!.id) : '/tab')) };
}

async function lastUnconfirmedCheckIn(deps: CommandDeps, user: CurrentUser): Promise<BotReply> {
  const pairs = await openPairs(deps, user);
  const candidates = await Promise.all(
    pairs.map(async (pair) => {
      const { meetings } = await listPairMeetings(deps, user, pair.id, 'past');
      const waiting = meetings.filter((m) => m.canConfirm && m.myConfirmation === null && m.status !== 'cancelled');
      return waiting.map((m) => ({ meeting: m, pair }));
    }),
  );
  const latest = candidates.flat().sort((a, b) => b.meeting.start.localeCompare(a.meeting.start))[0];
  if (!latest) return { text: BOT_TEXTS.log.none };
  const m = latest.meeting;
  return {
    card: meetingCard({
      forUserId: user.id,
      meetingId: m.id,
      partnerName: latest.pair.partner.displayName,
      start: m.start,
      timeZone: user.timeZone,
      status: m.status,
      canConfirm: m.canConfirm,
      myConfirmation: m.myConfirmation,
      myRating: m.myFeedback?.rating ?? null,
      link: meetingLink(deps, latest.pair.id, m.id),
    }),
  };
}

/**
 * One check-in as the caller sees it, through the meetings service (members only: anyone else
 * gets the service's not-found). Reading first lets a repeated press answer without writing.
 */
export async function loadMeetingView(deps: CommandDeps, user: CurrentUser, meetingId: string): Promise<MeetingCardView> {
  const pairId = await pairOfMeeting(deps.db, meetingId);
  if (!pairId) throw AppError.notFound('This check-in');
  const { meetings } = await listPairMeetings(deps, user, pairId, 'all').catch((error: unknown) => {
    // As the meetings API says it: to a non-member the check-in doesn't exist (not "the pair").
    throw error instanceof AppError && error.code === 'not-found' ? AppError.notFound('This check-in') : error;
  });
  const meeting = meetings.find((m) => m.id === meetingId);
  if (!meeting) throw AppError.notFound('This check-in');
  const pair = (await listMyPairs(deps, user)).find((p) => p.id === pairId);
  return {
    meetingId,
    partnerName: pair?.partner.displayName ?? '',
    start: meeting.start,
    timeZone: user.timeZone,
    status: meeting.status,
    canConfirm: meeting.canConfirm,
    myConfirmation: meeting.myConfirmation,
    myRating: meeting.myFeedback?.rating ?? null,
    link: meetingLink(deps, pairId, meetingId),
  };
}

/** A request addressed to the caller as mentor, or undefined when it isn't theirs to answer. */
export async function loadIncomingRequest(deps: CommandDeps, user: CurrentUser, requestId: string): Promise<RequestCardView | undefined> {
  const request = (await listMyRequests(deps, user, 'incoming')).find((r) => r.id === requestId);
  if (!request) return undefined;
  return {
    requestId,
    menteeName: request.mentee.displayName,
    programName: request.program.name,
    message: request.message,
    status: request.status,
    link: tabLink(deps, request.pairId ? pairPath(request.pairId) : '/tab/requests'),
  };
}
