import { sql } from 'kysely';
import { migrateToLatest } from '../../api/src/db/migrate';
import { migrations } from '../../api/src/db/migrations';
import { createTestDb, type TestDb } from '../support/db';

const DOMAIN_TABLES = [
  'users', 'programs', 'taxonomy_terms', 'enrollments', 'enrollment_terms', 'mentorship_requests', 'pairs', 'agreements',
  'goals', 'goal_steps', 'goal_updates', 'introductions', 'meeting_series', 'meetings', 'meeting_confirmations',
  'meeting_feedback', 'private_notes', 'action_items', 'surveys', 'notifications', 'notification_preferences',
  'bot_conversations', 'calendar_feeds', 'job_leases', 'audit_log',
];

describe('database migrations', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ migrate: false });
  });
  afterAll(() => t.close());

  it('the first run applies every migration and creates the whole domain schema', async () => {
    const { applied } = await migrateToLatest(t.db.kysely);
    expect(applied).toEqual(Object.keys(migrations));
    const tables = (await t.db.kysely.introspection.getTables()).map((table) => table.name);
    expect(tables).toEqual(expect.arrayContaining(DOMAIN_TABLES));
  });

  it('running them again changes nothing', async () => {
    const before = await t.db.kysely.introspection.getTables();
    const { applied } = await migrateToLatest(t.db.kysely);
    expect(applied).toEqual([]);
    expect(await t.db.kysely.introspection.getTables()).toEqual(before);
  });

  it('migration names are dated and in order', () => {
    const names = Object.keys(migrations);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}-\d{3}-[a-z0-9-]+$/);
    expect([...names].sort()).toEqual(names);
  });

  describe('constraints protect the data', () => {
    let c: TestDb;
    const now = '2026-11-25T10:00:00.000Z';
    const user = (id: string, email: string) => ({
      id, tenant_id: 't', entra_object_id: id, email, display_name: email, account_enabled: 1, created_at: now, updated_at: now,
    });
    const program = {
      id: 'p1', name: 'P', description: 'd', kind: 'leadership', starts_on: '2026-01-01', ends_on: '2026-12-31',
      enrollment_opens_on: '2026-01-01', enrollment_closes_on: '2026-02-01', default_cadence: 'monthly', matching_mode: 'self',
      max_open_requests_per_mentee: 3, created_at: now, updated_at: now,
    };
    const pair = (id: string, status = 'active') => ({
      id, program_id: 'p1', mentor_id: 'u1', mentee_id: 'u2', status, source: 'request', started_at: now, last_activity_at: now, created_at: now, updated_at: now,
    });
    const insert = (table: string, row: Record<string, unknown>) =>
      sql`insert into ${sql.table(table)} (${sql.join(Object.keys(row).map((k) => sql.ref(k)))}) values (${sql.join(Object.values(row))})`.execute(c.db.kysely);

    // better-sqlite3's native side keeps the error class of the first test file that loaded
    // it, so in a shared jest worker errors may come from another realm: compare messages.
    const failureOf = (attempt: Promise<unknown>) => attempt.then(() => 'no error', (e: { message?: string }) => String(e?.message ?? e));

    afterAll(() => c.close());
    beforeAll(async () => {
      c = await createTestDb();
      await insert('users', user('u1', 'a@x.com'));
      await insert('users', user('u2', 'b@x.com'));
      await insert('programs', program);
      await insert('pairs', pair('pair1'));
    });

    it('one pair per mentor and mentee in a program', async () => {
      expect(await failureOf(insert('pairs', pair('pair2')))).toMatch(/UNIQUE|duplicate/i);
    });
    it('enumerations are checked', async () => {
      expect(await failureOf(insert('programs', { ...program, id: 'p2', kind: 'hobby' }))).toMatch(/CHECK/i);
    });
    it('ratings stay between 1 and 5', async () => {
      await insert('meeting_series', {
        id: 's1', pair_id: 'pair1', organizer_id: 'u1', time_zone: 'Europe/London', start_local: '2026-11-26T10:00:00', duration_minutes: 30,
        frequency: 'weekly', calendar_status: 'not-connected', created_at: now, updated_at: now,
      });
      await insert('meetings', {
        id: 'm1', series_id: 's1', pair_id: 'pair1', occurrence_index: 0, start_at: now, end_at: '2026-11-25T10:30:00.000Z', original_start_at: now,
        status: 'held', created_at: now, updated_at: now,
      });
      expect(await failureOf(insert('meeting_feedback', { meeting_id: 'm1', user_id: 'u2', rating: 6, created_at: now }))).toMatch(/CHECK/i);
    });
    it('references must exist', async () => {
      expect(await failureOf(insert('goals', { id: 'g1', pair_id: 'nope', title: 't', skill: 's', mentor_role: 'r', status: 'in-progress', created_by: 'u1', created_at: now, updated_at: now }))).toMatch(/FOREIGN KEY|REFERENCE/i);
    });
  });
});
