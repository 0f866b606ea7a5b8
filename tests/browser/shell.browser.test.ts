// Browser tests for the web shell: the real server (temp SQLite, dev auth, demo data) serving the
// built dist/web, driven through Debian's Chromium. Run `npm run build:web` first.
// Page-side expressions are passed as strings: this file is type-checked without the DOM library.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { type DevUser, demoUsers, escapeRegExp, launchChromium } from '../support/browser';
import { startTestServer } from '../support/server';

jest.setTimeout(60_000);

let server: { baseUrl: string; close(): Promise<void> };
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

async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  return context.newPage();
}

async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/** Opens /tab, picks `user` in the "Sign in as" picker and waits for My mentoring to load. */
async function signIn(page: Page, user: DevUser): Promise<void> {
  await page.goto(`${server.baseUrl}/tab`);
  await page.getByRole('heading', { level: 1, name: 'Sign in to Tandem' }).waitFor();
  await page.getByRole('button', { name: new RegExp(`^${escapeRegExp(user.displayName)}\\b`) }).click();
  await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
  await page.getByRole('banner').getByText(user.displayName, { exact: true }).waitFor();
}

/** The page's background colour luminance (0 = black, 1 = white). */
async function backgroundLuminance(page: Page): Promise<number> {
  const color = (await page.evaluate('getComputedStyle(document.body).backgroundColor')) as string;
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  if (r === undefined || g === undefined || b === undefined) throw new Error(`Unexpected colour ${color}`);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

test('opening /tab shows the sign-in picker; a demo mentee sees their name and a pair', async () => {
  const page = await openPage();
  try {
    await page.goto(`${server.baseUrl}/tab`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Tandem' }).waitFor();
    await page.getByRole('group', { name: 'Mentees' }).waitFor();

    const mentee = demoUser('mentee');
    await signIn(page, mentee);

    const pairs = page.getByRole('list', { name: 'My pairs' });
    await pairs.getByRole('listitem').first().waitFor();
    expect(await pairs.getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: 'Switch user' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('tandem.devToken')")).toBeTruthy();
  } finally {
    await closePage(page);
  }
});

test('the demo admin sees the program health table with two programs', async () => {
  const page = await openPage();
  try {
    await signIn(page, demoUser('admin'));
    await page.getByRole('navigation').getByRole('link', { name: 'Program health' }).click();
    await page.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');

    const table = page.getByRole('table', { name: /programs/i });
    await table.waitFor();
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(3); // header row + two programs
    await table.getByRole('columnheader', { name: 'Mentors' }).waitFor();
  } finally {
    await closePage(page);
  }
});

test('a non-admin opening /admin gets a polite explanation and a way back', async () => {
  const page = await openPage();
  try {
    await signIn(page, demoUser('mentee'));
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();

    await page.getByText(/Program health is for program admins \(L&D managers\)/).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'My mentoring' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Program health' }).count()).toBe(0);
  } finally {
    await closePage(page);
  }
});

test('a 320 px wide viewport has no horizontal scroll on /tab', async () => {
  const page = await openPage({ viewport: { width: 320, height: 720 } });
  const fitsWidth = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  try {
    await page.goto(`${server.baseUrl}/tab`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Tandem' }).waitFor();
    expect(await fitsWidth()).toBe(true);

    await signIn(page, demoUser('mentee'));
    await page.getByRole('list', { name: 'My pairs' }).waitFor();
    await page.getByRole('list', { name: 'Programs' }).waitFor();
    expect(await fitsWidth()).toBe(true);
  } finally {
    await closePage(page);
  }
});

test('a dark colour scheme gives a dark background (and light a light one)', async () => {
  const dark = await openPage({ colorScheme: 'dark' });
  const light = await openPage({ colorScheme: 'light' });
  try {
    await signIn(dark, demoUser('mentee'));
    expect(await backgroundLuminance(dark)).toBeLessThan(0.25);

    await light.goto(`${server.baseUrl}/tab`);
    await light.getByRole('heading', { level: 1, name: 'Sign in to Tandem' }).waitFor();
    expect(await backgroundLuminance(light)).toBeGreaterThan(0.75);
  } finally {
    await closePage(dark);
    await closePage(light);
  }
});

test('/ redirects to /tab and unknown views show a friendly not-found page', async () => {
  const page = await openPage();
  try {
    await signIn(page, demoUser('mentee'));
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tab');

    // The server answers /tab/* with the app, so the app decides what is not found.
    await page.goto(`${server.baseUrl}/tab/no-such-view`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Go to My mentoring' }).click();
    await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tab');
  } finally {
    await closePage(page);
  }
});
