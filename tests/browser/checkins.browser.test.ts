// Check-ins on the pair page, end to end: a member books a weekly series from a suggested time, sees it
// under Upcoming, and — once the server's clock has moved past the first one — confirms it was held and
// rates it; the partner's view of that check-in carries no rating. A private note stays with its author.
// Real server (temp SQLite, demo data, a test clock the server reads), built dist/web, Debian's Chromium.
// Run `npm run build:web` first. Page-side expressions are strings: this file is type-checked without the DOM library.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(150_000);

interface Member {
  id: string;
  email: string;
  displayName: string;
}

interface ActivePair {
  id: string;
  mentor: Member;
  mentee: Member;
}

interface WireMeeting {
  id: string;
  start: string;
  end: string;
  status: string;
  myConfirmation: string | null;
  partnerConfirmation: string | null;
  myFeedback: { rating: number; comment: string | null } | null;
}

const TIME_ZONE = 'Europe/Berlin';

let server: TestServer;
let browser: Browser;
let pair: ActivePair;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchChromium();
  pair = await findActivePair();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The first active demo pair (by id). */
async function findActivePair(): Promise<ActivePair> {
  const row = await server.app.db.kysely
    .selectFrom('pairs as p')
    .innerJoin('users as mentor', 'mentor.id', 'p.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .where('p.status', '=', 'active')
    .select([
      'p.id as id',
      'mentor.id as mentorId',
      'mentor.email as mentorEmail',
      'mentor.displayName as mentorName',
      'mentee.id as menteeId',
      'mentee.email as menteeEmail',
      'mentee.displayName as menteeName',
    ])
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    mentor: { id: row.mentorId, email: row.mentorEmail, displayName: row.mentorName },
    mentee: { id: row.menteeId, email: row.menteeEmail, displayName: row.menteeName },
  };
}

/** A page signed in as `member` (a dev token issued at the server clock's "now"), in Berlin time. */
async function openAs(member: Member): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', timezoneId: TIME_ZONE });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/tab`);
  await signInAgain(page, member);
  return page;
}

async function signInAgain(page: Page, member: Member): Promise<void> {
  const token = await server.app.tokenFor(member.email);
  await page.evaluate(`sessionStorage.setItem('tandem.devToken', ${JSON.stringify(token)})`);
}

async function openPair(page: Page, partner: Member): Promise<void> {
  await page.goto(`${server.baseUrl}/tab/pairs/${pair.id}`);
  await page.getByRole('heading', { level: 1, name: `Mentoring with ${partner.displayName}` }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Check-ins' }).waitFor();
}

/** The row heading the UI shows for a check-in, formatted by the page itself (same locale and zone). */
async function rowHeading(page: Page, meeting: { start: string; end: string }): Promise<string> {
  const script = `(() => {
    const s = new Date(${JSON.stringify(meeting.start)}), e = new Date(${JSON.stringify(meeting.end)});
    const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(s);
    const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).formatRange(s, e);
    return day + ', ' + time;
  })()`;
  return (await page.evaluate(script)) as string;
}

async function apiGet<T>(member: Member, path: string): Promise<T> {
  const token = await server.app.tokenFor(member.email);
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const firstName = (name: string) => name.split(' ')[0] ?? name;

test('a member books a weekly series from a suggested time, then confirms the first one was held and rates it privately', async () => {
  const page = await openAs(pair.mentee);
  try {
    let sent: Record<string, unknown> | undefined;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/api/pairs/${pair.id}/meetings`)) {
        sent = request.postDataJSON() as Record<string, unknown>;
      }
    });
    await openPair(page, pair.mentor);

    // Book: weekly, four check-ins, from the first suggested time.
    await page.getByRole('button', { name: 'Book check-ins' }).click();
    const dialog = page.getByRole('dialog', { name: `Book check-ins with ${firstName(pair.mentor.displayName)}` });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'Weekly', exact: true }).check();
    await dialog.getByRole('spinbutton', { name: 'Number of check-ins' }).fill('4');
    await dialog.getByRole('button', { name: 'Find times' }).click();
    const slots = dialog.getByRole('group', { name: 'Suggested times' });
    await slots.waitFor();
    expect(await slots.getByRole('button').count()).toBeGreaterThan(0);
    await slots.getByRole('button').first().click();
    expect(await slots.getByRole('button').first().getAttribute('aria-pressed')).toBe('true');

    const booked = page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith(`/api/pairs/${pair.id}/meetings`),
    );
    await dialog.getByRole('button', { name: 'Book check-ins' }).click();
    const response = await booked;
    expect(response.status()).toBe(201);
    const booking = (await response.json()) as { seriesId: string; meetings: { id: string; start: string; end: string }[] };
    await dialog.waitFor({ state: 'detached' });

    // What the page sent: a wall-clock local start (no "Z", no offset) in the viewer's zone, and the recurrence.
    expect(sent).toBeDefined();
    expect(sent?.start).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/));
    expect(sent?.timeZone).toBe(TIME_ZONE);
    expect(sent?.recurrence).toEqual({ frequency: 'weekly', count: 4 });
    expect(sent?.durationMinutes).toBe(30);
    expect(booking.meetings).toHaveLength(4);

    // The new series is in Upcoming.
    const first = booking.meetings[0]!;
    const heading = await rowHeading(page, first);
    const upcoming = page.getByRole('list', { name: /^Upcoming/ });
    const row = upcoming.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 4, name: heading, exact: true }) });
    await row.waitFor();
    await row.getByText('Weekly check-ins', { exact: true }).waitFor();
    await row.getByText('Scheduled', { exact: true }).waitFor();

    // The server's clock moves past the end of the first one; a fresh sign-in, then the page again.
    const now = server.app.clock.now().getTime();
    server.app.clock.advance(Date.parse(first.end) - now + 5 * 60_000);
    await signInAgain(page, pair.mentee);
    await openPair(page, pair.mentor);

    const past = page.getByRole('list', { name: 'Past check-ins' });
    const held = past.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 4, name: heading, exact: true }) });
    await held.waitFor();
    await held.getByText('Not confirmed yet', { exact: true }).waitFor();
    await held.getByRole('group', { name: 'Did it happen?' }).getByRole('button', { name: 'Held' }).click();

    const rating = held.getByRole('form', { name: 'Rate this check-in' });
    await rating.waitFor();
    await rating.getByText(`They’re never shown to ${firstName(pair.mentor.displayName)}, and never to program admins.`, { exact: false }).waitFor();
    await rating.getByRole('radio', { name: /^4 –/ }).check();
    await rating.getByRole('button', { name: 'Save my rating' }).click();
    await held.getByText('Your private rating: 4 out of 5', { exact: false }).waitFor();
    await held.getByText('Held', { exact: true }).waitFor();

    // Through the API: mine carries my rating; my partner's view of the same check-in has none.
    const mine = await apiGet<{ meetings: WireMeeting[] }>(pair.mentee, `/api/pairs/${pair.id}/meetings?when=past`);
    const myMeeting = mine.meetings.find((m) => m.id === first.id);
    expect(myMeeting).toMatchObject({ status: 'held', myConfirmation: 'held', myFeedback: { rating: 4 } });

    const theirs = await apiGet<{ meetings: WireMeeting[] }>(pair.mentor, `/api/pairs/${pair.id}/meetings?when=all`);
    const theirMeeting = theirs.meetings.find((m) => m.id === first.id);
    expect(theirMeeting).toBeDefined();
    expect(theirMeeting).toMatchObject({ status: 'held', myConfirmation: null, partnerConfirmation: 'held', myFeedback: null });
    expect(JSON.stringify(theirMeeting)).not.toMatch(/"rating"|"comment"/);
  } finally {
    await page.context().close();
  }
});

test('a private note stays with the member who wrote it', async () => {
  const secret = `Ask about the promotion timeline — not ready to say this out loud yet (${Date.now()})`;
  const mentee = await openAs(pair.mentee);
  const mentor = await openAs(pair.mentor);
  try {
    await openPair(mentee, pair.mentor);
    const next = mentee.getByRole('article', { name: /^Next check-in/ });
    await next.getByRole('button', { name: 'Agenda and notes' }).click();
    const details = mentee.getByRole('dialog', { name: /^Check-in on / });
    await details.waitFor();
    const dialogTitle = (await details.getByRole('heading', { level: 2 }).first().textContent()) ?? '';
    await details.getByText(`Only you can see this — not ${firstName(pair.mentor.displayName)}, and not program admins.`).waitFor();
    const note = details.getByRole('textbox', { name: 'Private note' });
    await note.fill(secret);
    await details.getByRole('button', { name: 'Save private note' }).click();
    await details.getByText(/^Saved at /).waitFor();

    // The partner opens the same check-in: their private note is empty and the text is nowhere on the page.
    await openPair(mentor, pair.mentee);
    await mentor.getByRole('article', { name: /^Next check-in/ }).getByRole('button', { name: 'Agenda and notes' }).click();
    const theirs = mentor.getByRole('dialog', { name: /^Check-in on / });
    await theirs.waitFor();
    expect((await theirs.getByRole('heading', { level: 2 }).first().textContent()) ?? '').toBe(dialogTitle);
    const theirNote = theirs.getByRole('textbox', { name: 'Private note' });
    await theirNote.waitFor();
    expect(await theirNote.inputValue()).toBe('');
    expect(await mentor.getByText(secret, { exact: false }).count()).toBe(0);
    expect(await mentor.content()).not.toContain(secret.slice(0, 40));

    // The author still has it after a reload.
    await mentee.reload();
    await mentee.getByRole('heading', { level: 2, name: 'Check-ins' }).waitFor();
    await mentee.getByRole('article', { name: /^Next check-in/ }).getByRole('button', { name: 'Agenda and notes' }).click();
    const again = mentee.getByRole('textbox', { name: 'Private note' });
    await again.waitFor();
    await expectValue(again, secret);
  } finally {
    await mentee.context().close();
    await mentor.context().close();
  }
});

async function expectValue(locator: ReturnType<Page['getByRole']>, value: string): Promise<void> {
  const started = Date.now();
  while ((await locator.inputValue()) !== value) {
    if (Date.now() - started > 10_000) throw new Error(`Expected "${value}", found "${await locator.inputValue()}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('an overdue action item becomes a next step on Home that leads to its pair', async () => {
  const text = 'Send Zara the draft of the team talk';
  const today = server.app.clock.now().toISOString().slice(0, 10);
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const token = await server.app.tokenFor(pair.mentee.email);
  const created = await fetch(`${server.baseUrl}/api/pairs/${pair.id}/action-items`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text, ownerId: pair.mentee.id, dueOn: yesterday }),
  });
  expect(created.status).toBe(201);

  const page = await openAs(pair.mentee);
  try {
    await page.goto(`${server.baseUrl}/tab`);
    const steps = page.getByRole('region', { name: 'Next steps' });
    await steps.getByText(/Follow up on \d+ overdue action items?/).waitFor();
    await steps.getByRole('link', { name: /Open the (first )?pair/ }).first().click();
    await page.waitForURL(/\/tab\/pairs\//);
  } finally {
    await page.context().close();
  }
});
