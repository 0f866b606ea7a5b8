// Text people type is shown as text: a goal title, a check-in agenda, shared notes and an action item
// carrying <script> and <img onerror> payloads render literally in the tab, in the activity feed (the
// goal title reaches the partner's "goal completed" notification), and never reach the admin dashboard.
// Real server (temp SQLite, demo data, a test clock), built dist/web, Debian's Chromium.
// Run `npm run build:web` first. Page-side expressions are strings: this file is type-checked without the DOM library.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(150_000);

const PAYLOAD = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">`;
// A marker no page would show otherwise, to look for the text anywhere on a page.
const MARKER = 'Zx7-probe';
const GOAL_TITLE = `Lead ${MARKER} ${PAYLOAD}`;
const AGENDA = `Agenda ${MARKER} ${PAYLOAD}`;
const SHARED_NOTES = `Notes ${MARKER} ${PAYLOAD}`;
const ACTION = `Action ${MARKER} ${PAYLOAD}`;
// A weekday at noon UTC: no one's quiet hours hold the goal-completed notification back.
const NOW = '2026-06-10T12:00:00.000Z';

interface Member {
  id: string;
  email: string;
  displayName: string;
}

let server: TestServer;
let browser: Browser;
let pairId: string;
let mentor: Member;
let mentee: Member;
let admin: Member;

beforeAll(async () => {
  server = await startTestServer({ seed: true, now: NOW });
  browser = await launchChromium();
  const row = await server.app.db.kysely
    .selectFrom('pairs as p')
    .innerJoin('users as mentor', 'mentor.id', 'p.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .where('p.status', '=', 'active')
    .select(['p.id as id', 'mentor.id as mentorId', 'mentor.email as mentorEmail', 'mentor.displayName as mentorName', 'mentee.id as menteeId', 'mentee.email as menteeEmail', 'mentee.displayName as menteeName'])
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  pairId = row.id;
  mentor = { id: row.mentorId, email: row.mentorEmail, displayName: row.mentorName };
  mentee = { id: row.menteeId, email: row.menteeEmail, displayName: row.menteeName };
  const adminRow = await server.app.db.kysely.selectFrom('users').select(['id', 'email', 'displayName']).where('email', '=', 'morgan.lee@contoso.example').executeTakeFirstOrThrow();
  admin = adminRow;

  // The mentee writes the hostile text everywhere a pair member can, through the API.
  const goal = await api<{ id: string }>(mentee, 'POST', `/api/pairs/${pairId}/goals`, { title: GOAL_TITLE, skill: 'Leadership', mentorRole: 'Gives feedback' });
  await api(mentee, 'PATCH', `/api/goals/${goal.id}`, { status: 'done' });
  const booked = await api<{ meetings: { id: string }[] }>(mentee, 'POST', `/api/pairs/${pairId}/meetings`, {
    start: '2026-06-11T10:00:00',
    durationMinutes: 30,
    timeZone: 'Europe/Berlin',
    agenda: AGENDA,
  });
  await api(mentee, 'PATCH', `/api/meetings/${booked.meetings[0]!.id}`, { sharedNotes: SHARED_NOTES });
  await api(mentee, 'POST', `/api/pairs/${pairId}/action-items`, { text: ACTION, ownerId: mentor.id });
  await server.app.jobs.nudges();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function api<T = unknown>(member: Member, method: string, path: string, body?: object): Promise<T> {
  const token = await server.app.tokenFor(member.email);
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A page signed in as `member`, recording any dialog a payload might open. */
async function openAs(member: Member, path: string): Promise<{ page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${server.baseUrl}/tab`);
  const token = await server.app.tokenFor(member.email);
  await page.evaluate(`sessionStorage.setItem('tandem.devToken', ${JSON.stringify(token)})`);
  await page.goto(`${server.baseUrl}${path}`);
  return { page, dialogs };
}

/** Nothing ran and nothing was parsed as markup: no flag set, no injected image, no dialog. */
async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  expect(await page.evaluate(`document.querySelectorAll('img[src="x"], script:not([src])').length`)).toBe(0);
  expect(dialogs).toEqual([]);
}

test('a pair member sees the goal, the agenda, the shared notes and the action item as literal text', async () => {
  const { page, dialogs } = await openAs(mentor, `/tab/pairs/${pairId}`);
  try {
    await page.getByRole('heading', { level: 1, name: `Mentoring with ${mentee.displayName}` }).waitFor();
    for (const text of [GOAL_TITLE, AGENDA, ACTION]) await page.getByText(text, { exact: true }).first().waitFor();
    await expectInert(page, dialogs);

    await page.getByRole('article', { name: /^Next check-in/ }).getByRole('button', { name: 'Agenda and notes' }).click();
    const details = page.getByRole('dialog', { name: /^Check-in on / });
    await details.waitFor();
    await details.getByText(AGENDA, { exact: true }).first().waitFor();
    const notes = details.getByRole('textbox', { name: 'Notes for both of you' });
    expect(await notes.inputValue()).toBe(SHARED_NOTES);
    await expectInert(page, dialogs);
  } finally {
    await page.context().close();
  }
});

test('the goal title in the partner’s "goal completed" notification is literal text', async () => {
  const feed = await api<{ items: { kind: string; title: string; body: string }[] }>(mentor, 'GET', '/api/notifications');
  const completed = feed.items.find((item) => item.kind === 'goal-completed');
  expect(`${completed?.title} ${completed?.body}`).toContain(GOAL_TITLE);

  const { page, dialogs } = await openAs(mentor, '/tab');
  try {
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByText(GOAL_TITLE, { exact: false }).first().waitFor();
    await expectInert(page, dialogs);
  } finally {
    await page.context().close();
  }
});

test('the admin dashboard shows no goal text at all, so nothing hostile can run there', async () => {
  const { page, dialogs } = await openAs(admin, '/admin');
  try {
    await page.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();
    await page.getByText(/^Program health loaded/).waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    const html = await page.content();
    for (const text of [MARKER, '__xss', 'onerror']) expect(html).not.toContain(text);
    await expectInert(page, dialogs);
  } finally {
    await page.context().close();
  }
});
