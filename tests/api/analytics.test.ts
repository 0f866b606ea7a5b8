import request from 'supertest';
import { countRows, createTestApp, type TestApp } from '../support/app';
import { analyticsFixtures } from '../support/analytics-fixtures';

/*
 * One small organisation whose every number is worked out by hand below.
 *
 * Now: Wed 2026-11-25 10:00Z. The main period is 2026-09-01 … 2026-11-30, i.e.
 * [Sep 1 00:00Z, Dec 1 00:00Z), capped at now wherever "so far" matters.
 *
 * Program "Grow Together" (default cadence monthly = 30 days; on cadence while every gap is
 * ≤ 1.25 × 30 = 37.5 days). Enrolments are from 2026-01-15 unless said.
 *   mentors: Ana (Engineering, capacity 3), Eli (Engineering, 3), Sam (Sales, 2), Lou (Legal, 1)
 *   mentees: Fay, Gus, Hal (Engineering); Ida (Sales, enrolled 2026-11-03 22:00), Jo (Sales, enrolled
 *            2026-10-20 10:00), Kim, Liv, Max (Sales); Ned (Legal); Oz (no department);
 *            Quinn (Sales, withdrawn: never counts)
 * Pairs:
 *   FIVE      Ana–Fay, since 06-01, agreed monthly, held every 5 weeks: 08-20, 09-24, 10-29 (60 min)
 *   SIX       Ana–Gus, since 05-01, agreed monthly, held every 6 weeks: 08-06, 09-17, 10-29 (45 min);
 *             also 10-01 missed, 10-15 cancelled, 11-20 scheduled (past: unconfirmed), 11-28 scheduled
 *   PAUSED    Eli–Hal, since 04-01, paused 10-15 09:00; held 06-01, 09-10 (30 min); 10-22 cancelled
 *   NEW10     Sam–Ida, matched 11-15 10:00 (10 days ago), no check-in
 *   NEW20     Sam–Jo, matched 11-05 10:00 (20 days ago), no check-in
 *   COMPLETED Eli–Kim, since 03-02, completed 10-10 12:00; held 08-06, 09-03, 10-01 (30 min); 10-29 cancelled
 *   ENDED     Ana–Liv, since 02-01, ended early 08-15; held 07-01; cancelled 08-31 23:30 and 09-01 00:00
 *   BI        Lou–Ned, since 08-20, agreed biweekly (14 days; ≤ 17.5 on cadence); held 08-26, 09-09,
 *             09-12, 09-23, 10-07, 10-21, 11-04 (30 min), 11-18 (50 min); scheduled 12-01 00:00 and 12-02
 * All check-ins start at 09:00Z unless said.
 * Program "Lead Well" (weekly): Pat (Sales) mentors Rae (Sales) since 07-01; held 10-02; Rae's
 * closing survey has no recommendation; Rae has a pending request. Only counted without programId.
 * Program "Old Times" is archived: Oz mentors in it; never counted.
 */

const NOW = '2026-11-25T10:00:00.000Z';
const ADMIN = 'morgan.lee@contoso.example';
const PERIOD = 'from=2026-09-01&to=2026-11-30';

const ZERO_GAPS = ['0–7', '8–14', '15–21', '22–31', '32–45', '46–60', '61+'];
const gaps = (counts: number[]) => ZERO_GAPS.map((bucket, i) => ({ bucket, count: counts[i] }));

describe('GET /api/admin/analytics', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};
  const get = async (email: string, query: string) =>
    request(app.http).get(`/api/admin/analytics?${query}`).set('Authorization', `Bearer ${await app.tokenFor(email)}`);
  const fields = (res: request.Response) => [...new Set((res.body.errors as { field: string }[]).map((e) => e.field))];

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    const f = analyticsFixtures(app.db);
    const enrolled = '2026-01-15T00:00:00.000Z';
    const person = async (name: string, department?: string) =>
      f.person(`${name.toLowerCase()}@contoso.example`, { displayName: name, ...(department ? { department } : {}) });

    const grow = await f.program('Grow Together', { cadence: 'monthly' });
    const lead = await f.program('Lead Well', { cadence: 'weekly' });
    const old = await f.program('Old Times', { cadence: 'monthly' });
    await app.db.kysely.updateTable('programs').set({ archivedAt: '2026-06-01T00:00:00.000Z' }).where('id', '=', old).execute();
    Object.assign(ids, { grow, lead, old });

    const ana = await person('Ana', 'Engineering');
    const eli = await person('Eli', 'Engineering');
    const sam = await person('Sam', 'Sales');
    const lou = await person('Lou', 'Legal');
    const fay = await person('Fay', 'Engineering');
    const gus = await person('Gus', 'Engineering');
    const hal = await person('Hal', 'Engineering');
    const ida = await person('Ida', 'Sales');
    const jo = await person('Jo', 'Sales');
    const kim = await person('Kim', 'Sales');
    const liv = await person('Liv', 'Sales');
    const max = await person('Max', 'Sales');
    const ned = await person('Ned', 'Legal');
    const oz = await person('Oz');
    const quinn = await person('Quinn', 'Sales');
    const pat = await person('Pat', 'Sales');
    const rae = await person('Rae', 'Sales');

    await f.enrol(grow, ana, 'mentor', { createdAt: enrolled, capacity: 3 });
    await f.enrol(grow, eli, 'mentor', { createdAt: enrolled, capacity: 3 });
    await f.enrol(grow, sam, 'mentor', { createdAt: enrolled, capacity: 2 });
    await f.enrol(grow, lou, 'mentor', { createdAt: enrolled, capacity: 1 });
    for (const mentee of [fay, gus, hal, kim, liv, max, ned, oz]) await f.enrol(grow, mentee, 'mentee', { createdAt: enrolled });
    await f.enrol(grow, ida, 'mentee', { createdAt: '2026-11-03T22:00:00.000Z' });
    await f.enrol(grow, jo, 'mentee', { createdAt: '2026-10-20T10:00:00.000Z' });
    await f.enrol(grow, quinn, 'mentee', { createdAt: enrolled, status: 'withdrawn' });
    await f.enrol(lead, pat, 'mentor', { createdAt: enrolled, capacity: 1 });
    await f.enrol(lead, rae, 'mentee', { createdAt: enrolled });
    await f.enrol(old, oz, 'mentor', { createdAt: enrolled, capacity: 5 });

    const five = await f.pair(grow, ana, fay, { startedAt: '2026-06-01T09:00:00.000Z', agreedCadence: 'monthly' });
    const six = await f.pair(grow, ana, gus, { startedAt: '2026-05-01T09:00:00.000Z', agreedCadence: 'monthly' });
    const paused = await f.pair(grow, eli, hal, { startedAt: '2026-04-01T09:00:00.000Z', status: 'paused', pausedAt: '2026-10-15T09:00:00.000Z' });
    const new10 = await f.pair(grow, sam, ida, { startedAt: '2026-11-15T10:00:00.000Z' });
    const new20 = await f.pair(grow, sam, jo, { startedAt: '2026-11-05T10:00:00.000Z' });
    const completed = await f.pair(grow, eli, kim, { startedAt: '2026-03-02T09:00:00.000Z', status: 'completed', endedAt: '2026-10-10T12:00:00.000Z' });
    const ended = await f.pair(grow, ana, liv, { startedAt: '2026-02-01T09:00:00.000Z', status: 'ended', endedAt: '2026-08-15T09:00:00.000Z', endReason: 'lack-of-time' });
    const bi = await f.pair(grow, lou, ned, { startedAt: '2026-08-20T09:00:00.000Z', agreedCadence: 'biweekly' });
    const patRae = await f.pair(lead, pat, rae, { startedAt: '2026-07-01T09:00:00.000Z' });
    Object.assign(ids, { five, six, paused, new10, new20, completed, ended, bi, patRae });

    const at = (day: string, time = '09:00') => `2026-${day}T${time}:00.000Z`;
    const fiveAug20 = await f.meeting(five, ana, at('08-20'), 'held', 60);
    const fiveSep24 = await f.meeting(five, ana, at('09-24'), 'held', 60);
    await f.meeting(five, ana, at('10-29'), 'held', 60);

    await f.meeting(six, ana, at('08-06'), 'held', 45);
    const sixSep17 = await f.meeting(six, ana, at('09-17'), 'held', 45);
    await f.meeting(six, ana, at('10-01'), 'missed', 45);
    await f.meeting(six, ana, at('10-15'), 'cancelled', 45);
    await f.meeting(six, ana, at('10-29'), 'held', 45);
    await f.meeting(six, ana, at('11-20'), 'scheduled', 45);
    await f.meeting(six, ana, at('11-28'), 'scheduled', 45);

    await f.meeting(paused, eli, at('06-01'), 'held');
    await f.meeting(paused, eli, at('09-10'), 'held');
    await f.meeting(paused, eli, at('10-22'), 'cancelled');

    await f.meeting(completed, eli, at('08-06'), 'held');
    await f.meeting(completed, eli, at('09-03'), 'held');
    const completedOct1 = await f.meeting(completed, eli, at('10-01'), 'held');
    await f.meeting(completed, eli, at('10-29'), 'cancelled');

    await f.meeting(ended, ana, at('07-01'), 'held');
    await f.meeting(ended, ana, at('08-31', '23:30'), 'cancelled');
    await f.meeting(ended, ana, at('09-01', '00:00'), 'cancelled');

    for (const day of ['08-26', '09-09', '09-12', '09-23', '10-07', '10-21']) await f.meeting(bi, lou, at(day), 'held');
    const biNov4 = await f.meeting(bi, lou, at('11-04'), 'held');
    const biNov18 = await f.meeting(bi, lou, at('11-18'), 'held', 50);
    await f.meeting(bi, lou, at('12-01', '00:00'), 'scheduled');
    await f.meeting(bi, lou, at('12-02'), 'scheduled');

    await f.meeting(patRae, pat, at('10-02'), 'held');

    await f.rating(fiveAug20, fay, 1); // before the period
    await f.rating(fiveSep24, ana, 5);
    await f.rating(fiveSep24, fay, 4);
    await f.rating(sixSep17, gus, 2);
    await f.rating(completedOct1, kim, 5);
    await f.rating(completedOct1, eli, 4);
    await f.rating(biNov4, ned, 3);
    await f.rating(biNov18, lou, 4);

    await f.goal(five, fay, { createdAt: at('09-05'), status: 'done', progress: 100, targetDate: '2026-10-31', completedAt: at('10-20') }); // g1
    await f.goal(five, fay, { createdAt: at('07-01'), status: 'in-progress', progress: 40, targetDate: '2026-10-15' }); // g2
    await f.goal(six, gus, { createdAt: at('09-20'), status: 'not-started', progress: 0, targetDate: '2026-12-15' }); // g3
    await f.goal(six, gus, { createdAt: at('08-01'), status: 'dropped', progress: 20, targetDate: '2026-09-01' }); // g4
    await f.goal(completed, kim, { createdAt: at('06-01'), status: 'done', progress: 100, completedAt: at('08-30') }); // g5
    await f.goal(bi, ned, { createdAt: at('10-10'), status: 'in-progress', progress: 70, targetDate: '2026-11-25' }); // g6
    await f.goal(bi, ned, { createdAt: at('11-01'), status: 'in-progress', progress: 10, targetDate: '2026-11-24' }); // g7
    await f.goal(five, fay, { createdAt: at('09-10'), status: 'in-progress', progress: 50, targetDate: '2026-09-30', deletedAt: at('09-11') }); // g8, deleted

    await f.survey(ended, liv, { createdAt: at('09-03'), satisfaction: 2, recommend: 9, newContacts: 1 });
    await f.survey(ended, ana, { createdAt: at('09-04'), satisfaction: 4, recommend: 6 });
    await f.survey(completed, kim, { createdAt: at('10-11'), satisfaction: 5, recommend: 10, skillsGained: 1, newContacts: 1, promotion: 1 });
    await f.survey(completed, eli, { createdAt: at('10-12'), satisfaction: 4, recommend: 7, skillsGained: 1 });
    await f.survey(five, fay, { kind: 'pulse', createdAt: at('10-01'), satisfaction: 1, recommend: 0 });
    await f.survey(patRae, rae, { createdAt: at('10-20'), satisfaction: 3, recommend: null });

    await f.introduction(five, fay, { status: 'made', respondedAt: at('10-05') });
    await f.introduction(bi, ned, { status: 'made', respondedAt: at('08-30') });
    await f.introduction(six, gus, { status: 'requested' });
    await f.introduction(completed, kim, { status: 'declined', respondedAt: at('09-15') });
    await f.introduction(bi, ned, { status: 'made', respondedAt: at('11-10') });

    await f.request(grow, max, sam, { status: 'pending', createdAt: at('11-20') });
    await f.request(grow, oz, lou, { status: 'declined', createdAt: at('10-01') });
    await f.request(lead, rae, pat, { status: 'pending', createdAt: at('11-01') });

  });
  afterAll(() => app.close());

  it('computes every metric of one program exactly as docs/metrics.md defines it', async () => {
    const res = await get(ADMIN, `programId=${ids.grow}&${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      period: { from: '2026-09-01', to: '2026-11-30' },
      suppressed: false,
      participation: {
        // enrolled at Dec 1: 4 mentors; mentees Fay Gus Hal Ida Jo Kim Liv Max Ned Oz = 10 (Quinn withdrew)
        mentors: 4,
        mentees: 10,
        menteesPerMentor: 2.5, // 10 / 4
        matchedMentees: 8, // all but Max and Oz have a pair
        matchRate: 0.8, // 8 / 10
        unmatchedMentees: 2,
        pendingRequests: 1, // Max → Sam; Oz's was declined; Rae's is in another program
        // pairs started in the period: NEW10 11-15 10:00 − Ida's enrolment 11-03 22:00 = 11.5 days;
        // NEW20 11-05 10:00 − Jo's 10-20 10:00 = 16 days; median (11.5 + 16) / 2 = 13.75 → 13.8
        medianDaysToMatch: 13.8,
        // at Dec 1: FIVE SIX NEW10 NEW20 BI active; PAUSED paused; COMPLETED; ENDED ended early
        pairs: { active: 5, paused: 1, completed: 1, endedEarly: 1 },
        // active + paused pairs of the 4 mentors: Ana 2 (FIVE, SIX) + Eli 1 (PAUSED) + Sam 2 + Lou 1 = 6;
        // capacity 3 + 3 + 2 + 1 = 9; 6 / 9 = 0.667
        mentorCapacityUtilisation: 0.667,
        byDepartment: [
          // Ana Eli Fay Gus Hal = 5 people: shown
          { department: 'Engineering', mentors: 2, mentees: 3, matchedMentees: 3, matchRate: 1 },
          { department: 'Legal', suppressed: true }, // Lou, Ned = 2 people
          // Sam Ida Jo Kim Liv Max = 6 people; matched Ida Jo Kim Liv = 4 of 5 = 0.8
          { department: 'Sales', mentors: 1, mentees: 5, matchedMentees: 4, matchRate: 0.8 },
          { department: 'Unassigned', suppressed: true }, // Oz = 1 person
        ],
      },
      consistency: {
        // starting in [09-01, 12-01): held FIVE 2 + SIX 2 + PAUSED 1 + COMPLETED 2 + BI 7 = 14;
        // missed SIX 10-01 = 1; cancelled SIX 10-15, PAUSED 10-22, COMPLETED 10-29, ENDED 09-01 00:00 = 4
        // (ENDED 08-31 23:30 and BI 12-01 00:00 fall outside); scheduled SIX 11-20 and 11-28 = 2;
        // planned 14 + 1 + 4 + 2 = 21; unconfirmed: scheduled before now = SIX 11-20 = 1
        meetings: { planned: 21, held: 14, missed: 1, cancelled: 4, unconfirmed: 1 },
        // pairs active at Dec 1, window [09-01, now):
        //   FIVE: 08-20 → 09-24 → 10-29 are 35-day gaps, 10-29 09:00 → now 27.04 days: all ≤ 37.5 → kept
        //         (every 5 weeks is on cadence for monthly, thanks to the 1.25× tolerance)
        //   SIX:  08-06 → 09-17 is 42 days > 37.5 → not kept (every 6 weeks is off cadence)
        //   NEW10: matched 10 days before now < 14-day grace → can't be judged, not eligible
        //   NEW20: matched 11-05 10:00, 20 days to now ≤ max(37.5, 14) → kept
        //   BI:   08-26 → 09-09 → 09-12 → 09-23 → 10-07 → 10-21 → 11-04 → 11-18 → now: 14, 3, 11, 14, 14,
        //         14, 14, 7.04 days, all ≤ 17.5 → kept
        //   PAUSED is paused at Dec 1 → excluded; COMPLETED and ENDED are closed
        // eligible 4, kept 3 → 0.75
        onCadenceRate: 0.75,
        onCadence: { eligible: 4, kept: 3 },
        // gaps ending in the period: FIVE 35, 35; SIX 42, 42; PAUSED 06-01 → 09-10 = 101;
        // COMPLETED 08-06 → 09-03 = 28, 09-03 → 10-01 = 28; BI 14, 3, 11, 14, 14, 14, 14
        // 0–7: 1 (3) | 8–14: 6 | 15–21: 0 | 22–31: 2 (28, 28) | 32–45: 4 (35, 35, 42, 42) | 46–60: 0 | 61+: 1 (101)
        gapDistribution: gaps([1, 6, 0, 2, 4, 0, 1]),
        // first-meeting deadlines (start + 14 days) in [09-01, now): NEW20 11-19 10:00, no check-in → 1;
        // BI 09-03 09:00, but it held 08-26 before it; NEW10's 11-29 10:00 is still to come
        noFirstMeeting: 1,
        // held minutes: FIVE 2×60 + SIX 2×45 + PAUSED 30 + COMPLETED 2×30 + BI 6×30 + 50 = 530 → 8.83 h → 8.8
        mentoringHours: 8.8,
      },
      outcomes: {
        goals: {
          set: 4, // created in the period: g1 09-05, g3 09-20, g6 10-10, g7 11-01 (g8 is deleted)
          completed: 1, // g1 done 10-20 (g5 was done 08-30)
          overdue: 2, // open with target before today 11-25: g2 10-15, g7 11-24 (g6 is due today, g3 12-15)
          open: 4, // g2 g3 g6 g7
          completionRate: 0.333, // done g1 g5 = 2 / not dropped g1 g2 g3 g5 g6 g7 = 6
          averageProgress: 53, // (100 + 40 + 0 + 100 + 70 + 10) / 6 = 53.33
        },
        ratings: {
          // check-ins in the period: FIVE 09-24 5 4, SIX 09-17 2, COMPLETED 10-01 5 4, BI 11-04 3, 11-18 4
          // (Fay's 1 for 08-20 is before the period): 27 / 7 = 3.857
          count: 7,
          average: 3.86,
          distribution: [
            { rating: 1, count: 0 },
            { rating: 2, count: 1 },
            { rating: 3, count: 1 },
            { rating: 4, count: 3 },
            { rating: 5, count: 2 },
          ],
        },
        closingSurveys: {
          // Liv (2, 9), Ana (4, 6), Kim (5, 10), Eli (4, 7); Fay's pulse survey doesn't count
          responses: 4,
          satisfaction: 3.8, // 15 / 4 = 3.75
          nps: 25, // promoters Liv 9, Kim 10; passive Eli 7; detractor Ana 6: 100 × (2 − 1) / 4
          promoters: 2,
          passives: 1,
          detractors: 1,
        },
        reported: { skillsGained: 2, newContacts: 2, promotions: 1 }, // Kim + Eli; Liv + Kim; Kim
        introductionsMade: 2, // FIVE 10-05, BI 11-10 (BI 08-30 is before, COMPLETED's was declined)
      },
      trend: [
        {
          month: '2026-09', // [09-01, 10-01)
          mentees: 8, // enrolled before 10-01: all but Ida and Jo
          activePairs: 5, // FIVE SIX PAUSED (paused only 10-15) COMPLETED (ended 10-10) BI
          newPairs: 0,
          // held FIVE 09-24, SIX 09-17, PAUSED 09-10, COMPLETED 09-03, BI 09-09 09-12 09-23 = 7; cancelled ENDED 09-01
          meetings: { planned: 8, held: 7, missed: 0, cancelled: 1 },
          // FIVE kept (08-20 → 09-24 → 10-01: 35, 6.6), SIX not (42), PAUSED not (06-01 → 09-10: 101),
          // COMPLETED kept (08-06 → 09-03 → 10-01: 28, 27.6), BI kept: 3 / 5
          onCadenceRate: 0.6,
          averageRating: 3.67, // 5 + 4 + 2 = 11 / 3
        },
        {
          month: '2026-10', // [10-01, 11-01)
          mentees: 9, // + Jo
          activePairs: 3, // FIVE SIX BI
          newPairs: 0,
          // held FIVE 10-29, SIX 10-29, COMPLETED 10-01, BI 10-07 10-21; missed SIX 10-01;
          // cancelled SIX 10-15, PAUSED 10-22, COMPLETED 10-29
          meetings: { planned: 9, held: 5, missed: 1, cancelled: 3 },
          // FIVE kept (09-24 → 10-29 → 11-01), SIX not (09-17 → 10-29: 42), BI kept: 2 / 3
          onCadenceRate: 0.667,
          averageRating: 4.5, // 5 + 4 = 9 / 2
        },
        {
          month: '2026-11', // [11-01, now): the month is clipped to now
          mentees: 10, // + Ida
          activePairs: 5, // FIVE SIX NEW10 NEW20 BI
          newPairs: 2, // NEW20, NEW10
          // held BI 11-04, 11-18; SIX 11-20 scheduled (before now); SIX 11-28 is after now
          meetings: { planned: 3, held: 2, missed: 0, cancelled: 0 },
          // FIVE and SIX kept (10-29 → now: 27.04), NEW20 kept, BI kept, NEW10 can't be judged: 4 / 4
          onCadenceRate: 1,
          averageRating: 3.5, // 3 + 4 = 7 / 2
        },
      ],
    });
    expect(JSON.stringify(res.body)).not.toContain('private');
  });

  it('counts every program that is not archived when no program is named', async () => {
    const res = await get(ADMIN, PERIOD);
    expect(res.status).toBe(200);
    const { participation, consistency, outcomes } = res.body;
    // Grow Together + Lead Well's Pat and Rae; Old Times (archived) would add Oz as a mentor
    expect(participation).toMatchObject({ mentors: 5, mentees: 11, matchedMentees: 9, pendingRequests: 2 });
    // Sales now has Pat and Rae too: 2 mentors, 6 mentees, 5 matched → 0.833
    expect(participation.byDepartment[2]).toEqual({ department: 'Sales', mentors: 2, mentees: 6, matchedMentees: 5, matchRate: 0.833 });
    // + Pat–Rae's check-in held 10-02
    expect(consistency.meetings).toEqual({ planned: 22, held: 15, missed: 1, cancelled: 4, unconfirmed: 1 });
    // Pat–Rae (weekly, no check-in before the period): 09-01 → 10-02 is 31 days > 8.75 → not kept: 3 of 5
    expect(consistency.onCadence).toEqual({ eligible: 5, kept: 3 });
    // Rae's closing survey counts as a response (3) but, without a recommendation, not towards NPS
    expect(outcomes.closingSurveys).toEqual({ responses: 5, satisfaction: 3.6, nps: 25, promoters: 2, passives: 1, detractors: 1 });
  });

  it('with a department, counts its people and the pairs whose mentee is in it', async () => {
    const res = await get(ADMIN, `programId=${ids.grow}&${PERIOD}&department=Sales`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      period: { from: '2026-09-01', to: '2026-11-30' },
      suppressed: false,
      participation: {
        mentors: 1, // Sam
        mentees: 5, // Ida Jo Kim Liv Max
        menteesPerMentor: 5,
        matchedMentees: 4,
        matchRate: 0.8,
        unmatchedMentees: 1,
        pendingRequests: 1, // Max's
        medianDaysToMatch: 13.8, // both new pairs have Sales mentees
        pairs: { active: 2, paused: 0, completed: 1, endedEarly: 1 }, // NEW10 NEW20; COMPLETED (Kim); ENDED (Liv)
        mentorCapacityUtilisation: 1, // Sam: NEW10 + NEW20 = 2 / capacity 2
        byDepartment: [{ department: 'Sales', mentors: 1, mentees: 5, matchedMentees: 4, matchRate: 0.8 }],
      },
      consistency: {
        // COMPLETED 09-03 held, 10-01 held, 10-29 cancelled; ENDED 09-01 00:00 cancelled
        meetings: { planned: 4, held: 2, missed: 0, cancelled: 2, unconfirmed: 0 },
        onCadenceRate: 1, // active at Dec 1: NEW10 (can't be judged), NEW20 kept
        onCadence: { eligible: 1, kept: 1 },
        gapDistribution: gaps([0, 0, 0, 2, 0, 0, 0]), // COMPLETED 28, 28
        noFirstMeeting: 1, // NEW20
        mentoringHours: 1, // 2 × 30 min
      },
      outcomes: {
        // only g5 (COMPLETED, done 08-30): 1 / 1 done, progress 100
        goals: { set: 0, completed: 0, overdue: 0, open: 0, completionRate: 1, averageProgress: 100 },
        ratings: {
          count: 2, // COMPLETED 10-01: 5, 4
          average: 4.5,
          distribution: [
            { rating: 1, count: 0 },
            { rating: 2, count: 0 },
            { rating: 3, count: 0 },
            { rating: 4, count: 1 },
            { rating: 5, count: 1 },
          ],
        },
        // all four closing surveys belong to ENDED (Liv) and COMPLETED (Kim)
        closingSurveys: { responses: 4, satisfaction: 3.8, nps: 25, promoters: 2, passives: 1, detractors: 1 },
        reported: { skillsGained: 2, newContacts: 2, promotions: 1 },
        introductionsMade: 0, // COMPLETED's was declined
      },
      trend: [
        // Kim Liv Max enrolled; COMPLETED active; held COMPLETED 09-03, cancelled ENDED 09-01; COMPLETED kept
        { month: '2026-09', mentees: 3, activePairs: 1, newPairs: 0, meetings: { planned: 2, held: 1, missed: 0, cancelled: 1 }, onCadenceRate: 1, averageRating: null },
        // + Jo; no pair active at 11-01; COMPLETED 10-01 held (rated 5, 4), 10-29 cancelled
        { month: '2026-10', mentees: 4, activePairs: 0, newPairs: 0, meetings: { planned: 2, held: 1, missed: 0, cancelled: 1 }, onCadenceRate: null, averageRating: 4.5 },
        // + Ida; NEW10 and NEW20 start; NEW20 kept, NEW10 can't be judged
        { month: '2026-11', mentees: 5, activePairs: 2, newPairs: 2, meetings: { planned: 0, held: 0, missed: 0, cancelled: 0 }, onCadenceRate: 1, averageRating: null },
      ],
    });
  });

  it('withholds a department of fewer than 5 enrolled people, and small groups in the breakdown', async () => {
    // Legal: Lou and Ned
    const legal = await get(ADMIN, `programId=${ids.grow}&${PERIOD}&department=Legal`);
    expect(legal.status).toBe(200);
    expect(legal.body).toEqual({ suppressed: true, detail: expect.stringContaining('fewer than 5 people') });
    const nobody = await get(ADMIN, `${PERIOD}&department=Finance`);
    expect(nobody.body).toEqual({ suppressed: true, detail: expect.stringContaining('fewer than 5 people') });
    // Engineering has exactly 5: shown
    const engineering = await get(ADMIN, `programId=${ids.grow}&${PERIOD}&department=Engineering`);
    expect(engineering.body.suppressed).toBe(false);
    expect(engineering.body.participation.byDepartment).toEqual([{ department: 'Engineering', mentors: 2, mentees: 3, matchedMentees: 3, matchRate: 1 }]);
  });

  it('counts a missing first meeting only once its 14-day deadline falls in the period', async () => {
    // NEW20's deadline is 11-19 10:00: after a period ending 11-15 …
    const before = await get(ADMIN, `programId=${ids.grow}&from=2026-11-01&to=2026-11-15`);
    expect(before.body.consistency.noFirstMeeting).toBe(0);
    // … and inside one that is that day
    const on = await get(ADMIN, `programId=${ids.grow}&from=2026-11-19&to=2026-11-19`);
    expect(on.body.consistency.noFirstMeeting).toBe(1);
  });

  it('defaults to the 90 days ending today', async () => {
    const res = await get(ADMIN, `programId=${ids.grow}`);
    expect(res.status).toBe(200);
    // 2026-08-28 … 2026-11-25 is 4 + 30 + 31 + 25 = 90 days
    expect(res.body.period).toEqual({ from: '2026-08-28', to: '2026-11-25' });
    expect(res.body.trend.map((m: { month: string }) => m.month)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
  });

  it('writes each call to the audit log with the filters', async () => {
    const before = await countRows(app.db, 'auditLog');
    await get(ADMIN, `programId=${ids.grow}&${PERIOD}&department=Legal`);
    expect(await countRows(app.db, 'auditLog')).toBe(before + 1);
    const row = await app.db.kysely.selectFrom('auditLog').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const admin = await app.db.kysely.selectFrom('users').select('id').where('email', '=', ADMIN).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actorId: admin.id, action: 'admin.analytics', subjectType: 'program', subjectId: ids.grow, createdAt: NOW });
    expect(JSON.parse(row.detail!)).toEqual({ programId: ids.grow, department: 'Legal', from: '2026-09-01', to: '2026-11-30' });
  });

  it('is for admins only, and refusals are not logged', async () => {
    const before = await countRows(app.db, 'auditLog');
    const mentee = await get('fay@contoso.example', PERIOD);
    expect(mentee.status).toBe(403);
    expect(mentee.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await request(app.http).get(`/api/admin/analytics?${PERIOD}`)).status).toBe(401);
    expect(await countRows(app.db, 'auditLog')).toBe(before);
  });

  it('rejects bad filters naming the field, and logs nothing', async () => {
    const before = await countRows(app.db, 'auditLog');
    const cases: [string, string][] = [
      ['from=2026-02-30', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=yesterday', 'from'],
      ['from=2026-11-10&to=2026-11-01', 'to'], // to before from
      ['from=2026-12-01', 'to'], // to defaults to today, before from
      ['from=2023-01-01&to=2026-01-01', 'to'], // more than 3 years
      ['programId=not-an-id', 'programId'],
      ['department=', 'department'],
    ];
    for (const [query, field] of cases) {
      const res = await get(ADMIN, query);
      expect({ query, status: res.status, fields: fields(res) }).toEqual({ query, status: 400, fields: [field] });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await countRows(app.db, 'auditLog')).toBe(before);
    // exactly 3 years is allowed
    expect((await get(ADMIN, 'from=2023-01-02&to=2026-01-01')).status).toBe(200);
  });

  it('is documented in OpenAPI as an admin endpoint with its filters', () => {
    const op = (app.openApiDocument.paths as Record<string, Record<string, { 'x-access'?: string; parameters?: { name: string; in: string }[] }>>)[
      '/api/admin/analytics'
    ]?.get;
    expect(op?.['x-access']).toBe('admin');
    expect(op?.parameters?.filter((p) => p.in === 'query').map((p) => p.name).sort()).toEqual(['department', 'from', 'programId', 'to']);
  });

  it('answers 404 for an unknown or archived program', async () => {
    expect((await get(ADMIN, 'programId=01890000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await get(ADMIN, `programId=${ids.old}`)).status).toBe(404);
  });
});
