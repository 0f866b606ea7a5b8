// Program administration in a real browser: the demo L&D admin creates a program through the dialog
// (a first try with the end before the start is stopped at the field), finds it in the table, renames
// it, curates the skills list; a demo mentee then sees the new program on Home and Profile. People who
// aren't admins never get the tools.
// Real server (temp SQLite, dev auth, demo data) serving the built dist/web — run `npm run build:web` first.
// Page-side expressions are passed as strings: this file is type-checked without the DOM library.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { type DevUser, demoUsers, escapeRegExp, launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(120_000);

let server: TestServer;
let browser: Browser;
let users: Awaited<ReturnType<typeof demoUsers>>;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchChromium();
  users = await demoUsers(server.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function demoUser(persona: DevUser['persona']): DevUser {
  return users.first(persona);
}

/** A calendar date `days` from today (UTC), as the date inputs take it. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  return context.newPage();
}

async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

async function signIn(page: Page, user: DevUser): Promise<void> {
  await page.goto(`${server.baseUrl}/tab`);
  await page.getByRole('heading', { level: 1, name: 'Sign in to Tandem' }).waitFor();
  await page.getByRole('button', { name: new RegExp(`^${escapeRegExp(user.displayName)}\\b`) }).click();
  await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
}

async function openProgramHealth(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Program health' }).click();
  await page.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();
  await page.getByRole('table', { name: /programs/i }).waitFor();
}

/** Polls a page-side expression until it is truthy (waitForFunction would need eval, which the app's CSP forbids). */
async function until(page: Page, expression: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${expression}`);
    await page.waitForTimeout(50);
  }
}

/** Waits until the app's polite live region says something matching `pattern`. */
async function announced(page: Page, pattern: RegExp): Promise<void> {
  await until(
    page,
    `new RegExp(${JSON.stringify(pattern.source)}).test(document.querySelector('[role="status"][aria-live="polite"]')?.textContent ?? '')`,
  );
}

/** A short description of the focused element: its id, aria-label and text. */
function focused(page: Page): Promise<{ id: string; label: string | null; text: string; invalid: string | null; describedBy: string | null }> {
  return page.evaluate(
    `(() => { const e = document.activeElement; return e ? { id: e.id, label: e.getAttribute('aria-label'), text: (e.textContent || '').slice(0, 200), invalid: e.getAttribute('aria-invalid'), describedBy: e.getAttribute('aria-describedby') } : null; })()`,
  );
}

/** The text of the elements an element's aria-describedby points at. */
function describedText(page: Page, describedBy: string | null): Promise<string> {
  return page.evaluate(
    `(${JSON.stringify(describedBy ?? '')}).split(' ').filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' ')`,
  );
}

test('the demo admin creates a program, renames it and adds a skill; a mentee then sees the program', async () => {
  const admin = await openPage();
  const NAME = 'Returners Mentoring Circle';
  const RENAMED = 'Returners Circle';
  const startsOn = dayFromToday(30);
  try {
    await signIn(admin, demoUser('admin'));
    await openProgramHealth(admin);
    const table = admin.getByRole('table', { name: /programs/i });
    expect(await table.getByRole('row').count()).toBe(3); // header + the two demo programs

    // 1. The dialog: labelled, focus inside it, and a first try with the end before the start.
    await admin.getByRole('button', { name: 'New program' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New program' });
    await dialog.waitFor();
    expect((await focused(admin)).id).toBe(await dialog.getByRole('textbox', { name: 'Name' }).getAttribute('id'));

    await dialog.getByRole('textbox', { name: 'Name' }).fill(NAME);
    await dialog
      .getByRole('textbox', { name: 'Description' })
      .fill('For colleagues coming back after a long leave: a mentor who helps you find your feet again.');
    await dialog.getByRole('combobox', { name: 'Kind of program' }).selectOption('erg');
    await dialog.getByRole('textbox', { name: 'Starts on' }).fill(startsOn);
    await dialog.getByRole('textbox', { name: 'Ends on' }).fill(dayFromToday(20));
    await dialog.getByRole('textbox', { name: 'Enrolment opens' }).fill(dayFromToday(-1));
    await dialog.getByRole('textbox', { name: 'Enrolment closes' }).fill(dayFromToday(28));
    await dialog.getByRole('combobox', { name: 'Default meeting rhythm' }).selectOption('monthly');
    await dialog.getByRole('radio', { name: /^Mentees request mentors/ }).check();
    await dialog.getByRole('spinbutton', { name: 'Open requests per mentee' }).fill('2');

    let posts = 0;
    admin.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/programs') posts += 1;
    });
    await dialog.getByRole('button', { name: 'Create program' }).click();
    await dialog.getByText(/can’t end before it starts/).waitFor();
    const endsOn = dialog.getByRole('textbox', { name: 'Ends on' });
    expect(await endsOn.getAttribute('aria-invalid')).toBe('true');
    const onEnd = await focused(admin);
    expect(onEnd.id).toBe(await endsOn.getAttribute('id'));
    expect(await describedText(admin, onEnd.describedBy)).toMatch(/can’t end before it starts/);
    expect(posts).toBe(0); // stopped before it reached the server
    await announced(admin, /Check the end date before saving/);

    // 2. Fixed, it saves; the table refreshes and the new row is announced and focused.
    await endsOn.fill(dayFromToday(210));
    expect(await dialog.getByText(/can’t end before it starts/).count()).toBe(0);
    const [created] = await Promise.all([
      admin.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/programs'),
      dialog.getByRole('button', { name: 'Create program' }).click(),
    ]);
    expect(created.postDataJSON()).toMatchObject({
      name: NAME,
      kind: 'erg',
      startsOn,
      defaultCadence: 'monthly',
      matchingMode: 'self',
      maxOpenRequestsPerMentee: 2,
    });
    await dialog.waitFor({ state: 'detached' });
    const row = table.getByRole('row').filter({ hasText: NAME });
    await row.waitFor();
    expect(await table.getByRole('row').count()).toBe(4);
    await announced(admin, new RegExp(`Created “${escapeRegExp(NAME)}”`));
    await until(admin, `document.activeElement?.tagName === 'TR' && document.activeElement.textContent.includes(${JSON.stringify(NAME)})`);
    await row.getByText('New', { exact: true }).waitFor();
    await row.getByText(/Open until/).waitFor();

    // 3. Edit: the same form, filled in; only the changed field is sent.
    await row.getByRole('button', { name: `Edit ${NAME}` }).click();
    const edit = admin.getByRole('dialog', { name: 'Edit program' });
    await edit.waitFor();
    expect(await edit.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(NAME);
    expect(await edit.getByRole('textbox', { name: 'Starts on' }).inputValue()).toBe(startsOn);
    expect(await edit.getByRole('combobox', { name: 'Kind of program' }).inputValue()).toBe('erg');
    expect(await edit.getByRole('spinbutton', { name: 'Open requests per mentee' }).inputValue()).toBe('2');
    await edit.getByRole('textbox', { name: 'Name' }).fill(RENAMED);
    const [patch] = await Promise.all([
      admin.waitForRequest((r) => r.method() === 'PATCH' && new URL(r.url()).pathname.startsWith('/api/programs/')),
      edit.getByRole('button', { name: 'Save changes' }).click(),
    ]);
    expect(patch.postDataJSON()).toEqual({ name: RENAMED });
    await edit.waitFor({ state: 'detached' });
    await table.getByRole('row').filter({ hasText: RENAMED }).waitFor();
    await announced(admin, new RegExp(`Saved the changes to “${escapeRegExp(RENAMED)}”`));
    await until(admin, `document.activeElement?.getAttribute('aria-label') === ${JSON.stringify(`Edit ${RENAMED}`)}`);

    // 4. Skills: an existing label (any case) is refused at the field; a new one joins the list.
    const skills = admin.getByRole('region', { name: 'Skills', exact: true });
    await admin.getByRole('heading', { level: 2, name: 'Skills and values' }).scrollIntoViewIfNeeded();
    await admin.getByText(/added automatically/).waitFor();
    const addSkill = skills.getByRole('textbox', { name: 'Add a skill' });
    await addSkill.fill('public SPEAKING');
    await skills.getByRole('button', { name: 'Add skill' }).click();
    await skills.getByText(/“Public speaking” already exists/).waitFor();
    expect(await addSkill.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(admin, await addSkill.getAttribute('aria-describedby'))).toMatch(/already exists/);

    await addSkill.fill('Returning from leave');
    await skills.getByRole('button', { name: 'Add skill' }).click();
    await skills.getByRole('listitem').filter({ hasText: 'Returning from leave' }).waitFor();
    await announced(admin, /Added the skill “Returning from leave”/);
    expect(await addSkill.inputValue()).toBe('');
    const taxonomy = (await admin.evaluate(
      `fetch('/api/taxonomy', { headers: { Authorization: 'Bearer ' + sessionStorage.getItem('tandem.devToken') } }).then((r) => r.json())`,
    )) as { skills: { label: string }[] };
    expect(taxonomy.skills.map((t) => t.label)).toContain('Returning from leave');
  } finally {
    await closePage(admin);
  }

  // 5. A mentee sees the new program, under its new name, on Home and on Profile.
  const mentee = await openPage();
  try {
    await signIn(mentee, demoUser('mentee'));
    const programs = mentee.getByRole('list', { name: 'Programs' });
    await programs.getByRole('heading', { level: 3, name: RENAMED }).waitFor();
    await programs.getByRole('link', { name: `Enrol: ${RENAMED}` }).waitFor();

    await mentee.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Profile$/ }).click();
    await mentee.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    await mentee.getByRole('navigation', { name: 'Programs' }).getByRole('link', { name: new RegExp(escapeRegExp(RENAMED)) }).waitFor();
  } finally {
    await closePage(mentee);
  }
});

test('rules only the server knows come back at their fields', async () => {
  const page = await openPage();
  try {
    await signIn(page, demoUser('admin'));
    await openProgramHealth(page);
    // Stand in for a server-side rule the form doesn't check itself: the API answers with problem+json errors[].
    await page.route('**/api/programs', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'urn:tandem:problem:validation',
          title: 'Your request has invalid fields',
          status: 400,
          detail: 'Check these fields: name, enrollmentClosesOn.',
          errors: [
            { field: 'name', message: 'A program with this name already exists' },
            { field: 'enrollmentClosesOn', message: 'Must be on or before the end date (31 January 2030)' },
          ],
        }),
      });
    });
    await page.getByRole('button', { name: 'New program' }).click();
    const dialog = page.getByRole('dialog', { name: 'New program' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Grow Together: Career Mentoring');
    await dialog.getByRole('button', { name: 'Create program' }).click();

    await dialog.getByText('A program with this name already exists').waitFor();
    const name = dialog.getByRole('textbox', { name: 'Name' });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, await name.getAttribute('aria-describedby'))).toMatch(/already exists/);
    // The server words its messages for people; the form shows them at the field as they are.
    const closes = dialog.getByRole('textbox', { name: 'Enrolment closes' });
    expect(await describedText(page, await closes.getAttribute('aria-describedby'))).toBe('Must be on or before the end date (31 January 2030)');
    expect((await focused(page)).id).toBe(await name.getAttribute('id'));
    await dialog.getByText(/check the highlighted fields/).waitFor();

    // Changing a field clears its message; Cancel closes and gives focus back to the button.
    await name.fill('Another name');
    expect(await name.getAttribute('aria-invalid')).not.toBe('true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await until(page, `document.activeElement?.textContent === 'New program'`);
  } finally {
    await closePage(page);
  }
});

test('at 320 px the admin page and the program dialog fit without sideways scrolling', async () => {
  const page = await openPage({ viewport: { width: 320, height: 720 } });
  const fitsWidth = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  try {
    await signIn(page, demoUser('admin'));
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByRole('heading', { level: 2, name: 'Skills and values' }).waitFor();
    await page.getByRole('list', { name: 'Skills' }).waitFor();
    expect(await fitsWidth()).toBe(true);
    await page.getByRole('button', { name: 'New program' }).click();
    const dialog = page.getByRole('dialog', { name: 'New program' });
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 320).toBe(true);
    expect(await fitsWidth()).toBe(true);
  } finally {
    await closePage(page);
  }
});

test('people who are not admins get the polite notice and no program tools', async () => {
  const page = await openPage();
  try {
    await signIn(page, demoUser('mentee'));
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();
    await page.getByText(/Program health is for program admins \(L&D managers\)/).waitFor();
    expect(await page.getByRole('button', { name: 'New program' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Skills and values' }).count()).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);
  } finally {
    await closePage(page);
  }
});
