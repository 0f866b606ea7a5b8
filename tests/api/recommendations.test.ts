import request from 'supertest';
import { MATCH_WEIGHTS, goalTokens, scoreMatch, timeZoneGapHours, type MatchContext, type MatchProfile } from '../../api/src/matching/score';
import { createTestApp, type TestApp } from '../support/app';
import { matchingFixtures } from '../support/matching-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';

const emptyProfile: MatchProfile = { yearsExperience: null, goals: null, skillsOffered: [], skillsWanted: [], values: [] };
const noContext: MatchContext = { remainingCapacity: 0, networkReach: 0, mentoredDepartments: 0, timeZoneGapHours: null };

describe('the match score (pure)', () => {
  it('weights add up to exactly 1', () => {
    const total = Object.values(MATCH_WEIGHTS).reduce((sum, w) => sum + Math.round(w * 1000), 0);
    expect(total).toBe(1000);
  });

  it('scores nothing in common as only the neutral time-zone half', () => {
    const result = scoreMatch(emptyProfile, emptyProfile, noContext);
    expect(result.score).toBe(0.05);
    expect(result.reasons).toEqual([]);
  });

  it('scores a perfect fit as 1 and explains every part of it', () => {
    const mentee: MatchProfile = { yearsExperience: 1, goals: 'Pricing strategy', skillsOffered: [], skillsWanted: ['Negotiation'], values: ['Candour'] };
    const mentor: MatchProfile = { yearsExperience: 30, goals: 'pricing strategy', skillsOffered: ['negotiation'], skillsWanted: [], values: ['candour'] };
    const result = scoreMatch(mentee, mentor, { remainingCapacity: 5, networkReach: 9, mentoredDepartments: 8, timeZoneGapHours: 0 });
    expect(result.score).toBe(1);
    expect(result.components).toEqual({ skills: 1, experience: 1, goals: 1, values: 1, network: 1, capacity: 1, timeZone: 1 });
    expect(result.reasons).toEqual([
      'Offers 1 of the skills you want: Negotiation',
      '30 years of experience',
      'Has goals like yours: pricing, strategy',
      'Shares your values: Candour',
      'Has mentored people from 8 departments',
      'Has room for 5 more mentees',
      'Works in your time zone',
    ]);
  });

  it('covers the wanted skills case-insensitively and lists at most three of them', () => {
    const mentee = { ...emptyProfile, skillsWanted: ['A', 'B', 'C', 'D', 'E'] };
    const mentor = { ...emptyProfile, skillsOffered: ['a', 'b', 'c', 'd', 'z'] };
    const result = scoreMatch(mentee, mentor, noContext);
    expect(result.components.skills).toBe(0.8);
    expect(result.reasons[0]).toBe('Offers 4 of the skills you want: A, B, C, …');
  });

  it('rewards a more experienced mentor up to a ten-year gap, and never a less experienced one', () => {
    const at = (mentor: number | null, mentee: number | null) =>
      scoreMatch({ ...emptyProfile, yearsExperience: mentee }, { ...emptyProfile, yearsExperience: mentor }, noContext).components.experience;
    expect(at(7, 2)).toBe(0.5);
    expect(at(25, 2)).toBe(1);
    expect(at(2, 7)).toBe(0);
    expect(at(null, 2)).toBe(0);
    expect(at(4, null)).toBe(0.4);
  });

  it('saturates network reach at five departments and capacity at three places', () => {
    const score = (ctx: Partial<MatchContext>) => scoreMatch(emptyProfile, emptyProfile, { ...noContext, ...ctx }).components;
    expect(score({ networkReach: 2 }).network).toBe(0.4);
    expect(score({ networkReach: 12 }).network).toBe(1);
    expect(score({ remainingCapacity: 1 }).capacity).toBeCloseTo(1 / 3, 10);
    expect(score({ remainingCapacity: 7 }).capacity).toBe(1);
    expect(score({ timeZoneGapHours: 2 }).timeZone).toBe(0.75);
    expect(score({ timeZoneGapHours: 8 }).timeZone).toBe(0);
    expect(score({ timeZoneGapHours: 11 }).timeZone).toBe(0);
  });

  it('drops stop words and case from goals before comparing them', () => {
    expect(goalTokens('I want to get better at Public Speaking, and at speaking Spanish!')).toEqual(['public', 'speaking', 'spanish']);
    expect(goalTokens(null)).toEqual([]);
  });

  it('measures time zones at the given instant, the short way round the clock', () => {
    expect(timeZoneGapHours('Europe/London', 'America/New_York', '2026-06-10T12:00:00Z')).toBe(5);
    expect(timeZoneGapHours('Europe/London', 'Asia/Kolkata', '2026-06-10T12:00:00Z')).toBe(4.5);
    // London is on GMT in January but New York still 5 h behind; Berlin 1 h ahead either way.
    expect(timeZoneGapHours('Europe/London', 'Europe/Berlin', '2026-01-10T12:00:00Z')).toBe(1);
    expect(timeZoneGapHours('Pacific/Honolulu', 'Pacific/Auckland', '2026-06-10T12:00:00Z')).toBe(2);
    expect(timeZoneGapHours('Europe/London', null, NOW)).toBeNull();
    expect(timeZoneGapHours('Europe/London', 'Mars/Olympus', NOW)).toBeNull();
  });

  it('is deterministic: the same inputs give the same score and reasons', () => {
    const mentee = { ...emptyProfile, skillsWanted: ['X', 'Y'], goals: 'grow a team', values: ['Care'] };
    const mentor = { ...emptyProfile, skillsOffered: ['Y'], goals: 'team building', values: ['Care'], yearsExperience: 9 };
    const ctx = { remainingCapacity: 1, networkReach: 3, mentoredDepartments: 2, timeZoneGapHours: 3 };
    expect(scoreMatch(mentee, mentor, ctx)).toEqual(scoreMatch(mentee, mentor, ctx));
  });
});

describe('recommended mentors', () => {
  let app: TestApp;
  let f: ReturnType<typeof matchingFixtures>;
  const get = async (email: string, path: string) => request(app.http).get(path).set('Authorization', `Bearer ${await app.tokenFor(email)}`);
  type Key = 'grow' | 'other' | 'mia' | 'ada' | 'bo' | 'abe' | 'cleo' | 'paused' | 'full' | 'former' | 'boss' | 'gone';
  const ids = {} as Record<Key, string>;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    f = matchingFixtures(app.db);
    const person = (key: string, department: string, jobTitle: string | null = null) =>
      f.person(`${key}@contoso.example`, { displayName: key.replace(/^./, (c) => c.toUpperCase()).replace('-', ' '), department, ...(jobTitle ? { jobTitle } : {}) });

    // The hand-checked program (scores worked out in docs/matching.md's example).
    ids.grow = await f.program('Grow Together');
    ids.other = await f.program('Last Year');
    ids.mia = await person('mia', 'Sales', 'Account Executive');
    await f.mentee(ids.grow, ids.mia, {
      skillsWanted: ['Negotiation', 'Public speaking', 'Stakeholder management', 'Storytelling'],
      values: ['Candour', 'Curiosity'],
      goals: 'Lead negotiations with enterprise customers and present to executives',
      yearsExperience: 2,
      timeZone: 'Europe/London',
    });

    ids.ada = await person('ada', 'Legal', 'General Counsel');
    await f.mentor(ids.grow, ids.ada, {
      skillsOffered: ['Public speaking', 'Negotiation', 'Storytelling', 'Coaching'],
      values: ['Curiosity', 'Candour', 'Craft'],
      goals: 'Help people present to executives and lead customer negotiations',
      yearsExperience: 14,
      capacity: 3,
      timeZone: 'Europe/Berlin',
    });
    await f.setLastSeen(ids.ada, '2026-06-09T08:30:00.000Z');
    const eli = await person('eli', 'Engineering');
    const fay = await person('fay', 'Finance');
    const max = await person('max', 'Marketing');
    await f.mentee(ids.grow, eli);
    await f.pairWith(ids.grow, ids.ada, eli, 'active');
    await f.pairWith(ids.other, ids.ada, fay, 'completed');
    await f.pairWith(ids.other, ids.ada, max, 'ended');

    ids.bo = await person('bo', 'Sales');
    ids.abe = await person('abe', 'Sales');
    for (const id of [ids.bo, ids.abe]) {
      await f.mentor(ids.grow, id, { skillsOffered: ['Negotiation', 'Pricing'], values: ['Candour'], yearsExperience: 6, capacity: 1, timeZone: 'America/New_York' });
    }

    ids.cleo = await person('cleo', 'Marketing');
    await f.mentor(ids.grow, ids.cleo, {
      skillsOffered: ['Storytelling', 'Public speaking'],
      goals: 'Storytelling for executives',
      capacity: 2,
      timeZone: 'Asia/Kolkata',
    });
    const sam = await person('sam', 'Sales');
    await f.pairWith(ids.other, ids.cleo, sam, 'ended');

    // Mentors who must not appear for Mia.
    ids.paused = await person('paul-paused', 'Sales');
    await f.mentor(ids.grow, ids.paused, { skillsOffered: ['Negotiation'], availability: 'paused' });
    ids.full = await person('fran-full', 'Sales');
    await f.mentor(ids.grow, ids.full, { skillsOffered: ['Negotiation'], capacity: 1 });
    await f.pairWith(ids.grow, ids.full, eli, 'paused');
    ids.former = await person('fred-former', 'Sales');
    await f.mentor(ids.grow, ids.former, { skillsOffered: ['Negotiation'] });
    await f.pairWith(ids.grow, ids.former, ids.mia, 'ended');
    ids.boss = await person('bea-boss', 'Sales');
    await f.mentor(ids.grow, ids.boss, { skillsOffered: ['Negotiation'] });
    await f.setManager(ids.mia, ids.boss);
    ids.gone = await person('gus-gone', 'Sales');
    await f.mentor(ids.grow, ids.gone, { skillsOffered: ['Negotiation'], status: 'withdrawn' });
    await f.requestRow(ids.grow, ids.mia, ids.bo);
  });
  afterAll(() => app.close());

  it('ranks mentors best first with hand-checked scores, ties by name', async () => {
    const res = await get('mia@contoso.example', `/api/programs/${ids.grow}/recommendations`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: { displayName: string; score: number }) => [r.displayName, r.score])).toEqual([
      // skills 3/4, experience gap 12 → 1, goals 4/6, values 2/2, reach 4/5, room 2/3, 1 h → 7/8
      ['Ada', 0.813],
      // skills 2/4, goals 1/min(6, 2), reach 2/5, room 2/3, 4.5 h → 3.5/8
      ['Cleo', 0.375],
      // skills 1/4, experience gap 4 → 0.4, values 1/2, reach 1/5, room 1/3, 5 h → 3/8
      ['Abe', 0.288],
      ['Bo', 0.288],
    ]);
  });

  it('explains a recommendation in plain words, strongest reason first, with the mentor card fields', async () => {
    const res = await get('mia@contoso.example', `/api/programs/${ids.grow}/recommendations`);
    expect(res.body[0]).toEqual({
      mentorId: ids.ada,
      displayName: 'Ada',
      jobTitle: 'General Counsel',
      department: 'Legal',
      score: 0.813,
      reasons: [
        'Offers 3 of the skills you want: Negotiation, Public speaking, Storytelling',
        '14 years of experience',
        'Shares your values: Candour, Curiosity',
        'Works 1 h from your time zone',
        'Has mentored people from 3 departments',
        'Has goals like yours: lead, negotiations, present, …',
        'Has room for 2 more mentees',
      ],
      skillsOffered: ['Coaching', 'Negotiation', 'Public speaking', 'Storytelling'],
      values: ['Candour', 'Craft', 'Curiosity'],
      yearsExperience: 14,
      timezone: 'Europe/Berlin',
      remainingCapacity: 2,
      lastActiveAt: '2026-06-09T08:30:00.000Z',
      requestStatus: null,
    });
    expect(res.body[1].reasons).toEqual([
      'Offers 2 of the skills you want: Public speaking, Storytelling',
      'Has room for 2 more mentees',
      'Has goals like yours: executives',
      'Works 4.5 h from your time zone',
      'Has mentored people from 1 department',
    ]);
  });

  it('marks mentors I already asked as pending', async () => {
    const res = await get('mia@contoso.example', `/api/programs/${ids.grow}/recommendations`);
    const byName = Object.fromEntries(res.body.map((r: { displayName: string }) => [r.displayName, r]));
    expect(byName.Bo.requestStatus).toBe('pending');
    expect(byName.Abe.requestStatus).toBeNull();
  });

  it('leaves out paused, full, withdrawn and former mentors and my manager', async () => {
    const res = await get('mia@contoso.example', `/api/programs/${ids.grow}/recommendations`);
    const shown = res.body.map((r: { mentorId: string }) => r.mentorId);
    for (const hidden of [ids.paused, ids.full, ids.former, ids.boss, ids.gone, ids.mia]) expect(shown).not.toContain(hidden);
  });

  it('brings a paused mentor back once their pause date has come', async () => {
    const back = await f.person('pia@contoso.example', { displayName: 'Pia', department: 'Sales' });
    await f.mentor(ids.grow, back, { availability: 'paused', pausedUntil: '2026-06-12' });
    const before = await get('mia@contoso.example', `/api/programs/${ids.grow}/recommendations`);
    expect(before.body.map((r: { mentorId: string }) => r.mentorId)).not.toContain(back);
    app.clock.set('2026-06-12T08:00:00.000Z');
    try {
      const after = await get('mia@contoso.example', `/api/programs/${ids.grow}/recommendations`);
      expect(after.body.map((r: { mentorId: string }) => r.mentorId)).toContain(back);
    } finally {
      app.clock.set(NOW);
    }
  });

  it('shows at most 20 mentors', async () => {
    const big = await f.program('Big Program');
    const mentee = await f.person('big-mentee@contoso.example', { displayName: 'Big Mentee' });
    await f.mentee(big, mentee, { skillsWanted: ['Negotiation'] });
    for (let i = 0; i < 23; i++) {
      const mentor = await f.person(`big-mentor-${i}@contoso.example`, { displayName: `Mentor ${String(i).padStart(2, '0')}` });
      await f.mentor(big, mentor, { skillsOffered: ['Negotiation'] });
    }
    const res = await get('big-mentee@contoso.example', `/api/programs/${big}/recommendations`);
    expect(res.body).toHaveLength(20);
    expect(res.body[0].displayName).toBe('Mentor 00');
    expect(res.body[19].displayName).toBe('Mentor 19');
  });

  it('asks people who are not enrolled mentees to enrol first (409)', async () => {
    const mentor = await get('ada@contoso.example', `/api/programs/${ids.grow}/recommendations`);
    expect(mentor.status).toBe(409);
    expect(mentor.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(mentor.body.detail).toMatch(/Enrol as a mentee in Grow Together/);
    const stranger = await get('nobody@contoso.example', `/api/programs/${ids.grow}/recommendations`);
    expect(stranger.status).toBe(409);
  });

  it('answers 404 for an unknown program and 400 for a malformed id', async () => {
    const unknown = await get('mia@contoso.example', '/api/programs/0190a0a0-0000-7000-8000-000000000000/recommendations');
    expect(unknown.status).toBe(404);
    const malformed = await get('mia@contoso.example', '/api/programs/not-an-id/recommendations');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'programId' })]);
  });

  it('requires sign-in', async () => {
    const res = await request(app.http).get(`/api/programs/${ids.grow}/recommendations`);
    expect(res.status).toBe(401);
  });
});

describe('the reporting line is never recommended', () => {
  let app: TestApp;
  let f: ReturnType<typeof matchingFixtures>;
  let program: string;
  const shownTo = async (email: string) => {
    const res = await request(app.http)
      .get(`/api/programs/${program}/recommendations`)
      .set('Authorization', `Bearer ${await app.tokenFor(email)}`);
    expect(res.status).toBe(200);
    return (res.body as { displayName: string }[]).map((r) => r.displayName).sort();
  };
  const mentorNamed = async (name: string) => {
    const id = await f.person(`${name.toLowerCase()}@contoso.example`, { displayName: name });
    await f.mentor(program, id, { capacity: 5 });
    return id;
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    f = matchingFixtures(app.db);
    program = await f.program('Leaders');
  });
  afterAll(() => app.close());

  it('excludes every manager above and everyone below, four levels deep, but not colleagues beside', async () => {
    // CEO ← VP ← Director ← Lead; Sibling reports to the CEO too; Outsider is elsewhere.
    const ceo = await mentorNamed('Ceo');
    const vp = await mentorNamed('Vp');
    const director = await mentorNamed('Director');
    const lead = await mentorNamed('Lead');
    const sibling = await mentorNamed('Sibling');
    await mentorNamed('Outsider');
    await f.setManager(vp, ceo);
    await f.setManager(director, vp);
    await f.setManager(lead, director);
    await f.setManager(sibling, ceo);

    const mid = await f.person('mid@contoso.example', { displayName: 'Mid' });
    await f.setManager(mid, vp);
    const junior = await f.person('junior@contoso.example', { displayName: 'Junior' });
    await f.setManager(junior, mid);
    const intern = await f.person('intern@contoso.example', { displayName: 'Intern' });
    await f.setManager(intern, junior);
    await f.mentee(program, mid);
    await f.mentee(program, intern);
    // Two reports below Mid are mentors too.
    await f.mentor(program, junior, { capacity: 5 });

    expect(await shownTo('mid@contoso.example')).toEqual(['Director', 'Lead', 'Outsider', 'Sibling']);
    expect(await shownTo('intern@contoso.example')).toEqual(['Director', 'Lead', 'Outsider', 'Sibling']);
  });

  it('stops walking when directory data contains a cycle', async () => {
    const a = await f.person('cycle-a@contoso.example', { displayName: 'Cycle A' });
    const b = await mentorNamed('CycleB');
    const c = await mentorNamed('CycleC');
    await f.setManager(a, b);
    await f.setManager(b, c);
    await f.setManager(c, a);
    await f.mentee(program, a);
    const shown = await shownTo('cycle-a@contoso.example');
    expect(shown).not.toContain('CycleB');
    expect(shown).not.toContain('CycleC');
    expect(shown).toContain('Outsider');

    // A cycle above the mentee that does not pass through them.
    const d = await f.person('cycle-d@contoso.example', { displayName: 'Cycle D' });
    const x = await mentorNamed('LoopX');
    const y = await mentorNamed('LoopY');
    await f.setManager(d, x);
    await f.setManager(x, y);
    await f.setManager(y, x);
    await f.mentee(program, d);
    const forD = await shownTo('cycle-d@contoso.example');
    expect(forD).not.toContain('LoopX');
    expect(forD).not.toContain('LoopY');
    expect(forD).toContain('CycleB');
  });
});
