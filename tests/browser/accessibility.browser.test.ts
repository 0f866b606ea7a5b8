// Every view of the tab and the dashboard, audited with axe-core in real Chromium against
// WCAG 2.1 A/AA, in the light and the dark theme. Run `npm run build:web` first.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(120_000);

let server: TestServer;
let browser: Browser;
const people: Record<'mentee' | 'mentor' | 'admin', string> = { mentee: '', mentor: '', admin: 'morgan.lee@contoso.example' };
let pairId = '';

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchChromium();
  const pair = await server.app.db.kysely
    .selectFrom('pairs')
    .innerJoin('users as mentor', 'mentor.id', 'pairs.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'pairs.menteeId')
    .innerJoin('programs', 'programs.id', 'pairs.programId')
    .select(['pairs.id', 'mentor.email as mentorEmail', 'mentee.email as menteeEmail'])
    .where('pairs.status', '=', 'active')
    .where('programs.matchingMode', '=', 'self')
    .orderBy('pairs.startedAt')
    .executeTakeFirstOrThrow();
  pairId = pair.id;
  people.mentee = pair.menteeEmail;
  people.mentor = pair.mentorEmail;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openAs(who: keyof typeof people | null, path: string, colorScheme: 'light' | 'dark', width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/tab`);
  if (who) {
    const token = await server.app.tokenFor(people[who]);
    await page.evaluate(`sessionStorage.setItem('tandem.devToken', ${JSON.stringify(token)})`);
    await page.goto(`${server.baseUrl}${path}`);
  }
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Let every section finish loading (nothing aria-busy). Polled through locators: the
  // page's CSP forbids the eval that page.waitForFunction would need.
  const started = Date.now();
  while ((await page.locator('[aria-busy="true"]').count()) > 0) {
    if (Date.now() - started > 15_000) throw new Error(`${path} was still loading after 15 s`);
    await page.waitForTimeout(100);
  }
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Fluent's focus manager (tabster) adds hidden focus sentinels marked data-tabster-dummy that
  // hand focus on at once; they are not content, so they are left out of the audit.
  const results = await new AxeBuilder({ page: page as never })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('[data-tabster-dummy]')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const views: [string, keyof typeof people | null, () => string][] = [
  ['the sign-in picker', null, () => '/tab'],
  ['Home', 'mentee', () => '/tab'],
  ['Find a mentor', 'mentee', () => '/tab/find'],
  ['Requests', 'mentor', () => '/tab/requests'],
  ['Profile', 'mentor', () => '/tab/profile'],
  ['the pair page', 'mentee', () => `/tab/pairs/${pairId}`],
  ['Program health', 'admin', () => '/admin'],
];

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (colorScheme) => {
  it.each(views)('%s has no serious or critical WCAG 2.1 AA violations', async (_name, who, path) => {
    const page = await openAs(who, path(), colorScheme);
    try {
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

describe('reflow (WCAG 1.4.10)', () => {
  it.each(views)('%s fits a 320 px wide screen without horizontal scrolling', async (_name, who, path) => {
    const page = await openAs(who, path(), 'light', 320);
    try {
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    } finally {
      await page.context().close();
    }
  });
});
