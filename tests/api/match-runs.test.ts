import { proposeMatches, type PoolMentee, type PoolMentor } from '../../api/src/match-runs/candidates';
import { createTestApp, type TestApp } from '../support/app';
import { ADMIN, matchFixtures, proposalTable, unmatchedTable } from '../support/match-fixtures';

/*
 * Whole-program matching through HTTP (docs/match-runs.md). Scores are worked out by hand from
 * docs/matching.md. In these pools everyone works in Europe/London (time zone 1 → 100
 * thousandths, "Works in your time zone"), nobody lists experience, goals or values, so a score
 * is: 350 × share of wanted skills offered + 100 × min(free places, 3)/3 + 20 × distinct
 * departments of the mentor and their past mentees (capped at 5) + 100 for the time zone.
 * A mentor with one free place and no past mentees therefore starts at 153.333 thousandths.
 */

const NOW = '2026-06-10T12:00:00.000Z';

describe('whole-program match runs', () => {
  let app: TestApp;
  let f: ReturnType<typeof matchFixtures>;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    f = matchFixtures(app);
  });
  afterAll(() => app.close());

  const run = (programId: string, body: object = {}) => f.api('post', `/api/admin/programs/${programId}/match-runs`, body);
  const patch = (runId: string, menteeId: string, body: object) => f.api('patch', `/api/admin/match-runs/${runId}/proposals/${menteeId}`, body);
  const rerun = (runId: string) => f.api('post', `/api/admin/match-runs/${runId}/rerun`);
  const publish = (runId: string) => f.api('post', `/api/admin/match-runs/${runId}/publish`);

  it('proposes the optimal set on a small pool, counting existing pairs against capacity, and explains it', async () => {
    const p = 'opt';
    const program = await f.program('Optimal');
    // Xena: capacity 2 but one active pair (with Olga, Finance) → 1 free place; reach {Legal, Finance} = 2.
    const xena = await f.mentorNamed(program, p, 'Xena', 'Legal', { skillsOffered: ['Negotiation', 'Pricing'], capacity: 2 });
    const olga = await f.menteeNamed(program, p, 'Olga', 'Finance', { skillsWanted: ['Negotiation'] });
    await f.pairWith(program, xena, olga, 'active');
    const yuri = await f.mentorNamed(program, p, 'Yuri', 'Legal', { skillsOffered: ['Negotiation'], capacity: 1 });
    // Out of the pool: a paused mentor, a mentor whose one place is held by a paused pair, a paused mentee.
    await f.mentorNamed(program, p, 'Pat', 'Legal', { skillsOffered: ['Negotiation', 'Pricing'], capacity: 3, availability: 'paused' });
    const fay = await f.mentorNamed(program, p, 'Fay', 'Legal', { skillsOffered: ['Negotiation', 'Pricing'], capacity: 1 });
    const pia = await f.menteeNamed(program, p, 'Pia', 'Finance', { skillsWanted: ['Negotiation'] });
    await f.pairWith(program, fay, pia, 'paused');
    await f.menteeNamed(program, p, 'Pam', 'Sales', { skillsWanted: ['Negotiation'], availability: 'paused' });

    await f.menteeNamed(program, p, 'Ann', 'Sales', { skillsWanted: ['Negotiation', 'Pricing'] });
    await f.menteeNamed(program, p, 'Ben', 'Sales', { skillsWanted: ['Pricing', 'Storytelling'] });
    await f.menteeNamed(program, p, 'Cal', 'Sales', { skillsWanted: ['Negotiation'] });

    // Xena's base: 100 (zone) + 33.333 (1 place) + 40 (2 departments) = 173.333; Yuri's: 153.333.
    //   Ann–Xena 350 + 173.333 → 0.523   Ann–Yuri 175 + 153.333 → 0.328
    //   Ben–Xena 175 + 173.333 → 0.348   Ben–Yuri   0 + 153.333 → 0.153
    //   Cal–Xena 350 + 173.333 → 0.523   Cal–Yuri 350 + 153.333 → 0.503
    // Two places. Ann–Xena + Cal–Yuri = 1.026 beats Cal–Xena + Ann–Yuri = 0.851 (what "highest
    // first" can pick on the tie at 0.523), Ben–Xena + Cal–Yuri = 0.851 and the rest.
    const res = await run(program);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ programId: program, status: 'draft', strategy: 'best-total', publishedAt: null, createdAt: NOW });
    expect(res.body.constraints).toEqual({ maxTimezoneGapHours: null, sameDepartment: 'allow' });
    expect(proposalTable(res.body)).toEqual([
      ['Ann', 'Xena', 0.523],
      ['Cal', 'Yuri', 0.503],
    ]);
    expect(res.body.proposals[0]).toEqual({
      mentee: { id: expect.any(String), displayName: 'Ann', department: 'Sales', jobTitle: null },
      mentor: { id: xena, displayName: 'Xena', department: 'Legal', jobTitle: null },
      score: 0.523,
      reasons: ['Offers 2 of the skills you want: Negotiation, Pricing', 'Works in your time zone', 'Has mentored people from 1 department', 'Has room for 1 more mentee'],
      state: 'proposed',
      outcome: null,
    });
    expect(res.body.proposals[1].mentor.id).toBe(yuri);
    // Xena's second place is Olga's: Ben is left over, and says why.
    expect(unmatchedTable(res.body)).toEqual([['Ben', ['Every eligible mentor is at capacity']]]);
    expect(res.body.removed).toEqual([]);
    expect(res.body.summary).toEqual({
      mentees: 3, mentors: 2, places: 2, matched: 2, unmatched: 1, totalScore: 1.026, meanScore: 0.513, minScore: 0.503, candidatesPerMentee: null,
    });

    const again = await f.api('get', `/api/admin/match-runs/${res.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    const list = await f.api('get', `/api/admin/programs/${program}/match-runs`);
    expect(list.body).toEqual([
      { id: res.body.id, status: 'draft', strategy: 'best-total', createdAt: NOW, createdBy: res.body.createdBy, publishedAt: null, summary: res.body.summary },
    ]);
  });

  it('lists the program’s active members for the pickers: mentors with their free places, paused people flagged', async () => {
    const p = 'mem';
    const program = await f.program('Members');
    const zed = await f.mentorNamed(program, p, 'Zed', 'Legal', { capacity: 2 });
    const amy = await f.menteeNamed(program, p, 'Amy', 'Sales');
    await f.pairWith(program, zed, amy, 'active');
    await f.menteeNamed(program, p, 'Bea', 'Sales', { availability: 'paused' });
    const res = await f.api('get', `/api/admin/programs/${program}/members`);
    expect(res.status).toBe(200);
    expect(res.body.map((m: { displayName: string; role: string; openPairs: number; freePlaces: number | null; paused: boolean }) => [m.displayName, m.role, m.openPairs, m.freePlaces, m.paused])).toEqual([
      ['Amy', 'mentee', 1, null, false],
      ['Bea', 'mentee', 0, null, true],
      ['Zed', 'mentor', 1, 1, false],
    ]);
    expect((await f.api('get', `/api/admin/programs/${program}/members`, undefined, f.email(p, 'Amy'))).status).toBe(403);
  });

  it('never proposes an excluded pair, and says which exclusion left each mentee out', async () => {
    const p = 'excl';
    const program = await f.program('Exclusions');
    const old = await f.program('Exclusions last year');
    const coaching = { skillsWanted: ['Coaching'] };
    const mo = await f.mentorNamed(program, p, 'Mo', 'Sales', { skillsOffered: ['Coaching'], capacity: 10 });
    const ray = await f.menteeNamed(program, p, 'Ray', 'Finance', coaching);
    await f.setManager(ray, mo); // Mo manages Ray
    const una = await f.menteeNamed(program, p, 'Una', 'Finance', coaching);
    const vic = await f.named(p, 'Vic', 'Finance');
    await f.setManager(mo, vic);
    await f.setManager(vic, una); // Una is two levels above Mo
    const pete = await f.menteeNamed(program, p, 'Pete', 'Finance', coaching);
    await f.pairWith(old, mo, pete, 'ended');
    const dee = await f.menteeNamed(program, p, 'Dee', 'Finance', coaching);
    await f.requestRow(program, dee, mo, { status: 'declined' });
    const nev = await f.menteeNamed(program, p, 'Nev', 'Finance', coaching);
    const rule = await f.api('post', `/api/admin/programs/${program}/exclusions`, { menteeId: nev, mentorId: mo, reason: 'Conflict of interest' });
    expect(rule.status).toBe(201);
    const tom = await f.menteeNamed(program, p, 'Tom', 'Finance', { ...coaching, timeZone: 'Asia/Tokyo' }); // 8 h from London in June
    const sid = await f.menteeNamed(program, p, 'Sid', 'Sales', coaching); // Mo's department
    await f.menteeNamed(program, p, 'Ola', 'Finance', coaching);
    await f.menteeNamed(program, p, 'Unk', 'Finance', { ...coaching, timeZone: 'Mars/Olympus' }); // unknown zone: passes

    const res = await run(program, { constraints: { maxTimezoneGapHours: 4, sameDepartment: 'forbid' } });
    expect(res.status).toBe(201);
    expect(res.body.constraints).toEqual({ maxTimezoneGapHours: 4, sameDepartment: 'forbid' });
    // Mo: 350 skills + 100 (10 places → 3/3) + 40 (Sales + Pete's Finance) + 100 zone = 590; unknown zone 50 → 540.
    expect(proposalTable(res.body)).toEqual([
      ['Ola', 'Mo', 0.59],
      ['Unk', 'Mo', 0.54],
    ]);
    expect(unmatchedTable(res.body)).toEqual([
      ['Dee', ['No eligible mentor: 1 with a declined request between them']],
      ['Nev', ['No eligible mentor: 1 never-match rule']],
      ['Pete', ['No eligible mentor: 1 paired with them before']],
      ['Ray', ['No eligible mentor: 1 in their reporting line']],
      ['Sid', ['Excluded by the same-department rule from 1 mentor']],
      ['Tom', ['Excluded by the time-zone constraint from 1 mentor']],
      ['Una', ['No eligible mentor: 1 in their reporting line']],
    ]);

    // An admin's own choice is held to the same rules, and nothing changes when it is refused.
    const before = await f.api('get', `/api/admin/match-runs/${res.body.id}`);
    const refusals: [string, RegExp][] = [
      [ray, /Mo and Ray are in the same reporting line/],
      [una, /same reporting line/],
      [pete, /have already been paired before/],
      [dee, /request between them was declined/],
      [nev, /never-match rule in Exclusions keeps Nev and Mo apart/],
      [tom, /Tom and Mo work 8 h apart, more than the 4 h this run allows/],
      [sid, /Sid and Mo are both in Sales, and this run forbids same-department pairs/],
    ];
    for (const [menteeId, detail] of refusals) {
      const refused = await patch(res.body.id, menteeId, { action: 'assign', mentorId: mo });
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.detail).toMatch(detail);
    }
    expect((await f.api('get', `/api/admin/match-runs/${res.body.id}`)).body).toEqual(before.body);

    // "avoid" keeps the same-department pair at half its score, and says so.
    const allow = await run(program);
    const avoid = await run(program, { constraints: { sameDepartment: 'avoid' } });
    const sidOf = (body: { proposals: { mentee: { id: string }; score: number; reasons: string[] }[] }) => body.proposals.find((x) => x.mentee.id === sid)!;
    expect(sidOf(allow.body).score).toBe(0.59);
    expect(sidOf(avoid.body).score).toBe(0.295);
    expect(sidOf(avoid.body).reasons.at(-1)).toBe('Same department (avoided)');
    expect(sidOf(allow.body).reasons).not.toContain('Same department (avoided)');
    expect(proposalTable(allow.body).map((row) => row[0])).toEqual(['Ola', 'Sid', 'Tom', 'Unk']);
  });

  it('"most-matched" matches more mentees than "best-total" where the two disagree', async () => {
    const p = 'most';
    const program = await f.program('Most matched');
    await f.mentorNamed(program, p, 'Xia', 'Legal', { skillsOffered: ['Negotiation'], capacity: 1 });
    const yan = await f.mentorNamed(program, p, 'Yan', 'Legal', { capacity: 1 });
    await f.menteeNamed(program, p, 'Ada', 'Sales', { skillsWanted: ['Negotiation'] });
    const bob = await f.menteeNamed(program, p, 'Bob', 'Sales');
    expect((await f.api('post', `/api/admin/programs/${program}/exclusions`, { menteeId: bob, mentorId: yan })).status).toBe(201);

    // Ada–Xia 350 + 153.333 → 0.503; Ada–Yan and Bob–Xia 153.333 → 0.153; Bob–Yan is excluded.
    // best-total: {Ada–Xia} = 0.503 beats {Ada–Yan, Bob–Xia} = 0.306; most-matched takes the two.
    const best = await run(program, { strategy: 'best-total' });
    const most = await run(program, { strategy: 'most-matched' });
    expect(proposalTable(best.body)).toEqual([['Ada', 'Xia', 0.503]]);
    expect(unmatchedTable(best.body)).toEqual([['Bob', ['Every eligible mentor is at capacity']]]);
    expect(proposalTable(most.body)).toEqual([
      ['Ada', 'Yan', 0.153],
      ['Bob', 'Xia', 0.153],
    ]);
    expect(most.body.strategy).toBe('most-matched');
    expect(most.body.summary).toMatchObject({ matched: 2, unmatched: 0, totalScore: 0.306 });
    expect(best.body.summary).toMatchObject({ matched: 1, unmatched: 1, totalScore: 0.503 });
  });

  it('keeps locked proposals and never re-proposes removed pairs when re-run; assign is a locked swap that refuses a full mentor', async () => {
    const p = 'lock';
    const program = await f.program('Locks');
    const xi = await f.mentorNamed(program, p, 'Xi', 'Legal', { skillsOffered: ['Negotiation'], capacity: 1 });
    const yu = await f.mentorNamed(program, p, 'Yu', 'Legal', { skillsOffered: ['Pricing'], capacity: 1 });
    await f.mentorNamed(program, p, 'Zed', 'Legal', { skillsOffered: ['Storytelling'], capacity: 1 });
    const amy = await f.menteeNamed(program, p, 'Amy', 'Sales', { skillsWanted: ['Negotiation'] });
    const bea = await f.menteeNamed(program, p, 'Bea', 'Sales', { skillsWanted: ['Pricing'] });
    const cy = await f.menteeNamed(program, p, 'Cy', 'Sales', { skillsWanted: ['Storytelling'] });

    // Each mentee's own skill: 0.503; anyone else: 0.153.
    const created = await run(program);
    const runId = created.body.id;
    expect(proposalTable(created.body)).toEqual([
      ['Amy', 'Xi', 0.503],
      ['Bea', 'Yu', 0.503],
      ['Cy', 'Zed', 0.503],
    ]);

    expect((await patch(runId, amy, { action: 'lock' })).body.proposals[0].state).toBe('locked');
    const removed = await patch(runId, bea, { action: 'remove' });
    expect(removed.status).toBe(200);
    expect(proposalTable(removed.body)).toEqual([
      ['Amy', 'Xi', 0.503],
      ['Cy', 'Zed', 0.503],
    ]);
    expect(removed.body.removed.map((r: { mentee: { displayName: string }; mentor: { displayName: string } }) => [r.mentee.displayName, r.mentor.displayName])).toEqual([['Bea', 'Yu']]);
    expect(unmatchedTable(removed.body)).toEqual([['Bea', ['Their proposal was removed by an admin; re-run to propose another mentor']]]);
    expect(removed.body.summary).toMatchObject({ mentees: 3, matched: 2, unmatched: 1 });

    // Re-run: Amy–Xi stays (locked, Xi's place taken), Bea may not have Yu again, and Cy–Zed
    // (0.503) beats Cy–Yu + Bea–Zed (0.306): Bea stays out.
    const second = await rerun(runId);
    expect(second.status).toBe(200);
    expect(proposalTable(second.body)).toEqual([
      ['Amy', 'Xi', 0.503],
      ['Cy', 'Zed', 0.503],
    ]);
    expect(second.body.proposals.map((x: { state: string }) => x.state)).toEqual(['locked', 'proposed']);
    expect(unmatchedTable(second.body)).toEqual([['Bea', ['Every eligible mentor is at capacity']]]);
    expect(second.body.removed).toHaveLength(1);

    // Xi's only place is held by Amy's proposal.
    const full = await patch(runId, bea, { action: 'assign', mentorId: xi });
    expect(full.status).toBe(409);
    expect(full.body.detail).toBe('Xi has no free place: 1 of 1 place is taken (1 by proposals in this run; remove or reassign one first).');

    // The admin moves Cy to Yu: locked, and Zed's place frees up for Bea on the next re-run.
    const swapped = await patch(runId, cy, { action: 'assign', mentorId: yu });
    expect(swapped.status).toBe(200);
    expect(proposalTable(swapped.body)).toEqual([
      ['Amy', 'Xi', 0.503],
      ['Cy', 'Yu', 0.153],
    ]);
    expect(swapped.body.proposals[1].state).toBe('locked');
    const third = await rerun(runId);
    expect(proposalTable(third.body)).toEqual([
      ['Amy', 'Xi', 0.503],
      ['Bea', 'Zed', 0.153],
      ['Cy', 'Yu', 0.153],
    ]);
    expect(third.body.proposals.map((x: { state: string }) => x.state)).toEqual(['locked', 'proposed', 'locked']);
    expect(third.body.removed.map((r: { mentor: { id: string } }) => r.mentor.id)).toEqual([yu]);
    expect(third.body.unmatched).toEqual([]);

    const unlocked = await patch(runId, amy, { action: 'unlock' });
    expect(unlocked.body.proposals[0].state).toBe('proposed');
    expect((await patch(runId, '00000000-0000-7000-8000-000000000000', { action: 'lock' })).status).toBe(404);
    expect((await patch('00000000-0000-7000-8000-000000000000', amy, { action: 'lock' })).status).toBe(404);

    const actions = (await f.auditActions(runId)).map((a) => a.action);
    expect(actions).toEqual([
      'match-run.created',
      'match-run.proposal-changed',
      'match-run.proposal-changed',
      'match-run.rerun',
      'match-run.proposal-changed',
      'match-run.rerun',
      'match-run.proposal-changed',
    ]);
  });

  it('publishes every proposal as an active pair with notifications, in one go, and a second publish changes nothing', async () => {
    const p = 'pub';
    const program = await f.program('Publish');
    const xu = await f.mentorNamed(program, p, 'Xu', 'Legal', { skillsOffered: ['Negotiation'], capacity: 1 });
    const yves = await f.mentorNamed(program, p, 'Yves', 'Legal', { skillsOffered: ['Pricing'], capacity: 1 });
    const abe = await f.menteeNamed(program, p, 'Abe', 'Sales', { skillsWanted: ['Negotiation'] });
    const bo = await f.menteeNamed(program, p, 'Bo', 'Sales', { skillsWanted: ['Pricing'] });
    const pending = await f.requestRow(program, abe, yves);

    const created = await run(program);
    expect(proposalTable(created.body)).toEqual([
      ['Abe', 'Xu', 0.503],
      ['Bo', 'Yves', 0.503],
    ]);
    const runId = created.body.id;

    const published = await publish(runId);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedAt: NOW });
    const pairs = await f.pairsIn(program);
    expect(pairs.map((x) => [x.menteeId, x.mentorId, x.status, x.source]).sort()).toEqual(
      [
        [abe, xu, 'active', 'admin-match'],
        [bo, yves, 'active', 'admin-match'],
      ].sort(),
    );
    const pairOf = (menteeId: string) => pairs.find((x) => x.menteeId === menteeId)!.id;
    expect(published.body.proposals.map((x: { outcome: unknown }) => x.outcome)).toEqual([{ pairId: pairOf(abe) }, { pairId: pairOf(bo) }]);

    const notes = await f.notificationsOf([abe, bo, xu, yves]);
    expect(notes).toHaveLength(4);
    for (const note of notes) expect(note).toMatchObject({ kind: 'pair-created', channel: 'feed', deliveredAt: null, deliverAfter: NOW });
    const abeNote = notes.find((n) => n.userId === abe)!;
    expect(JSON.parse(abeNote.payload)).toMatchObject({ pairId: pairOf(abe), programId: program, role: 'mentee', partner: { id: xu, displayName: 'Xu' }, source: 'admin-match' });
    // Abe had asked Yves; with a mentor now, that request is closed as an accept would close it.
    expect((await f.request(pending)).status).toBe('closed');
    expect((await f.auditActions(runId)).map((a) => [a.action, JSON.parse(a.detail!)])).toContainEqual(['match-run.published', { created: 2, conflicts: 0 }]);

    const before = await f.writes();
    const twice = await publish(runId);
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual(published.body);
    expect(await f.writes()).toEqual(before);

    const locked = await patch(runId, abe, { action: 'lock' });
    expect(locked.status).toBe(409);
    expect(locked.body.detail).toMatch(/was published on 2026-06-10; start a new run/);
    expect((await rerun(runId)).status).toBe(409);
    expect(await f.writes()).toEqual(before);

    // The new pairs are in both members' tabs.
    const mine = await f.api('get', '/api/pairs', undefined, f.email(p, 'Abe'));
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).toContain(pairOf(abe));

    // A fresh run of the same program now has nobody left to match.
    const next = await run(program);
    expect(next.body.summary).toMatchObject({ mentees: 0, mentors: 0, matched: 0, meanScore: null, minScore: null });
  });

  it('reports a conflict for a proposal whose mentor filled their last place by a self-match after the run, and creates the others', async () => {
    const p = 'race';
    const program = await f.program('Race');
    const max = await f.mentorNamed(program, p, 'Max', 'Legal', { skillsOffered: ['Negotiation'], capacity: 1 });
    const nia = await f.mentorNamed(program, p, 'Nia', 'Legal', { skillsOffered: ['Pricing'], capacity: 1 });
    const ali = await f.menteeNamed(program, p, 'Ali', 'Sales', { skillsWanted: ['Negotiation'] });
    const bex = await f.menteeNamed(program, p, 'Bex', 'Sales', { skillsWanted: ['Pricing'] });
    const cat = await f.menteeNamed(program, p, 'Cat', 'Sales', { skillsWanted: ['Negotiation', 'Storytelling'] });
    await f.api('post', `/api/admin/programs/${program}/exclusions`, { menteeId: cat, mentorId: nia });

    // Ali–Max 0.503 + Bex–Nia 0.503 beat anything with Cat–Max (175 + 153.333 → 0.328).
    const created = await run(program);
    expect(proposalTable(created.body)).toEqual([
      ['Ali', 'Max', 0.503],
      ['Bex', 'Nia', 0.503],
    ]);

    // Meanwhile Cat asks Max directly and Max accepts: Max's only place is gone.
    const asked = await f.api('post', `/api/programs/${program}/requests`, { mentorId: max, message: 'I would love your help with negotiation, please.' }, f.email(p, 'Cat'));
    expect(asked.status).toBe(201);
    expect((await f.api('post', `/api/requests/${asked.body.id}/accept`, undefined, f.email(p, 'Max'))).status).toBe(200);

    const published = await publish(created.body.id);
    expect(published.status).toBe(200);
    const [aliProposal, bexProposal] = published.body.proposals;
    expect(aliProposal.outcome).toEqual({ conflict: 'Max has no free place: 1 of 1 place is taken.' });
    expect(bexProposal.outcome).toEqual({ pairId: expect.any(String) });
    const pairs = await f.pairsIn(program);
    expect(pairs.map((x) => [x.menteeId, x.mentorId, x.source]).sort()).toEqual(
      [
        [cat, max, 'request'],
        [bex, nia, 'admin-match'],
      ].sort(),
    );
    expect(pairs.some((x) => x.menteeId === ali)).toBe(false);
    expect(await f.notificationsOf([ali])).toEqual([]);
    expect((await f.auditActions(created.body.id)).map((a) => a.detail)).toContainEqual(JSON.stringify({ created: 1, conflicts: 1 }));
  });

  describe('never-match rules', () => {
    it('are listed, refused twice, and removed', async () => {
      const p = 'rule';
      const program = await f.program('Rules');
      const mia = await f.mentorNamed(program, p, 'Mia', 'Legal');
      const eve = await f.menteeNamed(program, p, 'Eve', 'Sales');
      const made = await f.api('post', `/api/admin/programs/${program}/exclusions`, { menteeId: eve, mentorId: mia, reason: '  Same team last year  ' });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        programId: program,
        mentee: { id: eve, displayName: 'Eve' },
        mentor: { id: mia, displayName: 'Mia' },
        reason: 'Same team last year',
        createdAt: NOW,
      });
      const twice = await f.api('post', `/api/admin/programs/${program}/exclusions`, { menteeId: eve, mentorId: mia });
      expect(twice.status).toBe(409);
      const wrongRole = await f.api('post', `/api/admin/programs/${program}/exclusions`, { menteeId: mia, mentorId: eve });
      expect(wrongRole.status).toBe(409);
      expect(wrongRole.body.detail).toBe('Mia is enrolled in Rules as a mentor, not a mentee.');
      const same = await f.api('post', `/api/admin/programs/${program}/exclusions`, { menteeId: eve, mentorId: eve });
      expect(same.status).toBe(400);
      expect(same.body.errors).toEqual([{ field: 'mentorId', message: 'The mentor must be someone other than the mentee' }]);

      expect((await f.api('get', `/api/admin/programs/${program}/exclusions`)).body).toEqual([made.body]);
      expect((await f.api('delete', `/api/admin/exclusions/${made.body.id}`)).status).toBe(204);
      expect((await f.api('get', `/api/admin/programs/${program}/exclusions`)).body).toEqual([]);
      expect((await f.api('delete', `/api/admin/exclusions/${made.body.id}`)).status).toBe(404);
      expect((await f.auditActions(made.body.id)).map((a) => a.action)).toEqual(['match-exclusion.created', 'match-exclusion.deleted']);
    });
  });

  describe('validation and access', () => {
    it('names the invalid fields, and 404s unknown programs and runs', async () => {
      const program = await f.program('Validation');
      const bad = await run(program, { strategy: 'greedy', constraints: { maxTimezoneGapHours: 13, sameDepartment: 'never' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['constraints.maxTimezoneGapHours', 'constraints.sameDepartment', 'strategy']);

      const created = await run(program);
      expect(created.status).toBe(201);
      expect(created.body.summary).toMatchObject({ mentees: 0, matched: 0 });
      const noMentor = await patch(created.body.id, '00000000-0000-7000-8000-000000000000', { action: 'assign' });
      expect(noMentor.status).toBe(400);
      expect(noMentor.body.errors).toEqual([{ field: 'mentorId', message: 'Required' }]);
      const badAction = await patch(created.body.id, '00000000-0000-7000-8000-000000000000', { action: 'explode' });
      expect(badAction.status).toBe(400);
      expect(badAction.body.errors[0].field).toBe('action');

      const unknown = '00000000-0000-7000-8000-000000000000';
      expect((await run(unknown)).status).toBe(404);
      expect((await f.api('get', `/api/admin/programs/${unknown}/match-runs`)).status).toBe(404);
      expect((await f.api('get', `/api/admin/match-runs/${unknown}`)).status).toBe(404);
      expect((await rerun(unknown)).status).toBe(404);
      expect((await publish(unknown)).status).toBe(404);
      expect((await f.api('get', '/api/admin/match-runs/not-a-uuid')).status).toBe(400);
    });

    it('is for program admins only: everyone else gets 403 and nothing changes', async () => {
      const p = 'deny';
      const program = await f.program('Denied');
      const mia = await f.mentorNamed(program, p, 'Mia', 'Legal', { skillsOffered: ['Negotiation'] });
      const eve = await f.menteeNamed(program, p, 'Eve', 'Sales', { skillsWanted: ['Negotiation'] });
      const created = await run(program);
      const runId = created.body.id;
      const rule = await f.api('post', `/api/admin/programs/${program}/exclusions`, { menteeId: eve, mentorId: mia });
      const before = await f.writes();

      const someone = f.email(p, 'Mia');
      const calls: [Parameters<typeof f.api>[0], string, object?][] = [
        ['post', `/api/admin/programs/${program}/match-runs`, {}],
        ['get', `/api/admin/programs/${program}/match-runs`],
        ['get', `/api/admin/match-runs/${runId}`],
        ['patch', `/api/admin/match-runs/${runId}/proposals/${eve}`, { action: 'remove' }],
        ['post', `/api/admin/match-runs/${runId}/rerun`],
        ['post', `/api/admin/match-runs/${runId}/publish`],
        ['get', `/api/admin/programs/${program}/exclusions`],
        ['post', `/api/admin/programs/${program}/exclusions`, { menteeId: eve, mentorId: mia }],
        ['delete', `/api/admin/exclusions/${rule.body.id}`],
      ];
      for (const [method, path, body] of calls) {
        const res = await f.api(method, path, body, someone);
        expect({ path, method, status: res.status }).toEqual({ path, method, status: 403 });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      const csv = await f.postCsv(`/api/admin/programs/${program}/pair-imports?dryRun=false`, `mentee_email,mentor_email\n${f.email(p, 'Eve')},${someone}\n`, someone);
      expect(csv.status).toBe(403);
      expect(await f.writes()).toEqual(before);
      expect(ADMIN).toBe('morgan.lee@contoso.example');
    });
  });

  describe('the candidate graph (pure)', () => {
    const mentee = (n: number): PoolMentee => ({
      id: `e${String(n).padStart(5, '0')}`, displayName: `Mentee ${String(n).padStart(5, '0')}`, department: 'Sales', zone: 'Europe/London',
      profile: { yearsExperience: null, goals: null, skillsOffered: [], skillsWanted: ['Negotiation'], values: [] },
    });
    const mentor = (n: number, skills: string[], places: number): PoolMentor => ({
      id: `m${String(n).padStart(3, '0')}`, displayName: `Mentor ${String(n).padStart(3, '0')}`, department: 'Legal', zone: 'Europe/London',
      profile: { yearsExperience: null, goals: null, skillsOffered: skills, skillsWanted: [], values: [] },
      remainingCapacity: places, places, paused: false, mentoredDepartments: new Set(),
    });
    // 50 strong mentors and one weak one, 3 places each: far fewer places than mentees.
    const mentors = [...Array.from({ length: 50 }, (_, n) => mentor(n, ['Negotiation'], 3)), mentor(50, [], 3)];
    const solve = (count: number) =>
      proposeMatches({
        mentees: Array.from({ length: count }, (_, n) => mentee(n)),
        mentors,
        constraints: { maxTimezoneGapHours: null, sameDepartment: 'allow' },
        at: NOW,
        exclusionsOf: () => new Map(),
        strategy: 'best-total',
      });

    it('considers every eligible pair up to 2 000 mentees', () => {
      const result = solve(2000);
      expect(result.candidatesPerMentee).toBeNull();
      expect(result.proposals).toHaveLength(153);
      expect(result.proposals.filter((p) => p.mentorId === 'm050')).toHaveLength(3);
      expect(new Set(result.unmatched.map((u) => u.reasons.join()))).toEqual(new Set(['Every eligible mentor is at capacity']));
    });

    it('above 2 000 mentees keeps each mentee\'s 50 best mentors plus each mentor\'s 20 best mentees, so no open place is out of reach', () => {
      // The weak mentor is nobody's top 50, but their own 20 best mentees stay candidates: their places are still filled.
      const result = solve(2001);
      expect(result.candidatesPerMentee).toBe(50);
      expect(result.proposals).toHaveLength(153);
      expect(result.proposals.filter((p) => p.mentorId === 'm050')).toHaveLength(3);
      // Every place is taken, so that is what the rest are told.
      expect(new Set(result.unmatched.map((u) => u.reasons.join()))).toEqual(new Set(['Every eligible mentor is at capacity']));
    });
  });
});
