import type { Bot } from '../../api/src/bot/bot';
import type { TestApp } from '../support/app';
import { botTouchedTables, EVE, GUS, pendingRequest } from '../support/bot-fixtures';
import { botTurn, cardActions, cardOf, cardText, createBotTestApp, startConnectorStandIn, teamsActivities } from '../support/bot-stand-ins';
import { caller, checkinWorld, EMAILS, insertActionItem, insertMeetings, type CheckinWorld } from '../support/checkin-fixtures';

let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
let teams: ReturnType<typeof teamsActivities>;
let app: TestApp;
let bot: Bot;
let world: CheckinWorld;

const mentee = { email: EMAILS.mentee, name: 'Ben Mentee' };
const mentor = { email: EMAILS.mentor, name: 'Ana Mentor' };
const outsider = { email: EMAILS.outsider, name: 'Dee Outsider' };

beforeAll(async () => {
  connector = await startConnectorStandIn();
  teams = teamsActivities(connector.serviceUrl);
});

afterAll(async () => {
  await connector.close();
});

beforeEach(async () => {
  ({ app, bot } = await createBotTestApp(connector));
  world = await checkinWorld(app.db);
});

afterEach(async () => {
  await app.close();
});

/** Presses a card button as `person` and returns the card the bot answers with. */
async function press(person: { email: string; name: string }, verb: string, data: Record<string, unknown>) {
  const replies = await botTurn(bot.application, teams.cardAction(person, verb, data));
  expect(replies).toHaveLength(1);
  return cardOf(replies[0]);
}

describe('answering a mentorship request from its card', () => {
  test('the mentor accepts: the card says so and the pair exists for both of them', async () => {
    const { eve, requestId } = await pendingRequest(app.db, world.program);
    const card = await press(EVE, 'request.accept', { requestId, for: eve });
    expect(cardText(card)).toContain('Accepted ✓');
    expect(cardActions(card).filter((a) => a.type === 'Action.Execute')).toEqual([]);

    const call = caller(app);
    const incoming = await call(EVE.email, 'get', '/api/requests?direction=incoming');
    expect(incoming.body.find((r: { id: string }) => r.id === requestId).status).toBe('accepted');
    const pairs = await call(GUS.email, 'get', '/api/pairs');
    expect(pairs.body.map((p: { partner: { displayName: string } }) => p.partner.displayName)).toEqual(['Eve Mentor']);
  });

  test('pressing Accept twice makes one pair and shows the same card', async () => {
    const { eve, requestId } = await pendingRequest(app.db, world.program);
    const first = await press(EVE, 'request.accept', { requestId, for: eve });
    const after = await botTouchedTables(app.db);
    const second = await press(EVE, 'request.accept', { requestId, for: eve });
    expect(second).toEqual(first);
    expect(await botTouchedTables(app.db)).toEqual(after);
  });

  test('after declining, an old Accept button shows the request as declined and creates nothing', async () => {
    const { eve, gus, requestId } = await pendingRequest(app.db, world.program);
    expect(cardText(await press(EVE, 'request.decline', { requestId, for: eve }))).toContain('Declined ✓');
    const card = await press(EVE, 'request.accept', { requestId, for: eve });
    expect(cardText(card)).toContain('Declined ✓');
    const pairs = await app.db.kysely.selectFrom('pairs').select('id').where('menteeId', '=', gus).execute();
    expect(pairs).toEqual([]);
  });

  test('someone the card was not sent to gets a card saying they can’t, and nothing changes', async () => {
    const { eve, requestId } = await pendingRequest(app.db, world.program);
    const before = await botTouchedTables(app.db);
    const forEve = await press(GUS, 'request.accept', { requestId, for: eve });
    expect(cardText(forEve)).toContain('You can’t do this');
    expect(cardText(forEve)).toContain('sent to someone else');
    // Without the card's addressee, the requests service itself refuses, in its own words.
    expect(cardText(await press(GUS, 'request.accept', { requestId }))).toContain('Only the mentor who was asked can answer this request.');
    expect(cardText(await press(outsider, 'request.decline', { requestId }))).toContain('This mentorship request was not found.');
    expect(await botTouchedTables(app.db)).toEqual(before);
  });

  test('a mentor without a free place is told why, and the buttons stay', async () => {
    // Ana already mentors two people, her whole capacity.
    const { gus } = await pendingRequest(app.db, world.program);
    await app.db.kysely.insertInto('mentorshipRequests').values({
      id: '01934a5e-0000-7000-8000-00000000a001', programId: world.program, menteeId: gus, mentorId: world.mentor, message: 'Hello Ana, could you mentor me?',
      status: 'pending', declineReason: null, respondedAt: null, pairId: null, createdAt: '2026-11-20T09:00:00.000Z', updatedAt: '2026-11-20T09:00:00.000Z',
    }).execute();
    const before = await botTouchedTables(app.db);
    const card = await press(mentor, 'request.accept', { requestId: '01934a5e-0000-7000-8000-00000000a001', for: world.mentor });
    expect(cardText(card)).toContain('has no room for another mentee');
    expect(cardActions(card).filter((a) => a.type === 'Action.Execute').map((a) => a.verb)).toEqual(['request.accept', 'request.decline']);
    expect(await botTouchedTables(app.db)).toEqual(before);
  });
});

describe('confirming and rating a check-in from its card', () => {
  async function pastCheckIn() {
    const { meetingIds } = await insertMeetings(app.db, world.pair, world.mentor, [{ startAt: '2026-11-24T10:00:00.000Z' }]);
    return meetingIds[0]!;
  }

  async function myView(email: string, meetingId: string) {
    const res = await caller(app)(email, 'get', `/api/pairs/${world.pair}/meetings?when=past`);
    return res.body.meetings.find((m: { id: string }) => m.id === meetingId);
  }

  test('the mentee says it happened and rates it in one press; the API shows both', async () => {
    const meetingId = await pastCheckIn();
    const card = await press(mentee, 'meeting.confirm', { meetingId, status: 'held', rating: '4', for: world.mentee });
    const text = cardText(card);
    expect(text).toContain('Check-in with Ana Mentor');
    expect(text).toContain('You said it happened ✓');
    expect(text).toContain('Rated 4 of 5 ✓');
    expect(await myView(EMAILS.mentee, meetingId)).toMatchObject({ status: 'held', myConfirmation: 'held', myFeedback: { rating: 4 } });
  });

  test('pressing It happened again writes nothing more', async () => {
    const meetingId = await pastCheckIn();
    const first = await press(mentee, 'meeting.confirm', { meetingId, status: 'held', rating: '4', for: world.mentee });
    const after = await botTouchedTables(app.db);
    app.clock.advance(60_000);
    const second = await press(mentee, 'meeting.confirm', { meetingId, status: 'held', rating: '4', for: world.mentee });
    expect(second).toEqual(first);
    expect(await botTouchedTables(app.db)).toEqual(after);
  });

  test('held without a rating offers 1–5; a rating is recorded once however often it is pressed', async () => {
    const meetingId = await pastCheckIn();
    const held = await press(mentee, 'meeting.confirm', { meetingId, status: 'held', rating: '', for: world.mentee });
    const ratingButtons = cardActions(held).filter((a) => a.verb === 'meeting.rate');
    expect(ratingButtons.map((b) => b.data?.rating)).toEqual(['1', '2', '3', '4', '5']);

    const rated = await press(mentee, 'meeting.rate', ratingButtons[4]!.data!);
    expect(cardText(rated)).toContain('Rated 5 of 5 ✓');
    const after = await botTouchedTables(app.db);
    app.clock.advance(60_000);
    expect(await press(mentee, 'meeting.rate', ratingButtons[4]!.data!)).toEqual(rated);
    expect(await botTouchedTables(app.db)).toEqual(after);
    expect((await myView(EMAILS.mentee, meetingId)).myFeedback).toEqual({ rating: 5, comment: null });
  });

  test('it didn’t happen: the check-in is missed, with no rating asked', async () => {
    const meetingId = await pastCheckIn();
    const card = await press(mentee, 'meeting.confirm', { meetingId, status: 'missed', for: world.mentee });
    expect(cardText(card)).toContain('You said it didn’t happen ✓');
    expect(cardActions(card).filter((a) => a.type === 'Action.Execute')).toEqual([]);
    expect(await myView(EMAILS.mentee, meetingId)).toMatchObject({ status: 'missed', myConfirmation: 'missed' });
  });

  test('nobody else can answer for the mentee: not the partner, not an outsider', async () => {
    const meetingId = await pastCheckIn();
    const before = await botTouchedTables(app.db);
    expect(cardText(await press(mentor, 'meeting.confirm', { meetingId, status: 'missed', for: world.mentee }))).toContain('sent to someone else');
    expect(cardText(await press(outsider, 'meeting.confirm', { meetingId, status: 'held' }))).toContain('This check-in was not found.');
    expect(cardText(await press(outsider, 'meeting.rate', { meetingId, rating: '1' }))).toContain('This check-in was not found.');
    expect(await botTouchedTables(app.db)).toEqual(before);
  });

  test('a check-in that hasn’t ended yet can’t be confirmed; the card says why', async () => {
    const { meetingIds } = await insertMeetings(app.db, world.pair, world.mentor, [{ startAt: '2026-11-26T10:00:00.000Z' }]);
    const before = await botTouchedTables(app.db);
    const card = await press(mentee, 'meeting.confirm', { meetingId: meetingIds[0], status: 'held', for: world.mentee });
    expect(cardText(card)).toMatch(/hasn.t ended yet/);
    expect(await botTouchedTables(app.db)).toEqual(before);
  });

  test('a card with missing or malformed data is refused without touching anything', async () => {
    const meetingId = await pastCheckIn();
    const before = await botTouchedTables(app.db);
    for (const data of [{ meetingId, status: 'maybe' }, { meetingId: 'not-an-id', status: 'held' }, { status: 'held' }, { meetingId, status: 'held', rating: '9' }]) {
      expect(cardText(await press(mentee, 'meeting.confirm', data))).toContain('out of date or incomplete');
    }
    expect(await botTouchedTables(app.db)).toEqual(before);
  });
});

describe('ticking off an action item from a card', () => {
  test('from the list: the item is done, the card shows it ticked and the rest still open', async () => {
    const overdue = await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Draft the talk outline', dueOn: '2026-11-20' });
    await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Book a room for the rehearsal', dueOn: '2026-12-02' });
    const card = await press(mentee, 'action-item.done', { actionItemId: overdue, view: 'list', for: world.mentee });
    const text = cardText(card);
    expect(text).toContain('Done ✓ Draft the talk outline');
    expect(text).toContain('Book a room for the rehearsal');
    expect(cardActions(card).filter((a) => a.verb === 'action-item.done')).toHaveLength(1);

    const done = await caller(app)(EMAILS.mentee, 'get', '/api/me/action-items?status=done');
    expect(done.body.map((i: { id: string; doneAt: string }) => [i.id, i.doneAt])).toEqual([[overdue, '2026-11-25T10:00:00.000Z']]);
  });

  test('from a nudge: the card turns into Done, and a second press keeps when it was first done', async () => {
    const item = await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Send the slides', dueOn: '2026-11-26' });
    const first = await press(mentee, 'action-item.done', { actionItemId: item, for: world.mentee });
    expect(cardText(first)).toContain('Send the slides');
    expect(cardText(first)).toContain('Done ✓');
    const after = await botTouchedTables(app.db);
    app.clock.advance(60 * 60_000);
    expect(await press(mentee, 'action-item.done', { actionItemId: item, for: world.mentee })).toEqual(first);
    expect(await botTouchedTables(app.db)).toEqual(after);
  });

  test('an outsider can’t tick off someone else’s item', async () => {
    const item = await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Send the slides' });
    const before = await botTouchedTables(app.db);
    expect(cardText(await press(outsider, 'action-item.done', { actionItemId: item }))).toContain('This action item was not found.');
    expect(await botTouchedTables(app.db)).toEqual(before);
  });
});

describe('answering the pulse survey from its card', () => {
  test('a member’s answer is recorded, and the API then refuses a second one', async () => {
    const card = await press(mentee, 'pulse.answer', { pairId: world.pair, for: world.mentee, satisfaction: '4', comment: '  Going well  ' });
    expect(cardText(card)).toContain('Thanks — your answer was sent ✓');
    const rows = await app.db.kysely.selectFrom('surveys').select(['userId', 'kind', 'satisfaction', 'comment']).execute();
    expect(rows).toEqual([{ userId: world.mentee, kind: 'pulse', satisfaction: 4, comment: 'Going well' }]);
    expect((await caller(app)(EMAILS.mentee, 'post', `/api/pairs/${world.pair}/pulse`, { satisfaction: 5 })).status).toBe(409);
  });

  test('a second press shows the survey as answered and records nothing new', async () => {
    await press(mentee, 'pulse.answer', { pairId: world.pair, for: world.mentee, satisfaction: '4' });
    const after = await botTouchedTables(app.db);
    const again = await press(mentee, 'pulse.answer', { pairId: world.pair, for: world.mentee, satisfaction: '2' });
    expect(cardText(again)).toContain('You answered this pulse survey in the last 30 days');
    expect(cardActions(again).filter((a) => a.type === 'Action.Execute')).toEqual([]);
    expect(await botTouchedTables(app.db)).toEqual(after);
  });

  test('Send without a choice asks for one and keeps the survey open', async () => {
    const card = await press(mentee, 'pulse.answer', { pairId: world.pair, for: world.mentee, satisfaction: '', comment: 'hm' });
    expect(cardText(card)).toContain('Choose a whole number from 1 to 5');
    expect(cardActions(card).map((a) => a.verb)).toContain('pulse.answer');
    expect(await app.db.kysely.selectFrom('surveys').selectAll().execute()).toEqual([]);
  });

  test('someone outside the pair can’t answer it', async () => {
    const card = await press(outsider, 'pulse.answer', { pairId: world.pair, satisfaction: '1' });
    expect(cardText(card)).toContain('You can’t do this');
    expect(await app.db.kysely.selectFrom('surveys').selectAll().execute()).toEqual([]);
  });
});

describe('card presses outside a personal chat or from strangers', () => {
  test('are answered with a card and change nothing', async () => {
    const { eve, requestId } = await pendingRequest(app.db, world.program);
    const before = await botTouchedTables(app.db);
    const inChannel = await botTurn(bot.application, teams.cardAction(EVE, 'request.accept', { requestId, for: eve }, 'channel'));
    expect(cardText(cardOf(inChannel[0]))).toContain('only work in a personal chat');
    const stranger = { email: 'x@contoso.example', name: 'X', objectId: '0b7c5a4e-1111-4222-8333-944455556666' };
    const fromStranger = await botTurn(bot.application, teams.cardAction(stranger, 'request.accept', { requestId, for: eve }));
    expect(cardText(cardOf(fromStranger[0]))).toContain('Open the Tandem tab');
    expect(await botTouchedTables(app.db)).toEqual(before);
  });
});
