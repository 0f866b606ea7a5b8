import { z } from 'zod';
import { changeActionItem, listMyActionItems } from '../action-items/action-items.service';
import { AppError } from '../errors/app-error';
import { changeMeeting, rateMeeting } from '../meetings/meetings.service';
import { listMyPairs } from '../pairs/pairs.service';
import { acceptRequest, declineRequest } from '../requests/requests.service';
import { submitPulseSurvey } from '../surveys/surveys.service';
import type { CurrentUser } from '../users/users.service';
import type { AdaptiveCardJson } from './adaptive-cards';
import { actionItemCard, cannotCard, meetingCard, pulseCard, requestCard, VERBS, type MeetingCardView } from './bot.cards';
import { loadIncomingRequest, loadMeetingView, openActionItemsCard, tabLink, type CommandDeps } from './bot.commands';
import { BOT_TEXTS } from './bot.texts';

/**
 * The card buttons (`Action.Execute`). Each one acts as the person who pressed it, through the
 * same service function and checks as the API, and answers with the card as it now stands.
 * They are idempotent: the current state is read first, so a second press writes nothing, and a
 * conflict such as "already accepted" is answered with the card in its final state.
 */
export type CardActionHandler = (deps: CommandDeps, user: CurrentUser, data: unknown) => Promise<AdaptiveCardJson>;

const id = z.string().uuid();
/** Inputs arrive as strings, and an untouched one as "" (or not at all). */
const optionalInput = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
const rating = z.coerce.number().int().min(1).max(5);
const addressedTo = { for: id.optional() };

const requestAnswer = z.object({ requestId: id, ...addressedTo });
const meetingConfirm = z.object({ meetingId: id, status: z.enum(['held', 'missed']), rating: optionalInput(rating), ...addressedTo });
const meetingRate = z.object({ meetingId: id, rating, ...addressedTo });
const actionItemDone = z.object({ actionItemId: id, view: z.enum(['list', 'item']).optional(), ...addressedTo });
// A missing or out-of-range answer is the person's to fix on the card, so it is left to the service.
const pulseAnswer = z.object({
  pairId: id,
  satisfaction: optionalInput(z.string()),
  comment: optionalInput(z.string()),
  ...addressedTo,
});

/** Parses the card's data and checks it was sent to the presser, or says why not as a card. */
function parseCardData<T extends { for?: string | undefined }>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, data: unknown, user: CurrentUser): T | AdaptiveCardJson {
  const parsed = schema.safeParse(data);
  if (!parsed.success) return cannotCard(BOT_TEXTS.cannot.outOfDate);
  if (parsed.data.for !== undefined && parsed.data.for !== user.id) return cannotCard(BOT_TEXTS.cannot.notForYou);
  return parsed.data;
}

function isCard(value: unknown): value is AdaptiveCardJson {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'AdaptiveCard';
}

/** Not theirs (not-found, forbidden) or not possible as asked (validation): the service's own words. */
function refusal(error: unknown): AdaptiveCardJson | null {
  if (error instanceof AppError && (error.code === 'not-found' || error.code === 'forbidden' || error.code === 'validation')) {
    return cannotCard(error.detail);
  }
  return null;
}

async function answerRequest(deps: CommandDeps, user: CurrentUser, data: unknown, answer: 'accept' | 'decline'): Promise<AdaptiveCardJson> {
  const input = parseCardData(requestAnswer, data, user);
  if (isCard(input)) return input;
  const before = await loadIncomingRequest(deps, user, input.requestId);
  if (before && before.status !== 'pending') return requestCard({ ...before, forUserId: user.id });
  let problem: string | null = null;
  try {
    if (answer === 'accept') await acceptRequest(deps, user, input.requestId);
    else await declineRequest(deps, user, input.requestId, undefined);
  } catch (error) {
    const refused = refusal(error);
    if (refused) return refused;
    if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    problem = error.detail;
  }
  const after = await loadIncomingRequest(deps, user, input.requestId);
  if (!after) return cannotCard(BOT_TEXTS.cannot.outOfDate);
  // A conflict that settled the request (someone answered first) shows the outcome; one that
  // left it pending (no free place) says why, with the buttons still there.
  return requestCard({ ...after, forUserId: user.id, problem: after.status === 'pending' ? problem : null });
}

async function confirmMeeting(deps: CommandDeps, user: CurrentUser, data: unknown): Promise<AdaptiveCardJson> {
  const input = parseCardData(meetingConfirm, data, user);
  if (isCard(input)) return input;
  return changeMeetingByCard(deps, user, input.meetingId, [
    async (view) => {
      if (view.myConfirmation === input.status) return false;
      await changeMeeting(deps, user, input.meetingId, { status: input.status });
      return true;
    },
    async (view) => {
      if (input.status !== 'held' || input.rating === undefined || view.status !== 'held' || view.myRating !== null) return false;
      await rateMeeting(deps, user, input.meetingId, { rating: input.rating });
      return true;
    },
  ]);
}

async function rate(deps: CommandDeps, user: CurrentUser, data: unknown): Promise<AdaptiveCardJson> {
  const input = parseCardData(meetingRate, data, user);
  if (isCard(input)) return input;
  return changeMeetingByCard(deps, user, input.meetingId, [
    async (view) => {
      if (view.myRating === input.rating) return false;
      await rateMeeting(deps, user, input.meetingId, { rating: input.rating });
      return true;
    },
  ]);
}

/**
 * Runs a card's changes to a check-in in order — each looks at the check-in as it is now and
 * says whether it wrote, which is what makes a second press change nothing — and answers with
 * the card of where the check-in ended up. A conflict (say, the pair just ended) is shown on it.
 */
async function changeMeetingByCard(
  deps: CommandDeps,
  user: CurrentUser,
  meetingId: string,
  steps: ((view: MeetingCardView) => Promise<boolean>)[],
): Promise<AdaptiveCardJson> {
  let view: MeetingCardView | undefined;
  try {
    view = await loadMeetingView(deps, user, meetingId);
    for (const step of steps) if (await step(view)) view = await loadMeetingView(deps, user, meetingId);
  } catch (error) {
    const refused = refusal(error);
    if (refused) return refused;
    if (!(error instanceof AppError && error.code === 'conflict') || !view) throw error;
    return meetingCard({ ...view, forUserId: user.id, problem: error.detail });
  }
  return meetingCard({ ...view, forUserId: user.id });
}

async function markDone(deps: CommandDeps, user: CurrentUser, data: unknown): Promise<AdaptiveCardJson> {
  const input = parseCardData(actionItemDone, data, user);
  if (isCard(input)) return input;
  // My own items are readable without a write; anyone else's go straight to the service's checks.
  let item = (await listMyActionItems(deps, user, 'all')).find((i) => i.id === input.actionItemId);
  if (!item?.done) {
    try {
      item = await changeActionItem(deps, user, input.actionItemId, { done: true });
    } catch (error) {
      const refused = refusal(error);
      if (refused) return refused;
      if (error instanceof AppError && error.code === 'conflict') return cannotCard(error.detail);
      throw error;
    }
  }
  if (input.view === 'list') return openActionItemsCard(deps, user, item.text);
  return actionItemCard({
    forUserId: user.id,
    actionItemId: item.id,
    text: item.text,
    dueOn: item.dueOn,
    overdue: item.overdue,
    done: item.done,
    link: tabLink(deps, `/tab/pairs/${encodeURIComponent(item.pairId)}`),
  });
}

async function answerPulse(deps: CommandDeps, user: CurrentUser, data: unknown): Promise<AdaptiveCardJson> {
  const input = parseCardData(pulseAnswer, data, user);
  if (isCard(input)) return input;
  const pair = (await listMyPairs(deps, user)).find((p) => p.id === input.pairId);
  if (!pair) return cannotCard(AppError.notFound('This mentoring pair').detail);
  const card = {
    forUserId: user.id,
    pairId: pair.id,
    title: BOT_TEXTS.pulse.title(pair.partner.displayName),
    body: null,
    link: tabLink(deps, `/tab/pairs/${encodeURIComponent(pair.id)}`),
  };
  try {
    // The surveys service checks the answers (1–5, comment length) as it does for the API.
    await submitPulseSurvey(deps, user, pair.id, { satisfaction: Number(input.satisfaction), comment: input.comment?.trim() || undefined });
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      return pulseCard({ ...card, outcome: null, problem: error.errors.map((e) => e.message).join(' ') || error.detail });
    }
    const refused = refusal(error);
    if (refused) return refused;
    // Answered already (a second press, or from the feed) or the pair has closed: either way
    // this card is done, and the service says which.
    if (error instanceof AppError && error.code === 'conflict') return pulseCard({ ...card, outcome: error.detail });
    throw error;
  }
  return pulseCard({ ...card, outcome: BOT_TEXTS.pulse.thanks });
}

export const CARD_ACTIONS: Readonly<Record<string, CardActionHandler>> = {
  [VERBS.requestAccept]: (deps, user, data) => answerRequest(deps, user, data, 'accept'),
  [VERBS.requestDecline]: (deps, user, data) => answerRequest(deps, user, data, 'decline'),
  [VERBS.meetingConfirm]: confirmMeeting,
  [VERBS.meetingRate]: rate,
  [VERBS.actionItemDone]: markDone,
  [VERBS.pulseAnswer]: answerPulse,
};
