// Organisation data (docs/directory.md) in real Chromium against the real server and demo data: the
// demo L&D admin opens the view from Program health and sees that directory sync is off (no Graph in
// the test app) with what to do instead; a CSV file with a bad row is previewed with the error on its
// line and can't be imported; the fixed file imports, with a toast, and the new people are counted.
// Files that are empty, lack the required columns or are too large are refused with a clear message.
// axe finds nothing serious in light or dark; someone without the admin role gets an explanation and
// no data. Run `npm run build:web` first.
// Page-side expressions are passed as strings: this file is type-checked without the DOM library.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page, Response } from 'playwright-core';
import { demoUsers, launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(180_000);

const ADMIN = 'morgan.lee@contoso.example';
const PATH = '/admin/organisation';

let server: TestServer;
let browser: Browser;
let adminToken: string;

type Json = any;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchChromium();
  adminToken = await server.app.tokenFor(ADMIN);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function api(method: string, path: string, token = adminToken): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${server.baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const db = () => server.app.db.kysely;

async function openAs(email: string, path: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/tab`);
  const token = email === ADMIN ? adminToken : await server.app.tokenFor(email);
  await page.evaluate(`sessionStorage.setItem('tandem.devToken', ${JSON.stringify(token)})`);
  await page.goto(`${server.baseUrl}${path}`);
  return page;
}

async function close(page: Page): Promise<void> {
  await page.context().close();
}

/** Polls a page-side expression until it is truthy (waitForFunction would need eval, which the CSP forbids). */
async function until(page: Page, expression: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${expression}`);
    await page.waitForTimeout(50);
  }
}

async function announced(page: Page, pattern: RegExp): Promise<void> {
  await until(
    page,
    `new RegExp(${JSON.stringify(pattern.source)}).test(document.querySelector('[role="status"][aria-live="polite"]')?.textContent ?? '')`,
  );
}

async function settled(page: Page): Promise<void> {
  const started = Date.now();
  while ((await page.locator('[aria-busy="true"]').count()) > 0) {
    if (Date.now() - started > 15_000) throw new Error('The view was still loading after 15 s');
    await page.waitForTimeout(100);
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

const isImport = (r: Response) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/admin/directory/import';

const csvFile = (text: string, name = 'people.csv') => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

/** The text of the people count next to `term` (a definition list: term, then its value). */
async function peopleCount(page: Page, term: string): Promise<number> {
  const text = await page.locator('[data-people-counts] dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').first().textContent();
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

/** The accessible description a button points to with aria-describedby. */
async function description(page: Page, name: string): Promise<string> {
  const ids = (await page.getByRole('button', { name, exact: true }).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

test('an admin sees the sync is off, previews a CSV with a bad row that blocks the import, then imports the fixed file', async () => {
  const before = (await api('GET', '/api/admin/directory')).body;
  expect(before.mode).toBe('off');
  const header = 'email,displayName,department,jobTitle,managerEmail,timezone';
  const quinn = `quinn.harper@contoso.example,Quinn Harper,Finance,Financial Analyst,${ADMIN},Europe/London`;
  const river = (zone: string) => `river.stone@contoso.example,River Stone,Finance,Payroll Specialist,quinn.harper@contoso.example,${zone}`;

  const admin = await openAs(ADMIN, '/admin');
  try {
    // From Program health to the view.
    await admin.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();
    await admin.getByRole('link', { name: 'Organisation data' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Organisation data' }).waitFor();
    expect(new URL(admin.url()).pathname).toBe(PATH);
    await settled(admin);
    await announced(admin, /Organisation data loaded/);

    // The sync is off: said in words, "Sync now" can't be used and says why.
    await admin.getByText('Mode: Off').waitFor();
    const syncNow = admin.getByRole('button', { name: 'Sync now' });
    expect(await syncNow.getAttribute('aria-disabled')).toBe('true');
    expect(await description(admin, 'Sync now')).toMatch(/^Directory sync is off — set DIRECTORY_SYNC.*or use the CSV import below\.$/);

    // The people counts are the API's.
    expect(await peopleCount(admin, 'Everyone')).toBe(before.people.total);
    expect(await peopleCount(admin, 'From CSV import')).toBe(before.people.fromCsv);
    expect(await peopleCount(admin, 'Sign-in only')).toBe(before.people.signInOnly);

    // The template is built in the browser: the header and two example people.
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Download a template' }).click()]);
    expect(download.suggestedFilename()).toBe('tandem-people.csv');
    const template = await new Promise<string>((resolve, reject) => {
      download
        .createReadStream()
        .then((stream) => {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          stream.on('error', reject);
        })
        .catch(reject);
    });
    expect(template.split('\r\n')[0]).toBe(header);
    expect(template.trim().split('\r\n')).toHaveLength(3);

    // Files refused before any row is checked.
    const input = admin.locator('input[type="file"]');
    await input.setInputFiles(csvFile(''));
    await admin.getByText(/people\.csv is empty\. Start from the template/).waitFor();
    await input.setInputFiles(csvFile('mail,name\na@contoso.example,A\n'));
    await admin.getByText(/people\.csv doesn’t have the columns email and displayName/).waitFor();
    await input.setInputFiles(csvFile(`${header}\n${'x'.repeat(6 * 1024 * 1024)}\n`, 'huge.csv'));
    await admin.getByText(/huge\.csv is 6\.0 MB; files of up to 5 MB can be imported/).waitFor();
    // The server's word on a file it can't read (an unknown column) is shown as it said it.
    const [refused] = await Promise.all([admin.waitForResponse(isImport), input.setInputFiles(csvFile(`${header},shoeSize\n${quinn},42\n`))]);
    expect(refused.status()).toBe(400);
    await admin.getByText(/Unknown column "shoeSize"/).waitFor();

    // A bad row: the preview shows its error on its line, and nothing can be imported.
    const [preview] = await Promise.all([admin.waitForResponse(isImport), input.setInputFiles(csvFile(`${header}\n${quinn}\n${river('Mars/Olympus_Mons')}\n`))]);
    expect(preview.status()).toBe(200);
    expect(new URL(preview.url()).searchParams.get('confirm')).toBeNull();
    await announced(admin, /Checked 2 rows: 1 new, 0 to update, 0 unchanged, 1 with errors/);
    const table = admin.getByRole('table', { name: /^Rows in people\.csv/ });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(3);
    const bad = table.locator('tr[data-line="3"]');
    expect(await bad.getByRole('cell').first().textContent()).toBe('3');
    expect(await bad.textContent()).toContain('river.stone@contoso.example');
    expect(await bad.textContent()).toContain('Error');
    expect(await bad.locator('td').nth(4).textContent()).toMatch(/time ?zone/i);
    const good = table.locator('tr[data-line="2"]');
    expect(await good.textContent()).toContain('New');
    expect(await good.locator('td').nth(4).textContent()).toBe('None');

    const importButton = admin.getByRole('button', { name: /^Import/ });
    expect(await importButton.getAttribute('aria-disabled')).toBe('true');
    expect(await description(admin, 'Import')).toBe('Import is off while 1 row has an error: the file is applied whole or not at all.');
    // Only the rows with errors, on request.
    await admin.getByRole('switch', { name: 'Only rows with errors (1)' }).check();
    const errorsOnly = admin.getByRole('table', { name: /^Rows with errors in people\.csv/ });
    expect(await errorsOnly.getByRole('row').count()).toBe(2);
    expect(await errorsOnly.locator('tr[data-line="3"]').count()).toBe(1);
    // A click on the blocked button sends nothing.
    let confirms = 0;
    admin.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).searchParams.get('confirm') === 'true') confirms += 1;
    });
    await importButton.click({ force: true });
    await admin.waitForTimeout(300);
    expect(confirms).toBe(0);
    expect(await db().selectFrom('users').select('id').where('email', 'in', ['quinn.harper@contoso.example', 'river.stone@contoso.example']).execute()).toEqual([]);

    // The fixed file: both people are new; importing them says so and counts them.
    await Promise.all([admin.waitForResponse(isImport), input.setInputFiles(csvFile(`${header}\n${quinn}\n${river('Europe/Dublin')}\n`))]);
    await announced(admin, /Checked 2 rows: 2 new, 0 to update, 0 unchanged, 0 with errors/);
    expect(await admin.getByRole('switch').count()).toBe(0);
    const apply = admin.getByRole('button', { name: 'Import 2 changes' });
    expect(await apply.getAttribute('aria-disabled')).toBeNull();
    const [applied] = await Promise.all([admin.waitForResponse(isImport), apply.click()]);
    expect(applied.status()).toBe(200);
    expect(new URL(applied.url()).searchParams.get('confirm')).toBe('true');
    expect((await applied.json()).applied).toEqual({ new: 2, update: 0, unchanged: 0 });
    // The toast (Fluent's toaster also reads it out through its own live region).
    await admin.locator('.fui-ToastTitle', { hasText: 'Imported people.csv' }).waitFor();
    expect(await admin.locator('.fui-ToastBody').textContent()).toBe('2 new people, 0 updated, 0 unchanged.');
    await until(admin, `document.activeElement?.textContent === 'Choose a CSV file'`);
    expect(await admin.getByRole('table', { name: /^Rows in people\.csv/ }).count()).toBe(0);

    const after = (await api('GET', '/api/admin/directory')).body;
    expect(after.people.total).toBe(before.people.total + 2);
    expect(after.people.fromCsv).toBe(before.people.fromCsv + 2);
    const deadline = Date.now() + 15_000;
    while ((await peopleCount(admin, 'Everyone')) !== after.people.total && Date.now() < deadline) await admin.waitForTimeout(100);
    expect(await peopleCount(admin, 'Everyone')).toBe(after.people.total);
    expect(await peopleCount(admin, 'From CSV import')).toBe(after.people.fromCsv);

    const people = await db()
      .selectFrom('users')
      .select(['id', 'email', 'displayName', 'department', 'managerId', 'timeZone', 'directorySource'])
      .where('email', 'in', ['quinn.harper@contoso.example', 'river.stone@contoso.example'])
      .orderBy('email')
      .execute();
    const [quinnRow, riverRow] = people;
    expect(quinnRow).toMatchObject({ displayName: 'Quinn Harper', department: 'Finance', timeZone: 'Europe/London', directorySource: 'csv' });
    expect(riverRow).toMatchObject({ displayName: 'River Stone', managerId: quinnRow?.id, timeZone: 'Europe/Dublin', directorySource: 'csv' });

    // The same file again changes nothing, and says there is nothing to import.
    await Promise.all([admin.waitForResponse(isImport), input.setInputFiles(csvFile(`${header}\n${quinn}\n${river('Europe/Dublin')}\n`))]);
    await announced(admin, /Checked 2 rows: 0 new, 0 to update, 2 unchanged, 0 with errors/);
    expect(await description(admin, 'Import')).toBe('Nothing to import: every row is unchanged.');
  } finally {
    await close(admin);
  }
});

test('with sync on, “Sync now” follows the round until it is done, and a missing consent says what to do', async () => {
  // The test server has no Entra ID or Graph, so the status the server would report is played
  // back at the HTTP boundary: this checks the view (polling, spinner, outcome), not the sync.
  const real = (await api('GET', '/api/admin/directory')).body;
  const tenantId = '3f1c2b8e-5d6a-4e7f-9a0b-1c2d3e4f5a6b';
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  let tenant: Json = {
    tenantId,
    phase: 'idle',
    lastSuccessAt: hoursAgo(2),
    lastFullSyncAt: hoursAgo(30),
    runStartedAt: hoursAgo(2),
    usersSeen: 40,
    usersChanged: 0,
    usersDeparted: 0,
    lastError: null,
    lastErrorAt: null,
  };
  // Each "Sync now" plays one of these: running for one read, then the round's end.
  const rounds: ((started: string) => Json)[] = [
    (started) => ({ ...tenant, phase: 'idle', runStartedAt: started, lastSuccessAt: new Date().toISOString(), usersSeen: 12, usersChanged: 3, usersDeparted: 1 }),
    (started) => ({
      ...tenant,
      phase: 'idle',
      runStartedAt: started,
      lastError: 'consent-required: AADSTS65001: The user or administrator has not consented to use the application.',
      lastErrorAt: new Date().toISOString(),
    }),
  ];
  let pending: { readsLeft: number; end: Json } | null = null;
  let syncRequests = 0;

  const admin = await openAs(ADMIN, '/tab');
  try {
    await admin.route('**/api/admin/directory', async (route) => {
      if (pending && pending.readsLeft > 0) pending.readsLeft -= 1;
      else if (pending) {
        tenant = pending.end;
        pending = null;
      }
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...real, mode: 'enrolled', tenants: [tenant] }) });
    });
    await admin.route('**/api/admin/directory/sync', async (route) => {
      syncRequests += 1;
      const started = new Date().toISOString();
      tenant = { ...tenant, phase: 'delta', runStartedAt: started };
      pending = { readsLeft: 1, end: rounds.shift()!(started) };
      await route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ started: true }) });
    });
    await admin.goto(`${server.baseUrl}${PATH}`);
    await admin.getByText('Mode: People who use Tandem').waitFor();
    const card = admin.locator(`[data-tenant="${tenantId}"]`);
    await card.getByRole('heading', { level: 3, name: `Microsoft Entra tenant ${tenantId}` }).waitFor();
    expect(await card.textContent()).toContain('Up to date');
    expect(await card.textContent()).toMatch(/Last successful sync2 hr\. ago · /);
    expect(await card.textContent()).toContain('40 people seen, 0 changed, 0 departed');

    // Sync now: the round shows as running, then its figures, and the toast says how it went.
    const syncNow = admin.getByRole('button', { name: 'Sync now' });
    expect(await syncNow.getAttribute('aria-disabled')).toBeNull();
    await syncNow.click();
    await announced(admin, /Directory sync started/);
    await admin.getByRole('button', { name: 'Syncing…' }).waitFor();
    await card.getByText('Syncing… (reading changes since the last sync)').waitFor();
    await admin.locator('.fui-ToastTitle', { hasText: 'Directory sync finished' }).waitFor({ timeout: 20_000 });
    expect(await admin.locator('.fui-ToastBody').last().textContent()).toBe('12 people seen, 3 changed, 1 departed.');
    await admin.getByRole('button', { name: 'Sync now' }).waitFor();
    expect(await card.textContent()).toContain('12 people seen, 3 changed, 1 departed');
    expect(await card.textContent()).toMatch(/Last successful syncjust now · /);

    // A round that fails for want of admin consent: what happened and what to do, in words.
    await admin.getByRole('button', { name: 'Sync now' }).click();
    await admin.locator('.fui-ToastTitle', { hasText: 'Directory sync failed' }).waitFor({ timeout: 20_000 });
    await card.getByText('Last sync failed').waitFor();
    expect(await card.textContent()).toContain(
      'An administrator must grant the Microsoft Graph permission User.Read.All (admin consent) to the Tandem app',
    );
    expect(await card.textContent()).toContain('AADSTS65001');
    expect(syncRequests).toBe(2);
    expect(await seriousViolations(admin)).toEqual([]);
  } finally {
    await close(admin);
  }
});

describe.each(['light', 'dark'] as const)('in the %s theme', (colorScheme) => {
  test('axe finds nothing serious in the view, with a preview showing an error', async () => {
    const admin = await openAs(ADMIN, PATH, { colorScheme });
    try {
      await admin.getByRole('heading', { level: 1, name: 'Organisation data' }).waitFor();
      await settled(admin);
      expect(await seriousViolations(admin)).toEqual([]);

      await Promise.all([
        admin.waitForResponse(isImport),
        admin
          .locator('input[type="file"]')
          .setInputFiles(
            csvFile('email,displayName,timezone\nsasha.ivanova@contoso.example,Sasha Ivanova,Europe/Paris\nnot-an-email,Nobody,\n'),
          ),
      ]);
      await admin.getByRole('table', { name: /^Rows in people\.csv/ }).waitFor();
      expect(await seriousViolations(admin)).toEqual([]);
    } finally {
      await close(admin);
    }
  });
});

test('someone without the admin role gets an explanation, not the organisation data', async () => {
  const users = await demoUsers(server.baseUrl);
  const mentee = users.first('mentee');
  expect((await api('GET', '/api/admin/directory', await server.app.tokenFor(mentee.email))).status).toBe(403);

  const page = await openAs(mentee.email, PATH);
  try {
    await page.getByRole('heading', { level: 1, name: 'Organisation data' }).waitFor();
    await page.getByText(/Program health is for program admins/).waitFor();
    expect(await page.getByRole('heading', { name: 'Directory sync' }).count()).toBe(0);
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Program health' }).count()).toBe(0);
    await announced(page, /only available to program admins/);
  } finally {
    await close(page);
  }
});
