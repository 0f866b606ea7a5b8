// The pair page, end to end: both members fill in the working agreement in the UI, the second sees the
// difference marked and adopts the partner's answer; then a goal from the Public speaking template is
// worked through to done. Real server (temp SQLite, demo data), built dist/web, Debian's Chromium.
// Run `npm run build:web` first. Page-side expressions are strings: this file is type-checked without the DOM library.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(120_000);

interface Member {
  email: string;
  displayName: string;
}

interface FreshPair {
  id: string;
  mentor: Member;
  mentee: Member;
}

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

const firstName = (name: string) => name.split(' ')[0] ?? name;

/**
 * An active demo pair that hasn't agreed yet, with nobody's answers on file, so both members fill the
 * agreement in from scratch. The demo data usually has one; if not, the first not-yet-agreed pair has
 * its half-finished answers cleared (this database is the test's own).
 */
async function findUnagreedPair(): Promise<FreshPair> {
  const db = server.app.db.kysely;
  const candidates = db
    .selectFrom('pairs as p')
    .innerJoin('users as mentor', 'mentor.id', 'p.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .where('p.status', '=', 'active')
    .where('p.agreedAt', 'is', null)
    .select([
      'p.id as id',
      'mentor.email as mentorEmail',
      'mentor.displayName as mentorName',
      'mentee.email as menteeEmail',
      'mentee.displayName as menteeName',
    ])
    .orderBy('p.id');
  const row =
    (await candidates
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('agreements as a').whereRef('a.pairId', '=', 'p.id').select('a.pairId'))),
      )
      .executeTakeFirst()) ?? (await candidates.executeTakeFirst());
  if (!row) throw new Error('The demo data has no active pair that is still working out its agreement');
  await db.deleteFrom('agreements').where('pairId', '=', row.id).execute();
  return {
    id: row.id,
    mentor: { email: row.mentorEmail, displayName: row.mentorName },
    mentee: { email: row.menteeEmail, displayName: row.menteeName },
  };
}

/** Any active demo pair (the first by id). */
async function findActivePair(): Promise<FreshPair> {
  const row = await server.app.db.kysely
    .selectFrom('pairs as p')
    .innerJoin('users as mentor', 'mentor.id', 'p.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .where('p.status', '=', 'active')
    .select([
      'p.id as id',
      'mentor.email as mentorEmail',
      'mentor.displayName as mentorName',
      'mentee.email as menteeEmail',
      'mentee.displayName as menteeName',
    ])
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    mentor: { email: row.mentorEmail, displayName: row.mentorName },
    mentee: { email: row.menteeEmail, displayName: row.menteeName },
  };
}

async function openPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
  return context.newPage();
}

/** Signs in through the dev sign-in page's "any work email" form. */
async function signIn(page: Page, member: Member): Promise<void> {
  await page.goto(`${server.baseUrl}/tab`);
  await page.getByRole('heading', { level: 1, name: 'Sign in to Tandem' }).waitFor();
  await page.getByRole('textbox', { name: 'Work email' }).fill(member.email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('banner').getByText(member.displayName, { exact: true }).waitFor();
}

async function openPair(page: Page, pair: FreshPair, partner: Member): Promise<void> {
  await page.goto(`${server.baseUrl}/tab/pairs/${pair.id}`);
  await page.getByRole('heading', { level: 1, name: `Mentoring with ${partner.displayName}` }).waitFor();
}

const SHARED_ANSWERS = {
  'What does success look like?': 'Leading a cross-team meeting without notes by the end of the quarter.',
  'How do you like feedback?': 'Direct and specific, straight after the moment if possible.',
  'What are your boundaries?': 'No messages after 6 pm; personal topics only if I raise them.',
};

async function fillAgreement(page: Page, frequency: string, channel: string): Promise<void> {
  const form = page.getByRole('form', { name: 'My answers' });
  await form.waitFor();
  await form.getByRole('radio', { name: frequency, exact: true }).check();
  await form.getByRole('radio', { name: channel, exact: true }).check();
  for (const [label, text] of Object.entries(SHARED_ANSWERS)) {
    await form.getByLabel(label).fill(text);
  }
  await form.getByRole('button', { name: 'Save my answers' }).click();
  await form.waitFor({ state: 'detached' });
}

test('both members agree on how to work together, then a Public speaking goal is worked through to done', async () => {
  const pair = await findUnagreedPair();
  const menteePage = await openPage();
  const mentorPage = await openPage();
  try {
    // The mentee opens the pair from their home page and answers first.
    await signIn(menteePage, pair.mentee);
    await menteePage.locator(`a[href="/tab/pairs/${pair.id}"]`).first().click();
    await menteePage.getByRole('heading', { level: 1, name: `Mentoring with ${pair.mentor.displayName}` }).waitFor();
    await fillAgreement(menteePage, 'Weekly', 'Teams chat');
    await menteePage.getByText(`Waiting for ${firstName(pair.mentor.displayName)}`, { exact: true }).waitFor();

    // The mentor answers with a different rhythm and sees exactly that difference marked.
    await signIn(mentorPage, pair.mentor);
    await openPair(mentorPage, pair, pair.mentee);
    await mentorPage.getByText(`${firstName(pair.mentee.displayName)} has already answered`, { exact: false }).waitFor();
    await fillAgreement(mentorPage, 'Monthly', 'Teams chat');
    await mentorPage.getByText('You differ on 1 thing: frequency', { exact: true }).waitFor();

    const answers = mentorPage.getByRole('list', { name: 'Your answers and theirs' });
    const frequencyRow = answers.getByRole('listitem').filter({ has: mentorPage.getByRole('heading', { name: 'How often will you meet?' }) });
    await frequencyRow.getByText('Different', { exact: true }).waitFor();
    const channelRow = answers.getByRole('listitem').filter({ has: mentorPage.getByRole('heading', { name: 'How will you keep in touch?' }) });
    await channelRow.getByText('Same', { exact: true }).waitFor();
    expect(await answers.getByText('Different', { exact: true }).count()).toBe(1);

    // Adopting the mentee's answer settles it.
    await frequencyRow.getByRole('button', { name: /^Use their answer/ }).click();
    await mentorPage.getByText('You’re agreed', { exact: true }).waitFor();
    expect(await answers.getByText('Different', { exact: true }).count()).toBe(0);
    const stored = await server.app.db.kysely
      .selectFrom('pairs')
      .select(['agreedAt', 'agreedCadence'])
      .where('id', '=', pair.id)
      .executeTakeFirstOrThrow();
    expect(stored.agreedAt).not.toBeNull();
    expect(stored.agreedCadence).toBe('weekly');

    // The mentee, back on the page, sees the agreement too.
    await menteePage.reload();
    await menteePage.getByText('You’re agreed', { exact: true }).waitFor();

    // A goal from the Public speaking template: the template fills in the form.
    await menteePage.getByRole('button', { name: 'Add a goal' }).click();
    const dialog = menteePage.getByRole('dialog', { name: 'Add a goal' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: /^Public speaking/ }).check();
    const title = await dialog.getByRole('textbox', { name: /^Goal\b/ }).inputValue();
    expect(title.length).toBeGreaterThan(0);
    expect(await dialog.getByRole('textbox', { name: /^Skill\b/ }).inputValue()).toBe('Public speaking');
    const stepCount = await dialog.getByRole('textbox', { name: /^Step \d+$/ }).count();
    expect(stepCount).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Add goal' }).click();
    await dialog.waitFor({ state: 'detached' });

    const goal = menteePage.getByRole('article', { name: title });
    await goal.waitFor();
    const steps = goal.getByRole('checkbox');
    expect(await steps.count()).toBe(stepCount);
    for (let i = 0; i < stepCount; i += 1) {
      await steps.nth(i).check();
    }
    await goal.getByText(`${stepCount} of ${stepCount} steps done`, { exact: false }).waitFor();

    await goal.getByRole('button', { name: 'Mark goal as done' }).click();
    await menteePage.getByRole('heading', { name: `Goal reached: ${title}` }).waitFor();
    await goal.getByText('Done', { exact: true }).first().waitFor();

    const saved = await server.app.db.kysely
      .selectFrom('goals')
      .select(['status', 'progress', 'templateKey'])
      .where('pairId', '=', pair.id)
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ status: 'done', progress: 100, templateKey: 'public-speaking' });
    const stepsDone = await server.app.db.kysely
      .selectFrom('goalSteps')
      .innerJoin('goals', 'goals.id', 'goalSteps.goalId')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('goals.pairId', '=', pair.id)
      .where('goals.title', '=', title)
      .where('goalSteps.doneAt', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(stepsDone.n)).toBe(stepCount);
  } finally {
    await menteePage.context().close();
    await mentorPage.context().close();
  }
});

test('a pair the viewer is not in is simply not available', async () => {
  const pair = await findActivePair();
  const db = server.app.db.kysely;
  const members = await db.selectFrom('pairs').select(['mentorId', 'menteeId']).where('id', '=', pair.id).executeTakeFirstOrThrow();
  // Someone else entirely: not in the pair, and not a program admin (admins get a counts-only view instead).
  const outsider = await db
    .selectFrom('users')
    .select(['email', 'displayName'])
    .where('id', 'not in', [members.mentorId, members.menteeId])
    .where('email', 'not in', server.app.config.adminEmails)
    .orderBy('email')
    .executeTakeFirstOrThrow();
  const page = await openPage();
  try {
    await signIn(page, outsider);
    await page.goto(`${server.baseUrl}/tab/pairs/${pair.id}`);
    await page.getByRole('heading', { level: 1, name: 'This pair isn’t available' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Go to My mentoring' }).waitFor();
  } finally {
    await page.context().close();
  }
});

test('the pair page fits a 320 px wide screen', async () => {
  const pair = await findActivePair();
  const page = await openPage(320);
  try {
    await signIn(page, pair.mentee);
    await openPair(page, pair, pair.mentor);
    await page.getByRole('heading', { level: 2, name: 'Skill development plan' }).waitFor();
    await page.getByRole('list', { name: 'Goals' }).or(page.getByText('No goals yet')).first().waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Introductions' }).click();
    await page.waitForFunction(`document.activeElement && document.activeElement.id === 'introductions-heading'`);
  } finally {
    await page.context().close();
  }
});
