// The activity feed in the tab, end to end: the nudge job runs over the demo data, a member of a
// pair whose check-ins have lapsed sees the unread count on the bell, opens the feed, follows the
// "time to catch up" nudge to the pair page (it is read now, the count drops) and clears the rest;
// the open panel passes an axe WCAG 2.1 AA audit in the light and the dark theme; the pulse survey
// is answered in the feed; a long feed loads more on request; a notification setting is switched
// off on the profile.
// Real server (temp SQLite, demo data, a test clock the server reads), built dist/web, Debian's Chromium.
// Run `npm run build:web` first. Page-side expressions are strings: this file is type-checked without the DOM library.
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { escapeRegExp, launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(150_000);

interface Member {
  id: string;
  email: string;
  displayName: string;
}

interface Nudged extends Member {
  pairId: string;
  partnerName: string;
}

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchChromium();
  // What the server does at start-up and then every few minutes; the harness builds the app without server.ts.
  await server.app.jobs.nudges();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Everyone the job nudged with `kind`, by pair. Quiet hours may have held some back until 08:00
 * in the person's zone: the server's clock is moved past the ones returned, so they are in the feed.
 */
async function nudged(kind: string): Promise<Nudged[][]> {
  const rows = await server.app.db.kysely
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.userId')
    .where('n.kind', '=', kind)
    .select(['n.pairId', 'n.payload', 'n.deliverAfter', 'u.id', 'u.email', 'u.displayName'])
    .orderBy('n.pairId')
    .orderBy('u.id')
    .execute();
  const byPair = new Map<string, Nudged[]>();
  let latest = server.app.clock.now().getTime();
  for (const row of rows) {
    if (!row.pairId) continue;
    const payload = JSON.parse(row.payload) as { partnerName?: string };
    const members = byPair.get(row.pairId) ?? [];
    members.push({ id: row.id, email: row.email, displayName: row.displayName, pairId: row.pairId, partnerName: payload.partnerName ?? '' });
    byPair.set(row.pairId, members);
    latest = Math.max(latest, new Date(row.deliverAfter).getTime());
  }
  if (latest > server.app.clock.now().getTime()) server.app.clock.set(new Date(latest + 1000));
  return [...byPair.values()];
}

/** The first pair whose two members were both nudged with `kind`; each test takes its own pair. */
async function pairNudgedWith(kind: string, skip = 0): Promise<[Nudged, Nudged]> {
  const pairs = (await nudged(kind)).filter((members) => members.length === 2 && members.every((m) => m.partnerName));
  const pair = pairs[skip];
  if (!pair) throw new Error(`the nudge job wrote no "${kind}" notification to both members of ${skip + 1} demo pairs`);
  return [pair[0]!, pair[1]!];
}

/** The first of `candidates` whose measure passes, with that measure. */
async function firstWith<T>(candidates: T[], measure: (c: T) => Promise<number>, passes: (n: number) => boolean): Promise<[T, number]> {
  for (const candidate of candidates) {
    const n = await measure(candidate);
    if (passes(n)) return [candidate, n];
  }
  throw new Error('no demo member fits this test');
}

async function openAs(member: Member, path = '/tab', colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', colorScheme });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/tab`);
  const token = await server.app.tokenFor(member.email);
  await page.evaluate(`sessionStorage.setItem('tandem.devToken', ${JSON.stringify(token)})`);
  await page.goto(`${server.baseUrl}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

async function api<T>(member: Member, path: string): Promise<T> {
  const token = await server.app.tokenFor(member.email);
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const unreadOf = async (member: Member) => (await api<{ unread: number }>(member, '/api/notifications/unread-count')).unread;
const bellName = (unread: number) => (unread > 0 ? `Notifications, ${unread} unread` : 'Notifications');
const bell = (page: Page, unread: number) => page.getByRole('banner').getByRole('button', { name: bellName(unread), exact: true });
const panel = (page: Page) => page.getByRole('dialog', { name: 'Notifications' });

/** Waits until nothing in `scope` is loading. Polled through locators: the page's CSP forbids waitForFunction's eval. */
async function settled(scope: Locator): Promise<void> {
  const started = Date.now();
  while ((await scope.locator('[aria-busy="true"]').count()) > 0 || (await scope.getAttribute('aria-busy')) === 'true') {
    if (Date.now() - started > 15_000) throw new Error('the panel was still loading after 15 s');
    await scope.page().waitForTimeout(100);
  }
}

async function openPanel(page: Page, unread: number): Promise<Locator> {
  await bell(page, unread).click();
  const dialog = panel(page);
  await dialog.waitFor();
  await settled(dialog);
  return dialog;
}

/**
 * What `read` says about the focused element once it says `expected`, or its last answer after
 * 10 s: focus moves after data loads and React commits, which takes longer on a busy machine.
 */
const FOCUSED_NAME = `document.activeElement && document.activeElement.getAttribute('aria-label')`;

async function focusSettles(page: Page, read: string, expected: string): Promise<unknown> {
  const started = Date.now();
  let seen: unknown;
  do {
    seen = await page.evaluate(read);
    if (seen === expected) return seen;
    await page.waitForTimeout(100);
  } while (Date.now() - started < 10_000);
  return seen;
}

/** A feed item by its title (unread titles are read out with "Unread: " before them). */
const feedItem = (dialog: Locator, title: string) =>
  dialog.getByRole('listitem').filter({ has: dialog.page().getByRole('heading', { level: 3, name: new RegExp(`^(Unread: )?${escapeRegExp(title)}$`) }) });

test('a member of a lapsed pair follows the catch-up nudge from the bell to the pair page, then marks the rest as read', async () => {
  // Someone with more in the feed than the nudge, so "Mark all as read" has something left to clear.
  const [member, unread] = await firstWith(
    (await nudged('cadence-lapsed')).flat(),
    async (m) => (m.partnerName ? unreadOf(m) : 0),
    (n) => n >= 2,
  );

  const page = await openAs(member);
  try {
    await bell(page, unread).waitFor();

    // Focus moves into the panel; Escape closes it and puts focus back on the bell.
    let dialog = await openPanel(page, unread);
    expect(await page.evaluate(`!!document.activeElement.closest('[role="dialog"]')`)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusSettles(page, FOCUSED_NAME, bellName(unread))).toBe(bellName(unread));

    // The keyboard opens it again.
    await page.keyboard.press('Enter');
    dialog = panel(page);
    await dialog.waitFor();
    await settled(dialog);
    const title = `Time to catch up with ${member.partnerName}`;
    const nudge = feedItem(dialog, title);
    await nudge.getByRole('heading', { name: `Unread: ${title}` }).waitFor();
    await expect(nudge.getByRole('link', { name: 'Plan a check-in' }).getAttribute('href')).resolves.toBe(`/tab/pairs/${member.pairId}`);

    // Following it navigates in the tab, closes the panel and marks it read.
    await nudge.getByRole('link', { name: 'Plan a check-in' }).click();
    await page.waitForURL(`${server.baseUrl}/tab/pairs/${member.pairId}`);
    await page.getByRole('heading', { level: 1, name: `Mentoring with ${member.partnerName}` }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await bell(page, unread - 1).waitFor();
    expect(await unreadOf(member)).toBe(unread - 1);
    // The new view's heading has focus (not the bell), so a screen reader announces where the link led.
    const heading = `H1: Mentoring with ${member.partnerName}`;
    expect(await focusSettles(page, `document.activeElement.tagName + ': ' + document.activeElement.textContent`, heading)).toBe(heading);

    dialog = await openPanel(page, unread - 1);
    await feedItem(dialog, title).getByRole('heading', { name: title, exact: true }).waitFor();

    expect(await dialog.getByRole('heading', { level: 3, name: /^Unread: / }).count()).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Mark all as read' }).click();
    await dialog.getByRole('heading', { level: 3, name: /^Unread: / }).first().waitFor({ state: 'detached' });
    expect(await dialog.getByRole('heading', { level: 3 }).count()).toBeGreaterThan(1);
    // The modal panel hides the rest of the page from the accessibility tree: the bell is checked once it is closed.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await bell(page, 0).waitFor();
    expect(await page.getByRole('banner').getByText(/^\d+\+?$/).count()).toBe(0);
    expect(await unreadOf(member)).toBe(0);
  } finally {
    await page.context().close();
  }
});

describe.each(['light', 'dark'] as const)('the open panel in the %s theme', (colorScheme) => {
  it('has no serious or critical WCAG 2.1 AA violations', async () => {
    // Someone with unread items, so their styling is audited too.
    const [partner, unread] = await firstWith(
      (await nudged('cadence-lapsed')).flat(),
      async (m) => (m.partnerName ? unreadOf(m) : 0),
      (n) => n >= 1,
    );
    const page = await openAs(partner, '/tab', colorScheme);
    try {
      const dialog = await openPanel(page, unread);
      await feedItem(dialog, `Time to catch up with ${partner.partnerName}`).waitFor();
      // Fluent's focus manager (tabster) adds hidden focus sentinels marked data-tabster-dummy; they are not content.
      const results = await new AxeBuilder({ page: page as never })
        .include('[role="dialog"]')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .exclude('[data-tabster-dummy]')
        .analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(serious).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

test('a pulse survey is answered right in the feed', async () => {
  const [member] = await pairNudgedWith('pulse-survey');
  const unread = await unreadOf(member);
  const page = await openAs(member);
  try {
    const dialog = await openPanel(page, unread);
    const item = feedItem(dialog, `How is mentoring with ${member.partnerName} going?`);
    const scale = item.getByRole('radiogroup', { name: 'How is your mentorship going?' });
    await scale.waitFor();

    // Send without a choice: the form says what is missing and sends nothing.
    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/api/pairs/${member.pairId}/pulse`)) posted += 1;
    });
    await item.getByRole('button', { name: 'Send' }).click();
    await item.getByText('Pick a number from 1 to 5.').waitFor();
    expect(posted).toBe(0);

    await scale.getByRole('radio', { name: '4' }).check();
    await item.getByRole('textbox', { name: 'Comment' }).fill('Good conversations, we could meet more often.');
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/pairs/${member.pairId}/pulse`));
    await item.getByRole('button', { name: 'Send' }).click();
    expect((await answered).status()).toBe(201);
    await item.getByText('Thanks — answered').waitFor();
    // The form went away under the keyboard: focus stays in the panel, on the item.
    expect(await focusSettles(page, `document.activeElement.tagName + ' ' + !!document.activeElement.closest('[role="dialog"]')`, 'H3 true')).toBe('H3 true');
    expect(await item.getByRole('radiogroup').count()).toBe(0);

    const saved = await server.app.db.kysely
      .selectFrom('surveys')
      .select(['satisfaction', 'comment'])
      .where('pairId', '=', member.pairId)
      .where('userId', '=', member.id)
      .where('kind', '=', 'pulse')
      .execute();
    expect(saved).toEqual([{ satisfaction: 4, comment: 'Good conversations, we could meet more often.' }]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await bell(page, unread - 1).waitFor();
  } finally {
    await page.context().close();
  }
});

test('a member switches off a group of notifications on the profile, and it stays off', async () => {
  const [member] = await pairNudgedWith('cadence-lapsed', 1);
  const page = await openAs(member, '/tab/profile?section=notifications');
  try {
    const section = page.getByRole('group', { name: 'Notifications', exact: true });
    const toggle = section.getByRole('switch', { name: 'Celebrations' });
    await toggle.waitFor();
    // Opened at the section (as from a Teams deep link or the panel): its heading has focus.
    expect(await focusSettles(page, `document.activeElement && document.activeElement.textContent`, 'Notifications')).toBe('Notifications');
    expect(await toggle.isChecked()).toBe(true);
    await section.getByText(/Quiet hours: nudges due between 20:00 and 08:00/).waitFor();

    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/me/notification-settings'));
    await toggle.click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Celebrations: off', { exact: true }).waitFor();
    const settings = await api<{ groups: { group: string; enabled: boolean }[] }>(member, '/api/me/notification-settings');
    expect(settings.groups.find((g) => g.group === 'celebrations')?.enabled).toBe(false);

    await page.reload();
    await page.getByRole('switch', { name: 'Celebrations' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Celebrations' }).isChecked()).toBe(false);
  } finally {
    await page.context().close();
  }
});

test('an empty feed says so, and a long one loads the next page on request', async () => {
  const quiet = await server.app.db.kysely
    .selectFrom('users as u')
    .leftJoin('notifications as n', 'n.userId', 'u.id')
    .where('n.id', 'is', null)
    .select(['u.id', 'u.email', 'u.displayName'])
    .orderBy('u.email')
    .executeTakeFirstOrThrow();
  const page = await openAs(quiet);
  try {
    let dialog = await openPanel(page, 0);
    await dialog.getByText('You’re all caught up').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // 25 celebrations, a minute apart: one page of 20, then 5 more.
    const now = server.app.clock.now().getTime();
    await server.app.db.kysely
      .insertInto('notifications')
      .values(
        Array.from({ length: 25 }, (_, i) => {
          const at = new Date(now - (i + 1) * 60_000).toISOString();
          return {
            id: randomUUID(),
            userId: quiet.id,
            kind: 'goal-completed',
            dedupeKey: `test-goal-completed:${quiet.id}:${i}`,
            payload: JSON.stringify({ pairId: null, goalId: randomUUID(), goalTitle: `Goal ${i + 1}`, partnerName: 'Sam' }),
            deliverAfter: at,
            deliveredAt: at,
            channel: 'feed' as const,
            readAt: null,
            createdAt: at,
            pairId: null,
            lastError: null,
          };
        }),
      )
      .execute();

    // Coming back to the window asks for the count again.
    await page.evaluate(`window.dispatchEvent(new Event('focus'))`);
    dialog = await openPanel(page, 25);
    const titles = dialog.getByRole('heading', { level: 3 });
    await dialog.getByRole('heading', { name: 'Unread: Goal reached: Goal 20' }).waitFor();
    expect(await titles.count()).toBe(20);
    await dialog.getByRole('button', { name: 'Load more' }).click();
    await dialog.getByRole('heading', { name: 'Unread: Goal reached: Goal 25' }).waitFor();
    expect(await titles.count()).toBe(25);
    expect(await dialog.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // The button went away: focus moved to the first item it loaded.
    expect(await focusSettles(page, `document.activeElement.textContent`, 'Unread: Goal reached: Goal 21')).toBe('Unread: Goal reached: Goal 21');
  } finally {
    await page.context().close();
  }
});
