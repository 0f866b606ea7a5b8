// Whole-program matching (docs/match-runs.md) in real Chromium against the real server and demo data:
// the demo L&D admin opens a program's matching view from Program health, runs matching, removes one
// proposal (with Undo at hand), publishes with a confirmation, and sees each proposal's outcome; the
// newly paired mentee and mentor then find the pair on their own Home tab. axe finds nothing serious
// in the draft review in light or dark. The CSV import preview lists a bad row's error and creates
// nothing; a file that goes stale between preview and import gets the 422 report. Never-match rules
// can be added and removed. Run `npm run build:web` first.
// Page-side expressions are passed as strings: this file is type-checked without the DOM library.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page, Response } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { escapeRegExp, launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(180_000);

const ADMIN = 'morgan.lee@contoso.example';

let server: TestServer;
let browser: Browser;
let adminToken: string;
let program: { id: string; name: string };

type Json = any;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchChromium();
  adminToken = await server.app.tokenFor(ADMIN);
  const programs = (await api('GET', '/api/admin/programs')).body as Json[];
  // The program the team matches (admin mode), else the first.
  const chosen = programs.find((p) => p.matchingMode === 'admin') ?? programs[0];
  program = { id: chosen.id, name: chosen.name };
  await ensurePool(program.id, 4);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// ---- the API and the database ------------------------------------------------------------------

async function api(method: string, path: string, body?: unknown, init: { token?: string; csv?: boolean } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${init.token ?? adminToken}` };
  if (body !== undefined) headers['Content-Type'] = init.csv ? 'text/csv' : 'application/json';
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? null : init.csv ? String(body) : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const db = () => server.app.db.kysely;

async function emailOf(userId: string): Promise<string> {
  const row = await db().selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
  return row.email;
}

/**
 * Makes sure the program has at least `mentees` active, unpaused mentees without a pair and a
 * mentor place for each (the demo data normally has them; if not, demo employees are enrolled).
 */
async function ensurePool(programId: string, mentees: number): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const enrolments = await db().selectFrom('enrollments').selectAll().where('programId', '=', programId).where('status', '=', 'active').execute();
  const pairs = await db()
    .selectFrom('pairs')
    .select(['mentorId', 'menteeId'])
    .where('programId', '=', programId)
    .where('status', 'in', ['active', 'paused'])
    .execute();
  const open = (e: Json) => e.availability === 'open' || (e.pausedUntil !== null && e.pausedUntil <= today);
  const waiting = enrolments.filter((e) => e.role === 'mentee' && open(e) && !pairs.some((p) => p.menteeId === e.userId));
  const places = enrolments
    .filter((e) => e.role === 'mentor' && open(e))
    .reduce((sum, e) => sum + Math.max(0, e.capacity - pairs.filter((p) => p.mentorId === e.userId).length), 0);
  const enrolled = new Set(enrolments.map((e) => e.userId));
  const spare = (await db().selectFrom('users').select(['id', 'email']).where('email', '!=', ADMIN).orderBy('email').execute()).filter((u) => !enrolled.has(u.id));
  const now = new Date().toISOString();
  const enrol = async (userId: string, role: 'mentor' | 'mentee') =>
    db()
      .insertInto('enrollments')
      .values({
        id: uuidv7(),
        programId,
        userId,
        role,
        status: 'active',
        goals: null,
        yearsExperience: role === 'mentor' ? 12 : 2,
        capacity: role === 'mentor' ? 3 : 1,
        timeZone: null,
        preferredFrequency: null,
        preferredChannel: null,
        availability: 'open',
        pausedUntil: null,
        workdayStart: '09:00',
        workdayEnd: '17:00',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  let needMentees = mentees - waiting.length;
  let needPlaces = mentees - places;
  for (const user of spare) {
    if (needMentees > 0) {
      await enrol(user.id, 'mentee');
      needMentees -= 1;
    } else if (needPlaces > 0) {
      await enrol(user.id, 'mentor');
      needPlaces -= 3;
    } else break;
  }
}

/** A mentor of the program with no free place (every place taken by an active or paused pair). */
async function fullMentor(programId: string): Promise<{ id: string; displayName: string }> {
  const mentors = await db()
    .selectFrom('enrollments')
    .innerJoin('users', 'users.id', 'enrollments.userId')
    .select(['users.id', 'users.displayName', 'enrollments.capacity'])
    .where('enrollments.programId', '=', programId)
    .where('enrollments.role', '=', 'mentor')
    .where('enrollments.status', '=', 'active')
    .orderBy('users.displayName')
    .execute();
  const pairs = await db().selectFrom('pairs').select('mentorId').where('programId', '=', programId).where('status', 'in', ['active', 'paused']).execute();
  const full = mentors.find((m) => pairs.filter((p) => p.mentorId === m.id).length >= m.capacity);
  if (full) return full;
  // None in the demo data: bring one paired mentor's capacity down to the pairs they have.
  const paired = mentors.find((m) => pairs.some((p) => p.mentorId === m.id));
  if (!paired) throw new Error('The demo program has no paired mentor');
  const taken = pairs.filter((p) => p.mentorId === paired.id).length;
  await db().updateTable('enrollments').set({ capacity: taken }).where('programId', '=', programId).where('userId', '=', paired.id).execute();
  return paired;
}

// ---- the page -----------------------------------------------------------------------------------

async function openAs(email: string, path: string, options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
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

/** Waits until the app's polite live region says something matching `pattern`. */
async function announced(page: Page, pattern: RegExp): Promise<void> {
  await until(
    page,
    `new RegExp(${JSON.stringify(pattern.source)}).test(document.querySelector('[role="status"][aria-live="polite"]')?.textContent ?? '')`,
  );
}

function focusedText(page: Page): Promise<string> {
  return page.evaluate(`(document.activeElement?.textContent ?? '').trim()`);
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

const isCall = (method: string, pattern: RegExp) => (r: Response) => r.request().method() === method && pattern.test(new URL(r.url()).pathname);

const matchingPath = () => `/admin/programs/${program.id}/matching`;

// ---- the tests ----------------------------------------------------------------------------------

test('the admin runs matching, removes a proposal, publishes, and both members of a new pair see it on their tab', async () => {
  const admin = await openAs(ADMIN, '/admin');
  let published: Json;
  try {
    // From Program health's programs table to the program's matching view.
    await admin.getByRole('heading', { level: 1, name: 'Program health' }).waitFor();
    await admin.getByRole('link', { name: `Match mentees in ${program.name}` }).click();
    await admin.getByRole('heading', { level: 1, name: `Match mentees: ${program.name}` }).waitFor();
    expect(new URL(admin.url()).pathname).toBe(matchingPath());
    await admin.getByText('No runs yet').waitFor();
    await admin.getByRole('link', { name: /Back to Program health/ }).waitFor();

    // 1. Run matching: both strategies are explained; the constraints are sent as chosen.
    const strategy = admin.getByRole('radio', { name: 'Match as many as possible' });
    expect(await strategy.getAttribute('aria-describedby')).toBeTruthy();
    await strategy.check();
    await admin.getByRole('radio', { name: 'Best total score' }).check();
    await admin.getByRole('radio', { name: 'Avoid' }).check();
    await admin.getByRole('radio', { name: 'Allow' }).check();
    await admin.getByRole('spinbutton', { name: /Largest time-zone gap/ }).fill('13');
    await admin.getByRole('button', { name: 'Run matching' }).click();
    await admin.getByText('Enter a number of hours from 0 to 12').waitFor(); // stopped before the API
    await admin.getByRole('spinbutton', { name: /Largest time-zone gap/ }).fill('');
    const [created] = await Promise.all([
      admin.waitForResponse(isCall('POST', /\/match-runs$/)),
      admin.getByRole('button', { name: 'Run matching' }).click(),
    ]);
    expect(created.status()).toBe(201);
    expect(created.request().postDataJSON()).toEqual({ strategy: 'best-total', constraints: { maxTimezoneGapHours: null, sameDepartment: 'allow' } });
    const run: Json = await created.json();
    expect(run.proposals.length).toBeGreaterThanOrEqual(2);
    await announced(admin, /Matching finished: \d+ of \d+ mentees matched/);
    await admin.getByRole('heading', { level: 2, name: 'Draft to review' }).waitFor();
    expect(new URL(admin.url()).searchParams.get('run')).toBe(run.id);

    // The figures and the proposals are the API's.
    const summary = admin.getByRole('group', { name: 'Run summary' });
    expect(await summary.getByRole('definition').allTextContents()).toEqual([
      String(run.summary.mentees),
      String(run.summary.mentors),
      String(run.summary.places),
      String(run.summary.matched),
      String(run.summary.unmatched),
      `${Math.round(run.summary.meanScore * 100)}%`,
      `${Math.round(run.summary.minScore * 100)}%`,
    ]);
    const table = admin.getByRole('table', { name: /^Proposed pairs/ });
    expect(await table.getByRole('row').count()).toBe(run.proposals.length + 1);
    const first = run.proposals[0];
    const firstRow = table.getByRole('row').nth(1);
    expect(await firstRow.textContent()).toContain(first.mentee.displayName);
    expect(await firstRow.textContent()).toContain(first.mentor.displayName);
    const meter = firstRow.getByRole('meter');
    expect(await meter.getAttribute('aria-valuenow')).toBe(String(Math.round(first.score * 100)));
    expect(await firstRow.textContent()).toContain(first.reasons[0]);
    // Sorting by score sets aria-sort on that column.
    await table.getByRole('columnheader', { name: 'Score' }).getByRole('button').click();
    expect(await table.getByRole('columnheader', { name: 'Score' }).getAttribute('aria-sort')).toBe('descending');
    expect(await table.getByRole('columnheader', { name: 'Mentee' }).getAttribute('aria-sort')).toBe('none');
    await table.getByRole('columnheader', { name: 'Mentee' }).getByRole('button').click();
    expect(await table.getByRole('columnheader', { name: 'Mentee' }).getAttribute('aria-sort')).toBe('ascending');

    // axe: the draft review, light and dark.
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.emulateMedia({ colorScheme: 'dark' });
    await until(admin, `document.documentElement.style.colorScheme === 'dark'`);
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.emulateMedia({ colorScheme: 'light' });

    // 2. Swap: the searchable list of the program's mentors; a mentor the API refuses (no free place) shows why.
    const full = await fullMentor(program.id);
    await admin.getByRole('button', { name: `Swap mentor for ${first.mentee.displayName}` }).click();
    const picker = admin.getByRole('dialog', { name: `Swap ${first.mentee.displayName}’s mentor` });
    await picker.waitFor();
    const search = picker.getByRole('searchbox', { name: /Search mentors/ });
    await search.fill(full.displayName);
    await picker.getByRole('radio', { name: new RegExp(`^${escapeRegExp(full.displayName)}`) }).check();
    const [refused] = await Promise.all([
      admin.waitForResponse(isCall('PATCH', new RegExp(`/proposals/${first.mentee.id}$`))),
      picker.getByRole('button', { name: 'Pair with this mentor' }).click(),
    ]);
    expect(refused.status()).toBe(409);
    const problem: Json = await refused.json();
    await picker.getByText(problem.detail).waitFor();
    expect(await picker.textContent()).toContain('Couldn’t pair them');
    await announced(admin, new RegExp(`Couldn’t pair ${escapeRegExp(first.mentee.displayName)}`));
    await picker.getByRole('button', { name: 'Cancel' }).click();
    await picker.waitFor({ state: 'detached' });
    expect(await focusedText(admin)).toBe('Swap…');

    // 3. Lock one, then remove another: it moves to "Removed pairs", its mentee to "Unmatched", and Undo takes focus.
    const second = run.proposals[1];
    const lockLabel = `${second.mentee.displayName} with ${second.mentor.displayName}`;
    await Promise.all([
      admin.waitForResponse(isCall('PATCH', /\/proposals\//)),
      admin.getByRole('button', { name: `Lock ${lockLabel}` }).click(),
    ]);
    await admin.getByRole('button', { name: `Unlock ${lockLabel}` }).waitFor();
    await announced(admin, /Locked .* A re-run keeps this pair/);

    const label = `${first.mentee.displayName} with ${first.mentor.displayName}`;
    const [removal] = await Promise.all([
      admin.waitForResponse(isCall('PATCH', new RegExp(`/proposals/${first.mentee.id}$`))),
      admin.getByRole('button', { name: `Remove ${label}` }).click(),
    ]);
    expect(removal.request().postDataJSON()).toEqual({ action: 'remove' });
    await announced(admin, new RegExp(`Removed ${escapeRegExp(label)}`));
    await admin.getByRole('button', { name: `Remove ${label}` }).waitFor({ state: 'detached' });
    expect(await focusedText(admin)).toBe('Undo');
    const removed = admin.getByRole('table', { name: /^Removed pairs/ });
    expect(await removed.textContent()).toContain(first.mentor.displayName);
    const unmatched = admin.getByRole('table', { name: /^Unmatched mentees/ });
    expect(await unmatched.textContent()).toContain(first.mentee.displayName);
    expect(await unmatched.textContent()).toContain('Their proposal was removed by an admin');
    expect(await table.getByRole('row').count()).toBe(run.proposals.length);

    // 4. Re-run the rest: the locked pair stays, the removed pair isn't proposed again.
    const [rerunning] = await Promise.all([
      admin.waitForResponse(isCall('POST', /\/rerun$/)),
      admin.getByRole('button', { name: 'Re-run the rest' }).click(),
    ]);
    const rerun: Json = await rerunning.json();
    await announced(admin, /Re-ran the rest: \d+ of \d+ mentees matched, 1 locked pair kept/);
    expect(rerun.proposals.find((p: Json) => p.mentee.id === second.mentee.id)).toMatchObject({ state: 'locked', mentor: { id: second.mentor.id } });
    expect(rerun.proposals.some((p: Json) => p.mentee.id === first.mentee.id && p.mentor.id === first.mentor.id)).toBe(false);
    await admin.getByRole('button', { name: `Unlock ${lockLabel}` }).waitFor();
    const remaining = rerun.proposals.length;
    await until(admin, `document.querySelectorAll('[data-proposals-table] tbody tr').length === ${remaining}`);

    // 5. Publish, after a confirmation that says what happens.
    await admin.getByRole('button', { name: `Publish ${remaining} pairs` }).click();
    const confirm = admin.getByRole('alertdialog', { name: `Publish ${remaining} pairs?` });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('tells both people in each pair');
    await confirm.getByRole('button', { name: 'Keep reviewing' }).click();
    await confirm.waitFor({ state: 'detached' });
    await until(admin, `document.activeElement?.textContent === ${JSON.stringify(`Publish ${remaining} pairs`)}`);
    await admin.keyboard.press('Enter');
    await confirm.waitFor();
    const [publishing] = await Promise.all([
      admin.waitForResponse(isCall('POST', /\/publish$/)),
      confirm.getByRole('button', { name: `Publish ${remaining} pairs` }).click(),
    ]);
    expect(publishing.status()).toBe(200);
    published = await publishing.json();
    expect(published.status).toBe('published');
    await confirm.waitFor({ state: 'detached' });
    await admin.getByRole('heading', { level: 2, name: 'Published run' }).waitFor();
    const createdPairs = published.proposals.filter((p: Json) => p.outcome && 'pairId' in p.outcome);
    expect(createdPairs.length).toBe(remaining);
    await announced(admin, new RegExp(`Published: ${remaining} pairs created`));
    await admin.getByText(new RegExp(`Published: ${remaining} pairs created`)).first().waitFor();

    // Each proposal's outcome, with a link to the new pair; the run is read-only now.
    const outcomes = admin.getByRole('table', { name: /^Proposed pairs/ });
    expect(await outcomes.getByRole('columnheader', { name: 'Outcome' }).count()).toBe(1);
    expect(await outcomes.getByText('Pair created').count()).toBe(remaining);
    for (const p of createdPairs) {
      const link = outcomes.getByRole('link', { name: `Open the pair ${p.mentee.displayName} with ${p.mentor.displayName}` });
      expect(await link.getAttribute('href')).toBe(`/tab/pairs/${p.outcome.pairId}`);
    }
    expect(await admin.getByRole('button', { name: /^(Lock|Unlock|Remove) / }).count()).toBe(0);
    expect(await admin.getByRole('button', { name: /^Publish/ }).count()).toBe(0);
    expect(await admin.getByRole('button', { name: 'Re-run the rest' }).count()).toBe(0);

    // The run is listed (newest first) and opens again read-only after a reload.
    const runs = admin.getByRole('table', { name: 'Match runs, newest first' });
    expect(await runs.textContent()).toContain('Published');
    await admin.reload();
    await admin.getByRole('heading', { level: 2, name: 'Published run' }).waitFor();
    expect(await admin.getByRole('button', { name: /^Swap mentor/ }).count()).toBe(0);
  } finally {
    await close(admin);
  }

  // 6. The new pair on both members' Home tabs.
  const pair = published.proposals.find((p: Json) => p.outcome && 'pairId' in p.outcome);
  const stored = await db().selectFrom('pairs').selectAll().where('id', '=', pair.outcome.pairId).executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ menteeId: pair.mentee.id, mentorId: pair.mentor.id, status: 'active', source: 'admin-match' });
  for (const [member, partner] of [
    [pair.mentee, pair.mentor],
    [pair.mentor, pair.mentee],
  ]) {
    const page = await openAs(await emailOf(member.id), '/tab');
    try {
      await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
      const link = page.getByRole('link', { name: partner.displayName, exact: true });
      await link.first().waitFor();
      expect(await page.locator(`a[href="/tab/pairs/${pair.outcome.pairId}"]`).count()).toBeGreaterThan(0);
    } finally {
      await close(page);
    }
  }
});

test('the CSV import previews each row, shows a bad row’s error, and reports a file that went stale before it was imported', async () => {
  // Someone still waiting and a mentor with a free place: a fresh run (it writes nothing) names them.
  await ensurePool(program.id, 1);
  const draft = (await api('POST', `/api/admin/programs/${program.id}/match-runs`, {})).body;
  const proposal = draft.proposals[0];
  const menteeEmail = await emailOf(proposal.mentee.id);
  const mentorEmail = await emailOf(proposal.mentor.id);
  const goodRow = `${menteeEmail},${mentorEmail},Both keen on stakeholder management`;

  const admin = await openAs(ADMIN, matchingPath());
  try {
    await admin.getByRole('heading', { level: 1, name: `Match mentees: ${program.name}` }).waitFor();
    await admin.getByRole('button', { name: 'Import pairs from CSV' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Import pairs from a CSV file' });
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Create pairs' }).isDisabled()).toBe(true);

    // One good row, one bad: the preview marks the bad one with its reason and creates nothing.
    const file = (text: string) => ({ name: 'pairs.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    const [preview] = await Promise.all([
      admin.waitForResponse(isCall('POST', /\/pair-imports$/)),
      dialog.locator('input[type="file"]').setInputFiles(file(`mentee_email,mentor_email,note\n${goodRow}\nnobody@contoso.example,${mentorEmail},\n`)),
    ]);
    expect(new URL(preview.url()).searchParams.get('dryRun')).toBe('true');
    const rows = dialog.getByRole('table', { name: /^Rows in pairs\.csv/ });
    await rows.waitFor();
    await announced(admin, /Checked 2 rows: 1 ready, 1 with problems/);
    const ok = rows.getByRole('row').filter({ hasText: menteeEmail });
    expect(await ok.textContent()).toContain('Ready');
    const bad = rows.getByRole('row').filter({ hasText: 'nobody@contoso.example' });
    expect(await bad.textContent()).toContain('Problem');
    expect(await bad.textContent()).toContain('No one in the directory has the email nobody@contoso.example');
    expect(await bad.getByRole('cell').first().textContent()).toBe('3');
    expect(await dialog.getByRole('button', { name: 'Create pairs' }).isDisabled()).toBe(true);
    expect(await dialog.textContent()).toContain('pairs are only created when every row is ready');
    expect(await db().selectFrom('pairs').select('id').where('programId', '=', program.id).where('menteeId', '=', proposal.mentee.id).where('source', '=', 'import').execute()).toEqual([]);

    // A good file: ready to create… but the mentee gets paired elsewhere first, so the import is refused whole (422).
    await Promise.all([
      admin.waitForResponse(isCall('POST', /\/pair-imports$/)),
      dialog.locator('input[type="file"]').setInputFiles(file(`mentee_email,mentor_email\n${goodRow.split(',').slice(0, 2).join(',')}\n`)),
    ]);
    await dialog.getByRole('button', { name: 'Create 1 pair' }).waitFor();
    const meanwhile = await api('POST', `/api/admin/programs/${program.id}/pair-imports?dryRun=false`, `mentee_email,mentor_email\n${menteeEmail},${mentorEmail}\n`, { csv: true });
    expect(meanwhile.status).toBe(200);
    const [rejected] = await Promise.all([
      admin.waitForResponse(isCall('POST', /\/pair-imports$/)),
      dialog.getByRole('button', { name: 'Create 1 pair' }).click(),
    ]);
    expect(rejected.status()).toBe(422);
    await dialog.getByText('Nothing was created: something changed since the preview').waitFor();
    await announced(admin, /Nothing was created/);
    expect(await dialog.getByRole('table', { name: /^Rows in pairs\.csv/ }).textContent()).toContain('Problem');
    expect(await dialog.getByRole('button', { name: 'Create pairs' }).isDisabled()).toBe(true);

    // A fresh file that is still valid: all of it is created, the dialog closes and says so.
    await ensurePool(program.id, 1);
    const next = (await api('POST', `/api/admin/programs/${program.id}/match-runs`, {})).body.proposals[0];
    const csv = `mentee_email,mentor_email\n${await emailOf(next.mentee.id)},${await emailOf(next.mentor.id)}\n`;
    await Promise.all([
      admin.waitForResponse(isCall('POST', /\/pair-imports$/)),
      dialog.locator('input[type="file"]').setInputFiles({ ...file(csv), name: 'more-pairs.csv' }),
    ]);
    const [imported] = await Promise.all([
      admin.waitForResponse(isCall('POST', /\/pair-imports$/)),
      dialog.getByRole('button', { name: 'Create 1 pair' }).click(),
    ]);
    expect(imported.status()).toBe(200);
    expect(new URL(imported.url()).searchParams.get('dryRun')).toBe('false');
    await dialog.waitFor({ state: 'detached' });
    await until(admin, `document.activeElement?.textContent === 'Import pairs from CSV'`);
    await admin.getByText('Created 1 pair from more-pairs.csv.', { exact: true }).waitFor();
    await announced(admin, /Created 1 pair from more-pairs\.csv/);
    const createdPair = await db()
      .selectFrom('pairs')
      .selectAll()
      .where('programId', '=', program.id)
      .where('menteeId', '=', next.mentee.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(createdPair).toMatchObject({ mentorId: next.mentor.id, source: 'import' });
  } finally {
    await close(admin);
  }
});

test('never-match rules can be added by picking the two people, and removed again', async () => {
  const members = await db()
    .selectFrom('enrollments')
    .innerJoin('users', 'users.id', 'enrollments.userId')
    .select(['users.id', 'users.displayName', 'enrollments.role'])
    .where('enrollments.programId', '=', program.id)
    .where('enrollments.status', '=', 'active')
    .orderBy('users.displayName')
    .execute();
  const mentee = members.find((m) => m.role === 'mentee')!;
  const mentor = members.find((m) => m.role === 'mentor')!;

  const admin = await openAs(ADMIN, matchingPath());
  try {
    await admin.getByRole('heading', { level: 1, name: `Match mentees: ${program.name}` }).waitFor();
    await admin.getByText('No never-match rules').waitFor();
    await admin.getByRole('button', { name: 'Add a rule' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Add a never-match rule' });
    await dialog.waitFor();
    // Nothing chosen: the fields say so.
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await dialog.getByText('Choose the mentee.').waitFor();

    const pick = async (label: string, name: string) => {
      const box = dialog.getByRole('combobox', { name: label });
      await until(admin, `!document.querySelector('[role="dialog"] input[role="combobox"]:disabled')`);
      await box.pressSequentially(name.slice(0, 6));
      await admin.getByRole('option', { name: new RegExp(`^${escapeRegExp(name)}\\b`) }).first().click();
    };
    await pick('Mentee', mentee.displayName);
    await pick('Mentor', mentor.displayName);
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('They already work side by side.');
    const [added] = await Promise.all([
      admin.waitForResponse(isCall('POST', /\/exclusions$/)),
      dialog.getByRole('button', { name: 'Add rule' }).click(),
    ]);
    expect(added.status()).toBe(201);
    expect(added.request().postDataJSON()).toEqual({ menteeId: mentee.id, mentorId: mentor.id, reason: 'They already work side by side.' });
    await announced(admin, /Added a rule/);
    await until(admin, `document.activeElement?.textContent === 'Add a rule'`);
    const rules = admin.getByRole('table', { name: `Never-match rules in ${program.name}` });
    await rules.waitFor();
    expect(await rules.textContent()).toContain('They already work side by side.');

    await Promise.all([
      admin.waitForResponse(isCall('DELETE', /\/exclusions\//)),
      rules.getByRole('button', { name: `Remove the rule for ${mentee.displayName} with ${mentor.displayName}` }).click(),
    ]);
    await admin.getByText('No never-match rules').waitFor();
    expect(await focusedText(admin)).toBe('Undo');
    await announced(admin, /Removed the never-match rule/);
  } finally {
    await close(admin);
  }
});
