import { DEPARTED_DECLINE_REASON, handleDepartures } from '../../api/src/directory/departures';
import { adminFixtures } from '../support/admin-fixtures';
import { createTestApp, type TestApp } from '../support/app';
import { matchFixtures } from '../support/match-fixtures';

/*
 * People who leave the organisation (docs/directory.md, "The sync", step 8): the directory
 * disables or deletes their account and the sync hands them to `handleDepartures`, in its
 * transaction. Their pending requests are settled, their pairs are flagged to admins rather than
 * ended, and they drop out of recommendations and match-run pools until they come back.
 */

const NOW = '2026-06-10T12:00:00.000Z';
const YESTERDAY = '2026-06-09T12:00:00.000Z';
const P = 'dep';

describe('when someone leaves the organisation', () => {
  let app: TestApp;
  let f: ReturnType<typeof matchFixtures>;
  let program: string;
  const ids: Record<string, string> = {};
  const requests: Record<string, string> = {};
  const pairs: Record<string, string> = {};

  /** what the sync does for a disabled account: the flag, then the consequences in one transaction */
  const disable = async (userId: string) =>
    app.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ accountEnabled: 0 }).where('id', '=', userId).execute();
      await handleDepartures(trx, [userId], NOW);
    });
  const recommendedTo = async (name: string) => {
    const res = await f.api('get', `/api/programs/${program}/recommendations`, undefined, f.email(P, name));
    expect(res.status).toBe(200);
    return (res.body as { displayName: string }[]).map((r) => r.displayName).sort();
  };
  const matchRun = async () => {
    const res = await f.api('post', `/api/admin/programs/${program}/match-runs`, {});
    expect(res.status).toBe(201);
    return res.body as { id: string; summary: { mentees: number; mentors: number }; proposals: { mentee: { displayName: string }; mentor: { displayName: string } }[] };
  };
  const atRisk = async () => {
    const res = await f.api('get', `/api/admin/pairs-at-risk?programId=${program}`);
    expect(res.status).toBe(200);
    return res.body as { pairId: string; reasons: { code: string; detail: string; remedy: string }[] }[];
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    f = matchFixtures(app);
    const a = adminFixtures(app.db);
    program = await f.program('Departures');
    const coaching = { skillsWanted: ['Coaching'] };
    ids.dora = await f.mentorNamed(program, P, 'Dora', 'Sales', { skillsOffered: ['Coaching'], capacity: 5 });
    ids.otto = await f.mentorNamed(program, P, 'Otto', 'Legal', { skillsOffered: ['Coaching'], capacity: 5 });
    ids.mia = await f.menteeNamed(program, P, 'Mia', 'Finance', coaching);
    ids.dan = await f.menteeNamed(program, P, 'Dan', 'Finance', coaching);
    ids.pat = await f.menteeNamed(program, P, 'Pat', 'Finance', coaching);
    ids.pia = await f.menteeNamed(program, P, 'Pia', 'Finance', coaching);
    requests.miaToDora = await f.requestRow(program, ids.mia, ids.dora);
    requests.danToOtto = await f.requestRow(program, ids.dan, ids.otto);
    requests.miaToOtto = await f.requestRow(program, ids.mia, ids.otto);
    requests.oldDecline = await f.requestRow(program, ids.pia, ids.otto, { status: 'declined' });
    pairs.active = await a.pair(program, ids.dora, ids.pat, { startedAt: YESTERDAY });
    pairs.paused = await a.pair(program, ids.dora, ids.pia, { status: 'paused', startedAt: YESTERDAY, pausedAt: YESTERDAY });
  });
  afterAll(() => app.close());

  it('before anyone leaves, everyone is recommended and in the match-run pool', async () => {
    expect(await recommendedTo('Mia')).toEqual(['Dora', 'Otto']);
    const run = await matchRun();
    expect(run.summary).toMatchObject({ mentees: 2, mentors: 2 });
  });

  it('settles their pending requests, keeps their pairs for an admin to decide, and takes them out of matching', async () => {
    const before = await f.snapshot();
    await disable(ids.dora!);
    await disable(ids.dan!);

    // Requests to the mentor who left are declined with a reason; those the mentee sent are withdrawn.
    expect(await f.request(requests.miaToDora!)).toMatchObject({ status: 'declined', declineReason: DEPARTED_DECLINE_REASON, respondedAt: NOW });
    expect(await f.request(requests.danToOtto!)).toMatchObject({ status: 'withdrawn', declineReason: null, updatedAt: NOW });
    expect(await f.request(requests.miaToOtto!)).toMatchObject({ status: 'pending' });
    expect(await f.request(requests.oldDecline!)).toEqual(before.requests.find((r) => r.id === requests.oldDecline));
    const mine = await f.api('get', '/api/requests?direction=outgoing', undefined, f.email(P, 'Mia'));
    expect(mine.status).toBe(200);
    expect(mine.body.find((r: { id: string }) => r.id === requests.miaToDora)).toMatchObject({ status: 'declined', declineReason: 'No longer in the organisation' });

    // Nothing is ended or deleted.
    const after = await f.snapshot();
    expect(after.pairs).toEqual(before.pairs);
    expect(after.enrollments).toEqual(before.enrollments);
    expect(after.requests).toHaveLength(before.requests.length);

    // Admins see both of Dora's pairs at risk, the paused one included.
    const memberLeft = {
      code: 'member-left',
      detail: 'The mentor has left the organisation or their account is disabled.',
      remedy: 'Talk to the member who is still here: complete the pair so they can be matched again, or keep it paused if the absence is temporary.',
    };
    const risky = await atRisk();
    expect(risky.map((p) => p.pairId).sort()).toEqual([pairs.active, pairs.paused].sort());
    for (const pair of risky) expect(pair.reasons).toEqual([memberLeft]);
    const table = await f.api('get', `/api/admin/pairs?programId=${program}`);
    expect(table.status).toBe(200);
    const flags = new Map((table.body.items as { pairId: string; atRisk: string[] }[]).map((p) => [p.pairId, p.atRisk]));
    expect(flags.get(pairs.active!)).toEqual(['member-left']);
    expect(flags.get(pairs.paused!)).toEqual(['member-left']);

    // Not recommended, not in the pool, and can't be asked directly.
    expect(await recommendedTo('Mia')).toEqual(['Otto']);
    const run = await matchRun();
    expect(run.summary).toMatchObject({ mentees: 1, mentors: 1 });
    expect(run.proposals.map((p) => [p.mentee.displayName, p.mentor.displayName])).toEqual([['Mia', 'Otto']]);
    const members = await f.api('get', `/api/admin/programs/${program}/members`);
    expect((members.body as { displayName: string }[]).map((m) => m.displayName).sort()).toEqual(['Mia', 'Otto', 'Pat', 'Pia']);
    const asked = await f.api('post', `/api/programs/${program}/requests`, { mentorId: ids.dora, message: 'Could you mentor me on coaching?' }, f.email(P, 'Mia'));
    expect(asked.status).toBe(409);
    expect(asked.body.detail).toMatch(/Dora is no longer in the organisation/);

    // An admin can't hand them a mentee either.
    const assign = await f.api('patch', `/api/admin/match-runs/${run.id}/proposals/${ids.mia}`, { action: 'assign', mentorId: ids.dora });
    expect(assign.status).toBe(409);
    expect(assign.body.detail).toBe('Dora has left the organisation or their account is disabled.');
  });

  it('does nothing more when told again', async () => {
    const before = await f.snapshot();
    await app.db.kysely.transaction().execute((trx) => handleDepartures(trx, [ids.dora!, ids.dan!, ids.dora!], '2026-06-11T00:00:00.000Z'));
    expect(await f.snapshot()).toEqual(before);
  });

  it('treats someone deleted from the directory the same way', async () => {
    const del = await f.mentorNamed(program, P, 'Del', 'Legal', { skillsOffered: ['Coaching'], capacity: 5 });
    expect(await recommendedTo('Mia')).toEqual(['Del', 'Otto']);
    const pending = await f.requestRow(program, ids.pat!, del);
    await app.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ directoryDeletedAt: NOW }).where('id', '=', del).execute();
      await handleDepartures(trx, [del], NOW);
    });
    expect(await recommendedTo('Mia')).toEqual(['Otto']);
    expect((await matchRun()).summary).toMatchObject({ mentors: 1 });
    expect(await f.request(pending)).toMatchObject({ status: 'declined', declineReason: DEPARTED_DECLINE_REASON });
  });

  it('brings a re-enabled account back into recommendations and the pool', async () => {
    await app.db.kysely.updateTable('users').set({ accountEnabled: 1 }).where('id', '=', ids.dora!).execute();
    expect(await recommendedTo('Mia')).toEqual(['Dora', 'Otto']);
    expect((await matchRun()).summary).toMatchObject({ mentees: 1, mentors: 2 });
    // Her pairs are no longer at risk for it.
    expect(await atRisk()).toEqual([]);
  });

  it('shows a mentee who left, and both, in the reason’s detail', async () => {
    const a = adminFixtures(app.db);
    const mentor = await f.mentorNamed(program, P, 'Max', 'Legal', { capacity: 2 });
    const mentee = await f.menteeNamed(program, P, 'Lea', 'Finance');
    const pair = await a.pair(program, mentor, mentee, { startedAt: YESTERDAY });
    await disable(mentee);
    const detail = async () => (await atRisk()).find((p) => p.pairId === pair)?.reasons.map((r) => r.detail);
    expect(await detail()).toEqual(['The mentee has left the organisation or their account is disabled.']);
    await disable(mentor);
    expect(await detail()).toEqual(['Both members have left the organisation or had their accounts disabled.']);
  });
});
