import { createTestApp, type TestApp } from '../support/app';
import { matchFixtures } from '../support/match-fixtures';

/*
 * Importing pairs from CSV (docs/match-runs.md, "CSV import"): a preview that writes nothing, then
 * all or nothing.
 */

const NOW = '2026-06-10T12:00:00.000Z';
const P = 'imp';

describe('pair imports from CSV', () => {
  let app: TestApp;
  let f: ReturnType<typeof matchFixtures>;
  let program: string;
  const ids: Record<string, string> = {};
  const e = (name: string) => `${P}.${name}@contoso.example`;
  const path = (query = '') => `/api/admin/programs/${program}/pair-imports${query}`;
  const everything = async () => ({ ...(await f.writes()), ...(await f.snapshot()) });

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    f = matchFixtures(app);
    program = await f.program('Imports');
    ids.max = await f.mentorNamed(program, P, 'Max', 'Legal', { capacity: 1 });
    ids.mel = await f.mentorNamed(program, P, 'Mel', 'Legal', { capacity: 2 });
    ids.moe = await f.mentorNamed(program, P, 'Moe', 'Legal', { capacity: 3 });
    ids.boss = await f.mentorNamed(program, P, 'Boss', 'Legal', { capacity: 3 });
    for (const name of ['Ann', 'Ben', 'Cy', 'Dan', 'Eva', 'Old']) ids[name.toLowerCase()] = await f.menteeNamed(program, P, name, 'Sales');
    await f.pairWith(program, ids.mel!, ids.old!, 'active'); // Mel: 1 of 2 places taken
    await f.setManager(ids.eva!, ids.boss!);
    ids.norm = await f.named(P, 'Norm'); // in the directory, not in the program
  });
  afterAll(() => app.close());

  const messy = [
    'mentee_email,mentor_email,note',
    `${e('ann')},${e('max')},`,
    `ghost@contoso.example,${e('max')},`,
    `${e('ben')},${e('cy')}`,
    `${e('ann')},${e('mel')},`,
    `${e('dan')},${e('max')},`,
    `"${e('cy')}","${e('mel')}","Met at the offsite, a ""great"" fit`,
    'second line of the note"',
    `${e('norm')},${e('moe')},`,
    `${e('eva')},${e('boss')},`,
    `${e('old')},${e('moe')},`,
  ].join('\r\n');

  const messyReport = () => ({
    rows: [
      { line: 2, menteeEmail: e('ann'), mentorEmail: e('max'), status: 'ok', errors: [] },
      { line: 3, menteeEmail: 'ghost@contoso.example', mentorEmail: e('max'), status: 'error', errors: ['No one in the directory has the email ghost@contoso.example'] },
      { line: 4, menteeEmail: e('ben'), mentorEmail: e('cy'), status: 'error', errors: ['Cy is enrolled in Imports as a mentee, not a mentor'] },
      { line: 5, menteeEmail: e('ann'), mentorEmail: e('mel'), status: 'error', errors: [`Duplicate: ${e('ann')} is already the mentee on line 2`] },
      {
        line: 6,
        menteeEmail: e('dan'),
        mentorEmail: e('max'),
        status: 'error',
        errors: ['Max has no free place: 1 of 1 place is taken (counting 1 earlier row of this file)'],
      },
      // Quoted fields, with a comma, doubled quotes and a line break in the note: one row on lines 7–8.
      { line: 7, menteeEmail: e('cy'), mentorEmail: e('mel'), status: 'ok', errors: [] },
      { line: 9, menteeEmail: e('norm'), mentorEmail: e('moe'), status: 'error', errors: ['Norm isn’t enrolled in Imports'] },
      { line: 10, menteeEmail: e('eva'), mentorEmail: e('boss'), status: 'error', errors: ['Boss and Eva are in the same reporting line, so they can’t be paired'] },
      { line: 11, menteeEmail: e('old'), mentorEmail: e('moe'), status: 'error', errors: ['Old already has a mentor in Imports'] },
    ],
    valid: 2,
    invalid: 7,
    created: [],
  });

  it('a dry run reports every row and writes nothing', async () => {
    const before = await everything();
    const res = await f.postCsv(path('?dryRun=true'), messy);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(messyReport());
    expect(await everything()).toEqual(before);
    // The preview is the default.
    const preview = await f.postCsv(path(), messy);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual(messyReport());
    expect(await everything()).toEqual(before);
  });

  it('a confirmed import with any bad row is refused with 422 and the same report, writing nothing', async () => {
    const before = await everything();
    const res = await f.postCsv(path('?dryRun=false'), messy);
    expect(res.status).toBe(422);
    expect(res.body).toEqual(messyReport());
    expect(await everything()).toEqual(before);

    // One bad row among good ones is enough: the good ones are not created either.
    const oneBad = `mentee_email,mentor_email\n${e('dan')},${e('moe')}\n${e('eva')},${e('boss')}\n${e('cy')},${e('mel')}\n`;
    const refused = await f.postCsv(path('?dryRun=false'), oneBad);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ valid: 2, invalid: 1, created: [] });
    expect(refused.body.rows.map((r: { status: string }) => r.status)).toEqual(['ok', 'error', 'ok']);
    expect(await everything()).toEqual(before);
  });

  it('a clean confirmed import creates every pair with notifications, in one transaction', async () => {
    const pending = await f.requestRow(program, ids.ben!, ids.max!);
    // A byte-order mark, CRLF, a trailing blank line, an upper-cased email and a header in capitals are all fine.
    const csv = `\ufeffMENTEE_EMAIL,Mentor_Email\r\n${e('ann')},${e('max')}\r\n${e('ben').toUpperCase()},${e('moe')}\r\n\r\n`;
    const preview = await f.postCsv(path('?dryRun=true'), csv);
    expect(preview.body).toMatchObject({ valid: 2, invalid: 0, created: [] });

    const res = await f.postCsv(path('?dryRun=false'), csv);
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(2);
    expect(res.body.created).toHaveLength(2);
    const pairs = (await f.pairsIn(program)).filter((x) => res.body.created.includes(x.id));
    expect(pairs.map((x) => [x.menteeId, x.mentorId, x.status, x.source, x.startedAt]).sort()).toEqual(
      [
        [ids.ann, ids.max, 'active', 'import', NOW],
        [ids.ben, ids.moe, 'active', 'import', NOW],
      ].sort(),
    );
    expect(res.body.created[0]).toBe(pairs.find((x) => x.menteeId === ids.ann)!.id);
    const notes = await f.notificationsOf([ids.ann!, ids.max!, ids.ben!, ids.moe!]);
    expect(notes.map((n) => [n.userId, n.kind, n.channel]).sort()).toEqual(
      [
        [ids.ann, 'pair-created', 'feed'],
        [ids.max, 'pair-created', 'feed'],
        [ids.ben, 'pair-created', 'feed'],
        [ids.moe, 'pair-created', 'feed'],
      ].sort(),
    );
    expect(JSON.parse(notes.find((n) => n.userId === ids.ben)!.payload)).toMatchObject({ role: 'mentee', partner: { id: ids.moe, displayName: 'Moe' }, source: 'import' });
    expect((await f.request(pending)).status).toBe('closed');
    expect((await f.auditActions(program)).map((a) => [a.action, JSON.parse(a.detail!)])).toEqual([['pair-import.created', { pairs: 2 }]]);

    // Importing the same file again finds both mentees already paired.
    const again = await f.postCsv(path('?dryRun=true'), csv);
    expect(again.body.rows.map((r: { errors: string[] }) => r.errors)).toEqual([['Ann already has a mentor in Imports'], ['Ben already has a mentor in Imports']]);
  });

  it('refuses a file it cannot read: problem+json naming the body, the content type or the size', async () => {
    const before = await everything();
    const noHeader = await f.postCsv(path(), `${e('dan')},${e('moe')}\n`);
    expect(noHeader.status).toBe(400);
    expect(noHeader.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(noHeader.body.errors[0].field).toBe('body');
    expect(noHeader.body.detail).toMatch(/Unknown column .*The first line must be the header mentee_email,mentor_email/);

    const unclosed = await f.postCsv(path(), `mentee_email,mentor_email\n"${e('dan')},${e('moe')}\n`);
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.detail).toMatch(/not valid CSV/);

    expect((await f.postCsv(path(), 'mentee_email,mentor_email\n')).status).toBe(400);
    expect((await f.postCsv(path('?dryRun=maybe'), messy)).body.errors).toEqual([expect.objectContaining({ field: 'dryRun' })]);

    const json = await f.api('post', path(), { rows: [] });
    expect(json.status).toBe(415);
    expect(json.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await f.postCsv(path(), messy, undefined, 'text/plain')).status).toBe(415);
    expect((await f.postCsv(path(), messy, undefined, 'text/csv; charset=latin1')).status).toBe(415);
    expect((await f.postCsv(path(), messy, undefined, 'text/csv; charset=utf-8')).status).toBe(200);

    const huge = `mentee_email,mentor_email\n${`${e('dan')},${e('moe')}\n`.repeat(30_000)}`;
    expect(huge.length).toBeGreaterThan(1024 * 1024);
    const tooBig = await f.postCsv(path(), huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['content-type']).toMatch(/application\/problem\+json/);

    expect((await f.postCsv('/api/admin/programs/00000000-0000-7000-8000-000000000000/pair-imports', messy)).status).toBe(404);
    expect(await everything()).toEqual(before);
  });
});
