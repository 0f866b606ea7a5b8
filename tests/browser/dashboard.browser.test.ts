// The L&D dashboard on /admin in real Chromium against the real server and demo data: every chart
// draws (a canvas with a size) and its table alternative holds exactly the API's numbers for the
// same filters; filters (in the URL) change the numbers; the at-risk list shows reasons and
// remedies and leads to the pair's row; the pairs table sorts and pages; CSV export downloads;
// axe finds nothing serious in light or dark; people who aren't admins get the notice and never
// download chart.js. Run `npm run build:web` first.
// Page-side expressions are passed as strings: this file is type-checked without the DOM library.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { demoUsers, launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(150_000);

const ADMIN = 'morgan.lee@contoso.example';

let server: TestServer;
let browser: Browser;
let adminToken: string;
let menteeEmail: string;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchChromium();
  adminToken = await server.app.tokenFor(ADMIN);
  menteeEmail = (await demoUsers(server.baseUrl)).first('mentee').email;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// ---- the API, called the way the dashboard calls it -------------------------------------------

type Json = any;

async function api(path: string, token = adminToken): Promise<Json> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString() ? `?${q}` : '';
}

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

// ---- the page ---------------------------------------------------------------------------------

async function openAs(email: string, path: string, options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/tab`);
  const token = email === ADMIN ? adminToken : await server.app.tokenFor(email);
  await page.evaluate(`sessionStorage.setItem('tandem.devToken', ${JSON.stringify(token)})`);
  await page.goto(`${server.baseUrl}${path}`);
  await page.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();
  return page;
}

/** Polls a page-side expression until it is truthy (waitForFunction would need eval, which the CSP forbids). */
async function until(page: Page, expression: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${expression}`);
    await page.waitForTimeout(50);
  }
}

/** Everything loaded: no busy region, and every chart with data drawn (a chart with none says so instead). */
async function settled(page: Page): Promise<void> {
  await until(page, `document.querySelectorAll('[aria-busy="true"]').length === 0`);
  await until(
    page,
    `document.querySelectorAll('[data-chart-card]').length === 7 && document.querySelectorAll('[data-chart-card] canvas').length === document.querySelectorAll('[data-chart-card]:not([data-empty])').length`,
  );
}

/** Waits until the polite live region says something matching `pattern`. */
async function announced(page: Page, pattern: RegExp): Promise<void> {
  await until(page, `new RegExp(${JSON.stringify(pattern.source)}).test(document.querySelector('[role="status"][aria-live="polite"]')?.textContent ?? '')`);
}

/** A number as the dashboard prints it ("1,234", "68.5%", "+26", "−5") → 1234, 68.5, 26, -5; "No data" → null. */
function num(text: string): number | null {
  const t = text.trim();
  if (t === 'No data' || t === '—') return null;
  const cleaned = t.replace(/[\u2212]/g, '-').replace(/[^0-9.-]/g, '');
  return cleaned === '' ? null : Number(cleaned);
}

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** A chart's table alternative (shown through its toggle) as rows of [label, ...numbers]. */
async function chartTable(page: Page, id: string): Promise<{ head: string[]; rows: [string, ...(number | null)[]][] }> {
  const card = page.locator(`[data-chart-card="${id}"]`);
  await card.getByRole('button', { name: /^Show as table/ }).click();
  const table = card.getByRole('table');
  await table.waitFor();
  const head = await table.locator('thead th').allTextContents();
  const rows = (await table.locator('tbody tr').evaluateAll(
    (trs: any[]) => trs.map((tr) => [...tr.children].map((c: any) => c.textContent as string)),
  )) as string[][];
  // Back to the chart, as the admin left it.
  await card.getByRole('button', { name: /^Show as chart/ }).click();
  await card.locator('canvas').waitFor();
  return { head, rows: rows.map(([label, ...cells]) => [label!.trim(), ...cells.map(num)]) };
}

async function kpi(page: Page, key: string): Promise<{ value: number | null; change: string | null }> {
  const card = page.locator(`[data-kpi="${key}"]`);
  const value = num(await card.locator('[data-kpi-number]').innerText());
  const change = await card.locator('[data-change]').getAttribute('data-change').catch(() => null);
  return { value, change };
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Fluent's focus manager (tabster) adds hidden focus sentinels; they are not content.
  const results = await new AxeBuilder({ page: page as never })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('[data-tabster-dummy]')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Every number each chart draws, for one analytics answer (what its table must hold, in order). */
function expectedCharts(a: Json): Record<string, (number | null)[][]> {
  const trend = a.trend as Json[];
  const g = a.outcomes.goals;
  const s = a.outcomes.closingSurveys;
  return {
    'participation-trend': trend.map((t) => [t.mentees, t.activePairs, t.newPairs]),
    'meetings-per-month': trend.map((t) => {
      const m = t.meetings;
      return [m.held, m.missed, m.cancelled, Math.max(0, m.planned - m.held - m.missed - m.cancelled), m.planned];
    }),
    'on-cadence-trend': trend.map((t) => [pct(t.onCadenceRate)]),
    'gap-distribution': (a.consistency.gapDistribution as Json[]).map((b) => [b.count]),
    'goal-status': [[g.completed], [Math.max(0, g.open - g.overdue)], [g.overdue]],
    'rating-distribution': [...(a.outcomes.ratings.distribution as Json[])].sort((x, y) => x.rating - y.rating).map((r) => [r.count]),
    nps: [[s.promoters], [s.passives], [s.detractors]],
  };
}

async function expectChartsMatch(page: Page, analytics: Json): Promise<void> {
  const expected = expectedCharts(analytics);
  for (const [id, rows] of Object.entries(expected)) {
    if ((await page.locator(`[data-chart-card="${id}"][data-empty]`).count()) > 0) {
      // Nothing to draw: then the API has nothing to count either.
      expect({ id, total: rows.flat().reduce<number>((n, v) => n + (v ?? 0), 0) }).toEqual({ id, total: 0 });
      continue;
    }
    const table = await chartTable(page, id);
    expect({ id, numbers: table.rows.map(([, ...n]) => n) }).toEqual({ id, numbers: rows });
  }
}

// ---- tests ------------------------------------------------------------------------------------

test('every chart draws, and its table alternative holds exactly the API’s numbers; the KPIs compare with the previous period', async () => {
  const page = await openAs(ADMIN, '/admin');
  try {
    await settled(page);
    // The default period: the 90 days ending today (UTC), as the date fields show.
    const to = today();
    const from = daysBefore(to, 89);
    expect(await page.getByRole('textbox', { name: 'From' }).inputValue()).toBe(from);
    expect(await page.getByRole('textbox', { name: 'To' }).inputValue()).toBe(to);
    const analytics = await api(`/api/admin/analytics${query({ from, to })}`);

    // Seven charts, each a canvas with a real size, a heading and a sentence.
    const cards = page.locator('[data-chart-card]');
    expect(await cards.count()).toBe(7);
    for (let i = 0; i < 7; i++) {
      const card = cards.nth(i);
      const box = await card.locator('canvas').boundingBox();
      expect(box && box.width > 100 && box.height > 100).toBe(true);
      expect(await card.locator('canvas').getAttribute('role')).toBe('img');
      expect((await card.getByRole('heading', { level: 3 }).innerText()).length).toBeGreaterThan(3);
      expect((await card.locator('[data-summary]').innerText()).length).toBeGreaterThan(20);
    }

    await expectChartsMatch(page, analytics);

    // The summary sentences are computed from the same numbers.
    const npsCard = page.locator('[data-chart-card="nps"]');
    const s = analytics.outcomes.closingSurveys;
    expect(await npsCard.innerText()).toContain(`${s.promoters} promoter`);
    expect(num(await npsCard.locator('[data-headline]').innerText())).toBe(s.nps);

    // KPI cards: this period's values, and the direction of change from the previous 90 days.
    const previous = await api(`/api/admin/analytics${query({ from: daysBefore(from, 90), to: daysBefore(from, 1) })}`);
    const checks: [string, number | null, number | null][] = [
      ['mentees', analytics.participation.mentees, previous.participation.mentees],
      ['activePairs', analytics.participation.pairs.active, previous.participation.pairs.active],
      ['matchRate', pct(analytics.participation.matchRate), pct(previous.participation.matchRate)],
      ['onCadenceRate', pct(analytics.consistency.onCadenceRate), pct(previous.consistency.onCadenceRate)],
      ['mentoringHours', analytics.consistency.mentoringHours, previous.consistency.mentoringHours],
      ['nps', analytics.outcomes.closingSurveys.nps, previous.outcomes.closingSurveys.nps],
    ];
    for (const [key, now, before] of checks) {
      const shown = await kpi(page, key);
      expect({ key, value: shown.value }).toEqual({ key, value: now });
      if (now !== null && before !== null) {
        const direction = now > before ? 'up' : now < before ? 'down' : 'flat';
        expect({ key, change: shown.change }).toEqual({ key, change: direction });
      }
    }
    // The change is said in words (not colour alone) for screen readers.
    expect(await page.locator('[data-kpi="mentees"]').innerText()).toMatch(/[▲▼–]/);
    expect(await page.locator('[data-kpi="mentees"]').textContent()).toMatch(/(Up|Down|No change).*previous period/);

    // Departments under 5 people show "<5", never numbers.
    const hidden = (analytics.participation.byDepartment as Json[]).filter((d) => d.suppressed);
    for (const d of hidden) {
      const row = page.locator('[data-department-table] tr').filter({ hasText: d.department });
      expect(await row.innerText()).toMatch(/<5/);
    }
  } finally {
    await page.context().close();
  }
});

test('changing the program or the period changes the numbers, and the URL keeps the view', async () => {
  const page = await openAs(ADMIN, '/admin');
  try {
    await settled(page);
    const to = today();
    const from = daysBefore(to, 89);
    const all = await api(`/api/admin/analytics${query({ from, to })}`);
    const programs = (await api('/api/admin/programs')) as Json[];
    const leaders = programs.find((p) => /Emerging Leaders/.test(p.name)) ?? programs[programs.length - 1];

    // Program: only that program's people and pairs.
    await page.getByRole('combobox', { name: 'Program' }).selectOption(leaders.id);
    expect(new URL(page.url()).searchParams.get('program')).toBe(leaders.id);
    const one = await api(`/api/admin/analytics${query({ programId: leaders.id, from, to })}`);
    expect(one.participation.mentees).not.toBe(all.participation.mentees);
    await until(page, `document.querySelector('[data-kpi="mentees"] [data-kpi-number]')?.textContent.trim() === ${JSON.stringify(String(one.participation.mentees))}`);
    await settled(page);
    await announced(page, /Dashboard updated for Emerging Leaders|Dashboard updated for/);
    expect((await kpi(page, 'activePairs')).value).toBe(one.participation.pairs.active);
    await expectChartsMatch(page, one);

    // Period: the last 30 days of that program.
    await page.getByRole('combobox', { name: 'Period' }).selectOption('30d');
    expect(new URL(page.url()).searchParams.get('range')).toBe('30d');
    const from30 = daysBefore(to, 29);
    await until(page, `document.querySelector('input[type="date"]')?.value === ${JSON.stringify(from30)}`);
    const month = await api(`/api/admin/analytics${query({ programId: leaders.id, from: from30, to })}`);
    expect(month.consistency.meetings.planned).not.toBe(one.consistency.meetings.planned);
    await until(page, `document.querySelectorAll('[aria-busy="true"]').length === 0`);
    await settled(page);
    expect((await kpi(page, 'mentoringHours')).value).toBe(month.consistency.mentoringHours);
    const meetings = await chartTable(page, 'meetings-per-month');
    expect(meetings.rows.map(([, ...n]) => n)).toEqual(expectedCharts(month)['meetings-per-month']);

    // Custom dates go into the URL too; a reload shows the same view.
    const customFrom = daysBefore(to, 200);
    const customTo = daysBefore(to, 100);
    await page.getByRole('textbox', { name: 'From' }).fill(customFrom);
    await page.getByRole('textbox', { name: 'To' }).fill(customTo);
    await until(page, `new URLSearchParams(location.search).get('to') === ${JSON.stringify(customTo)} && new URLSearchParams(location.search).get('from') === ${JSON.stringify(customFrom)}`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();
    await settled(page);
    expect(await page.getByRole('combobox', { name: 'Program' }).inputValue()).toBe(leaders.id);
    expect(await page.getByRole('combobox', { name: 'Period' }).inputValue()).toBe('custom');
    const custom = await api(`/api/admin/analytics${query({ programId: leaders.id, from: customFrom, to: customTo })}`);
    expect((await kpi(page, 'mentees')).value).toBe(custom.participation.mentees);
    await expectChartsMatch(page, custom);

    // A department with fewer than 5 people: the numbers are withheld, with the reason.
    const hidden = (all.participation.byDepartment as Json[]).find((d) => d.suppressed);
    if (hidden) {
      await page.getByRole('button', { name: 'Reset filters' }).click();
      await settled(page);
      await page.getByRole('combobox', { name: 'Department' }).selectOption(hidden.department);
      await page.getByText('Fewer than 5 people — numbers hidden to protect privacy').waitFor();
      expect(await page.locator('[data-kpi]').count()).toBe(0);
      expect(await page.locator('[data-chart-card]').count()).toBe(0);
    }
  } finally {
    await page.context().close();
  }
});

test('the at-risk list shows each pair’s reasons and remedies and leads to its row in the pairs table', async () => {
  const page = await openAs(ADMIN, '/admin');
  try {
    await settled(page);
    const atRisk = (await api('/api/admin/pairs-at-risk')) as Json[];
    expect(atRisk.length).toBeGreaterThan(0);
    const heading = page.getByRole('heading', { level: 2, name: /Pairs that need attention/ });
    await heading.waitFor();
    const list = page.locator('[data-at-risk-list]');
    const first = atRisk[0];
    const card = list.locator(`[data-pair="${first.pairId}"]`);
    const text = await card.innerText();
    expect(text).toContain(first.mentor.displayName);
    expect(text).toContain(first.mentee.displayName);
    for (const reason of first.reasons as Json[]) {
      const item = card.locator(`[data-reason="${reason.code}"]`);
      expect(await item.innerText()).toContain(reason.detail);
      expect(await item.innerText()).toContain(reason.remedy);
      expect(await item.innerText()).toMatch(/What helps:/);
    }

    // "Show all" reveals every pair; the last one is found in the pairs table, on whatever page it is.
    if (atRisk.length > 6) await page.getByRole('button', { name: `Show all ${atRisk.length} pairs` }).click();
    expect(await list.locator(':scope > li').count()).toBe(atRisk.length);
    const target = atRisk[atRisk.length - 1];
    await list.locator(`[data-pair="${target.pairId}"]`).getByRole('link', { name: /Show .* in the pairs table/ }).click();
    await until(page, `document.activeElement?.id === ${JSON.stringify(`pair-row-${target.pairId}`)}`);
    await announced(page, /Showing .* in the pairs table, page \d+/);
    const row = page.locator(`#pair-row-${target.pairId}`);
    expect(await row.innerText()).toContain(target.mentee.displayName);

    // The empty state, for a program with nobody at risk (a program with no pairs at all).
    const created = await fetch(`${server.baseUrl}/api/programs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Quiet Circle',
        description: 'A program nobody has joined yet.',
        kind: 'other',
        startsOn: today(),
        endsOn: daysBefore(today(), -180),
        enrollmentOpensOn: today(),
        enrollmentClosesOn: daysBefore(today(), -30),
        defaultCadence: 'monthly',
        matchingMode: 'self',
        maxOpenRequestsPerMentee: 3,
      }),
    });
    expect(created.status).toBe(201);
    const quiet = (await created.json()) as Json;
    await page.goto(`${server.baseUrl}/admin?program=${quiet.id}`);
    await page.getByText('No pairs need attention right now').waitFor();
    await page.getByText('Nothing happened in this period').waitFor();
  } finally {
    await page.context().close();
  }
});

test('the pairs table pages and sorts with the API, and says how it is sorted', async () => {
  const page = await openAs(ADMIN, '/admin');
  try {
    await settled(page);
    const to = today();
    const from = daysBefore(to, 89);
    const base = { from, to };
    const table = page.locator('[data-pairs-table]');
    const ids = () => table.locator('tbody tr').evaluateAll((trs: any[]) => trs.map((tr) => tr.getAttribute('data-pair')));
    const apiIds = async (params: Record<string, string | number>) =>
      ((await api(`/api/admin/pairs${query({ ...base, ...params })}`)).items as Json[]).map((p) => p.pairId);
    const waitFor = async (expected: string[]) => until(page, `JSON.stringify([...document.querySelectorAll('[data-pairs-table] tbody tr')].map((tr) => tr.getAttribute('data-pair'))) === ${JSON.stringify(JSON.stringify(expected))}`);

    const first = await api(`/api/admin/pairs${query(base)}`);
    expect(await ids()).toEqual((first.items as Json[]).map((p) => p.pairId));
    await page.getByText(`Showing 1–${Math.min(25, first.total)} of ${first.total} pairs`).waitFor();
    expect(await table.locator('th[aria-sort="descending"]').innerText()).toMatch(/Started/);

    // Paging.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await waitFor(await apiIds({ page: 2 }));
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await announced(page, new RegExp(`Pairs 26 to ${Math.min(50, first.total)} of ${first.total}, page 2 of`));
    await page.getByRole('button', { name: 'Previous', exact: true }).click();
    await waitFor(await apiIds({}));

    // Sorting: a header button, aria-sort on the header, the API's order; again for the other way.
    const status = table.locator('th[data-sort="status"]');
    await status.getByRole('button').click();
    await waitFor(await apiIds({ sort: 'status', order: 'asc' }));
    expect(await status.getAttribute('aria-sort')).toBe('ascending');
    await announced(page, /Sorted by status, ascending/);
    expect(await table.locator('th[data-sort="startedAt"]').getAttribute('aria-sort')).toBe('none');
    await status.getByRole('button').click();
    await waitFor(await apiIds({ sort: 'status', order: 'desc' }));
    expect(await status.getAttribute('aria-sort')).toBe('descending');

    const last = table.locator('th[data-sort="lastMeeting"]');
    await last.getByRole('button').press('Enter');
    await waitFor(await apiIds({ sort: 'lastMeeting', order: 'asc' }));
    expect(await last.getAttribute('aria-sort')).toBe('ascending');

    const cadence = table.locator('th[data-sort="onCadence"]');
    await cadence.getByRole('button').click();
    await waitFor(await apiIds({ sort: 'onCadence', order: 'asc' }));
    expect(await cadence.getAttribute('aria-sort')).toBe('ascending');

    // Status filter and page size.
    await page.getByRole('combobox', { name: 'Status' }).selectOption('paused');
    const paused = await api(`/api/admin/pairs${query({ ...base, status: 'paused', sort: 'onCadence', order: 'asc' })}`);
    await waitFor((paused.items as Json[]).map((p) => p.pairId));
    for (const cell of await table.locator('tbody td[data-col="status"]').allInnerTexts()) expect(cell).toBe('Paused');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('');
    await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('10');
    await waitFor(await apiIds({ sort: 'onCadence', order: 'asc', pageSize: 10 }));
    expect(await table.locator('tbody tr').count()).toBe(10);
  } finally {
    await page.context().close();
  }
});

test('CSV export downloads the chosen dataset with the current filters and says so', async () => {
  const page = await openAs(ADMIN, '/admin?range=30d');
  try {
    await settled(page);
    const to = today();
    const from = daysBefore(to, 29);
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /^Pairs/ }).click()]);
    expect(download.suggestedFilename()).toBe(`tandem-pairs-${from}-${to}.csv`);
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += chunk.toString();
    expect(csv.split(/\r?\n/)[0]).toMatch(/^pair_id,/);
    await announced(page, new RegExp(`Downloaded tandem-pairs-${from}-${to}\\.csv`));
  } finally {
    await page.context().close();
  }
});

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (colorScheme) => {
  it('has no serious or critical WCAG 2.1 AA violations, with the charts and with their tables', async () => {
    const page = await openAs(ADMIN, '/admin', { colorScheme });
    try {
      await settled(page);
      expect(await seriousViolations(page)).toEqual([]);
      // Every chart switched to its table, and all the at-risk pairs shown.
      const toTable = page.getByRole('button', { name: /^Show as table/ });
      while ((await toTable.count()) > 0) await toTable.first().click();
      await page.getByRole('button', { name: /^Show all \d+ pairs$/ }).click();
      expect(await page.locator('[data-chart-table]').count()).toBe(7);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

test('at 320 px the dashboard reflows: charts fit, tables scroll inside their own boxes', async () => {
  const page = await openAs(ADMIN, '/admin', { width: 320 });
  try {
    await settled(page);
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    for (const box of await page.locator('[data-chart-card] canvas').evaluateAll((cs: any[]) => cs.map((c) => c.getBoundingClientRect().right))) {
      expect(box).toBeLessThanOrEqual(320);
    }
    const scroller = page.locator('[data-pairs-table]').locator('xpath=..');
    expect(await scroller.evaluate((e: any) => e.scrollWidth > e.clientWidth)).toBe(true);
  } finally {
    await page.context().close();
  }
});

test('people who are not admins get the notice, and their browser never loads chart.js', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
  });
  try {
    await page.goto(`${server.baseUrl}/tab`);
    await page.evaluate(`sessionStorage.setItem('tandem.devToken', ${JSON.stringify(await server.app.tokenFor(menteeEmail))})`);
    await page.goto(`${server.baseUrl}/tab`);
    await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();
    await page.getByText(/Program health is for program admins \(L&D managers\)/).waitFor();
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
    expect(await page.locator('canvas').count()).toBe(0);
    expect(scripts.filter((s) => /ChartCanvas/.test(s))).toEqual([]);
    const forbidden = await fetch(`${server.baseUrl}/api/admin/analytics`, { headers: { Authorization: `Bearer ${await server.app.tokenFor(menteeEmail)}` } });
    expect(forbidden.status).toBe(403);
  } finally {
    await context.close();
  }

  // The admin's browser loads the chart chunk only when the dashboard draws its first chart.
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await adminContext.newPage();
  const adminScripts: string[] = [];
  admin.on('request', (r) => {
    if (r.url().endsWith('.js')) adminScripts.push(new URL(r.url()).pathname);
  });
  try {
    await admin.goto(`${server.baseUrl}/tab`);
    await admin.evaluate(`sessionStorage.setItem('tandem.devToken', ${JSON.stringify(adminToken)})`);
    await admin.goto(`${server.baseUrl}/tab`);
    await admin.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
    expect(adminScripts.filter((s) => /ChartCanvas/.test(s))).toEqual([]);
    await admin.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Program health' }).click();
    await settled(admin);
    expect(adminScripts.filter((s) => /ChartCanvas/.test(s))).toHaveLength(1);
  } finally {
    await adminContext.close();
  }
});
