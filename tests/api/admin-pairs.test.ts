import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { ADMIN, adminApi, adminFixtures, dateBefore, daysBefore } from '../support/admin-fixtures';

const NOW = '2026-11-25T10:00:00.000Z';
const TODAY = NOW.slice(0, 10);
const MINUTE = 1 / (24 * 60);

const REMEDIES = {
  'lack-of-time': 'Agree meeting times you can both keep. Short check-ins count, as long as they are regular.',
  'mismatched-expectations': 'Have an open conversation about what each of you wants from the mentorship and how often to meet.',
  'ineffective-communication': 'Listen actively, and share feedback honestly but kindly — both ways.',
  'unclear-boundaries': "Agree which topics are in and out of bounds, and respect each other's privacy.",
  'overdue-action-items': 'Review open action items together at the next check-in; drop or re-date what no longer matters.',
  'overdue-goals': 'Revisit the plan: update the timeline or break the goal into smaller steps.',
};

interface Reason {
  code: keyof typeof REMEDIES;
  detail: string;
  remedy: string;
}
interface AtRiskPair {
  pairId: string;
  programId: string;
  lastHeldAt: string | null;
  reasons: Reason[];
  mentee: { department: string | null };
}

describe('pairs at risk', () => {
  let app: TestApp;
  let api: ReturnType<typeof adminApi>;
  let f: ReturnType<typeof adminFixtures>;
  let grow: string;
  let weekly: string;
  let other: string;
  let list: AtRiskPair[];

  /**
   * A pair that is fine on every rule unless told otherwise: matched 60 days ago, expectations
   * agreed (every 2 weeks), a check-in held 2 days ago, nothing open or overdue.
   */
  async function pair(
    options: {
      program?: string;
      startedAt?: string;
      agreed?: boolean;
      lastHeld?: string | null;
      status?: 'active' | 'paused' | 'completed' | 'ended';
      menteeDepartment?: string;
      mentorDepartment?: string;
    } = {},
  ) {
    const mentor = await f.person({ department: options.mentorDepartment ?? 'Engineering' });
    const mentee = await f.person({ department: options.menteeDepartment ?? 'Sales' });
    const agreed = options.agreed ?? true;
    const id = await f.pair(options.program ?? grow, mentor, mentee, {
      startedAt: options.startedAt ?? daysBefore(NOW, 60),
      status: options.status ?? 'active',
      ...(options.status === 'paused' ? { pausedAt: daysBefore(NOW, 5) } : {}),
      ...(options.status === 'ended' || options.status === 'completed' ? { endedAt: daysBefore(NOW, 5) } : {}),
      agreedAt: agreed ? daysBefore(NOW, 55) : null,
      agreedCadence: agreed ? 'biweekly' : null,
    });
    const lastHeld = options.lastHeld === undefined ? daysBefore(NOW, 2) : options.lastHeld;
    if (lastHeld) await f.meeting(id, mentor, lastHeld, { status: 'held' });
    return { id, mentor, mentee };
  }

  const reasonsOf = (pairId: string) => list.find((p) => p.pairId === pairId)?.reasons ?? [];
  const codesOf = (pairId: string) => reasonsOf(pairId).map((r) => r.code);
  const p: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    api = adminApi(app);
    f = adminFixtures(app.db);
    grow = await f.program('Grow Together');
    weekly = await f.program('Weekly Circle', { cadence: 'weekly' });
    other = await f.program('Other Program', { cadence: 'monthly' });

    p.healthy = (await pair()).id;

    // lack-of-time: biweekly → 1.5 × 14 = 21 days
    p.heldExactly21 = (await pair({ lastHeld: daysBefore(NOW, 21) })).id;
    const over21 = await pair({ lastHeld: daysBefore(NOW, 21 + MINUTE) });
    await f.meeting(over21.id, over21.mentor, daysBefore(NOW, 3), { status: 'missed' });
    await f.meeting(over21.id, over21.mentor, daysBefore(NOW, -3), { status: 'scheduled' });
    p.heldOver21 = over21.id;
    // none held: the clock starts after the 14-day grace, so 14 + 21 = 35 days after matching
    p.noneHeld35 = (await pair({ startedAt: daysBefore(NOW, 35), lastHeld: null })).id;
    p.noneHeldOver35 = (await pair({ startedAt: daysBefore(NOW, 35 + MINUTE), lastHeld: null })).id;
    // program default weekly → 10.5 days; matched 13 days ago so expectations aren't due yet
    p.weeklyExactly = (await pair({ program: weekly, agreed: false, startedAt: daysBefore(NOW, 13), lastHeld: daysBefore(NOW, 10.5) })).id;
    p.weeklyOver = (await pair({ program: weekly, agreed: false, startedAt: daysBefore(NOW, 13), lastHeld: daysBefore(NOW, 10.5 + MINUTE) })).id;

    // mismatched-expectations: 14+ days after matching without agreement
    p.notAgreed14 = (await pair({ agreed: false, startedAt: daysBefore(NOW, 14), lastHeld: null })).id;
    p.notAgreedJustUnder14 = (await pair({ agreed: false, startedAt: daysBefore(NOW, 14 - MINUTE), lastHeld: null })).id;
    const oneAnswer = await pair({ agreed: false, startedAt: daysBefore(NOW, 20) });
    await f.agreement(oneAnswer.id, oneAnswer.mentee);
    p.oneAnswer = oneAnswer.id;
    const differ = await pair({ agreed: false, startedAt: daysBefore(NOW, 20) });
    await f.agreement(differ.id, differ.mentor, { channel: 'email' });
    await f.agreement(differ.id, differ.mentee, { channel: 'teams-chat' });
    p.answersDiffer = differ.id;
    const same = await pair({ agreed: false, startedAt: daysBefore(NOW, 20) });
    await f.agreement(same.id, same.mentor);
    await f.agreement(same.id, same.mentee);
    p.answersSame = same.id;

    // ineffective-communication, ratings: average ≤ 2 over check-ins of the last 60 days
    const avg2 = await pair({ lastHeld: null });
    const avg2Meeting = await f.meeting(avg2.id, avg2.mentor, daysBefore(NOW, 5));
    await f.rate(avg2Meeting, avg2.mentor, 1);
    await f.rate(avg2Meeting, avg2.mentee, 3);
    p.averageExactly2 = avg2.id;
    const avg25 = await pair({ lastHeld: null });
    const avg25Meeting = await f.meeting(avg25.id, avg25.mentor, daysBefore(NOW, 5));
    await f.rate(avg25Meeting, avg25.mentor, 2);
    await f.rate(avg25Meeting, avg25.mentee, 3);
    p.average25 = avg25.id;
    const at60 = await pair();
    await f.rate(await f.meeting(at60.id, at60.mentor, daysBefore(NOW, 60)), at60.mentee, 1);
    p.lowRatingAt60Days = at60.id;
    const over60 = await pair();
    await f.rate(await f.meeting(over60.id, over60.mentor, daysBefore(NOW, 60 + MINUTE)), over60.mentee, 1);
    p.lowRatingOver60Days = over60.id;

    // ineffective-communication, confirmations of the last 3 ended check-ins
    const oneSided = await pair({ lastHeld: null });
    const [e1, e2, e3, e4] = [
      await f.meeting(oneSided.id, oneSided.mentor, daysBefore(NOW, 2)),
      await f.meeting(oneSided.id, oneSided.mentor, daysBefore(NOW, 9)),
      await f.meeting(oneSided.id, oneSided.mentor, daysBefore(NOW, 16), { status: 'scheduled' }),
      await f.meeting(oneSided.id, oneSided.mentor, daysBefore(NOW, 23)),
    ];
    await f.confirm(e1!, oneSided.mentor);
    await f.confirm(e2!, oneSided.mentor, 'missed');
    await f.confirm(e4!, oneSided.mentee); // a 4th check-in back is outside "the last 3"
    void e3;
    p.oneSided = oneSided.id;
    const balanced = await pair({ lastHeld: null });
    const [b1, b2, b3] = [
      await f.meeting(balanced.id, balanced.mentor, daysBefore(NOW, 2)),
      await f.meeting(balanced.id, balanced.mentor, daysBefore(NOW, 9)),
      await f.meeting(balanced.id, balanced.mentor, daysBefore(NOW, 16)),
    ];
    // Cancelled and not-yet-ended check-ins are not among "the last 3 that ended": counting them would push b3 out.
    await f.meeting(balanced.id, balanced.mentor, daysBefore(NOW, 1), { status: 'cancelled' });
    await f.meeting(balanced.id, balanced.mentor, daysBefore(NOW, 10 * MINUTE), { status: 'scheduled' });
    await f.confirm(b1!, balanced.mentor);
    await f.confirm(b2!, balanced.mentor);
    await f.confirm(b3!, balanced.mentee);
    p.confirmed2and1 = balanced.id;
    const lone = await pair({ lastHeld: null });
    await f.confirm(await f.meeting(lone.id, lone.mentor, daysBefore(NOW, 2)), lone.mentor);
    await f.meeting(lone.id, lone.mentor, daysBefore(NOW, 9));
    p.confirmed1and0 = lone.id;

    // unclear-boundaries
    const blank = await pair();
    await f.agreement(blank.id, blank.mentor);
    await f.agreement(blank.id, blank.mentee, { boundaries: '   ' });
    p.blankBoundary = blank.id;
    const filled = await pair();
    await f.agreement(filled.id, filled.mentor);
    await f.agreement(filled.id, filled.mentee);
    p.filledBoundaries = filled.id;
    const half = await pair();
    await f.agreement(half.id, half.mentee, { boundaries: '' });
    p.blankButOneAnswer = half.id;

    // overdue-action-items: open, due more than 7 days before today
    const due8 = await pair();
    await f.actionItem(due8.id, due8.mentee, { dueOn: dateBefore(NOW, 8) });
    p.actionDue8DaysAgo = due8.id;
    const due7 = await pair();
    await f.actionItem(due7.id, due7.mentee, { dueOn: dateBefore(NOW, 7) });
    await f.actionItem(due7.id, due7.mentee, { dueOn: dateBefore(NOW, 30), doneAt: daysBefore(NOW, 1) });
    await f.actionItem(due7.id, due7.mentee, { dueOn: null });
    p.actionDue7DaysAgo = due7.id;
    const due3 = await pair();
    for (const days of [10, 20, 30]) await f.actionItem(due3.id, due3.mentor, { dueOn: dateBefore(NOW, days) });
    p.threeActionsOverdue = due3.id;

    // overdue-goals: not done/dropped/deleted, target date before today
    const late = await pair();
    await f.goal(late.id, late.mentee, { targetDate: dateBefore(NOW, 1), status: 'in-progress' });
    p.goalDueYesterday = late.id;
    const onTime = await pair();
    await f.goal(onTime.id, onTime.mentee, { targetDate: TODAY, status: 'not-started' });
    await f.goal(onTime.id, onTime.mentee, { targetDate: dateBefore(NOW, 30), status: 'done' });
    await f.goal(onTime.id, onTime.mentee, { targetDate: dateBefore(NOW, 30), status: 'dropped' });
    await f.goal(onTime.id, onTime.mentee, { targetDate: dateBefore(NOW, 30), status: 'in-progress', deletedAt: daysBefore(NOW, 1) });
    p.goalsNotOverdue = onTime.id;

    // several reasons at once; and pairs that aren't active now are never listed
    const many = await pair({ agreed: false, startedAt: daysBefore(NOW, 40), lastHeld: null });
    await f.goal(many.id, many.mentee, { targetDate: dateBefore(NOW, 3) });
    p.threeReasons = many.id;
    const twoA = await pair({ lastHeld: daysBefore(NOW, 30) });
    await f.goal(twoA.id, twoA.mentee, { targetDate: dateBefore(NOW, 3) });
    p.twoReasonsOlder = twoA.id;
    const twoB = await pair({ lastHeld: daysBefore(NOW, 25) });
    await f.goal(twoB.id, twoB.mentee, { targetDate: dateBefore(NOW, 3) });
    p.twoReasonsNewer = twoB.id;
    for (const status of ['paused', 'completed', 'ended'] as const) {
      const closed = await pair({ status, agreed: false, lastHeld: null });
      await f.goal(closed.id, closed.mentee, { targetDate: dateBefore(NOW, 3) });
      p[status] = closed.id;
    }

    // filters: another program; a mentee in another department whose mentor is in Sales
    p.otherProgram = (await pair({ program: other, lastHeld: null, startedAt: daysBefore(NOW, 100) })).id;
    p.financeMentee = (await pair({ lastHeld: null, startedAt: daysBefore(NOW, 100), menteeDepartment: 'Finance', mentorDepartment: 'Sales' })).id;

    const res = await api.get(ADMIN, '/api/admin/pairs-at-risk');
    expect(res.status).toBe(200);
    list = res.body;
  });
  afterAll(() => app.close());

  it('a healthy pair is not listed', () => {
    expect(codesOf(p.healthy!)).toEqual([]);
  });

  it('lack of time: exactly 1.5 × the cadence since the last held check-in is still fine, a minute more is not', () => {
    expect(codesOf(p.heldExactly21!)).toEqual([]);
    expect(reasonsOf(p.heldOver21!)).toEqual([
      { code: 'lack-of-time', detail: 'No check-in held for 21 days (agreed every 2 weeks).', remedy: REMEDIES['lack-of-time'] },
    ]);
    expect(list.find((x) => x.pairId === p.heldOver21)?.lastHeldAt).toBe(daysBefore(NOW, 21 + MINUTE));
  });

  it('lack of time: with no check-in held, the clock starts after the 14-day first-meeting grace', () => {
    expect(codesOf(p.noneHeld35!)).toEqual([]);
    expect(reasonsOf(p.noneHeldOver35!)).toEqual([
      { code: 'lack-of-time', detail: 'No check-in held in the 35 days since matching (agreed every 2 weeks).', remedy: REMEDIES['lack-of-time'] },
    ]);
  });

  it("lack of time uses the program's default cadence until the pair agrees one", () => {
    expect(codesOf(p.weeklyExactly!)).toEqual([]);
    expect(reasonsOf(p.weeklyOver!)).toEqual([
      { code: 'lack-of-time', detail: 'No check-in held for 10 days (program default: every week).', remedy: REMEDIES['lack-of-time'] },
    ]);
  });

  it('mismatched expectations: from exactly 14 days after matching, not a minute before', () => {
    expect(reasonsOf(p.notAgreed14!)).toEqual([
      { code: 'mismatched-expectations', detail: 'Expectations not agreed 14 days after matching.', remedy: REMEDIES['mismatched-expectations'] },
    ]);
    expect(codesOf(p.notAgreedJustUnder14!)).toEqual([]);
  });

  it('mismatched expectations: one answer is "not agreed", two that differ "still differ", two that match are not a reason', () => {
    expect(reasonsOf(p.oneAnswer!).map((r) => r.detail)).toEqual(['Expectations not agreed 20 days after matching.']);
    expect(reasonsOf(p.answersDiffer!).map((r) => r.detail)).toEqual(['Expectations still differ 20 days after matching.']);
    expect(codesOf(p.answersSame!)).toEqual([]);
  });

  it('ineffective communication: an average rating of exactly 2 counts, 2.5 does not, and only check-ins of the last 60 days', () => {
    expect(reasonsOf(p.averageExactly2!)).toEqual([
      {
        code: 'ineffective-communication',
        detail: 'Check-ins of the last 60 days were rated 2 or lower out of 5 on average.',
        remedy: REMEDIES['ineffective-communication'],
      },
    ]);
    expect(codesOf(p.average25!)).toEqual([]);
    expect(codesOf(p.lowRatingAt60Days!)).toEqual(['ineffective-communication']);
    expect(codesOf(p.lowRatingOver60Days!)).toEqual([]);
  });

  it('ineffective communication: one member confirmed none of the last 3 ended check-ins while the other confirmed 2', () => {
    expect(reasonsOf(p.oneSided!)).toEqual([
      {
        code: 'ineffective-communication',
        detail: 'One member confirmed none of the last 3 check-ins; the other confirmed 2.',
        remedy: REMEDIES['ineffective-communication'],
      },
    ]);
    expect(codesOf(p.confirmed2and1!)).toEqual([]);
    expect(codesOf(p.confirmed1and0!)).toEqual([]);
  });

  it('unclear boundaries: both answered and one left the boundaries blank', () => {
    expect(reasonsOf(p.blankBoundary!)).toEqual([
      { code: 'unclear-boundaries', detail: 'Boundaries left blank in 1 of the 2 agreement answers.', remedy: REMEDIES['unclear-boundaries'] },
    ]);
    expect(codesOf(p.filledBoundaries!)).toEqual([]);
    expect(codesOf(p.blankButOneAnswer!)).toEqual([]);
  });

  it('overdue action items: open and due more than 7 days before today; 7 days, done or undated items are not', () => {
    expect(reasonsOf(p.actionDue8DaysAgo!)).toEqual([
      { code: 'overdue-action-items', detail: '1 action item overdue by more than 7 days.', remedy: REMEDIES['overdue-action-items'] },
    ]);
    expect(codesOf(p.actionDue7DaysAgo!)).toEqual([]);
    expect(reasonsOf(p.threeActionsOverdue!).map((r) => r.detail)).toEqual(['3 action items overdue by more than 7 days.']);
  });

  it('overdue goals: a live goal past its target date; due today, done, dropped and deleted goals are not', () => {
    expect(reasonsOf(p.goalDueYesterday!)).toEqual([
      { code: 'overdue-goals', detail: '1 goal past its target date.', remedy: REMEDIES['overdue-goals'] },
    ]);
    expect(codesOf(p.goalsNotOverdue!)).toEqual([]);
  });

  it('a pair gets every reason that applies, in the table order', () => {
    expect(codesOf(p.threeReasons!)).toEqual(['lack-of-time', 'mismatched-expectations', 'overdue-goals']);
  });

  it('only pairs active now are listed', () => {
    for (const status of ['paused', 'completed', 'ended']) expect(list.some((x) => x.pairId === p[status])).toBe(false);
  });

  it('sorted by number of reasons, then the oldest last check-in (never met first), then pair id', () => {
    expect(list[0]!.pairId).toBe(p.threeReasons);
    const two = list.filter((x) => x.reasons.length === 2).map((x) => x.pairId);
    expect(two).toEqual([p.twoReasonsOlder, p.twoReasonsNewer]);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      const inOrder =
        a.reasons.length > b.reasons.length ||
        (a.reasons.length === b.reasons.length &&
          (a.lastHeldAt === b.lastHeldAt ? a.pairId < b.pairId : a.lastHeldAt === null || (b.lastHeldAt !== null && a.lastHeldAt < b.lastHeldAt)));
      expect(inOrder).toBe(true);
    }
  });

  it('details carry counts and days only, and every remedy is Tandem’s text for its code', () => {
    for (const pair of list) {
      for (const r of pair.reasons) {
        expect(r.remedy).toBe(REMEDIES[r.code]);
        expect(r.detail).toMatch(/^[A-Za-z0-9 ().,:;-]+$/);
      }
    }
  });

  it('filters by program and by the mentee’s department', async () => {
    const byProgram = await api.get(ADMIN, `/api/admin/pairs-at-risk?programId=${other}`);
    expect(byProgram.body.map((x: AtRiskPair) => x.pairId)).toEqual([p.otherProgram]);
    const finance = await api.get(ADMIN, '/api/admin/pairs-at-risk?department=Finance');
    expect(finance.body.map((x: AtRiskPair) => x.pairId)).toEqual([p.financeMentee]);
    const sales = await api.get(ADMIN, '/api/admin/pairs-at-risk?department=Sales');
    expect(sales.body.length).toBeGreaterThan(0);
    expect(sales.body.every((x: AtRiskPair) => x.mentee.department === 'Sales')).toBe(true);
  });

  it('the period is validated but does not change who is at risk', async () => {
    const old = await api.get(ADMIN, '/api/admin/pairs-at-risk?from=2025-01-01&to=2025-03-01');
    expect(old.body).toEqual(list);
    const bad = await api.get(ADMIN, '/api/admin/pairs-at-risk?from=2026-11-01&to=2026-10-01');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
  });
});

interface AdminPair {
  pairId: string;
  status: string;
  lastHeldAt: string | null;
  onCadence: boolean | null;
  [key: string]: unknown;
}

describe('the admin pairs table', () => {
  let app: TestApp;
  let api: ReturnType<typeof adminApi>;
  const ids: Record<string, string> = {};
  const people: Record<string, string> = {};
  const PERIOD = 'from=2026-10-01&to=2026-11-25';
  const page = async (query: string) => {
    const res = await api.get(ADMIN, `/api/admin/pairs?${PERIOD}&${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: AdminPair[]; total: number; page: number; pageSize: number };
  };
  const order = async (query: string) => (await page(`pageSize=100&${query}`)).items.map((i) => name(i.pairId));
  const name = (pairId: string) => Object.entries(ids).find(([, id]) => id === pairId)?.[0];
  const byId = (...names: string[]) => [...names].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    api = adminApi(app);
    const f = adminFixtures(app.db);
    const grow = await f.program('Grow Together');
    const leaders = await f.program('Emerging Leaders', { cadence: 'monthly' });
    ids.growProgram = grow;
    ids.leadersProgram = leaders;
    const person = async (key: string, department: string) => {
      people[key] = await f.person({ displayName: key, department });
      return people[key]!;
    };

    // A keeps to every 2 weeks all period; one check-in missed; more to come
    const a = await f.pair(grow, await person('mentorA', 'Engineering'), await person('menteeA', 'Sales'), {
      startedAt: '2026-09-01T09:00:00.000Z', agreedAt: '2026-09-05T09:00:00.000Z', agreedCadence: 'biweekly',
    });
    for (const day of ['09-11', '09-25', '10-08', '10-22', '11-05', '11-19']) await f.meeting(a, people.mentorA!, `2026-${day}T15:00:00.000Z`);
    await f.meeting(a, people.mentorA!, '2026-10-29T15:00:00.000Z', { status: 'missed' });
    await f.meeting(a, people.mentorA!, '2026-12-03T15:00:00.000Z', { status: 'scheduled' });
    await f.meeting(a, people.mentorA!, '2026-12-17T15:00:00.000Z', { status: 'scheduled' });
    await f.goal(a, people.menteeA!, { status: 'done', completedAt: '2026-11-01T00:00:00.000Z' });
    await f.goal(a, people.menteeA!, { status: 'in-progress' });
    await f.goal(a, people.menteeA!, { status: 'in-progress', deletedAt: '2026-11-02T00:00:00.000Z' });
    await f.actionItem(a, people.menteeA!, { dueOn: '2026-11-20' });
    await f.actionItem(a, people.menteeA!, { dueOn: null });
    await f.actionItem(a, people.menteeA!, { dueOn: '2026-11-01', doneAt: '2026-11-01T10:00:00.000Z' });
    ids.A = a;

    // B met once in the period, 51 days ago
    const b = await f.pair(grow, await person('mentorB', 'Engineering'), await person('menteeB', 'Sales'), {
      startedAt: '2026-08-01T09:00:00.000Z', agreedAt: '2026-08-05T09:00:00.000Z', agreedCadence: 'biweekly',
    });
    await f.meeting(b, people.mentorB!, '2026-10-05T09:00:00.000Z');
    ids.B = b;

    // C matched 5 days ago: too early to judge; mentee in Engineering, mentor in Sales
    ids.C = await f.pair(grow, await person('mentorC', 'Sales'), await person('menteeC', 'Engineering'), { startedAt: '2026-11-20T09:00:00.000Z' });

    // D paused since 1 November
    const d = await f.pair(grow, await person('mentorD', 'Engineering'), await person('menteeD', 'Sales'), {
      status: 'paused', startedAt: '2026-07-01T09:00:00.000Z', pausedAt: '2026-11-01T09:00:00.000Z', agreedAt: '2026-07-03T09:00:00.000Z', agreedCadence: 'biweekly',
    });
    await f.meeting(d, people.mentorD!, '2026-10-10T09:00:00.000Z');
    ids.D = d;

    // E completed on 15 October, in the monthly program
    const e = await f.pair(leaders, await person('mentorE', 'Engineering'), await person('menteeE', 'Finance'), {
      status: 'completed', startedAt: '2026-05-01T09:00:00.000Z', endedAt: '2026-10-15T09:00:00.000Z',
    });
    await f.meeting(e, people.mentorE!, '2026-10-01T09:00:00.000Z');
    ids.E = e;

    // F ended early on 10 November
    ids.F = await f.pair(grow, await person('mentorF', 'Engineering'), await person('menteeF', 'Sales'), {
      status: 'ended', startedAt: '2026-06-01T09:00:00.000Z', endedAt: '2026-11-10T09:00:00.000Z', endReason: 'lack-of-time',
    });

    // G: monthly, matched 20 October, met 10 November
    const g = await f.pair(leaders, await person('mentorG', 'Engineering'), await person('menteeG', 'Sales'), {
      startedAt: '2026-10-20T09:00:00.000Z', agreedAt: '2026-10-22T09:00:00.000Z', agreedCadence: 'monthly',
    });
    await f.meeting(g, people.mentorG!, '2026-11-10T09:00:00.000Z');
    ids.G = g;

    // an archived program's pairs are gone as far as the admin views are concerned
    const archived = await f.program('Old Program');
    await app.db.kysely.updateTable('programs').set({ archivedAt: '2026-06-01T00:00:00.000Z' }).where('id', '=', archived).execute();
    ids.archivedProgram = archived;
    ids.archivedPair = await f.pair(archived, await person('mentorX', 'Engineering'), await person('menteeX', 'Sales'), { startedAt: '2026-03-01T09:00:00.000Z' });
  });
  afterAll(() => app.close());

  it('shows each pair’s status, rhythm and counts, and nothing anyone wrote', async () => {
    const res = await page('sort=startedAt');
    const a = res.items.find((i) => i.pairId === ids.A);
    expect(a).toEqual({
      pairId: ids.A,
      programId: ids.growProgram,
      programName: 'Grow Together',
      mentor: { id: people.mentorA, displayName: 'mentorA', department: 'Engineering' },
      mentee: { id: people.menteeA, displayName: 'menteeA', department: 'Sales' },
      status: 'active',
      startedAt: '2026-09-01T09:00:00.000Z',
      endedAt: null,
      endReason: null,
      cadence: 'biweekly',
      lastHeldAt: '2026-11-19T15:00:00.000Z',
      nextMeetingAt: '2026-12-03T15:00:00.000Z',
      meetingsHeld: 4,
      meetingsMissed: 1,
      onCadence: true,
      goalsTotal: 2,
      goalsDone: 1,
      openActionItems: 2,
      overdueActionItems: 1,
      atRisk: [],
    });
    const byName = Object.fromEntries(res.items.map((i) => [name(i.pairId), i]));
    expect(byName.B).toMatchObject({ onCadence: false, lastHeldAt: '2026-10-05T09:00:00.000Z', meetingsHeld: 1, atRisk: ['lack-of-time'] });
    expect(byName.C).toMatchObject({ onCadence: null, lastHeldAt: null, nextMeetingAt: null, meetingsHeld: 0, atRisk: [], cadence: 'biweekly' });
    expect(byName.D).toMatchObject({ status: 'paused', onCadence: null, atRisk: [] });
    expect(byName.E).toMatchObject({ status: 'completed', endedAt: '2026-10-15T09:00:00.000Z', onCadence: null, cadence: 'monthly', meetingsHeld: 1 });
    expect(byName.F).toMatchObject({ status: 'ended', endReason: 'lack-of-time', onCadence: null, atRisk: [] });
    expect(byName.G).toMatchObject({ status: 'active', onCadence: true, cadence: 'monthly' });
    expect(res).toMatchObject({ total: 7, page: 1, pageSize: 25 });
  });

  it('sorts by start, newest first, by default', async () => {
    expect(await order('')).toEqual(['C', 'G', 'A', 'B', 'D', 'F', 'E']);
    expect(await order('sort=startedAt&order=asc')).toEqual(['E', 'F', 'D', 'B', 'A', 'G', 'C']);
  });

  it('sorts by last meeting with never-met pairs last in either order', async () => {
    expect(await order('sort=lastMeeting&order=desc')).toEqual(['A', 'G', 'D', 'B', 'E', ...byId('C', 'F')]);
    expect(await order('sort=lastMeeting&order=asc')).toEqual(['E', 'B', 'D', 'G', 'A', ...byId('C', 'F')]);
  });

  it('sorts by on-cadence as false < can’t judge < true, ties by pair id', async () => {
    expect(await order('sort=onCadence&order=asc')).toEqual(['B', ...byId('C', 'D', 'E', 'F'), ...byId('A', 'G')]);
    expect(await order('sort=onCadence&order=desc')).toEqual([...byId('A', 'G'), ...byId('C', 'D', 'E', 'F'), 'B']);
  });

  it('sorts by status in lifecycle order', async () => {
    expect(await order('sort=status&order=asc')).toEqual([...byId('A', 'B', 'C', 'G'), 'D', 'E', 'F']);
    expect(await order('sort=status&order=desc')).toEqual(['F', 'E', 'D', ...byId('A', 'B', 'C', 'G')]);
  });

  it('pages through the sorted list without gaps or repeats', async () => {
    for (const sort of ['startedAt', 'lastMeeting', 'onCadence', 'status']) {
      const all = await order(`sort=${sort}`);
      const paged: (string | undefined)[] = [];
      for (let n = 1; n <= 3; n++) {
        const res = await page(`sort=${sort}&page=${n}&pageSize=3`);
        expect(res).toMatchObject({ total: 7, page: n, pageSize: 3 });
        paged.push(...res.items.map((i) => name(i.pairId)));
      }
      expect(paged).toEqual(all);
    }
    expect(await page('page=4&pageSize=3')).toEqual({ items: [], total: 7, page: 4, pageSize: 3 });
  });

  it('filters by program, by the mentee’s department and by status', async () => {
    expect((await order(`programId=${ids.leadersProgram}`)).sort()).toEqual(['E', 'G']);
    expect((await order('department=Sales')).sort()).toEqual(['A', 'B', 'D', 'F', 'G']);
    expect((await order('department=Engineering')).sort()).toEqual(['C']);
    expect((await order('status=active')).sort()).toEqual(['A', 'B', 'C', 'G']);
    expect(await order('status=paused')).toEqual(['D']);
    expect(await order(`status=active&department=Sales&programId=${ids.growProgram}`)).toEqual(['A', 'B']);
    expect((await page('department=Legal')).total).toBe(0);
  });

  it('leaves out archived programs, and an unknown or archived programId is 404 everywhere', async () => {
    expect((await page('pageSize=100')).items.map((i) => i.pairId)).not.toContain(ids.archivedPair);
    const before = (await api.auditRows()).length;
    for (const programId of [ids.archivedProgram, '0190e4a5-0000-7000-8000-000000000000']) {
      for (const path of ['/api/admin/pairs', '/api/admin/pairs-at-risk', '/api/admin/export.csv?dataset=pairs&']) {
        const res = await api.get(ADMIN, `${path}${path.includes('?') ? '' : '?'}programId=${programId}`);
        expect([path, res.status, res.headers['content-type']]).toEqual([path, 404, expect.stringContaining('application/problem+json')]);
      }
    }
    expect((await api.auditRows()).length).toBe(before);
  });

  it('measures an earlier period as it stood then: pairs started by its end, status and rhythm at its end', async () => {
    const res = await api.get(ADMIN, '/api/admin/pairs?from=2026-09-01&to=2026-10-10&pageSize=100');
    const byName = Object.fromEntries((res.body.items as AdminPair[]).map((i) => [name(i.pairId), i]));
    expect(Object.keys(byName).sort()).toEqual(['A', 'B', 'D', 'E', 'F']);
    expect(byName.A).toMatchObject({ status: 'active', lastHeldAt: '2026-10-08T15:00:00.000Z', meetingsHeld: 3, onCadence: true });
    expect(byName.E).toMatchObject({ status: 'active', onCadence: true, lastHeldAt: '2026-10-01T09:00:00.000Z' });
    expect(byName.D).toMatchObject({ status: 'active' });
    expect(byName.F).toMatchObject({ status: 'active', onCadence: false });
    const active = await api.get(ADMIN, '/api/admin/pairs?from=2026-09-01&to=2026-10-10&status=active');
    expect(active.body.total).toBe(5);
  });

  it('rejects bad paging, sorting and filters with 400 naming the field, and audits nothing for them', async () => {
    const before = (await api.auditRows()).length;
    const cases: [string, string][] = [
      ['page=0', 'page'],
      ['page=1.5', 'page'],
      ['page=two', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=101', 'pageSize'],
      ['sort=name', 'sort'],
      ['order=sideways', 'order'],
      ['status=closed', 'status'],
      ['programId=abc', 'programId'],
      ['from=2026-02-30', 'from'],
      ['department=', 'department'],
      ['from=2026-11-01&to=2026-10-01', 'to'],
      ['from=2020-01-01&to=2023-01-01', 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await api.get(ADMIN, `/api/admin/pairs?${query}`);
      expect([query, res.status, res.headers['content-type']]).toEqual([query, 400, expect.stringContaining('application/problem+json')]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect((await api.auditRows()).length).toBe(before);
  });

  it('is for admins only: others get 403, anonymous callers 401, and neither is audited', async () => {
    const before = (await api.auditRows()).length;
    for (const path of ['/api/admin/pairs', '/api/admin/pairs-at-risk', '/api/admin/export.csv?dataset=pairs']) {
      const res = await api.get('person1@contoso.example', path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const anonymous = await adminApiAnonymous(app, path);
      expect([path, anonymous]).toEqual([path, 401]);
    }
    expect((await api.auditRows()).length).toBe(before);
  });

  it('every admin call is audited with the filters it used', async () => {
    await api.get(ADMIN, `/api/admin/pairs?programId=${ids.growProgram}&department=Sales&status=active&sort=onCadence&page=2&pageSize=5`);
    await api.get(ADMIN, '/api/admin/pairs-at-risk?department=Sales');
    const [pairs] = (await api.auditRows('admin.pairs')).slice(-1);
    const [atRisk] = (await api.auditRows('admin.pairs-at-risk')).slice(-1);
    const adminId = (await api.get(ADMIN, '/api/me')).body.id;
    expect(pairs).toMatchObject({ actorId: adminId, subjectType: 'program', subjectId: ids.growProgram, createdAt: NOW });
    expect(JSON.parse(pairs!.detail!)).toEqual({
      programId: ids.growProgram, department: 'Sales', from: '2026-08-28', to: '2026-11-25', status: 'active', sort: 'onCadence', order: 'desc', page: 2, pageSize: 5,
    });
    expect(atRisk).toMatchObject({ actorId: adminId, subjectType: null, subjectId: null });
    expect(JSON.parse(atRisk!.detail!)).toEqual({ programId: null, department: 'Sales' });
  });

  it('the three endpoints are documented as admin-only', () => {
    const paths = app.openApiDocument.paths as Record<string, Record<string, { 'x-access'?: string }>>;
    expect(paths['/api/admin/pairs']?.get?.['x-access']).toBe('admin');
    expect(paths['/api/admin/pairs-at-risk']?.get?.['x-access']).toBe('admin');
    expect(paths['/api/admin/export.csv']?.get?.['x-access']).toBe('admin');
  });
});

async function adminApiAnonymous(app: TestApp, path: string): Promise<number> {
  return (await request(app.http).get(path)).status;
}
