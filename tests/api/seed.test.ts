import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DEV_TENANT_ID, devObjectId } from '../../api/src/auth/dev-issuer';
import { DEMO_ADMIN_EMAIL } from '../../api/src/config/config';
import type { Database } from '../../api/src/db/schema';
import { buildDemoData } from '../../api/src/seed/build';
import { writePeople } from '../../api/src/seed/people';
import { isDatabaseEmpty, seedDemoData, type SeedReport } from '../../api/src/seed/seed';
import { createTestDb, type TestDb } from '../support/db';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const TABLES: (keyof Database)[] = [
  'users', 'programs', 'taxonomyTerms', 'enrollments', 'enrollmentTerms', 'mentorshipRequests', 'pairs', 'agreements',
  'goals', 'goalSteps', 'goalUpdates', 'introductions', 'meetingSeries', 'meetings', 'meetingConfirmations',
  'meetingFeedback', 'privateNotes', 'actionItems', 'surveys', 'notifications', 'notificationPreferences',
  'botConversations', 'calendarFeeds', 'jobLeases', 'auditLog',
];

/** One hash per table over every row; sorting the rows makes it independent of storage order. */
async function tableDigests(db: Kysely<Database>): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).selectAll().execute();
    const lines = rows.map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))).sort();
    digests[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return digests;
}

function count<T>(items: T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length;
}

describe('demo data seeding', () => {
  const now = new Date('2027-03-15T10:30:00.000Z');
  let first: TestDb;
  let second: TestDb;
  let emptyBefore: boolean;
  let report: SeedReport;
  let secondReport: SeedReport;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDb(), createTestDb()]);
    emptyBefore = await isDatabaseEmpty(first.db.kysely);
    report = await seedDemoData(first.db.kysely, { now });
    secondReport = await seedDemoData(second.db.kysely, { now });
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('reports the database as empty before seeding and not after', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(first.db.kysely)).toBe(false);
  });

  it('refuses to seed a database that already has people, leaving it untouched', async () => {
    const before = await tableDigests(first.db.kysely);
    await expect(seedDemoData(first.db.kysely, { now })).rejects.toThrow(/already has users/);
    expect(await tableDigests(first.db.kysely)).toEqual(before);
  });

  it('gives identical reports and identical rows when run twice with the same clock', async () => {
    expect(secondReport).toEqual(report);
    const [a, b] = await Promise.all([tableDigests(first.db.kysely), tableDigests(second.db.kysely)]);
    expect(b).toEqual(a);
  });

  it('writes its people through the directory import, exactly as planned', async () => {
    const planned = buildDemoData(now).users;
    const written = await first.db.kysely.selectFrom('users').selectAll().execute();
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(written)).toEqual(byId(planned));
    expect(new Set(written.map((u) => u.directorySource))).toEqual(new Set(['csv']));
    expect(written.filter((u) => u.lastSeenAt !== null).length).toBeGreaterThan(200);
  });

  it('refuses people that fail the import’s checks, writing none of them', async () => {
    const test = await createTestDb();
    try {
      const people = buildDemoData(now).users;
      const [ceo, head] = people;
      // The CEO reporting to one of their own department heads closes a manager cycle.
      const broken = [{ ...ceo!, managerId: head!.id }, ...people.slice(1)];
      await expect(test.db.kysely.transaction().execute((trx) => writePeople(trx, broken))).rejects.toThrow(/fails the directory import’s checks:\nline 2 .*Manager cycle/);
      expect(await isDatabaseEmpty(test.db.kysely)).toBe(true);
    } finally {
      await test.close();
    }
  });

  it('reports figures that match what was written', async () => {
    const db = first.db.kysely;
    const n = async (table: keyof Database) => (await db.selectFrom(table).selectAll().execute()).length;
    expect(report).toEqual({
      users: await n('users'),
      programs: await n('programs'),
      enrollments: await n('enrollments'),
      pairs: await n('pairs'),
      requests: await n('mentorshipRequests'),
      goals: await n('goals'),
      meetings: await n('meetings'),
      actionItems: await n('actionItems'),
      introductions: await n('introductions'),
      surveys: await n('surveys'),
    });
  });
});

/** The story the dashboards tell must hold whatever day the demo is started on, DST or not. */
describe.each([
  ['a March morning', '2027-03-15T10:30:00.000Z'],
  ['a midsummer evening', '2026-07-01T19:45:12.345Z'],
])('the demo organisation seeded on %s', (_label, nowIso) => {
  const now = new Date(nowIso);
  const today = nowIso.slice(0, 10);
  let test: TestDb;
  let db: Kysely<Database>;

  beforeAll(async () => {
    test = await createTestDb();
    db = test.db.kysely;
    await seedDemoData(db, { now });
  });
  afterAll(() => test?.close());

  it('has ~300 Contoso employees in a single reporting tree across eight departments', async () => {
    const users = await db.selectFrom('users').selectAll().execute();
    expect(users.length).toBeGreaterThanOrEqual(280);
    expect(users.length).toBeLessThanOrEqual(320);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    for (const u of users) {
      expect(u.email).toMatch(/^[a-z]+\.[a-z]+@contoso\.example$/);
      expect(u.tenantId).toBe(DEV_TENANT_ID);
      expect(u.entraObjectId).toBe(devObjectId(u.email));
      expect(u.accountEnabled).toBe(1);
      expect(u.timeZone).toMatch(/^(Europe|America|Asia|Australia)\//);
    }
    const roots = users.filter((u) => u.managerId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.jobTitle).toBe('Chief Executive Officer');
    const departments = new Set(users.map((u) => u.department));
    for (const d of ['Engineering', 'Product', 'Design', 'Sales', 'Marketing', 'Customer Success', 'Finance', 'People & Culture']) {
      expect(departments).toContain(d);
    }
    const zones = users.map((u) => u.timeZone ?? '');
    for (const region of ['Europe/', 'America/', 'Asia/']) expect(zones.some((z) => z.startsWith(region))).toBe(true);
  });

  it('includes the L&D manager, who runs the programs without joining them, and leaves ~20% unenrolled', async () => {
    const admin = await db.selectFrom('users').selectAll().where('email', '=', DEMO_ADMIN_EMAIL).executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ displayName: 'Morgan Lee', jobTitle: 'Learning & Development Manager', department: 'People & Culture' });
    const enrollments = await db.selectFrom('enrollments').selectAll().execute();
    expect(enrollments.some((e) => e.userId === admin.id)).toBe(false);
    const programs = await db.selectFrom('programs').selectAll().execute();
    expect(programs.every((p) => p.createdBy === admin.id)).toBe(true);

    const users = await db.selectFrom('users').select('id').execute();
    const unenrolled = count(users, (u) => !enrollments.some((e) => e.userId === u.id)) / users.length;
    expect(unenrolled).toBeGreaterThanOrEqual(0.15);
    expect(unenrolled).toBeLessThanOrEqual(0.25);
    const perProgram = new Set(enrollments.map((e) => `${e.programId}:${e.userId}`));
    expect(perProgram.size).toBe(enrollments.length);
  });

  it('seeds a skills and values taxonomy with normalised labels', async () => {
    const terms = await db.selectFrom('taxonomyTerms').selectAll().execute();
    expect(count(terms, (t) => t.kind === 'skill')).toBeGreaterThanOrEqual(25);
    expect(count(terms, (t) => t.kind === 'skill')).toBeLessThanOrEqual(35);
    expect(count(terms, (t) => t.kind === 'value')).toBeGreaterThanOrEqual(10);
    expect(count(terms, (t) => t.kind === 'value')).toBeLessThanOrEqual(14);
    for (const t of terms) {
      expect(t.seeded).toBe(1);
      expect(t.normalized).toBe(t.label.trim().replace(/\s+/g, ' ').toLowerCase());
    }
  });

  it('runs a self-matching career program open for enrolment and an admin-matched leadership cohort', async () => {
    const programs = await db.selectFrom('programs').selectAll().execute();
    expect(programs).toHaveLength(2);
    const growth = programs.find((p) => p.matchingMode === 'self');
    const leaders = programs.find((p) => p.matchingMode === 'admin');
    expect(growth).toMatchObject({ kind: 'career-growth', defaultCadence: 'biweekly', maxOpenRequestsPerMentee: 3 });
    expect(leaders?.kind).toMatch(/^(leadership|onboarding)$/);
    const monthsAgo = (date: string) => (now.getTime() - Date.parse(date)) / (30.4 * DAY);
    expect(monthsAgo(growth?.startsOn ?? '')).toBeCloseTo(9, 0);
    expect(monthsAgo(growth?.endsOn ?? '')).toBeCloseTo(-3, 0);
    expect(monthsAgo(leaders?.startsOn ?? '')).toBeCloseTo(6, 0);
    expect((growth?.enrollmentOpensOn ?? '') <= today).toBe(true);
    expect((growth?.enrollmentClosesOn ?? '') >= today).toBe(true);
  });

  it('has ~80 pairs: mostly active, with some paused, completed and ended early for varied reasons', async () => {
    const pairs = await db.selectFrom('pairs').selectAll().execute();
    expect(pairs.length).toBeGreaterThanOrEqual(70);
    expect(pairs.length).toBeLessThanOrEqual(90);
    expect(count(pairs, (p) => p.status === 'active')).toBeGreaterThanOrEqual(50);
    expect(count(pairs, (p) => p.status === 'paused')).toBeGreaterThanOrEqual(3);
    expect(count(pairs, (p) => p.status === 'paused')).toBeLessThanOrEqual(7);
    expect(count(pairs, (p) => p.status === 'completed')).toBeGreaterThanOrEqual(8);
    expect(count(pairs, (p) => p.status === 'completed')).toBeLessThanOrEqual(12);
    expect(count(pairs, (p) => p.status === 'ended')).toBeGreaterThanOrEqual(6);
    expect(count(pairs, (p) => p.status === 'ended')).toBeLessThanOrEqual(10);
    const ended = pairs.filter((p) => p.status === 'ended');
    expect(ended.every((p) => p.endReason !== null && p.endedAt !== null)).toBe(true);
    expect(new Set(ended.map((p) => p.endReason)).size).toBeGreaterThanOrEqual(3);
    expect(pairs.filter((p) => p.status === 'paused').every((p) => p.pausedAt !== null)).toBe(true);
    for (const p of pairs) {
      expect(p.startedAt <= p.lastActivityAt).toBe(true);
      expect(p.lastActivityAt <= now.toISOString()).toBe(true);
    }
  });

  it('never pairs people from the same management chain, in either direction', async () => {
    const users = await db.selectFrom('users').select(['id', 'managerId']).execute();
    const managerOf = new Map(users.map((u) => [u.id, u.managerId]));
    const chainOf = (id: string) => {
      const chain = new Set<string>();
      for (let m = managerOf.get(id); m; m = managerOf.get(m)) chain.add(m);
      return chain;
    };
    const pairs = await db.selectFrom('pairs').select(['mentorId', 'menteeId']).execute();
    const requests = await db.selectFrom('mentorshipRequests').select(['mentorId', 'menteeId']).execute();
    for (const p of [...pairs, ...requests]) {
      expect(chainOf(p.menteeId).has(p.mentorId)).toBe(false);
      expect(chainOf(p.mentorId).has(p.menteeId)).toBe(false);
    }
  });

  it('never gives a mentor more active and paused pairs than their capacity', async () => {
    const enrollments = await db.selectFrom('enrollments').selectAll().execute();
    const pairs = await db.selectFrom('pairs').selectAll().where('status', 'in', ['active', 'paused']).execute();
    const load = new Map<string, number>();
    for (const p of pairs) load.set(`${p.programId}:${p.mentorId}`, (load.get(`${p.programId}:${p.mentorId}`) ?? 0) + 1);
    for (const [key, n] of load) {
      const enrolment = enrollments.find((e) => `${e.programId}:${e.userId}` === key);
      expect(n).toBeLessThanOrEqual(enrolment?.capacity ?? 0);
    }
  });

  it("pairs only people enrolled in the pair's program, in the right roles", async () => {
    const enrollments = await db.selectFrom('enrollments').selectAll().execute();
    const programs = await db.selectFrom('programs').selectAll().execute();
    const pairs = await db.selectFrom('pairs').selectAll().execute();
    const roleOf = (programId: string, userId: string) => enrollments.find((e) => e.programId === programId && e.userId === userId);
    const keys = new Set(pairs.map((p) => `${p.programId}:${p.mentorId}:${p.menteeId}`));
    expect(keys.size).toBe(pairs.length);
    for (const p of pairs) {
      const mentor = roleOf(p.programId, p.mentorId);
      const mentee = roleOf(p.programId, p.menteeId);
      expect(mentor?.role).toBe('mentor');
      expect(mentee?.role).toBe('mentee');
      expect(mentor?.status).toBe('active');
      expect(mentee?.status).toBe('active');
      expect((mentee?.createdAt ?? '') < p.startedAt).toBe(true);
      const program = programs.find((g) => g.id === p.programId);
      expect(p.source).toBe(program?.matchingMode === 'self' ? 'request' : 'admin-match');
    }
  });

  it('links every self-matched pair to its accepted request, alongside pending, declined and withdrawn ones', async () => {
    const pairs = await db.selectFrom('pairs').selectAll().execute();
    const requests = await db.selectFrom('mentorshipRequests').selectAll().execute();
    for (const p of pairs.filter((x) => x.source === 'request')) {
      const r = requests.find((x) => x.id === p.requestId);
      expect(r).toMatchObject({ status: 'accepted', pairId: p.id, mentorId: p.mentorId, menteeId: p.menteeId, programId: p.programId });
      expect((r?.createdAt ?? '') < p.startedAt).toBe(true);
    }
    for (const p of pairs.filter((x) => x.source === 'admin-match')) expect(p.requestId).toBeNull();
    expect(count(requests, (r) => r.status === 'accepted')).toBe(count(pairs, (p) => p.source === 'request'));

    const pending = requests.filter((r) => r.status === 'pending');
    expect(pending.length).toBeGreaterThanOrEqual(10);
    expect(pending.length).toBeLessThanOrEqual(20);
    expect(count(pending, (r) => Date.parse(r.createdAt) < now.getTime() - 5 * DAY)).toBeGreaterThanOrEqual(3);
    expect(pending.every((r) => r.respondedAt === null && r.pairId === null)).toBe(true);
    const open = new Map<string, number>();
    for (const r of pending) open.set(r.menteeId, (open.get(r.menteeId) ?? 0) + 1);
    expect(Math.max(...open.values())).toBeLessThanOrEqual(3);

    const declined = requests.filter((r) => r.status === 'declined');
    expect(declined.length).toBeGreaterThanOrEqual(5);
    expect(declined.length).toBeLessThanOrEqual(10);
    expect(declined.every((r) => (r.declineReason ?? '').length > 20 && r.respondedAt !== null)).toBe(true);
    expect(count(requests, (r) => r.status === 'withdrawn')).toBeGreaterThanOrEqual(3);
    expect(count(requests, (r) => r.status === 'withdrawn')).toBeLessThanOrEqual(6);

    // Everyone had enrolled, in the right role, before asking or being asked.
    const enrollments = await db.selectFrom('enrollments').selectAll().execute();
    const enrolment = (programId: string, userId: string) => enrollments.find((e) => e.programId === programId && e.userId === userId);
    for (const r of requests) {
      const mentee = enrolment(r.programId, r.menteeId);
      const mentor = enrolment(r.programId, r.mentorId);
      expect([mentee?.role, mentor?.role]).toEqual(['mentee', 'mentor']);
      expect((mentee?.createdAt ?? '') < r.createdAt && (mentor?.createdAt ?? '') < r.createdAt).toBe(true);
      if (r.status === 'pending') expect(mentor?.availability).toBe('open');
    }
  });

  it('marks a pair agreed only when both members answered with the same frequency and channel', async () => {
    const pairs = await db.selectFrom('pairs').selectAll().execute();
    const agreements = await db.selectFrom('agreements').selectAll().execute();
    let mismatched = 0;
    let oneSided = 0;
    for (const p of pairs) {
      const answers = agreements.filter((a) => a.pairId === p.id);
      const [a, b] = answers;
      const match = answers.length === 2 && a?.meetingFrequency === b?.meetingFrequency && a?.communicationChannel === b?.communicationChannel;
      if (p.agreedAt !== null) {
        expect(match).toBe(true);
        expect(p.agreedCadence).toBe(a?.meetingFrequency);
        expect(p.agreedAt).toBe([a?.submittedAt ?? '', b?.submittedAt ?? ''].sort()[1]);
      } else {
        expect(match).toBe(false);
        expect(p.agreedCadence).toBeNull();
      }
      if (answers.length === 2 && !match) mismatched++;
      if (answers.length === 1) oneSided++;
      for (const answer of answers) expect([p.mentorId, p.menteeId]).toContain(answer.userId);
    }
    expect(count(pairs, (p) => p.agreedAt !== null)).toBeGreaterThan(pairs.length / 2);
    expect(mismatched).toBeGreaterThanOrEqual(1);
    expect(oneSided).toBeGreaterThanOrEqual(1);
  });

  it('schedules meetings from each pair’s start, with nothing still to come for paused or finished pairs', async () => {
    const pairs = await db.selectFrom('pairs').selectAll().execute();
    const series = await db.selectFrom('meetingSeries').selectAll().execute();
    const meetings = await db.selectFrom('meetings').selectAll().orderBy('startAt').execute();
    const programs = await db.selectFrom('programs').selectAll().execute();
    const users = await db.selectFrom('users').select(['id', 'timeZone']).execute();
    const nowIsoStr = now.toISOString();
    for (const p of pairs) {
      const s = series.find((x) => x.pairId === p.id);
      expect(s).toMatchObject({ organizerId: p.mentorId, calendarStatus: 'not-connected' });
      expect(s?.timeZone).toBe(users.find((u) => u.id === p.mentorId)?.timeZone);
      expect(s?.frequency).toBe(p.agreedCadence ?? programs.find((g) => g.id === p.programId)?.defaultCadence);
      expect(s?.startLocal).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      const own = meetings.filter((m) => m.pairId === p.id);
      expect(own.map((m) => m.occurrenceIndex)).toEqual(own.map((_, i) => i));
      if (own[0]) expect(own[0].startAt > p.startedAt).toBe(true);
      for (const m of own) {
        expect(m.originalStartAt).toBe(m.startAt);
        const minutes = (Date.parse(m.endAt) - Date.parse(m.startAt)) / 60_000;
        expect(minutes).toBeGreaterThanOrEqual(30);
        expect(minutes).toBeLessThanOrEqual(60);
        if (m.status === 'scheduled') expect(p.status).toBe('active');
        if (m.startAt > nowIsoStr) expect(m.status).toBe('scheduled');
        if (Date.parse(m.endAt) < now.getTime() - 2 * 3_600_000) expect(m.status).not.toBe('scheduled');
        if (p.endedAt !== null) expect(m.startAt < p.endedAt).toBe(true);
      }
      if (p.status === 'active' && p.startedAt < new Date(now.getTime() - 30 * DAY).toISOString()) {
        expect(own.some((m) => m.startAt > nowIsoStr)).toBe(true);
      }
    }
  });

  it('confirms every held meeting from both members, with mostly good ratings', async () => {
    const held = await db.selectFrom('meetings').select(['id']).where('status', '=', 'held').execute();
    const confirmations = await db.selectFrom('meetingConfirmations').selectAll().execute();
    const feedback = await db.selectFrom('meetingFeedback').selectAll().execute();
    const heldIds = new Set(held.map((m) => m.id));
    for (const m of held) expect(count(confirmations, (c) => c.meetingId === m.id && c.status === 'held')).toBe(2);
    expect(feedback.every((f) => heldIds.has(f.meetingId))).toBe(true);
    expect(count(feedback, (f) => f.rating >= 4) / feedback.length).toBeGreaterThan(0.75);
  });

  it('tells the at-risk stories: a lapsing pair, a pair yet to meet, a low-rated pair and an overdue goal', async () => {
    const pairs = await db.selectFrom('pairs').selectAll().where('status', '=', 'active').execute();
    const meetings = await db.selectFrom('meetings').selectAll().execute();
    const feedback = await db
      .selectFrom('meetingFeedback')
      .innerJoin('meetings', 'meetings.id', 'meetingFeedback.meetingId')
      .select(['meetings.pairId', 'meetingFeedback.rating'])
      .execute();
    const nowMs = now.getTime();

    const lapsing = pairs.filter((p) => {
      const own = meetings.filter((m) => m.pairId === p.id);
      const lastHeld = own.filter((m) => m.status === 'held').map((m) => Date.parse(m.startAt)).sort((a, b) => b - a)[0];
      if (lastHeld === undefined) return false;
      const droppedSince = own.some((m) => Date.parse(m.startAt) > lastHeld && Date.parse(m.endAt) < nowMs && (m.status === 'missed' || m.status === 'cancelled'));
      return lastHeld >= nowMs - 12 * WEEK && lastHeld <= nowMs - 6 * WEEK && droppedSince;
    });
    expect(lapsing.length).toBeGreaterThanOrEqual(1);
    for (const p of lapsing) expect(Date.parse(p.lastActivityAt)).toBeLessThanOrEqual(nowMs - 5 * WEEK);

    const yetToMeet = pairs.filter(
      (p) => Date.parse(p.startedAt) >= nowMs - 14 * DAY && !meetings.some((m) => m.pairId === p.id && m.status === 'held'),
    );
    expect(yetToMeet.length).toBeGreaterThanOrEqual(1);

    const ratingsByPair = new Map<string, number[]>();
    for (const f of feedback) ratingsByPair.set(f.pairId, [...(ratingsByPair.get(f.pairId) ?? []), f.rating]);
    const lowRated = [...ratingsByPair.values()].filter((r) => r.length >= 3 && r.reduce((s, x) => s + x, 0) / r.length <= 2);
    expect(lowRated.length).toBeGreaterThanOrEqual(1);

    const overdue = await db
      .selectFrom('goals')
      .select('id')
      .where('targetDate', '<', today)
      .where('status', 'not in', ['done', 'dropped'])
      .where('deletedAt', 'is', null)
      .execute();
    expect(overdue.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps goals consistent with their steps', async () => {
    const goals = await db.selectFrom('goals').selectAll().execute();
    const steps = await db.selectFrom('goalSteps').selectAll().execute();
    const pairs = await db.selectFrom('pairs').select('id').execute();
    for (const p of pairs) {
      const n = count(goals, (g) => g.pairId === p.id);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
    }
    for (const g of goals) {
      const own = steps.filter((s) => s.goalId === g.id).sort((a, b) => a.position - b.position);
      const done = count(own, (s) => s.doneAt !== null);
      expect(own.length).toBeGreaterThan(0);
      expect(g.progress).toBe(Math.round((100 * done) / own.length));
      expect(g.status === 'done').toBe(done === own.length);
      expect(g.completedAt !== null).toBe(g.status === 'done');
      if (g.status === 'not-started') expect(done).toBe(0);
    }
    const statuses = new Set(goals.map((g) => g.status));
    for (const s of ['not-started', 'in-progress', 'done', 'dropped']) expect(statuses).toContain(s);
  });

  it('closes finished pairs with surveys from their members and leaves system tables empty', async () => {
    const pairs = await db.selectFrom('pairs').selectAll().where('status', 'in', ['completed', 'ended']).execute();
    const surveys = await db.selectFrom('surveys').selectAll().execute();
    for (const p of pairs) {
      const closing = surveys.filter((s) => s.pairId === p.id && s.kind === 'closing');
      expect(closing.some((s) => s.userId === p.menteeId)).toBe(true);
      for (const s of closing) expect(s.createdAt >= (p.endedAt ?? '')).toBe(true);
    }
    expect(count(surveys, (s) => s.kind === 'pulse')).toBeGreaterThan(0);
    const introductions = await db.selectFrom('introductions').select('status').execute();
    for (const s of ['requested', 'made', 'declined']) expect(introductions.map((i) => i.status)).toContain(s);
    for (const table of ['notifications', 'auditLog', 'jobLeases', 'botConversations', 'calendarFeeds'] as const) {
      expect(await db.selectFrom(table).selectAll().execute()).toEqual([]);
    }
  });

  it('writes ids as UUIDs, instants as ISO-8601 UTC and dates as YYYY-MM-DD, none in the future unless planned', async () => {
    const nowIsoStr = now.toISOString();
    const checks: [keyof Database, string[], string[]][] = [
      ['users', ['id', 'managerId'], ['createdAt', 'updatedAt', 'lastSeenAt', 'directorySyncedAt']],
      ['pairs', ['id', 'requestId'], ['startedAt', 'pausedAt', 'endedAt', 'agreedAt', 'lastActivityAt', 'createdAt', 'updatedAt']],
      ['mentorshipRequests', ['id', 'pairId'], ['createdAt', 'updatedAt', 'respondedAt']],
      ['goals', ['id'], ['createdAt', 'updatedAt', 'completedAt']],
      ['goalUpdates', ['id'], ['createdAt']],
      ['meetings', ['id', 'seriesId'], ['createdAt', 'updatedAt']],
      ['meetingConfirmations', [], ['confirmedAt']],
      ['meetingFeedback', [], ['createdAt']],
      ['actionItems', ['id', 'meetingId'], ['createdAt', 'updatedAt', 'doneAt']],
      ['introductions', ['id'], ['createdAt', 'respondedAt']],
      ['surveys', ['id'], ['createdAt']],
      ['enrollments', ['id'], ['createdAt', 'updatedAt']],
    ];
    for (const [table, idColumns, pastInstants] of checks) {
      const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
      for (const row of rows) {
        for (const c of idColumns) if (row[c] !== null) expect(row[c]).toMatch(UUID);
        for (const c of pastInstants) {
          if (row[c] === null) continue;
          expect(row[c]).toMatch(INSTANT);
          expect((row[c] as string) <= nowIsoStr).toBe(true);
        }
      }
    }
    const meetings = await db.selectFrom('meetings').select(['startAt', 'endAt']).execute();
    for (const m of meetings) expect(m.startAt).toMatch(INSTANT);
    const goals = await db.selectFrom('goals').select('targetDate').execute();
    for (const g of goals) expect(g.targetDate).toMatch(DATE);
    const items = await db.selectFrom('actionItems').select('dueOn').execute();
    for (const i of items) expect(i.dueOn).toMatch(DATE);
  });
});
