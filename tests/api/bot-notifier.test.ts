import type { Bot } from '../../api/src/bot/bot';
import type { NotificationKind } from '../../api/src/notifications/kinds';
import type { RenderedNotification } from '../../api/src/notifications/teams-notifier';
import { renderNotification } from '../../api/src/notifications/texts';
import type { TestApp } from '../support/app';
import { EVE, pendingRequest } from '../support/bot-fixtures';
import {
  BOT_ID,
  BOT_PASSWORD,
  botTurn,
  cardActions,
  cardText,
  createBotTestApp,
  startConnectorStandIn,
  TEAMS_APP_ID,
  teamsActivities,
  type CardJson,
} from '../support/bot-stand-ins';
import { caller, checkinWorld, EMAILS, insertActionItem, insertMeetings, type CheckinWorld } from '../support/checkin-fixtures';

let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
let teams: ReturnType<typeof teamsActivities>;
let app: TestApp;
let bot: Bot;
let world: CheckinWorld;

const mentee = { email: EMAILS.mentee, name: 'Ben Mentee' };

beforeAll(async () => {
  connector = await startConnectorStandIn();
  teams = teamsActivities(connector.serviceUrl);
});

afterAll(async () => {
  await connector.close();
});

async function start(env: Record<string, string> = {}) {
  ({ app, bot } = await createBotTestApp(connector, { env }));
  world = await checkinWorld(app.db);
}

beforeEach(() => {
  connector.calls.length = 0;
  connector.tokenRequests.length = 0;
  connector.failures.clear();
});

afterEach(async () => {
  await app.close();
});

function rendered(kind: NotificationKind, payload: Record<string, unknown>, teamsAppId: string | null = TEAMS_APP_ID): RenderedNotification {
  return { id: `n-${kind}`, kind, payload, ...renderNotification(kind, payload, { timeZone: 'Europe/London', teamsAppId, now: '2026-11-25T10:00:00.000Z' }) };
}

/** The one activity the connector received, and its card. */
function posted(): { activity: Record<string, unknown>; card: CardJson; authorization: string | undefined; path: string } {
  expect(connector.calls).toHaveLength(1);
  const call = connector.calls[0]!;
  const attachments = call.body.attachments as { contentType: string; content: CardJson }[];
  expect(attachments).toHaveLength(1);
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return { activity: call.body, card: attachments[0]!.content, authorization: call.authorization, path: call.path };
}

describe('proactive nudges', () => {
  test('to someone who hasn’t installed Tandem: no-conversation, and nothing is sent', async () => {
    await start();
    const result = await bot.notifier.send(world.mentee, rendered('action-overdue', { pairId: world.pair, actionItemId: world.pair, text: 'Send the slides', dueOn: '2026-11-20', partnerName: 'Ana Mentor' }));
    expect(result).toBe('no-conversation');
    expect(connector.calls).toEqual([]);
  });

  test('a request reaches the mentor’s personal chat as a card with Accept, Decline and a deep link', async () => {
    await start();
    const { eve, requestId } = await pendingRequest(app.db, world.program);
    await botTurn(bot.application, teams.installation(EVE, 'add'));
    const notification = rendered('request-received', { requestId, programName: 'Grow Together', menteeName: 'Gus Mentee', message: 'Hello there' });

    expect(await bot.notifier.send(eve, notification)).toBe('sent');
    const { activity, card, authorization, path } = posted();
    // Into the stored personal chat, authorised with a token from the bot's token endpoint.
    const conversationId = (JSON.parse((await app.db.kysely.selectFrom('botConversations').select('reference').where('userId', '=', eve).executeTakeFirstOrThrow()).reference)).conversation.id;
    expect(path.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`)).toBe(true);
    expect(authorization).toBe('Bearer stand-in-connector-token');
    expect(Object.fromEntries(connector.tokenRequests[0]!)).toMatchObject({
      grant_type: 'client_credentials',
      client_id: BOT_ID,
      client_secret: BOT_PASSWORD,
      scope: 'https://api.botframework.com/.default',
    });
    expect(activity).toMatchObject({ type: 'message', summary: notification.title });
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardText(card)).toContain(notification.title);
    expect(cardText(card)).toContain(notification.body);
    expect(cardActions(card)).toEqual([
      { type: 'Action.Execute', title: 'Accept', verb: 'request.accept', data: { requestId, for: eve }, style: 'positive' },
      { type: 'Action.Execute', title: 'Decline', verb: 'request.decline', data: { requestId, for: eve } },
      { type: 'Action.OpenUrl', title: notification.linkLabel, url: notification.deepLink },
    ]);

    // The card's own button, pressed in Teams, does what it says.
    const accept = cardActions(card)[0]!;
    await botTurn(bot.application, teams.cardAction(EVE, accept.verb!, accept.data!));
    const incoming = await caller(app)(EVE.email, 'get', '/api/requests?direction=incoming');
    expect(incoming.body[0]).toMatchObject({ id: requestId, status: 'accepted' });
  });

  test('each actionable kind carries its buttons: held/missed with a rating, Done, and the pulse survey', async () => {
    await start();
    await botTurn(bot.application, teams.installation(mentee, 'add'));
    const { meetingIds } = await insertMeetings(app.db, world.pair, world.mentor, [{ startAt: '2026-11-24T10:00:00.000Z' }]);
    const itemId = await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Send the slides', dueOn: '2026-11-20' });

    const cards: Record<string, CardJson> = {};
    const sends: [NotificationKind, Record<string, unknown>][] = [
      ['meeting-confirm', { pairId: world.pair, meetingId: meetingIds[0], startAt: '2026-11-24T10:00:00.000Z', endAt: '2026-11-24T10:30:00.000Z', partnerName: 'Ana Mentor' }],
      ['action-overdue', { pairId: world.pair, actionItemId: itemId, text: 'Send the slides', dueOn: '2026-11-20', partnerName: 'Ana Mentor' }],
      ['pulse-survey', { pairId: world.pair, partnerName: 'Ana Mentor' }],
      ['milestone', { pairId: world.pair, count: 5, partnerName: 'Ana Mentor' }],
    ];
    for (const [kind, payload] of sends) {
      connector.calls.length = 0;
      expect(await bot.notifier.send(world.mentee, rendered(kind, payload))).toBe('sent');
      cards[kind] = posted().card;
    }

    const executes = (card: CardJson) => cardActions(card).filter((a) => a.type === 'Action.Execute').map((a) => [a.verb, a.data]);
    expect(executes(cards['meeting-confirm']!)).toEqual([
      ['meeting.confirm', { meetingId: meetingIds[0], for: world.mentee, status: 'held' }],
      ['meeting.confirm', { meetingId: meetingIds[0], for: world.mentee, status: 'missed' }],
    ]);
    expect(JSON.stringify(cards['meeting-confirm']!.body)).toContain('"id":"rating"');
    expect(executes(cards['action-overdue']!)).toEqual([['action-item.done', { actionItemId: itemId, for: world.mentee }]]);
    expect(executes(cards['pulse-survey']!)).toEqual([['pulse.answer', { pairId: world.pair, for: world.mentee }]]);
    const inputs = JSON.stringify(cards['pulse-survey']!.body);
    expect(inputs).toContain('"id":"satisfaction"');
    expect(inputs).toContain('"id":"comment"');
    // A celebration has nothing to do but open Tandem.
    expect(cardActions(cards.milestone!).map((a) => a.type)).toEqual(['Action.OpenUrl']);
  });

  test('without TEAMS_APP_ID a card has no link into the tab', async () => {
    await start({ TEAMS_APP_ID: '' });
    await botTurn(bot.application, teams.installation(mentee, 'add'));
    expect(await bot.notifier.send(world.mentee, rendered('milestone', { pairId: world.pair, count: 1, partnerName: 'Ana Mentor' }, null))).toBe('sent');
    expect(cardActions(posted().card)).toEqual([]);
  });

  test('a chat the bot has been removed from is forgotten and the nudge stays in the feed', async () => {
    await start();
    await botTurn(bot.application, teams.installation(mentee, 'add'));
    const reference = JSON.parse((await app.db.kysely.selectFrom('botConversations').select('reference').executeTakeFirstOrThrow()).reference);
    connector.failures.set(reference.conversation.id, 403);
    expect(await bot.notifier.send(world.mentee, rendered('milestone', { pairId: world.pair, count: 1, partnerName: 'Ana Mentor' }))).toBe('no-conversation');
    expect(await app.db.kysely.selectFrom('botConversations').selectAll().execute()).toEqual([]);
  });

  test('any other connector failure is thrown to the delivery, which retries it, and the conversation is kept', async () => {
    await start();
    await botTurn(bot.application, teams.installation(mentee, 'add'));
    const reference = JSON.parse((await app.db.kysely.selectFrom('botConversations').select('reference').executeTakeFirstOrThrow()).reference);
    connector.failures.set(reference.conversation.id, 400);
    await expect(bot.notifier.send(world.mentee, rendered('milestone', { pairId: world.pair, count: 1, partnerName: 'Ana Mentor' }))).rejects.toThrow();
    expect(await app.db.kysely.selectFrom('botConversations').selectAll().execute()).toHaveLength(1);
  });
});
