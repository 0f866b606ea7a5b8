import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../api/src/db/database';
import type { NotificationKind, NudgeDraft } from '../../api/src/notifications/kinds';
import { runNudges, type EvaluateNudges, type NotificationsDeps } from '../../api/src/notifications/notifications.service';
import type { RenderedNotification, TeamsNotifier } from '../../api/src/notifications/teams-notifier';
import { createTestApp, type TestApp } from '../support/app';
import { fixtures } from '../support/fixtures';
import { caller } from '../support/pair-fixtures';

/*
 * Storing and delivering nudges (docs/nudges.md, "Delivery rules"): exactly once, opt-outs,
 * quiet hours, and Teams within budget and rate, with retries and the feed as the fallback.
 * The rules are stood in for by a function returning drafts, so these tests don't depend on them.
 */

const NOW = '2026-06-10T12:00:00.000Z';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The bot, reduced to what delivery sees: who got what, and how each person's sends go. */
class FakeTeams implements TeamsNotifier {
  readonly sent: { userId: string; notification: RenderedNotification }[] = [];
  readonly calls: string[] = [];
  private readonly behaviour = new Map<string, 'sent' | 'no-conversation' | Error>();

  set(userId: string, outcome: 'sent' | 'no-conversation' | Error): void {
    this.behaviour.set(userId, outcome);
  }

  async send(userId: string, notification: RenderedNotification): Promise<'sent' | 'no-conversation'> {
    this.calls.push(notification.id);
    const outcome = this.behaviour.get(userId) ?? 'sent';
    if (outcome instanceof Error) throw outcome;
    if (outcome === 'sent') this.sent.push({ userId, notification });
    return outcome;
  }

  sentTo(userId: string): RenderedNotification[] {
    return this.sent.filter((s) => s.userId === userId).map((s) => s.notification);
  }
}

interface Person {
  id: string;
  email: string;
}

function world(app: TestApp) {
  let people = 0;
  const pairs = new Map<string, string>();
  return {
    async person(timeZone: string | null = 'Europe/London'): Promise<Person> {
      people += 1;
      const email = `nudged${people}@contoso.example`;
      const id = await fixtures(app.db).person(email, { displayName: `Person ${people}` });
      await app.db.kysely.updateTable('users').set({ timeZone }).where('id', '=', id).execute();
      return { id, email };
    },
    /** a real pair for `pairId` columns (foreign key), one per mentee */
    async pairOf(menteeId: string): Promise<string> {
      const known = pairs.get(menteeId);
      if (known) return known;
      const f = fixtures(app.db);
      const mentor = await f.person(`mentor-of-${menteeId}@contoso.example`, { displayName: 'Sam Mentor' });
      const program = await f.program(`Program ${menteeId}`);
      const pairId = await f.pair(program, mentor, menteeId);
      pairs.set(menteeId, pairId);
      return pairId;
    },
  };
}

/** A draft as the rules would write it; `key` makes it unique. */
function draft(userId: string, kind: NotificationKind, key: string, payload: Record<string, unknown> = {}, notBefore = NOW, pairId: string | null = null): NudgeDraft {
  return { userId, kind, dedupeKey: `${kind}:${key}:${userId}`, pairId, payload, notBefore };
}

/** Rules that say what the test tells them to, and count how often they were asked. */
function rules(initial: NudgeDraft[] = []) {
  let drafts = initial;
  let calls = 0;
  const evaluate: EvaluateNudges = async () => {
    calls += 1;
    return drafts;
  };
  return {
    evaluate,
    set(next: NudgeDraft[]) {
      drafts = next;
    },
    get calls() {
      return calls;
    },
  };
}

describe('nudge delivery', () => {
  let app: TestApp;
  let teams: FakeTeams;
  let w: ReturnType<typeof world>;
  let call: ReturnType<typeof caller>;

  /** `null`: no bot configured */
  const deps = (notifier: TeamsNotifier | null = teams): NotificationsDeps => ({
    db: app.db.kysely,
    clock: app.clock,
    teamsAppId: app.config.teamsAppId,
    teamsNotifier: notifier ?? undefined,
  });
  const run = (evaluate: EvaluateNudges, notifier: TeamsNotifier | null = teams) => runNudges(deps(notifier), evaluate);
  const rowsOf = (userId: string) =>
    app.db.kysely.selectFrom('notifications').selectAll().where('userId', '=', userId).orderBy('deliverAfter').orderBy('id').execute();
  const feedOf = async (email: string) => {
    const res = await call.get(email, '/api/notifications?limit=50');
    expect(res.status).toBe(200);
    return res.body.items as { id: string; kind: string; title: string; at: string }[];
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW, env: { TEAMS_APP_ID: 'tandem-app' } });
    w = world(app);
    call = caller(app);
  });
  beforeEach(() => {
    teams = new FakeTeams();
    app.clock.set(NOW);
  });
  afterAll(() => app.close());

  describe('storing drafts', () => {
    it('stores a draft once, however often the rules produce it', async () => {
      const p = await w.person();
      const r = rules([draft(p.id, 'milestone', 'a'), draft(p.id, 'milestone', 'a'), draft(p.id, 'goal-completed', 'g')]);
      expect(await run(r.evaluate)).toMatchObject({ created: 2, skipped: false });
      app.clock.advance(5 * MINUTE);
      expect(await run(r.evaluate)).toMatchObject({ created: 0, delivered: 0, skipped: false });
      expect(await rowsOf(p.id)).toHaveLength(2);
      expect(teams.sentTo(p.id)).toHaveLength(2);
    });

    it('lets one of two instances run at a time: the other skips, and nothing is stored twice', async () => {
      const p = await w.person();
      const drafts = Array.from({ length: 5 }, (_, i) => draft(p.id, 'meeting-reminder-24h', `m${i}`));
      const second = await openDatabase(app.config.database);
      try {
        // Slow rules, so the first run still holds the lease when the second asks for it.
        const slow = (): EvaluateNudges => {
          const r = rules(drafts);
          return async (db, now) => {
            await new Promise((resolve) => setTimeout(resolve, 100));
            return r.evaluate(db, now);
          };
        };
        const [a, b] = await Promise.all([run(slow()), runNudges({ ...deps(), db: second.kysely }, slow())]);
        expect([a.skipped, b.skipped].sort()).toEqual([false, true]);
        expect(a.created + b.created).toBe(5);
        expect(await rowsOf(p.id)).toHaveLength(5);
        expect(teams.sentTo(p.id)).toHaveLength(5);
      } finally {
        await second.close();
      }
      // The lease is given back: the next run isn't blocked for ten minutes.
      app.clock.advance(MINUTE);
      expect((await run(rules().evaluate)).skipped).toBe(false);
    });

    it('two runs at once in one process: one does the work', async () => {
      const p = await w.person();
      const r = rules([draft(p.id, 'milestone', 'x')]);
      const results = await Promise.all([run(r.evaluate), run(r.evaluate)]);
      expect(results.filter((x) => x.skipped)).toHaveLength(1);
      expect(r.calls).toBe(1);
      expect(await rowsOf(p.id)).toHaveLength(1);
    });

    it("leaves out a switched-off group's optional kinds, but never the ones that can't be switched off", async () => {
      const p = await w.person();
      const res = await call.put(p.email, '/api/me/notification-settings', { groups: { requests: false, celebrations: false } });
      expect(res.status).toBe(200);
      const other = await w.person();
      const r = rules([
        draft(p.id, 'request-waiting', 'r1'),
        draft(p.id, 'request-received', 'r2'),
        draft(p.id, 'request-answered', 'r3'),
        draft(p.id, 'milestone', 'm'),
        draft(p.id, 'action-overdue', 'a'),
        draft(other.id, 'milestone', 'm'),
      ]);
      expect((await run(r.evaluate)).created).toBe(4);
      expect((await rowsOf(p.id)).map((n) => n.kind).sort()).toEqual(['action-overdue', 'request-answered', 'request-received']);
      expect((await rowsOf(other.id)).map((n) => n.kind)).toEqual(['milestone']);
    });

    it('holds nudges during quiet hours until 08:00 where the person is, but not the 15-minute reminder', async () => {
      const auckland = await w.person('Pacific/Auckland');
      const newYork = await w.person('America/New_York');
      const london = await w.person('Europe/London');
      // 10:00 UTC on 10 June: 22:00 in Auckland (NZST, +12), 06:00 in New York (EDT, −4), 11:00 in London.
      const ten = '2026-06-10T10:00:00.000Z';
      app.clock.set(ten);
      const r = rules([
        draft(auckland.id, 'action-overdue', 'q', {}, ten),
        draft(auckland.id, 'meeting-reminder-15m', 'q', {}, ten),
        draft(newYork.id, 'goal-completed', 'q', {}, ten),
        draft(london.id, 'goal-completed', 'q', {}, '2026-06-10T09:00:00.000Z'),
      ]);
      await run(r.evaluate);
      const due = async (p: Person) => Object.fromEntries((await rowsOf(p.id)).map((n) => [n.kind, { deliverAfter: n.deliverAfter, deliveredAt: n.deliveredAt }]));

      expect(await due(auckland)).toEqual({
        'meeting-reminder-15m': { deliverAfter: '2026-06-10T10:00:00.000Z', deliveredAt: '2026-06-10T10:00:00.000Z' },
        'action-overdue': { deliverAfter: '2026-06-10T20:00:00.000Z', deliveredAt: null }, // 08:00 on 11 June in Auckland
      });
      expect(await due(newYork)).toEqual({ 'goal-completed': { deliverAfter: '2026-06-10T12:00:00.000Z', deliveredAt: null } }); // 08:00 the same morning
      // Past its "not before" and outside quiet hours: due now.
      expect(await due(london)).toEqual({ 'goal-completed': { deliverAfter: '2026-06-10T10:00:00.000Z', deliveredAt: '2026-06-10T10:00:00.000Z' } });
      // Quiet hours hold back the Teams message, not the feed: someone who opens the tab sees it.
      expect(teams.sentTo(newYork.id)).toEqual([]);
      expect((await feedOf(newYork.email)).map((n) => n.at)).toEqual([ten]);

      app.clock.set('2026-06-10T12:00:00.000Z');
      await run(rules().evaluate);
      expect(teams.sentTo(newYork.id).map((n) => n.kind)).toEqual(['goal-completed']);
      expect((await feedOf(newYork.email)).map((n) => n.at)).toEqual([ten]);
      expect(teams.sentTo(auckland.id).map((n) => n.kind)).toEqual(['meeting-reminder-15m']);

      app.clock.set('2026-06-10T20:00:00.000Z');
      await run(rules().evaluate);
      expect(teams.sentTo(auckland.id).map((n) => n.kind)).toEqual(['meeting-reminder-15m', 'action-overdue']);
    });

    it('defers from the evening to the next morning, in UTC when the time zone is unknown', async () => {
      const evening = await w.person('America/New_York');
      const nowhere = await w.person('Not/AZone');
      // 01:30 UTC on 11 June: 21:30 on 10 June in New York.
      const evening930 = '2026-06-11T01:30:00.000Z';
      app.clock.set(evening930);
      await run(rules([draft(evening.id, 'pulse-survey', 'e', {}, evening930), draft(nowhere.id, 'pulse-survey', 'e', {}, evening930)]).evaluate);
      expect((await rowsOf(evening.id))[0]?.deliverAfter).toBe('2026-06-11T12:00:00.000Z');
      expect((await rowsOf(nowhere.id))[0]?.deliverAfter).toBe('2026-06-11T08:00:00.000Z');
    });
  });

  describe('delivering', () => {
    it('without a bot, everything due goes to the feed', async () => {
      const p = await w.person();
      const later = draft(p.id, 'milestone', 'later', {}, '2026-06-10T15:00:00.000Z');
      const result = await run(rules([draft(p.id, 'milestone', 'now'), later]).evaluate, null);
      expect(result).toEqual({ created: 2, delivered: 1, skipped: false });
      const rows = await rowsOf(p.id);
      expect(rows.map((n) => [n.channel, n.deliveredAt])).toEqual([
        ['feed', NOW],
        ['feed', null],
      ]);
      expect(await feedOf(p.email)).toHaveLength(1);
    });

    it('sends each notification to Teams once, as the person will read it, with a deep link', async () => {
      const p = await w.person('Europe/Berlin');
      const pairId = await w.pairOf(p.id);
      const meetingId = uuidv7();
      const payload = { pairId, meetingId, startAt: '2026-06-11T08:00:00.000Z', endAt: '2026-06-11T08:30:00.000Z', partnerName: 'Sam Mentor', joinUrl: 'https://teams.example/join' };
      const r = rules([draft(p.id, 'meeting-reminder-24h', meetingId, payload, NOW, pairId)]);
      await run(r.evaluate);
      await run(r.evaluate);

      expect(teams.sent).toHaveLength(1);
      const [row] = await rowsOf(p.id);
      expect(teams.sent[0]).toEqual({
        userId: p.id,
        notification: {
          id: row!.id,
          kind: 'meeting-reminder-24h',
          title: 'Check-in with Sam Mentor tomorrow at 10:00',
          body: expect.stringContaining('tomorrow at 10:00'),
          link: `/tab/pairs/${pairId}`,
          linkLabel: expect.any(String),
          deepLink: `https://teams.microsoft.com/l/entity/tandem-app/mentoring?context=${encodeURIComponent(JSON.stringify({ subEntityId: `pairs/${pairId}/meetings/${meetingId}` }))}`,
          payload,
        },
      });
      expect(row).toMatchObject({ channel: 'bot', deliveredAt: NOW, attempts: 0, lastError: null, pairId });
      // Sent to Teams, and still in the tab's feed.
      expect((await feedOf(p.email)).map((n) => n.id)).toEqual([row!.id]);
    });

    it('over the weekly budget, a low-priority nudge stays in the feed while a high-priority one still reaches Teams', async () => {
      const p = await w.person();
      await run(rules([draft(p.id, 'action-overdue', 'b1'), draft(p.id, 'goal-completed', 'b2'), draft(p.id, 'milestone', 'b3')]).evaluate);
      expect(teams.sentTo(p.id)).toHaveLength(3);

      app.clock.advance(2 * DAY);
      await run(rules([draft(p.id, 'cadence-lapsed', 'b4'), draft(p.id, 'request-received', 'b5'), draft(p.id, 'meeting-reminder-24h', 'b6')]).evaluate);
      expect(teams.sentTo(p.id).map((n) => n.kind)).toEqual(['action-overdue', 'goal-completed', 'milestone', 'request-received', 'meeting-reminder-24h']);
      const lapsed = (await rowsOf(p.id)).find((n) => n.kind === 'cadence-lapsed');
      expect(lapsed).toMatchObject({ channel: 'feed', deliveredAt: app.clock.now().toISOString() });
      expect((await feedOf(p.email)).map((n) => n.kind)).toContain('cadence-lapsed');

      // A week after the first three, the budget has room again.
      app.clock.set(new Date(Date.parse(NOW) + 7 * DAY + MINUTE));
      await run(rules([draft(p.id, 'action-due-tomorrow', 'b7')]).evaluate);
      expect(teams.sentTo(p.id).map((n) => n.kind)).toContain('action-due-tomorrow');
    });

    it('sends at most 10 Teams messages a minute to a person; the rest wait for the next run', async () => {
      const p = await w.person();
      const eleven = Array.from({ length: 11 }, (_, i) => draft(p.id, 'meeting-reminder-24h', `rate${i}`));
      const first = await run(rules(eleven).evaluate);
      expect(first).toMatchObject({ created: 11, delivered: 10 });
      expect(teams.sentTo(p.id)).toHaveLength(10);
      expect((await rowsOf(p.id)).filter((n) => n.deliveredAt === null)).toHaveLength(1);

      // Within the same minute nothing more goes out.
      app.clock.advance(30_000);
      expect((await run(rules().evaluate)).delivered).toBe(0);
      app.clock.advance(5 * MINUTE);
      expect((await run(rules().evaluate)).delivered).toBe(1);
      expect(teams.sentTo(p.id)).toHaveLength(11);
      expect(new Set(teams.sentTo(p.id).map((n) => n.id)).size).toBe(11);
    });

    it('retries a failing send after 1, 2, 4 and 8 minutes, then leaves it in the feed with the error', async () => {
      const p = await w.person();
      teams.set(p.id, new Error('Teams is down'));
      await run(rules([draft(p.id, 'request-received', 'fail')]).evaluate);
      const row = async () => (await rowsOf(p.id))[0]!;
      expect(await row()).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'Error: Teams is down' });

      const start = Date.parse(NOW);
      const retries: string[] = [];
      for (const waited of [1, 3, 7, 15]) {
        retries.push((await row()).deliverAfter);
        app.clock.set(new Date(start + waited * MINUTE - 1000));
        await run(rules().evaluate); // a second early: not yet
        app.clock.set(new Date(start + waited * MINUTE));
        await run(rules().evaluate);
      }
      expect(retries).toEqual([1, 3, 7, 15].map((m) => new Date(start + m * MINUTE).toISOString()));
      expect(teams.calls).toHaveLength(5);
      expect(await row()).toMatchObject({ attempts: 5, channel: 'feed', deliveredAt: new Date(start + 15 * MINUTE).toISOString(), lastError: 'Error: Teams is down' });
      expect((await feedOf(p.email)).map((n) => n.kind)).toEqual(['request-received']);

      app.clock.advance(60 * MINUTE);
      await run(rules().evaluate);
      expect(teams.calls).toHaveLength(5);
    });

    it('keeps a notification in the feed only when Tandem is not installed in Teams for the person', async () => {
      const p = await w.person();
      teams.set(p.id, 'no-conversation');
      await run(rules([draft(p.id, 'request-answered', 'nc', { requestId: uuidv7(), programName: 'Grow', mentorName: 'Sam', status: 'declined' })]).evaluate);
      expect(await rowsOf(p.id)).toEqual([expect.objectContaining({ channel: 'feed', deliveredAt: NOW, attempts: 0 })]);
      expect(teams.calls).toHaveLength(1);
      expect((await feedOf(p.email))[0]).toMatchObject({ title: "Sam can't mentor you right now" });

      app.clock.advance(10 * MINUTE);
      await run(rules().evaluate);
      expect(teams.calls).toHaveLength(1);
    });

    it('delivers the pair-created notifications that publishing a pair writes', async () => {
      const f = fixtures(app.db);
      const mentor = await f.person('pub.mentor@contoso.example', { displayName: 'Pub Mentor' });
      const mentee = await f.person('pub.mentee@contoso.example', { displayName: 'Pub Mentee' });
      const program = await f.program('Published');
      await f.enrol(program, mentor, 'mentor');
      await f.enrol(program, mentee, 'mentee');
      const imported = await request(app.http)
        .post(`/api/admin/programs/${program}/pair-imports?dryRun=false`)
        .set('Authorization', `Bearer ${await app.tokenFor('morgan.lee@contoso.example')}`)
        .set('Content-Type', 'text/csv')
        .send('mentee_email,mentor_email\r\npub.mentee@contoso.example,pub.mentor@contoso.example');
      expect(imported.status).toBeLessThan(300);

      await run(rules().evaluate);
      expect(teams.sentTo(mentee).map((n) => [n.kind, n.title])).toEqual([['pair-created', "You've been paired with Pub Mentor"]]);
      expect(teams.sentTo(mentor).map((n) => n.title)).toEqual(["You've been paired with Pub Mentee"]);
      expect((await rowsOf(mentee)).map((n) => n.channel)).toEqual(['bot']);
    });

    it('delivers what is waiting even when the rules fail, then reports the failure', async () => {
      const p = await w.person();
      await run(rules([draft(p.id, 'milestone', 'wait', {}, '2026-06-10T12:30:00.000Z')]).evaluate);
      app.clock.advance(30 * MINUTE);
      const broken: EvaluateNudges = async () => {
        throw new Error('rule bug');
      };
      await expect(run(broken)).rejects.toThrow('rule bug');
      expect(teams.sentTo(p.id).map((n) => n.kind)).toEqual(['milestone']);
      // The lease was given back.
      expect((await run(rules().evaluate)).skipped).toBe(false);
    });

    it('tells the settings page the bot is configured when a notifier is wired in', async () => {
      const withBot = await createTestApp({ now: NOW, teamsNotifier: new FakeTeams() });
      try {
        await fixtures(withBot.db).person('settings.bot@contoso.example');
        const res = await caller(withBot).get('settings.bot@contoso.example', '/api/me/notification-settings');
        expect(res.body.teams).toEqual({ botConfigured: true, installed: false });
      } finally {
        await withBot.close();
      }
    });
  });
});
