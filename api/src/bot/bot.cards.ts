import { DateTime, IANAZone } from 'luxon';
import type { RenderedNotification } from '../notifications/teams-notifier';
import { PULSE_COMMENT_MAX } from '../surveys/surveys.service';
import {
  actionSet,
  adaptiveCard,
  container,
  execute,
  facts,
  heading,
  openUrl,
  text,
  type AdaptiveCardJson,
  type CardAction,
  type CardElement,
  type ChoiceSetInput,
} from './adaptive-cards';
import { BOT_TEXTS } from './bot.texts';

/** The `Action.Execute` verbs Tandem's cards carry (docs/nudges.md, "The bot"). */
export const VERBS = {
  requestAccept: 'request.accept',
  requestDecline: 'request.decline',
  meetingConfirm: 'meeting.confirm',
  meetingRate: 'meeting.rate',
  actionItemDone: 'action-item.done',
  pulseAnswer: 'pulse.answer',
} as const;

/**
 * Every action carries `for`: the Tandem user the card was sent to. A press by anyone else is
 * refused — they would act as themselves on a question (a check-in, a request) that isn't theirs.
 */
type ForUser = { forUserId: string };

/** Why the last press changed nothing, in the service's words, shown above the buttons. */
type Problem = { problem?: string | null };

function problemText(view: Problem): CardElement[] {
  return view.problem ? [text(view.problem, { color: 'Attention' })] : [];
}

export const RATINGS = [1, 2, 3, 4, 5] as const;

// ---------------------------------------------------------------------------------------------
// Formatting

export function safeZone(zone: string | null | undefined): string {
  return zone && IANAZone.isValidZone(zone) ? zone : 'UTC';
}

/** "Tue 1 Dec, 10:00 (Europe/London)": an instant on the reader's clock, naming the clock. */
export function localDateTime(instant: string, zone: string | null | undefined): string {
  const tz = safeZone(zone);
  const at = DateTime.fromISO(instant, { zone: 'utc' }).setZone(tz).setLocale('en-GB');
  return at.isValid ? `${at.toFormat('ccc d LLL, HH:mm')} (${tz})` : instant;
}

/** "Tue 1 Dec" for a calendar date (YYYY-MM-DD). */
export function calendarDate(isoDate: string): string {
  const d = DateTime.fromISO(isoDate, { zone: 'utc' }).setLocale('en-GB');
  return d.isValid ? d.toFormat('ccc d LLL') : isoDate;
}

function linkActions(link: string | null, label: string = BOT_TEXTS.openInTandem): CardAction[] {
  return link ? [openUrl(label, link)] : [];
}

// ---------------------------------------------------------------------------------------------
// Commands

export function helpCard(commands: readonly { name: string; description: string }[]): AdaptiveCardJson {
  return adaptiveCard([
    heading(BOT_TEXTS.help.title),
    text(BOT_TEXTS.help.intro),
    facts(commands.map((c) => [c.name, c.description])),
    text(BOT_TEXTS.help.freeText, { isSubtle: true }),
  ]);
}

export interface NextCheckInView {
  partnerName: string;
  programName: string;
  start: string;
  timeZone: string | null;
  joinUrl: string | null;
  link: string | null;
}

export function nextCheckInCard(view: NextCheckInView): AdaptiveCardJson {
  const t = BOT_TEXTS.next;
  return adaptiveCard(
    [
      heading(t.title),
      text(t.withPartner(view.partnerName), { weight: 'Bolder' }),
      facts([
        [t.when, localDateTime(view.start, view.timeZone)],
        [t.program, view.programName],
      ]),
    ],
    [...(view.joinUrl ? [openUrl(t.join, view.joinUrl)] : []), ...linkActions(view.link)],
  );
}

export interface ActionItemView {
  id: string;
  text: string;
  partnerName: string | null;
  dueOn: string | null;
  overdue: boolean;
}

function dueLine(item: Pick<ActionItemView, 'dueOn' | 'overdue'>): string {
  const t = BOT_TEXTS.actions;
  if (!item.dueOn) return t.noDueDate;
  return item.overdue ? t.overdue(calendarDate(item.dueOn)) : t.due(calendarDate(item.dueOn));
}

/** My open items, each with its own Done button; `justDone` is the item a press just ticked off. */
export function actionItemsCard(
  view: ForUser & { items: ActionItemView[]; more: number; justDone?: string | null; link: string | null },
): AdaptiveCardJson {
  const t = BOT_TEXTS.actions;
  const body: CardElement[] = [heading(t.title)];
  if (view.justDone) body.push(text(t.markedDone(view.justDone), { color: 'Good' }));
  if (view.items.length === 0) body.push(text(t.none));
  for (const item of view.items) {
    const sub = [item.partnerName ? t.withPartner(item.partnerName) : null, dueLine(item)].filter(Boolean).join(' · ');
    body.push(
      container(
        [
          text(item.text, { weight: 'Bolder' }),
          text(sub, { isSubtle: !item.overdue, color: item.overdue ? 'Attention' : 'Default', spacing: 'None' }),
          actionSet([execute(t.done, VERBS.actionItemDone, { actionItemId: item.id, view: 'list', for: view.forUserId }, 'positive')]),
        ],
        { separator: true },
      ),
    );
  }
  if (view.more > 0) body.push(text(t.more(view.more), { isSubtle: true }));
  return adaptiveCard(body, linkActions(view.link));
}

export interface PairGoalsView {
  partnerName: string;
  programName: string;
  goals: { title: string; status: string; progress: number }[];
}

export function goalsCard(pairs: PairGoalsView[], link: string | null): AdaptiveCardJson {
  const t = BOT_TEXTS.goals;
  const body: CardElement[] = [heading(t.title)];
  for (const pair of pairs) {
    const items: CardElement[] = [text(t.pairHeading(pair.partnerName, pair.programName), { weight: 'Bolder' })];
    if (pair.goals.length === 0) items.push(text(t.noGoalsInPair, { isSubtle: true }));
    else items.push(facts(pair.goals.map((g) => [g.title, `${t.status[g.status] ?? g.status} · ${t.progress(g.progress)}`])));
    body.push(container(items, { separator: true }));
  }
  return adaptiveCard(body, linkActions(link));
}

// ---------------------------------------------------------------------------------------------
// Check-ins: "did it happen?" and the rating

export interface MeetingCardView {
  meetingId: string;
  partnerName: string;
  start: string;
  timeZone: string | null;
  status: 'scheduled' | 'held' | 'missed' | 'cancelled';
  canConfirm: boolean;
  myConfirmation: 'held' | 'missed' | null;
  myRating: number | null;
  link: string | null;
}

function ratingChoices(id: string, label: string): ChoiceSetInput {
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    style: 'compact',
    choices: RATINGS.map((n) => ({ title: BOT_TEXTS.meeting.ratingChoice(n), value: String(n) })),
  };
}

/** The question, the answer once given, then the rating once it is settled as held. */
export function meetingCard(view: MeetingCardView & ForUser & Problem): AdaptiveCardJson {
  const t = BOT_TEXTS.meeting;
  const body: CardElement[] = [
    heading(t.title(view.partnerName)),
    text(localDateTime(view.start, view.timeZone), { isSubtle: true, spacing: 'None' }),
    ...problemText(view),
  ];
  const actions: CardAction[] = [];
  const data = { meetingId: view.meetingId, for: view.forUserId };
  if (view.status === 'cancelled') {
    body.push(text(t.cancelled));
  } else if (view.myConfirmation === null) {
    if (!view.canConfirm) {
      if (!view.problem) body.push(text(t.notYet));
    } else {
      body.push(text(t.question, { weight: 'Bolder' }), ratingChoices('rating', t.ratingLabel));
      actions.push(execute(t.held, VERBS.meetingConfirm, { ...data, status: 'held' }, 'positive'), execute(t.missed, VERBS.meetingConfirm, { ...data, status: 'missed' }));
    }
  } else if (view.myConfirmation === 'missed') {
    body.push(text(t.confirmedMissed, { color: 'Good' }));
  } else {
    body.push(text(t.confirmedHeld, { color: 'Good' }));
    if (view.myRating !== null) body.push(text(t.rated(view.myRating), { color: 'Good' }));
    else if (view.status === 'held') {
      body.push(
        text(t.rateQuestion, { weight: 'Bolder' }),
        actionSet(RATINGS.map((n) => execute(String(n), VERBS.meetingRate, { ...data, rating: String(n) }))),
      );
    }
  }
  return adaptiveCard(body, [...actions, ...linkActions(view.link)]);
}

// ---------------------------------------------------------------------------------------------
// Requests, action items, pulse

export interface RequestCardView {
  requestId: string;
  menteeName: string;
  programName: string;
  message: string | null;
  status: string;
  link: string | null;
}

export function requestCard(view: RequestCardView & ForUser & Problem): AdaptiveCardJson {
  const t = BOT_TEXTS.request;
  const body: CardElement[] = [heading(t.title(view.menteeName)), text(view.programName, { isSubtle: true, spacing: 'None' })];
  if (view.message) body.push(text(`“${view.message}”`));
  body.push(...problemText(view));
  const actions: CardAction[] = [];
  if (view.status === 'pending') actions.push(...requestButtons(view.requestId, view.forUserId));
  else body.push(text(t.status[view.status] ?? view.status, { color: 'Good' }));
  return adaptiveCard(body, [...actions, ...linkActions(view.link)]);
}

function requestButtons(requestId: string, forUserId: string): CardAction[] {
  const data = { requestId, for: forUserId };
  return [execute(BOT_TEXTS.request.accept, VERBS.requestAccept, data, 'positive'), execute(BOT_TEXTS.request.decline, VERBS.requestDecline, data)];
}

export function actionItemCard(
  view: ForUser & { actionItemId: string; text: string; dueOn: string | null; overdue: boolean; done: boolean; link: string | null },
): AdaptiveCardJson {
  const t = BOT_TEXTS.actionItem;
  const body: CardElement[] = [heading(t.title)];
  body.push(text(view.text, { weight: 'Bolder' }));
  const actions: CardAction[] = [];
  if (view.done) body.push(text(t.markedDone, { color: 'Good' }));
  else {
    body.push(text(dueLine(view), { color: view.overdue ? 'Attention' : 'Default', isSubtle: !view.overdue, spacing: 'None' }));
    actions.push(execute(t.done, VERBS.actionItemDone, { actionItemId: view.actionItemId, for: view.forUserId }, 'positive'));
  }
  return adaptiveCard(body, [...actions, ...linkActions(view.link)]);
}

/**
 * The pulse survey: a 1–5 choice, an optional comment and Send; once answered (or no longer
 * answerable) `outcome` replaces the inputs.
 */
export function pulseCard(
  view: ForUser & Problem & { pairId: string; title: string; body: string | null; outcome: string | null; link: string | null },
): AdaptiveCardJson {
  const t = BOT_TEXTS.pulse;
  const body: CardElement[] = [heading(view.title)];
  if (view.body) body.push(text(view.body));
  if (view.outcome) {
    body.push(text(view.outcome, { color: 'Good' }));
    return adaptiveCard(body, linkActions(view.link));
  }
  body.push(
    ...problemText(view),
    {
      type: 'Input.ChoiceSet',
      id: 'satisfaction',
      label: t.satisfactionLabel,
      style: 'expanded',
      isRequired: true,
      errorMessage: t.satisfactionRequired,
      choices: RATINGS.map((n) => ({ title: t.satisfactionChoice(n), value: String(n) })),
    },
    { type: 'Input.Text', id: 'comment', label: t.commentLabel, isMultiline: true, maxLength: PULSE_COMMENT_MAX },
  );
  return adaptiveCard(body, [execute(t.send, VERBS.pulseAnswer, { pairId: view.pairId, for: view.forUserId }, 'positive'), ...linkActions(view.link)]);
}

export function cannotCard(detail: string, link: string | null = null): AdaptiveCardJson {
  return adaptiveCard([heading(BOT_TEXTS.cannot.title), text(detail)], linkActions(link));
}

export function messageCard(title: string, detail: string): AdaptiveCardJson {
  return adaptiveCard([heading(title), text(detail)]);
}

// ---------------------------------------------------------------------------------------------
// Proactive notifications

function stringField(payload: Record<string, unknown>, key: string): string | null {
  const value = payload[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * A nudge as a card: its title and body, the buttons that let the person act on it in Teams,
 * and a link into the tab. A payload missing the id an action needs gets no button, never an error.
 */
export function notificationCard(notification: RenderedNotification, userId: string): AdaptiveCardJson {
  const p = notification.payload;
  const body: CardElement[] = [heading(notification.title), text(notification.body)];
  const actions: CardAction[] = [];
  switch (notification.kind) {
    case 'request-received':
    case 'request-waiting': {
      const requestId = stringField(p, 'requestId');
      if (requestId) actions.push(...requestButtons(requestId, userId));
      break;
    }
    case 'meeting-confirm': {
      const meetingId = stringField(p, 'meetingId');
      if (meetingId) {
        const t = BOT_TEXTS.meeting;
        const data = { meetingId, for: userId };
        body.push(ratingChoices('rating', t.ratingLabel));
        actions.push(execute(t.held, VERBS.meetingConfirm, { ...data, status: 'held' }, 'positive'), execute(t.missed, VERBS.meetingConfirm, { ...data, status: 'missed' }));
      }
      break;
    }
    case 'action-due-tomorrow':
    case 'action-overdue': {
      const actionItemId = stringField(p, 'actionItemId');
      if (actionItemId) actions.push(execute(BOT_TEXTS.actionItem.done, VERBS.actionItemDone, { actionItemId, for: userId }, 'positive'));
      break;
    }
    case 'pulse-survey': {
      const pairId = stringField(p, 'pairId');
      if (pairId) {
        const pulse = pulseCard({ forUserId: userId, pairId, title: notification.title, body: notification.body, outcome: null, link: null });
        return adaptiveCard(pulse.body, [...(pulse.actions ?? []), ...linkActions(notification.deepLink, notification.linkLabel)]);
      }
      break;
    }
    default:
      break;
  }
  return adaptiveCard(body, [...actions, ...linkActions(notification.deepLink, notification.linkLabel)]);
}
