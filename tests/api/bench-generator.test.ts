import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createMigratedSqlite, DEFAULT_PAIR_STATUS_MIX, generateOrganisation, type GenerationReport } from '../../bench/org-generator';

/** The analytics benchmark's synthetic organisation must look like data the app itself could have written. */

const NOW = '2026-11-25T12:00:00.000Z';
const dirs: string[] = [];

async function generate(employees: number, seed: number): Promise<{ db: SQLite.Database; report: GenerationReport }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-test-'));
  dirs.push(dir);
  const file = path.join(dir, 'org.sqlite');
  await createMigratedSqlite(file);
  const report = generateOrganisation(file, { employees, seed, now: NOW });
  return { db: new SQLite(file, { readonly: true }), report };
}

function count(db: SQLite.Database, query: string, ...params: unknown[]): number {
  const row = db.prepare(query).get(...params) as { n: number };
  return Number(row.n);
}

let org: { db: SQLite.Database; report: GenerationReport };

beforeAll(async () => {
  org = await generate(2000, 1);
});

afterAll(() => {
  org?.db.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('a small organisation has the configured shape: people, departments with managers, 8 programs, ≈0.4 pairs per person', () => {
  const { db, report } = org;
  expect(count(db, 'select count(*) as n from users')).toBe(2000);
  expect(count(db, 'select count(distinct department) as n from users where department is not null')).toBe(40);
  expect(count(db, 'select count(*) as n from users where manager_id is null')).toBe(1);
  expect(count(db, 'select count(*) as n from programs')).toBe(8);
  expect(count(db, 'select count(*) as n from pairs')).toBe(800);
  expect(report.rows.pairs).toBe(800);
  expect(report.largestProgram.pairs).toBe(Math.max(...report.programs.map((p) => p.pairs)));
  const meetings = count(db, 'select count(*) as n from meetings');
  expect(meetings / 800).toBeGreaterThan(30);
  expect(meetings / 800).toBeLessThan(70);
  for (const table of ['goals', 'meeting_feedback', 'meeting_confirmations', 'surveys', 'introductions', 'action_items', 'agreements', 'mentorship_requests']) {
    expect(count(db, `select count(*) as n from ${table}`)).toBeGreaterThan(0);
  }
});

test('every reference resolves: foreign keys hold and every meeting belongs to an existing pair through its own series', () => {
  const { db } = org;
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(count(db, 'select count(*) as n from meetings m left join pairs p on p.id = m.pair_id where p.id is null')).toBe(0);
  expect(count(db, 'select count(*) as n from meetings m join meeting_series s on s.id = m.series_id where s.pair_id <> m.pair_id')).toBe(0);
  // Only the pair's own members confirm, rate or answer surveys.
  for (const table of ['meeting_confirmations', 'meeting_feedback']) {
    expect(
      count(db, `select count(*) as n from ${table} x join meetings m on m.id = x.meeting_id join pairs p on p.id = m.pair_id where x.user_id not in (p.mentor_id, p.mentee_id)`),
    ).toBe(0);
  }
  expect(count(db, 'select count(*) as n from surveys s join pairs p on p.id = s.pair_id where s.user_id not in (p.mentor_id, p.mentee_id)')).toBe(0);
});

test('meeting statuses agree with time and with confirmations, as the app settles them', () => {
  const { db } = org;
  expect(count(db, "select count(*) as n from meetings where end_at > ? and status <> 'scheduled'", NOW)).toBe(0);
  expect(count(db, 'select count(*) as n from meetings where start_at >= end_at')).toBe(0);
  const held = "select count(*) as n from meetings m where m.status = 'held' and m.teams_attendance_at is null and not exists (select 1 from meeting_confirmations c where c.meeting_id = m.id and c.status = 'held')";
  expect(count(db, held)).toBe(0);
  const missed = "select count(*) as n from meetings m where m.status = 'missed' and (m.teams_attendance_at is not null or not exists (select 1 from meeting_confirmations c where c.meeting_id = m.id) or exists (select 1 from meeting_confirmations c where c.meeting_id = m.id and c.status = 'held'))";
  expect(count(db, missed)).toBe(0);
  expect(count(db, "select count(*) as n from meeting_confirmations c join meetings m on m.id = c.meeting_id where m.status in ('scheduled', 'cancelled')")).toBe(0);
  expect(count(db, "select count(*) as n from meeting_feedback f join meetings m on m.id = f.meeting_id where m.status <> 'held'")).toBe(0);
  expect(count(db, 'select count(*) as n from meeting_confirmations where confirmed_at > ?', NOW)).toBe(0);
  // Closed pairs meet nothing after their end; paused pairs hold nothing after the pause.
  expect(count(db, "select count(*) as n from meetings m join pairs p on p.id = m.pair_id where p.status in ('completed', 'ended') and m.start_at >= p.ended_at")).toBe(0);
  expect(count(db, "select count(*) as n from meetings m join pairs p on p.id = m.pair_id where p.status = 'paused' and m.start_at >= p.paused_at and m.status = 'held'")).toBe(0);
  expect(count(db, "select count(*) as n from meetings m join pairs p on p.id = m.pair_id where m.start_at < p.started_at")).toBe(0);
  // A realistic mix: mostly held, some missed, cancelled and still-unconfirmed, and upcoming ones.
  const share = (status: string, past: boolean) =>
    count(db, `select count(*) as n from meetings where status = ? and end_at ${past ? '<=' : '>'} ?`, status, NOW) / count(db, `select count(*) as n from meetings where end_at ${past ? '<=' : '>'} ?`, NOW);
  expect(share('held', true)).toBeGreaterThan(0.7);
  expect(share('held', true)).toBeLessThan(0.9);
  for (const status of ['missed', 'cancelled', 'scheduled']) expect(share(status, true)).toBeGreaterThan(0.02);
  expect(count(db, "select count(*) as n from meetings where start_at > ?", NOW)).toBeGreaterThan(0);
});

test('pair counts by status follow the configured mix, with dates that fit each status', () => {
  const { db } = org;
  const rows = db.prepare('select status, count(*) as n from pairs group by status').all() as { status: keyof typeof DEFAULT_PAIR_STATUS_MIX; n: number }[];
  for (const { status, n } of rows) expect(Math.abs(n - DEFAULT_PAIR_STATUS_MIX[status] * 800)).toBeLessThanOrEqual(8);
  expect(rows.map((r) => r.status).sort()).toEqual(['active', 'completed', 'ended', 'paused']);
  expect(count(db, 'select count(*) as n from pairs where started_at >= ?', NOW)).toBe(0);
  expect(count(db, "select count(*) as n from pairs where (status in ('completed', 'ended')) <> (ended_at is not null)")).toBe(0);
  expect(count(db, "select count(*) as n from pairs where (status = 'paused') <> (paused_at is not null)")).toBe(0);
  expect(count(db, 'select count(*) as n from pairs where ended_at >= ? or paused_at >= ? or ended_at <= started_at', NOW, NOW)).toBe(0);
  // Cadences are mixed, and an agreement is only "agreed" when both answers match it.
  expect(count(db, 'select count(distinct coalesce(p.agreed_cadence, g.default_cadence)) as n from pairs p join programs g on g.id = p.program_id')).toBe(3);
  expect(
    count(db, 'select count(*) as n from pairs p where p.agreed_at is not null and (select count(*) from agreements a where a.pair_id = p.id and a.meeting_frequency = p.agreed_cadence) <> 2'),
  ).toBe(0);
  expect(count(db, 'select count(*) as n from pairs where agreed_at is null')).toBeGreaterThan(0);
});

test('members are enrolled in the pair’s program, in their role, before the pair started', () => {
  const { db } = org;
  const notEnrolled = (column: string, role: string) =>
    count(db, `select count(*) as n from pairs p where not exists (select 1 from enrollments e where e.program_id = p.program_id and e.user_id = p.${column} and e.role = ? and e.created_at <= p.started_at)`, role);
  expect(notEnrolled('mentee_id', 'mentee')).toBe(0);
  expect(notEnrolled('mentor_id', 'mentor')).toBe(0);
  expect(count(db, "select count(*) as n from enrollments e where e.role = 'mentee' and not exists (select 1 from pairs p where p.mentee_id = e.user_id and p.program_id = e.program_id)")).toBeGreaterThan(0);
  expect(count(db, "select count(*) as n from mentorship_requests where status = 'pending'")).toBeGreaterThan(0);
});

test('the same seed gives the same organisation; another seed a different one', async () => {
  const digest = (db: SQLite.Database) => JSON.stringify(db.prepare('select id, pair_id, start_at, status from meetings order by id limit 2000').all());
  const again = await generate(2000, 1);
  const other = await generate(2000, 2);
  try {
    expect(digest(again.db)).toBe(digest(org.db));
    expect(again.report.rows).toEqual(org.report.rows);
    expect(digest(other.db)).not.toBe(digest(org.db));
  } finally {
    again.db.close();
    other.db.close();
  }
});
