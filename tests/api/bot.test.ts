import request from 'supertest';
import { BOT_COMMANDS, type Bot } from '../../api/src/bot/bot';
import { buildGrounding, groundingText } from '../../api/src/bot/bot.grounding';
import { findBotUser } from '../../api/src/bot/bot.service';
import { AGENDA_TOPICS } from '../../api/src/agenda/agenda.topics';
import { createTestApp, type TestApp } from '../support/app';
import { botTurn, cardActions, cardOf, cardText, createBotTestApp, languageModelStandIn, startConnectorStandIn, teamsActivities } from '../support/bot-stand-ins';
import { caller, checkinWorld, EMAILS, insertActionItem, insertGoal, insertMeetings, type CheckinWorld } from '../support/checkin-fixtures';
import { setUserTimeZone } from '../support/meeting-fixtures';

let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
let teams: ReturnType<typeof teamsActivities>;
let app: TestApp;
let bot: Bot;
let world: CheckinWorld;

const mentee = { email: EMAILS.mentee, name: 'Ben Mentee' };
const mentor = { email: EMAILS.mentor, name: 'Ana Mentor' };
const outsider = { email: EMAILS.outsider, name: 'Dee Outsider' };
const stranger = { email: 'new.joiner@contoso.example', name: 'New Joiner', objectId: '0b7c5a4e-1111-4222-8333-944455556666' };

beforeAll(async () => {
  connector = await startConnectorStandIn();
  teams = teamsActivities(connector.serviceUrl);
});

afterAll(async () => {
  await connector.close();
});

async function start(options: Parameters<typeof createBotTestApp>[1] = {}) {
  ({ app, bot } = await createBotTestApp(connector, options));
  world = await checkinWorld(app.db);
}

afterEach(async () => {
  await app.close();
});

function storedConversations() {
  return app.db.kysely.selectFrom('botConversations').selectAll().execute();
}

async function storedConversation(userId: string) {
  return (await storedConversations()).find((c) => c.userId === userId);
}

describe('installing and uninstalling', () => {
  beforeEach(() => start());

  test('installing Tandem in a personal chat stores where to reach the person', async () => {
    await botTurn(bot.application, teams.installation(mentee, 'add'));
    const row = await storedConversation(world.mentee);
    expect(row).toBeDefined();
    const reference = JSON.parse(row!.reference);
    expect(reference.serviceUrl).toBe(connector.serviceUrl);
    expect(reference.conversation.id).toMatch(/^a:personal-/);
    expect(reference.user.aadObjectId).toBeDefined();
  });

  test('the bot greets a person who adds it, with the list of commands', async () => {
    const replies = await botTurn(bot.application, teams.botAdded(mentee));
    expect(replies[0]?.text).toMatch(/Thanks for adding Tandem/);
    const help = cardText(cardOf(replies[1]));
    for (const command of BOT_COMMANDS) expect(help).toContain(command.name);
    expect(await storedConversation(world.mentee)).toBeDefined();
  });

  test('uninstalling forgets the conversation', async () => {
    await botTurn(bot.application, teams.installation(mentee, 'add'));
    await botTurn(bot.application, teams.installation(mentor, 'add'));
    await botTurn(bot.application, teams.installation(mentee, 'remove'));
    expect((await storedConversations()).map((c) => c.userId)).toEqual([world.mentor]);
  });

  test('a message stores the conversation too, so Tandem can reach people whose install it missed', async () => {
    await botTurn(bot.application, teams.message(mentee, 'help'));
    expect(await storedConversation(world.mentee)).toBeDefined();
  });
});

describe('who the bot talks to', () => {
  beforeEach(() => start());

  test('someone who has never opened the Tandem tab is asked to, and nothing else happens', async () => {
    const replies = await botTurn(bot.application, teams.message(stranger, 'next'));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/Open the Tandem tab in Teams once first/);
    await botTurn(bot.application, teams.installation(stranger, 'add'));
    expect(await storedConversations()).toEqual([]);
  });

  test('a Teams account is matched to the Tandem user by Entra object id and tenant, with the same CurrentUser the API builds', async () => {
    const user = await findBotUser({ db: app.db.kysely, clock: app.clock, adminEmails: app.config.adminEmails }, teams.message(mentee, 'hi'));
    const me = await caller(app)(EMAILS.mentee, 'get', '/api/me');
    expect(me.status).toBe(200);
    expect(user).toMatchObject({ id: world.mentee, email: EMAILS.mentee, displayName: 'Ben Mentee', timeZone: 'Europe/London', isAdmin: false });
    expect(user?.id).toBe(me.body.id);
  });

  test('in a group chat or a channel the bot points to the personal chat, stores nothing and runs no command', async () => {
    await insertMeetings(app.db, world.pair, world.mentor, [{ startAt: '2026-11-26T14:00:00.000Z' }]);
    for (const scope of ['groupChat', 'channel'] as const) {
      const replies = await botTurn(bot.application, teams.message(mentee, 'next', scope));
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toMatch(/only work in a personal chat/);
      await botTurn(bot.application, teams.installation(mentee, 'add', scope));
    }
    expect(await storedConversations()).toEqual([]);
  });
});

describe('commands', () => {
  beforeEach(() => start());

  test('help lists every command with what it does, however it is typed', async () => {
    for (const typed of ['help', 'HELP', '/help', ' /Help ']) {
      const [reply] = await botTurn(bot.application, teams.message(mentee, typed));
      const text = cardText(cardOf(reply));
      for (const command of BOT_COMMANDS) expect(text).toContain(`${command.name}: ${command.description}`);
    }
  });

  test('next shows the soonest check-in across my pairs: partner, my local time, the Teams link and a deep link', async () => {
    await setUserTimeZone(app.db, world.mentor, 'America/New_York');
    await insertMeetings(app.db, world.otherPair, world.mentor, [{ startAt: '2026-11-27T15:00:00.000Z' }]);
    const { seriesId, meetingIds } = await insertMeetings(app.db, world.pair, world.mentor, [
      { startAt: '2026-11-25T12:00:00.000Z', status: 'cancelled' },
      { startAt: '2026-11-26T14:00:00.000Z' },
    ]);
    await app.db.kysely.updateTable('meetingSeries').set({ joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc' }).where('id', '=', seriesId).execute();

    const [reply] = await botTurn(bot.application, teams.message(mentor, 'next'));
    const card = cardOf(reply);
    const text = cardText(card);
    expect(text).toContain('With Ben Mentee');
    expect(text).toContain('Thu 26 Nov, 09:00 (America/New_York)');
    expect(text).toContain('Grow Together');
    const links = cardActions(card).filter((a) => a.type === 'Action.OpenUrl');
    expect(links.map((l) => l.title)).toEqual(['Join in Teams', 'Open in Tandem']);
    expect(links[0]?.url).toBe('https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc');
    const context = JSON.parse(new URL(links[1]!.url!).searchParams.get('context')!);
    expect(context).toEqual({ subEntityId: `pairs/${world.pair}/meetings/${meetingIds[1]}` });
  });

  test('next without any check-in booked says so', async () => {
    const [reply] = await botTurn(bot.application, teams.message(mentee, 'Next'));
    expect(reply?.text).toMatch(/no check-in scheduled/);
  });

  test('actions lists my open action items, overdue ones flagged, each with a Done button', async () => {
    const overdue = await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Draft the talk outline', dueOn: '2026-11-20' });
    const later = await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Book a room for the rehearsal', dueOn: '2026-12-02' });
    await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Read the onboarding guide', doneAt: '2026-11-01T09:00:00.000Z' });
    await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentor, text: 'Introduce Ben to the sales lead' });

    const card = cardOf((await botTurn(bot.application, teams.message(mentee, '/actions')))[0]);
    const text = cardText(card);
    expect(text).toContain('Draft the talk outline');
    expect(text).toContain('Overdue since Fri 20 Nov');
    expect(text).toContain('Book a room for the rehearsal');
    expect(text).toContain('Due Wed 2 Dec');
    expect(text).toContain('With Ana Mentor');
    expect(text).not.toContain('Read the onboarding guide');
    expect(text).not.toContain('Introduce Ben');
    const buttons = cardActions(card).filter((a) => a.type === 'Action.Execute');
    expect(buttons.map((b) => [b.title, b.verb, b.data])).toEqual([
      ['Done', 'action-item.done', { actionItemId: overdue, view: 'list', for: world.mentee }],
      ['Done', 'action-item.done', { actionItemId: later, view: 'list', for: world.mentee }],
    ]);
  });

  test('goals shows each of my pairs with its goals, their status and progress', async () => {
    await insertGoal(app.db, world.pair, world.mentee, { title: 'Speak at the all-hands', status: 'in-progress', progress: 40 });
    await insertGoal(app.db, world.pair, world.mentee, { title: 'Learn the sales cycle', status: 'done', progress: 100 });
    await insertGoal(app.db, world.pair, world.mentee, { title: 'A deleted goal', status: 'in-progress', deleted: true });
    const text = cardText(cardOf((await botTurn(bot.application, teams.message(mentee, 'goals')))[0]));
    expect(text).toContain('With Ana Mentor · Grow Together');
    expect(text).toContain('Speak at the all-hands: In progress · 40%');
    expect(text).toContain('Learn the sales cycle: Done · 100%');
    expect(text).not.toContain('A deleted goal');
  });

  test('log brings up my most recent check-in that ended without my answer, with held/missed and a rating', async () => {
    const { meetingIds } = await insertMeetings(app.db, world.pair, world.mentor, [
      { startAt: '2026-11-10T10:00:00.000Z' },
      { startAt: '2026-11-17T10:00:00.000Z' },
      { startAt: '2026-11-24T10:00:00.000Z' },
      { startAt: '2026-11-26T10:00:00.000Z' },
    ]);
    // Answered already, so not the one to ask about.
    await app.db.kysely.insertInto('meetingConfirmations').values({ meetingId: meetingIds[2]!, userId: world.mentee, status: 'held', confirmedAt: NOW_ISO }).execute();

    const card = cardOf((await botTurn(bot.application, teams.message(mentee, 'log')))[0]);
    const text = cardText(card);
    expect(text).toContain('Check-in with Ana Mentor');
    expect(text).toContain('Tue 17 Nov, 10:00 (Europe/London)');
    expect(text).toContain('How useful was it? (optional)');
    const buttons = cardActions(card).filter((a) => a.type === 'Action.Execute');
    expect(buttons.map((b) => [b.verb, b.data?.status, b.data?.meetingId])).toEqual([
      ['meeting.confirm', 'held', meetingIds[1]],
      ['meeting.confirm', 'missed', meetingIds[1]],
    ]);
  });

  test('log with nothing to answer says I am caught up', async () => {
    const [reply] = await botTurn(bot.application, teams.message(mentee, 'log'));
    expect(reply?.text).toMatch(/All caught up/);
  });
});

const NOW_ISO = '2026-11-25T10:00:00.000Z';
const SECRETS = ['SHARED-NOTE-7731', 'PRIVATE-NOTE-5512', 'GOAL-UPDATE-NOTE-9043', 'AGREEMENT-GOALS-2210'];

/**
 * A pair with something to talk about — an overdue action item, a goal that hasn't moved since
 * October — and every kind of note a member can write, each carrying a marker that must never
 * reach the bot's answers or a language model.
 */
async function pairWithNotes() {
  const call = caller(app);
  app.clock.set('2026-10-01T09:00:00.000Z');
  const goal = await call(EMAILS.mentee, 'post', `/api/pairs/${world.pair}/goals`, {
    title: 'Speak at the all-hands',
    skill: 'Public speaking',
    actionSteps: ['Pick a topic', 'Rehearse with Ana'],
    mentorRole: 'Feedback on rehearsals',
    status: 'in-progress',
  });
  expect(goal.status).toBe(201);
  expect((await call(EMAILS.mentee, 'post', `/api/goals/${goal.body.id}/updates`, { kind: 'progress', note: `Rehearsed once ${SECRETS[2]}`, progress: 40 })).status).toBe(201);
  app.clock.set(NOW_ISO);
  await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Draft the talk outline', dueOn: '2026-11-20' });
  const { meetingIds } = await insertMeetings(app.db, world.pair, world.mentor, [{ startAt: '2026-11-18T10:00:00.000Z' }]);
  expect((await call(EMAILS.mentee, 'patch', `/api/meetings/${meetingIds[0]}`, { sharedNotes: `We discussed ${SECRETS[0]}` })).status).toBe(200);
  expect((await call(EMAILS.mentee, 'put', `/api/meetings/${meetingIds[0]}/private-note`, { body: `Feeling unsure ${SECRETS[1]}` })).status).toBe(200);
  await app.db.kysely
    .insertInto('agreements')
    .values({ pairId: world.pair, userId: world.mentee, meetingFrequency: 'biweekly', communicationChannel: 'teams-chat', goals: SECRETS[3]!, feedbackStyle: 'Direct', boundaries: 'None', submittedAt: NOW_ISO, updatedAt: NOW_ISO })
    .execute();
}

function expectNoSecrets(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('free text without a language model', () => {
  beforeEach(() => start());

  test('the grounding holds goals, open action items and the topic library — and no note of any kind', async () => {
    await pairWithNotes();
    const user = await findBotUser({ db: app.db.kysely, clock: app.clock, adminEmails: [] }, teams.message(mentee, 'hi'));
    const text = groundingText(await buildGrounding({ db: app.db.kysely, clock: app.clock }, user!));
    expect(text).toContain('Mentoring pair with Ana Mentor in Grow Together (the person is the mentee; the pair is active)');
    expect(text).toContain('"Speak at the all-hands": in-progress, 40% done, last progress 2026-10-01');
    expect(text).toContain('"Draft the talk outline" (owner: the person, due 2026-11-20 (overdue))');
    expect(text).toContain('Understanding company culture');
    expectNoSecrets(text);
  });

  test('a question gets suggestions from the pair’s own data: the overdue action, the stalled goal, two topics — never a note', async () => {
    await pairWithNotes();
    const replies = await botTurn(bot.application, teams.message(mentee, 'What should we talk about next time?'));
    expect(replies).toHaveLength(1);
    const text = replies[0]!.text!;
    expect(text).toContain('Next time you could talk about:');
    expect(text).toContain('“Draft the talk outline”');
    expect(text).toContain('“Speak at the all-hands” (40%)');
    const topics = AGENDA_TOPICS.filter((t) => text.includes(`${t.title}:`));
    expect(topics).toHaveLength(2);
    expectNoSecrets(text);
  });

  test('the same day gives the same suggestions', async () => {
    await pairWithNotes();
    const first = (await botTurn(bot.application, teams.message(mentee, 'any ideas?')))[0]?.text;
    const second = (await botTurn(bot.application, teams.message(mentee, 'and again?')))[0]?.text;
    expect(second).toBe(first);
  });
});

describe('free text with a language model', () => {
  const AZURE_ENV = {
    AZURE_OPENAI_API_KEY: 'stand-in-key',
    AZURE_OPENAI_ENDPOINT: 'https://tandem-test.openai.azure.com',
    AZURE_OPENAI_DEPLOYMENT: 'tandem-chat',
  };

  test('the answer comes from the model, whose prompt is grounded in goals and actions and carries no note', async () => {
    const model = languageModelStandIn('Try opening with your all-hands talk: pick the topic together.');
    await start({ env: AZURE_ENV, languageModelFetch: model.fetch as never });
    await pairWithNotes();

    const replies = await botTurn(bot.application, teams.message(mentee, 'What should we talk about next time?'));
    expect(replies.map((r) => r.text)).toEqual(['Try opening with your all-hands talk: pick the topic together.']);
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]!.url).toContain('https://tandem-test.openai.azure.com/openai/deployments/tandem-chat/chat/completions');
    const messages = model.calls[0]!.body.messages;
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'What should we talk about next time?' });
    const prompt = messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('"Speak at the all-hands": in-progress, 40% done');
    expect(prompt).toContain('"Draft the talk outline"');
    expect(prompt).toContain('Networking');
    expectNoSecrets(prompt);
  });

  test('commands still work without asking the model', async () => {
    const model = languageModelStandIn('unused');
    await start({ env: AZURE_ENV, languageModelFetch: model.fetch as never });
    const [reply] = await botTurn(bot.application, teams.message(mentee, 'help'));
    expect(cardText(cardOf(reply))).toContain('Hi, I’m Tandem');
    expect(model.calls).toHaveLength(0);
  });

  test('when the model fails, the person still gets suggestions from Tandem’s data', async () => {
    const model = languageModelStandIn('unused');
    model.failWith(400);
    // teams-ai prints the model's error itself; the bot's own logger is what production reads.
    const printed = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await start({ env: AZURE_ENV, languageModelFetch: model.fetch as never });
    await pairWithNotes();
    const replies = await botTurn(bot.application, teams.message(mentee, 'What now?'));
    expect(model.calls.length).toBeGreaterThan(0);
    expect(replies.at(-1)?.text).toContain('Next time you could talk about:');
    printed.mockRestore();
  });
});

describe('POST /api/messages', () => {
  beforeEach(() => start());

  test('the app hosts the bot when BOT_ID is set; a request without a Bot Framework token is refused and runs nothing', async () => {
    // botbuilder prints the refused authentication itself.
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(app.http).post('/api/messages').send(teams.message(mentee, 'help'));
    printed.mockRestore();
    expect(res.status).toBe(401);
    expect(await storedConversations()).toEqual([]);
  });

  test('without BOT_ID there is no bot endpoint', async () => {
    const plain = await createTestApp();
    try {
      const res = await request(plain.http).post('/api/messages').send(teams.message(mentee, 'help'));
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    } finally {
      await plain.close();
    }
  });

  test('the outsider who is in no pair is told so by the goals command', async () => {
    const [reply] = await botTurn(bot.application, teams.message(outsider, 'goals'));
    expect(reply?.text).toMatch(/not in a mentoring pair/);
  });
});
