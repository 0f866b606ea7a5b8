// Outlook sync in the tab (docs/outlook-sync.md): how a series' calendar state reads on the pair page
// for the organiser and for their partner — synced with a Teams join link, failed with the reason and
// "Retry now", waiting for the organiser — and the consent pop-up page on a server without Outlook.
// Real server (temp SQLite, demo data, dev sign-in, Graph off), built dist/web, Debian's Chromium; the
// calendar states are written straight into the test database. Run `npm run build:web` first.
// Page-side expressions are strings: this file is type-checked without the DOM library.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(150_000);

interface Member {
  id: string;
  email: string;
  displayName: string;
}

interface Fixture {
  pairId: string;
  seriesId: string;
  organiser: Member;
  partner: Member;
}

type CalendarColumns = {
  calendarStatus: 'synced' | 'pending' | 'not-connected' | 'failed';
  calendarProblem: 'consent-required' | 'awaiting-organizer' | 'throttled' | 'unreachable' | 'rejected' | 'missing-in-outlook' | null;
  joinUrl: string | null;
  lastSyncError: string | null;
  nextSyncAt: string | null;
};

const TIME_ZONE = 'Europe/Berlin';
const JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_TandemTest%40thread.v2/0?context=%7b%22Tid%22%3a%22tenant%22%7d';
const REJECTED = 'Outlook turned the request down because the organiser’s mailbox is full.';

let server: TestServer;
let browser: Browser;
let fixture: Fixture;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchChromium();
  fixture = await findUpcomingSeries();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The first active demo pair (by id) and the series of its next check-in. */
async function findUpcomingSeries(): Promise<Fixture> {
  const now = server.app.clock.now().toISOString();
  const row = await server.app.db.kysely
    .selectFrom('meetings as m')
    .innerJoin('meetingSeries as s', 's.id', 'm.seriesId')
    .innerJoin('pairs as p', 'p.id', 'm.pairId')
    .innerJoin('users as mentor', 'mentor.id', 'p.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .where('p.status', '=', 'active')
    .where('m.status', '=', 'scheduled')
    .where('m.endAt', '>', now)
    .where('s.cancelledAt', 'is', null)
    .select([
      'p.id as pairId',
      's.id as seriesId',
      's.organizerId as organizerId',
      'mentor.id as mentorId',
      'mentor.email as mentorEmail',
      'mentor.displayName as mentorName',
      'mentee.id as menteeId',
      'mentee.email as menteeEmail',
      'mentee.displayName as menteeName',
    ])
    .orderBy('p.id')
    .orderBy('m.startAt')
    .executeTakeFirstOrThrow();
  const mentor = { id: row.mentorId, email: row.mentorEmail, displayName: row.mentorName };
  const mentee = { id: row.menteeId, email: row.menteeEmail, displayName: row.menteeName };
  const organiserIsMentor = row.organizerId === mentor.id;
  return {
    pairId: row.pairId,
    seriesId: row.seriesId,
    organiser: organiserIsMentor ? mentor : mentee,
    partner: organiserIsMentor ? mentee : mentor,
  };
}

/** Puts the series in a calendar state, as the sync engine would have left it. */
async function setCalendar(columns: Partial<CalendarColumns>): Promise<void> {
  const values: CalendarColumns = {
    calendarStatus: 'not-connected',
    calendarProblem: null,
    joinUrl: null,
    lastSyncError: null,
    nextSyncAt: null,
    ...columns,
  };
  await server.app.db.kysely.updateTable('meetingSeries').set(values).where('id', '=', fixture.seriesId).execute();
}

const firstName = (name: string) => name.split(' ')[0] ?? name;

async function newPage(colorScheme: 'light' | 'dark' = 'light', width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce', timezoneId: TIME_ZONE, colorScheme });
  return context.newPage();
}

/** The pair page, signed in as `member`, once every section has loaded. */
async function openPairAs(member: Member, options: { colorScheme?: 'light' | 'dark'; width?: number; canSync?: boolean } = {}): Promise<Page> {
  const page = await newPage(options.colorScheme, options.width);
  if (options.canSync) await pretendOutlookSyncIsOn(page);
  await page.goto(`${server.baseUrl}/tab`);
  const token = await server.app.tokenFor(member.email);
  await page.evaluate(`sessionStorage.setItem('tandem.devToken', ${JSON.stringify(token)})`);
  await page.goto(`${server.baseUrl}/tab/pairs/${fixture.pairId}`);
  const partner = member.id === fixture.organiser.id ? fixture.partner : fixture.organiser;
  await page.getByRole('heading', { level: 1, name: `Mentoring with ${partner.displayName}` }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Check-ins' }).waitFor();
  await settled(page);
  return page;
}

/**
 * This server runs without Outlook, so the API rightly answers `canSync: false` to everyone. To see
 * the organiser's buttons, the page is shown `canSync: true` for the series; pressing one still goes
 * to the real server, which answers 409 ("Outlook sync is not set up").
 */
async function pretendOutlookSyncIsOn(page: Page): Promise<void> {
  await page.route(
    (url) => url.pathname === `/api/pairs/${fixture.pairId}/meetings` && url.searchParams.has('when'),
    async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const body = (await response.json()) as { series: { id: string; calendar: { canSync: boolean } }[] };
      for (const series of body.series) if (series.id === fixture.seriesId) series.calendar.canSync = true;
      return route.fulfill({ response, json: body });
    },
  );
}

/** Nothing aria-busy (polled through locators: the page's CSP forbids waitForFunction's eval). */
async function settled(page: Page): Promise<void> {
  const started = Date.now();
  while ((await page.locator('[aria-busy="true"]').count()) > 0) {
    if (Date.now() - started > 15_000) throw new Error('The page was still loading after 15 s');
    await page.waitForTimeout(100);
  }
}

const nextCheckin = (page: Page) => page.getByRole('article', { name: /^Next check-in/ });

/** The app's polite live region (one per page). */
const liveRegion = (page: Page) => page.locator('[role="status"][aria-live="polite"][aria-atomic="true"]');

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  const started = Date.now();
  let text = '';
  while (!pattern.test((text = (await locator.textContent()) ?? ''))) {
    if (Date.now() - started > 10_000) throw new Error(`Expected ${pattern}, found "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('[data-tabster-dummy]')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('a series in Outlook', () => {
  test('synced: the organiser sees it in their calendar with a working "Join in Teams" link; the partner sees whose calendar', async () => {
    await setCalendar({ calendarStatus: 'synced', joinUrl: JOIN_URL });

    const page = await openPairAs(fixture.organiser);
    try {
      const card = nextCheckin(page);
      await card.getByText('In your Outlook calendar', { exact: true }).waitFor();
      const join = card.getByRole('link', { name: 'Join in Teams' });
      expect(await join.getAttribute('href')).toBe(JOIN_URL);
      expect(await join.getAttribute('target')).toBe('_blank');
      // Nothing to retry, and no .ics download that would put the series in Outlook twice.
      expect(await card.getByRole('button', { name: /Retry now|Update Outlook|Connect Outlook|Add to Outlook|Add to calendar/ }).count()).toBe(0);

      // The link opens the meeting (Teams itself is not reachable from here: answered locally).
      await page.context().route('https://teams.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Teams</title>' }));
      const [opened] = await Promise.all([page.context().waitForEvent('page'), join.click()]);
      await opened.waitForLoadState();
      expect(opened.url()).toBe(JOIN_URL);
    } finally {
      await page.context().close();
    }

    const partner = await openPairAs(fixture.partner);
    try {
      const card = nextCheckin(partner);
      await card.getByText(`In ${firstName(fixture.organiser.displayName)}’s Outlook calendar`, { exact: true }).waitFor();
      expect(await card.getByRole('link', { name: 'Join in Teams' }).getAttribute('href')).toBe(JOIN_URL);
    } finally {
      await partner.context().close();
    }
  });

  test('failed: the reason in words, and "Retry now" shows why it could not run (Outlook sync is off: 409)', async () => {
    await setCalendar({ calendarStatus: 'failed', calendarProblem: 'rejected', lastSyncError: REJECTED });

    const page = await openPairAs(fixture.organiser, { canSync: true });
    try {
      const card = nextCheckin(page);
      await card.getByText(`We couldn’t update Outlook: ${REJECTED.replace(/\.$/, '')}`, { exact: true }).waitFor();
      const retry = card.getByRole('button', { name: 'Retry now' });
      await retry.waitFor();

      const answered = page.waitForResponse(
        (response) => response.request().method() === 'POST' && response.url().endsWith(`/api/meeting-series/${fixture.seriesId}/calendar-sync`),
      );
      await retry.click();
      expect((await answered).status()).toBe(409);

      const detail = card.getByText(/^Couldn’t update Outlook: Outlook sync is not set up on this Tandem server/);
      await detail.waitFor();
      // Next to the button, tied to it, and said out loud.
      const detailId = await detail.locator('xpath=..').getAttribute('id');
      expect(detailId).toBeTruthy();
      expect(await retry.getAttribute('aria-describedby')).toContain(detailId!);
      await expectText(liveRegion(page), /Couldn’t update Outlook: Outlook sync is not set up/);
      expect(await retry.isEnabled()).toBe(true);
    } finally {
      await page.context().close();
    }

    // The partner reads the same problem, with no button (the API says canSync: false).
    const partner = await openPairAs(fixture.partner);
    try {
      const card = nextCheckin(partner);
      await card.getByText(`We couldn’t update Outlook: ${REJECTED.replace(/\.$/, '')}`, { exact: true }).waitFor();
      await card.getByText(`${firstName(fixture.organiser.displayName)} can try again.`, { exact: false }).waitFor();
      expect(await card.getByRole('button', { name: 'Retry now' }).count()).toBe(0);
    } finally {
      await partner.context().close();
    }
  });

  test('awaiting the organiser: the partner is told who will update Outlook, with no button', async () => {
    await setCalendar({ calendarStatus: 'pending', calendarProblem: 'awaiting-organizer' });
    const organiserFirst = firstName(fixture.organiser.displayName);

    const partner = await openPairAs(fixture.partner);
    try {
      const card = nextCheckin(partner);
      await card.getByText(`Waiting for ${organiserFirst} to update Outlook`, { exact: true }).waitFor();
      expect(await card.getByRole('button', { name: /Update Outlook|Retry now/ }).count()).toBe(0);
    } finally {
      await partner.context().close();
    }

    const organiser = await openPairAs(fixture.organiser, { canSync: true });
    try {
      const card = nextCheckin(organiser);
      await card
        .getByText(`${firstName(fixture.partner.displayName)} changed this series. Update your Outlook calendar`, { exact: true })
        .waitFor();
      await card.getByRole('button', { name: 'Update Outlook' }).waitFor();
    } finally {
      await organiser.context().close();
    }
  });

  test('consent required: "Connect Outlook" runs the consent pop-up, then the sync (outside Teams: window.open and a message back)', async () => {
    await setCalendar({ calendarStatus: 'pending', calendarProblem: 'consent-required' });
    const page = await openPairAs(fixture.organiser, { canSync: true });
    try {
      // This server has no Outlook: the pop-up is shown consent settings as a configured server would
      // send them, and Entra is a stand-in that consents at once and redirects back with the state.
      const context = page.context();
      await context.route(`${server.baseUrl}/api/calendar/consent-settings`, (route) =>
        route.fulfill({
          json: {
            enabled: true,
            clientId: 'tandem-client-id',
            authorizeUrl: 'https://login.microsoftonline.com/tenant-id/oauth2/v2.0/authorize',
            scopes: ['https://graph.microsoft.com/Calendars.ReadWrite', 'offline_access'],
          },
        }),
      );
      // Entra's page stays up a few seconds (someone reading the consent screen), then goes back.
      // Meanwhile the tab must keep waiting, although the pop-up reads as closed to it (COOP).
      let authorize: URL | undefined;
      await context.route('https://login.microsoftonline.com/**', (route) => {
        authorize = new URL(route.request().url());
        const back = new URL(authorize.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', 'never-redeemed');
        back.searchParams.set('state', authorize.searchParams.get('state') ?? '');
        const html = `<!doctype html><title>Permissions requested</title><meta http-equiv="refresh" content="3;url=${back.toString().replace(/&/g, '&amp;')}">`;
        return route.fulfill({ contentType: 'text/html', body: html });
      });

      const card = nextCheckin(page);
      await card.getByText('Allow Tandem to add check-ins to your Outlook calendar', { exact: true }).waitFor();
      const synced = page.waitForResponse(
        (response) => response.request().method() === 'POST' && response.url().endsWith(`/api/meeting-series/${fixture.seriesId}/calendar-sync`),
      );
      const [popup] = await Promise.all([context.waitForEvent('page'), card.getByRole('button', { name: 'Connect Outlook' }).click()]);
      expect(new URL(popup.url()).pathname).toBe('/auth/consent');
      await card.getByRole('button', { name: 'Waiting for Outlook…' }).waitFor();
      await card.getByRole('button', { name: 'Cancel' }).waitFor();

      // After the consent the tab runs the sync: Graph is off here, so the real server says 409.
      expect((await synced).status()).toBe(409);
      await card.getByText(/^Couldn’t update Outlook: Outlook sync is not set up/).waitFor();
      // The pop-up closed itself once it had reported back.
      if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 5_000 });

      expect(authorize).toBeDefined();
      const query = Object.fromEntries(authorize!.searchParams);
      expect(authorize!.origin + authorize!.pathname).toBe('https://login.microsoftonline.com/tenant-id/oauth2/v2.0/authorize');
      expect(query).toMatchObject({
        client_id: 'tandem-client-id',
        response_type: 'code',
        response_mode: 'query',
        scope: 'https://graph.microsoft.com/Calendars.ReadWrite offline_access',
        redirect_uri: `${server.baseUrl}/auth/consent-end`,
        prompt: 'consent',
      });
      expect(query.state).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    } finally {
      await page.context().close();
    }
  });

  test('the consent pop-up ignores an answer whose state it did not send', async () => {
    const page = await newPage();
    try {
      await page.goto(`${server.baseUrl}/auth/consent-end?code=stolen&state=not-mine`);
      await page.getByRole('heading', { level: 1, name: 'Outlook wasn’t connected' }).waitFor();
      await page.getByText('The answer from Microsoft didn’t match this request', { exact: false }).waitFor();
      // The code is not left in the address bar.
      expect(page.url()).toBe(`${server.baseUrl}/auth/consent-end`);
    } finally {
      await page.context().close();
    }
  });

  test('the consent pop-up page explains that Outlook is not set up on this server', async () => {
    const page = await newPage();
    try {
      await page.goto(`${server.baseUrl}/auth/consent?loginHint=someone%40contoso.example&tenantId=00000000-0000-0000-0000-000000000000`);
      await page.getByRole('heading', { level: 1, name: 'Outlook isn’t set up for Tandem yet' }).waitFor();
      // No sign-in on the way, and it stays on Tandem (no redirect to Entra).
      expect(new URL(page.url()).pathname).toBe('/auth/consent');
      expect(await page.getByRole('button', { name: 'Close' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Sign in to Tandem' }).count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});

describe('the check-ins view with a failed Outlook sync', () => {
  beforeAll(() => setCalendar({ calendarStatus: 'failed', calendarProblem: 'rejected', lastSyncError: REJECTED }));

  it.each(['light', 'dark'] as const)('has no serious or critical WCAG 2.1 AA violations in the %s theme, before and after "Retry now"', async (colorScheme) => {
    const page = await openPairAs(fixture.organiser, { colorScheme, canSync: true });
    try {
      expect(await seriousViolations(page)).toEqual([]);
      await nextCheckin(page).getByRole('button', { name: 'Retry now' }).click();
      await nextCheckin(page).getByText(/^Couldn’t update Outlook:/).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    const page = await openPairAs(fixture.organiser, { width: 320, canSync: true });
    try {
      await nextCheckin(page).getByRole('button', { name: 'Retry now' }).click();
      await nextCheckin(page).getByText(/^Couldn’t update Outlook:/).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    } finally {
      await page.context().close();
    }
  });
});
