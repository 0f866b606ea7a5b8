// The request journey in a real browser: a new employee enrols as a mentee through Profile, finds a
// mentor on Find a mentor and sends a written request; the mentor answers it under Requests and lands
// on the new pair's page; both people then see the pair on Home.
// Real server (temp SQLite, dev auth, demo data) serving the built dist/web — run `npm run build:web` first.
// Page-side expressions are passed as strings: this file is type-checked without the DOM library.
import type { Browser, Page } from 'playwright-core';
import { escapeRegExp, launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(120_000);

const MENTEE = { email: 'robin.castellano@contoso.example', displayName: 'Robin Castellano' };
const PROGRAM = 'Grow Together: Career Mentoring';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

/** Signs in through the dev page's "any work email" form and waits for Home. */
async function signInWithEmail(page: Page, email: string, displayName?: string): Promise<void> {
  await page.goto(`${server.baseUrl}/tab`);
  await page.getByRole('heading', { level: 1, name: 'Sign in to Tandem' }).waitFor();
  await page.getByRole('textbox', { name: 'Work email' }).fill(email);
  if (displayName) await page.getByRole('textbox', { name: 'Display name' }).fill(displayName);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
}

async function goTo(page: Page, view: RegExp, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function emailOf(displayName: string): Promise<string> {
  const row = await server.app.db.kysely
    .selectFrom('users')
    .select('email')
    .where('displayName', '=', displayName)
    .executeTakeFirstOrThrow();
  return row.email;
}

test('a new mentee enrols, asks a suggested mentor, and the mentor accepts into a new pair', async () => {
  const mentee = await openPage();
  const mentor = await openPage();
  try {
    // 1. A newcomer enrols as a mentee through Profile (which also proves enrolment works).
    await signInWithEmail(mentee, MENTEE.email, MENTEE.displayName);
    await mentee.getByRole('heading', { level: 3, name: `Enrol in ${PROGRAM}` }).waitFor();
    await goTo(mentee, /^Profile$/, 'Profile');
    await mentee.getByRole('heading', { level: 2, name: PROGRAM }).waitFor();
    await mentee.getByRole('radio', { name: /Mentee/ }).check();
    const skills = mentee.getByRole('combobox', { name: /Skills you want to build/ });
    await skills.click();
    await skills.fill('Project management');
    await mentee.keyboard.press('Enter');
    await skills.fill('Storytelling for engineers');
    await mentee.keyboard.press('Enter');
    await mentee.keyboard.press('Escape');
    await mentee.getByRole('textbox', { name: /What you’d like to achieve/ }).fill('Run my first project kick-off with confidence.');
    await mentee.getByRole('button', { name: 'Enrol as a mentee' }).click();
    await mentee.getByText('You’re in!').waitFor();
    await mentee.getByText('Enrolled as mentee', { exact: true }).first().waitFor();

    // 2. Find a mentor: the suggestions come as cards with a score meter and reasons.
    await goTo(mentee, /^Find a mentor$/, 'Find a mentor');
    const suggestions = mentee.getByRole('list', { name: `Suggested mentors in ${PROGRAM}` });
    const firstCard = suggestions.getByRole('listitem').first();
    await firstCard.waitFor();
    await firstCard.getByRole('meter').waitFor();
    const mentorName = (await firstCard.getByRole('heading', { level: 3 }).textContent())?.trim() ?? '';
    expect(mentorName).not.toBe('');
    const mentorFirst = mentorName.split(' ')[0] ?? mentorName;

    // 3. The request dialog: too short is refused in place, then a written message is sent.
    await firstCard.getByRole('button', { name: `Ask ${mentorFirst} to mentor you` }).click();
    const dialog = mentee.getByRole('dialog', { name: `Ask ${mentorFirst} to be your mentor` });
    await dialog.waitFor();
    const message = dialog.getByRole('textbox', { name: new RegExp(`Your message to ${escapeRegExp(mentorFirst)}`) });
    await message.fill('Hello!');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await dialog.getByText(/Write at least 20 characters/).waitFor();
    const written =
      `Hi ${mentorFirst}, I’m about to run my first project kick-off and your experience with teams would help me a lot. ` +
      'Could we meet for half an hour every two weeks? I’ll fit around your calendar.';
    await message.fill(written);
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await dialog.waitFor({ state: 'detached' });
    await firstCard.getByText('Request sent', { exact: true }).waitFor();

    // 4. The mentor sees it under Requests (with the message), accepts, and lands on the pair page.
    await signInWithEmail(mentor, await emailOf(mentorName));
    await mentor.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Requests \(\d+ waiting for your answer\)$/ }).waitFor();
    await goTo(mentor, /^Requests/, 'Requests');
    const waiting = mentor.getByRole('list', { name: 'Waiting for your answer' });
    const request = waiting.getByRole('listitem').filter({ hasText: MENTEE.displayName });
    await request.waitFor();
    await request.getByText(written).waitFor();
    await request.getByRole('button', { name: `Accept ${MENTEE.displayName.split(' ')[0]}` }).click();
    await mentor.waitForURL(/\/tab\/pairs\/[^/]+$/);
    const pairPath = new URL(mentor.url()).pathname;
    expect(pairPath).toMatch(/^\/tab\/pairs\/[^/]+$/);

    // 5. The new pair is on both people's Home.
    await goTo(mentor, /^Home$/, 'My mentoring');
    const mentorPair = mentor.getByRole('list', { name: 'My pairs' }).getByRole('link', { name: MENTEE.displayName, exact: true });
    await mentorPair.waitFor();
    expect(await mentorPair.getAttribute('href')).toBe(pairPath);

    await mentee.reload();
    await mentee.getByRole('heading', { level: 1, name: 'Find a mentor' }).waitFor();
    await goTo(mentee, /^Home$/, 'My mentoring');
    const menteePair = mentee
      .getByRole('list', { name: 'My pairs' })
      .getByRole('link', { name: mentorName, exact: true });
    await menteePair.waitFor();
    expect(await menteePair.getAttribute('href')).toBe(pairPath);
    // Home now suggests settling expectations with the new mentor.
    await mentee.getByRole('heading', { level: 3, name: `Agree on expectations with ${mentorFirst}` }).waitFor();
  } finally {
    await mentee.context().close();
    await mentor.context().close();
  }
});
