import { createTestApp, type TestApp } from '../support/app';
import { matchFixtures, unmatchedTable } from '../support/match-fixtures';

/*
 * Reporting-line exclusion (docs/directory.md, "Used by"; docs/matching.md): nobody is offered or
 * matched with anyone above or below them in their management chain, at any depth, in either
 * direction — with the organisation loaded the way a tenant without Entra data loads it, through
 * the CSV import. Bad data that the import would refuse (a manager cycle synced from elsewhere)
 * must still end the walk and keep the cycle's members apart.
 */

const NOW = '2026-06-10T12:00:00.000Z';
const e = (name: string) => `${name}@lines.example`;

describe('reporting lines, loaded through the CSV import', () => {
  let app: TestApp;
  let f: ReturnType<typeof matchFixtures>;
  let program: string;
  let chainOnly: string;
  const ids: Record<string, string> = {};
  const coaching = { skillsOffered: ['Coaching'], capacity: 5 };
  const wantsCoaching = { skillsWanted: ['Coaching'] };

  const recommendedTo = async (name: string, programId = program) => {
    const res = await f.api('get', `/api/programs/${programId}/recommendations`, undefined, e(name));
    expect(res.status).toBe(200);
    return (res.body as { displayName: string }[]).map((r) => r.displayName).sort();
  };
  /** `[mentee, mentor]` of a run's proposals, by mentee name */
  const proposed = (body: { proposals: { mentee: { displayName: string }; mentor: { displayName: string } }[] }) =>
    body.proposals.map((p) => [p.mentee.displayName, p.mentor.displayName] as const).sort(([a], [b]) => a.localeCompare(b));
  const run = async (programId: string) => {
    const res = await f.api('post', `/api/admin/programs/${programId}/match-runs`, {});
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    f = matchFixtures(app);
    // Ceo ← Vp ← Dir ← Lead ← Eng ← Intern: five levels below the CEO. Sib is Dir's peer under
    // Vp; Out is elsewhere. Reports come before their managers in the file on purpose.
    const csv = [
      'email,displayName,managerEmail,department',
      `${e('intern')},Intern,${e('eng')},Engineering`,
      `${e('eng')},Eng,${e('lead')},Engineering`,
      `${e('lead')},Lead,${e('dir')},Engineering`,
      `${e('dir')},Dir,${e('vp')},Engineering`,
      `${e('sib')},Sibling,${e('vp')},Engineering`,
      `${e('vp')},Vp,${e('ceo')},Engineering`,
      `${e('ceo')},Ceo,,Executive`,
      `${e('out')},Outsider,,Sales`,
    ].join('\n');
    const imported = await f.postCsv('/api/admin/directory/import?confirm=true', csv);
    expect(imported.body).toEqual({ applied: { new: 8, update: 0, unchanged: 0 } });
    for (const name of ['intern', 'eng', 'lead', 'dir', 'sib', 'vp', 'ceo', 'out']) {
      ids[name] = (await app.db.kysely.selectFrom('users').select('id').where('email', '=', e(name)).executeTakeFirstOrThrow()).id;
    }

    program = await f.program('Lines');
    for (const name of ['ceo', 'vp', 'lead', 'eng', 'sib', 'out']) await f.mentor(program, ids[name]!, coaching);
    for (const name of ['dir', 'intern']) await f.mentee(program, ids[name]!, wantsCoaching);
    // The same people, with only mentors from the chain.
    chainOnly = await f.program('Chain only');
    for (const name of ['ceo', 'vp', 'lead', 'eng']) await f.mentor(chainOnly, ids[name]!, coaching);
    for (const name of ['dir', 'intern']) await f.mentee(chainOnly, ids[name]!, wantsCoaching);
  });
  afterAll(() => app.close());

  it('never recommends a manager at any height nor a report at any depth, but does a peer', async () => {
    // Dir: Vp above, Ceo two above (skip level); Lead below, Eng two below (indirect report).
    expect(await recommendedTo('dir')).toEqual(['Outsider', 'Sibling']);
    // Intern: Eng, Lead, Vp and Ceo are one to four levels above.
    expect(await recommendedTo('intern')).toEqual(['Outsider', 'Sibling']);
    expect(await recommendedTo('dir', chainOnly)).toEqual([]);
  });

  it('never proposes or lets an admin assign a pair within one reporting line', async () => {
    const lines = await run(chainOnly);
    expect(lines.proposals).toEqual([]);
    expect(unmatchedTable(lines)).toEqual([
      ['Dir', ['No eligible mentor: 4 in their reporting line']],
      ['Intern', ['No eligible mentor: 4 in their reporting line']],
    ]);
    for (const [mentee, mentor] of [
      ['dir', 'ceo'],
      ['dir', 'eng'],
      ['intern', 'lead'],
      ['intern', 'ceo'],
    ] as const) {
      const refused = await f.api('patch', `/api/admin/match-runs/${lines.id}/proposals/${ids[mentee]}`, { action: 'assign', mentorId: ids[mentor] });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/are in the same reporting line/);
    }

    // With a peer and an outsider in the pool, both are matched, and only with them.
    const open = await run(program);
    expect(proposed(open).map(([mentee]) => mentee)).toEqual(['Dir', 'Intern']);
    for (const [, mentor] of proposed(open)) expect(['Outsider', 'Sibling']).toContain(mentor);
  });

  it('ends the walk on a manager cycle in bad directory data and keeps its members apart', async () => {
    // The import refuses a cycle, so this is data that reached Tandem some other way.
    expect((await f.postCsv('/api/admin/directory/import', `email,displayName,managerEmail\n${e('ceo')},Ceo,${e('intern')}\n`)).body.rows[0].errors).toEqual([
      expect.stringMatching(/^Manager cycle: /),
    ]);
    const cycles = await f.program('Cycles');
    const cy = async (name: string) => {
      const id = await f.person(e(name.toLowerCase()), { displayName: name });
      ids[name] = id;
      return id;
    };
    const a = await cy('CycA');
    const b = await cy('CycB');
    const c = await cy('CycC');
    await f.setManager(a, b);
    await f.setManager(b, c);
    await f.setManager(c, a);
    // A cycle above someone who isn't on it: D reports into X ↔ Y.
    const d = await cy('CycD');
    const x = await cy('LoopX');
    const y = await cy('LoopY');
    await f.setManager(d, x);
    await f.setManager(x, y);
    await f.setManager(y, x);
    for (const id of [b, c, x, y, ids.out!]) await f.mentor(cycles, id, coaching);
    for (const id of [a, d]) await f.mentee(cycles, id, wantsCoaching);

    expect(await recommendedTo('cyca', cycles)).toEqual(['LoopX', 'LoopY', 'Outsider']);
    expect(await recommendedTo('cycd', cycles)).toEqual(['CycB', 'CycC', 'Outsider']);

    const allowed: Record<string, string[]> = { CycA: ['LoopX', 'LoopY', 'Outsider'], CycD: ['CycB', 'CycC', 'Outsider'] };
    const res = await run(cycles);
    expect(proposed(res).map(([mentee]) => mentee)).toEqual(['CycA', 'CycD']);
    for (const [mentee, mentor] of proposed(res)) expect(allowed[mentee]).toContain(mentor);
  });
});
