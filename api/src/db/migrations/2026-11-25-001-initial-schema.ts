import { sql, type Kysely } from 'kysely';
import { columnTypes, oneOf } from './lib';

const CADENCES = ['weekly', 'biweekly', 'monthly'];
const CHANNELS = ['teams-chat', 'email', 'call', 'in-person'];

/** The whole mentorship domain, so later features add behaviour rather than churn the schema. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('users')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('tenant_id', t.id, (c) => c.notNull())
    .addColumn('entra_object_id', t.id, (c) => c.notNull())
    .addColumn('email', t.str(320), (c) => c.notNull())
    .addColumn('display_name', t.str(200), (c) => c.notNull())
    .addColumn('department', t.str(200))
    .addColumn('job_title', t.str(200))
    .addColumn('office_location', t.str(200))
    .addColumn('manager_id', t.id, (c) => c.references('users.id'))
    .addColumn('time_zone', t.str(64))
    .addColumn('account_enabled', t.int, (c) => c.notNull().defaultTo(1).check(sql`account_enabled in (0, 1)`))
    .addColumn('last_seen_at', t.instant)
    .addColumn('directory_synced_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('users_tenant_object_uq', ['tenant_id', 'entra_object_id'])
    .execute();
  await db.schema.createIndex('users_email_ix').on('users').column('email').execute();
  await db.schema.createIndex('users_manager_ix').on('users').column('manager_id').execute();
  await db.schema.createIndex('users_department_ix').on('users').column('department').execute();

  await db.schema
    .createTable('programs')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', t.str(120), (c) => c.notNull())
    .addColumn('description', t.text, (c) => c.notNull())
    .addColumn('kind', t.str(20), (c) => c.notNull().check(oneOf('kind', ['onboarding', 'leadership', 'erg', 'career-growth', 'other'])))
    .addColumn('starts_on', t.date, (c) => c.notNull())
    .addColumn('ends_on', t.date, (c) => c.notNull())
    .addColumn('enrollment_opens_on', t.date, (c) => c.notNull())
    .addColumn('enrollment_closes_on', t.date, (c) => c.notNull())
    .addColumn('default_cadence', t.str(10), (c) => c.notNull().check(oneOf('default_cadence', CADENCES)))
    .addColumn('matching_mode', t.str(10), (c) => c.notNull().check(oneOf('matching_mode', ['self', 'admin'])))
    .addColumn('max_open_requests_per_mentee', t.int, (c) => c.notNull().defaultTo(3))
    .addColumn('archived_at', t.instant)
    .addColumn('created_by', t.id, (c) => c.references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('programs_dates_ck', sqlCheck('starts_on <= ends_on and enrollment_opens_on <= enrollment_closes_on'))
    .addCheckConstraint('programs_max_requests_ck', sqlCheck('max_open_requests_per_mentee between 1 and 20'))
    .execute();

  await db.schema
    .createTable('taxonomy_terms')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('kind', t.str(10), (c) => c.notNull().check(oneOf('kind', ['skill', 'value'])))
    .addColumn('label', t.str(80), (c) => c.notNull())
    .addColumn('normalized', t.str(80), (c) => c.notNull())
    .addColumn('seeded', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', t.id, (c) => c.references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('taxonomy_terms_kind_normalized_uq', ['kind', 'normalized'])
    .execute();

  await db.schema
    .createTable('enrollments')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('program_id', t.id, (c) => c.notNull().references('programs.id'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('role', t.str(10), (c) => c.notNull().check(oneOf('role', ['mentor', 'mentee'])))
    .addColumn('status', t.str(10), (c) => c.notNull().check(oneOf('status', ['active', 'withdrawn'])))
    .addColumn('goals', t.text)
    .addColumn('years_experience', t.int)
    .addColumn('capacity', t.int, (c) => c.notNull().defaultTo(2))
    .addColumn('time_zone', t.str(64))
    .addColumn('preferred_frequency', t.str(10), (c) => c.check(oneOf('preferred_frequency', CADENCES)))
    .addColumn('preferred_channel', t.str(12), (c) => c.check(oneOf('preferred_channel', CHANNELS)))
    .addColumn('availability', t.str(10), (c) => c.notNull().defaultTo('open').check(oneOf('availability', ['open', 'paused'])))
    .addColumn('paused_until', t.date)
    .addColumn('workday_start', t.str(5), (c) => c.notNull().defaultTo('09:00'))
    .addColumn('workday_end', t.str(5), (c) => c.notNull().defaultTo('17:00'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('enrollments_program_user_uq', ['program_id', 'user_id'])
    .addCheckConstraint('enrollments_capacity_ck', sqlCheck('capacity between 0 and 10'))
    .addCheckConstraint('enrollments_experience_ck', sqlCheck('years_experience is null or years_experience between 0 and 70'))
    .execute();
  await db.schema.createIndex('enrollments_user_ix').on('enrollments').column('user_id').execute();
  await db.schema.createIndex('enrollments_program_role_ix').on('enrollments').columns(['program_id', 'role', 'status']).execute();

  await db.schema
    .createTable('enrollment_terms')
    .addColumn('enrollment_id', t.id, (c) => c.notNull().references('enrollments.id'))
    .addColumn('term_id', t.id, (c) => c.notNull().references('taxonomy_terms.id'))
    .addColumn('relation', t.str(10), (c) => c.notNull().check(oneOf('relation', ['offered', 'wanted', 'value'])))
    .addPrimaryKeyConstraint('enrollment_terms_pk', ['enrollment_id', 'relation', 'term_id'])
    .execute();

  await db.schema
    .createTable('pairs')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('program_id', t.id, (c) => c.notNull().references('programs.id'))
    .addColumn('mentor_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('mentee_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('status', t.str(10), (c) => c.notNull().check(oneOf('status', ['active', 'paused', 'completed', 'ended'])))
    .addColumn('source', t.str(12), (c) => c.notNull().check(oneOf('source', ['request', 'admin-match', 'import'])))
    .addColumn('request_id', t.id)
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('paused_at', t.instant)
    .addColumn('ended_at', t.instant)
    .addColumn('end_reason', t.str(24), (c) =>
      c.check(oneOf('end_reason', ['mismatched-expectations', 'lack-of-time', 'communication', 'goals-met', 'other'])),
    )
    .addColumn('agreed_at', t.instant)
    .addColumn('agreed_cadence', t.str(10), (c) => c.check(oneOf('agreed_cadence', CADENCES)))
    .addColumn('last_activity_at', t.instant, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('pairs_program_mentor_mentee_uq', ['program_id', 'mentor_id', 'mentee_id'])
    .addCheckConstraint('pairs_distinct_people_ck', sqlCheck('mentor_id <> mentee_id'))
    .execute();
  await db.schema.createIndex('pairs_program_status_ix').on('pairs').columns(['program_id', 'status']).execute();
  await db.schema.createIndex('pairs_mentor_ix').on('pairs').columns(['mentor_id', 'status']).execute();
  await db.schema.createIndex('pairs_mentee_ix').on('pairs').columns(['mentee_id', 'status']).execute();

  await db.schema
    .createTable('mentorship_requests')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('program_id', t.id, (c) => c.notNull().references('programs.id'))
    .addColumn('mentee_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('mentor_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('message', t.text, (c) => c.notNull())
    .addColumn('status', t.str(10), (c) => c.notNull().check(oneOf('status', ['pending', 'accepted', 'declined', 'withdrawn', 'closed'])))
    .addColumn('decline_reason', t.text)
    .addColumn('responded_at', t.instant)
    .addColumn('pair_id', t.id, (c) => c.references('pairs.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('requests_distinct_people_ck', sqlCheck('mentor_id <> mentee_id'))
    .execute();
  await db.schema.createIndex('requests_mentor_status_ix').on('mentorship_requests').columns(['mentor_id', 'status']).execute();
  await db.schema.createIndex('requests_mentee_status_ix').on('mentorship_requests').columns(['mentee_id', 'program_id', 'status']).execute();
  await db.schema.createIndex('requests_program_status_ix').on('mentorship_requests').columns(['program_id', 'status', 'created_at']).execute();

  await db.schema
    .createTable('agreements')
    .addColumn('pair_id', t.id, (c) => c.notNull().references('pairs.id'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('meeting_frequency', t.str(10), (c) => c.notNull().check(oneOf('meeting_frequency', CADENCES)))
    .addColumn('communication_channel', t.str(12), (c) => c.notNull().check(oneOf('communication_channel', CHANNELS)))
    .addColumn('goals', t.text, (c) => c.notNull())
    .addColumn('feedback_style', t.text, (c) => c.notNull())
    .addColumn('boundaries', t.text, (c) => c.notNull())
    .addColumn('submitted_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('agreements_pk', ['pair_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('goals')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('pair_id', t.id, (c) => c.notNull().references('pairs.id'))
    .addColumn('title', t.str(200), (c) => c.notNull())
    .addColumn('skill', t.str(80), (c) => c.notNull())
    .addColumn('mentor_role', t.text, (c) => c.notNull())
    .addColumn('target_date', t.date)
    .addColumn('status', t.str(12), (c) => c.notNull().check(oneOf('status', ['not-started', 'in-progress', 'done', 'dropped'])))
    .addColumn('progress', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('progress_manual', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('template_key', t.str(40))
    .addColumn('completed_at', t.instant)
    .addColumn('deleted_at', t.instant)
    .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('goals_progress_ck', sqlCheck('progress between 0 and 100'))
    .execute();
  await db.schema.createIndex('goals_pair_ix').on('goals').columns(['pair_id', 'status']).execute();

  await db.schema
    .createTable('goal_steps')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('goal_id', t.id, (c) => c.notNull().references('goals.id'))
    .addColumn('position', t.int, (c) => c.notNull())
    .addColumn('text', t.str(300), (c) => c.notNull())
    .addColumn('done_at', t.instant)
    .addUniqueConstraint('goal_steps_goal_position_uq', ['goal_id', 'position'])
    .execute();

  await db.schema
    .createTable('goal_updates')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('goal_id', t.id, (c) => c.notNull().references('goals.id'))
    .addColumn('author_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('kind', t.str(10), (c) => c.notNull().check(oneOf('kind', ['progress', 'milestone'])))
    .addColumn('note', t.text, (c) => c.notNull())
    .addColumn('progress', t.int)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('goal_updates_goal_ix').on('goal_updates').columns(['goal_id', 'created_at']).execute();

  await db.schema
    .createTable('introductions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('pair_id', t.id, (c) => c.notNull().references('pairs.id'))
    .addColumn('requested_by', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('contact_name', t.str(200), (c) => c.notNull())
    .addColumn('contact_role', t.str(200))
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('status', t.str(10), (c) => c.notNull().check(oneOf('status', ['requested', 'made', 'declined'])))
    .addColumn('note', t.text)
    .addColumn('responded_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('introductions_pair_ix').on('introductions').columns(['pair_id', 'status']).execute();

  await db.schema
    .createTable('meeting_series')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('pair_id', t.id, (c) => c.notNull().references('pairs.id'))
    .addColumn('organizer_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('time_zone', t.str(64), (c) => c.notNull())
    .addColumn('start_local', t.str(19), (c) => c.notNull())
    .addColumn('duration_minutes', t.int, (c) => c.notNull())
    .addColumn('frequency', t.str(10), (c) => c.notNull().check(oneOf('frequency', ['once', ...CADENCES])))
    .addColumn('occurrence_count', t.int)
    .addColumn('until_date', t.date)
    .addColumn('agenda', t.text)
    .addColumn('calendar_status', t.str(14), (c) =>
      c.notNull().check(oneOf('calendar_status', ['not-connected', 'pending', 'synced', 'failed'])),
    )
    .addColumn('external_event_id', t.str(400))
    .addColumn('join_url', t.str(2000))
    .addColumn('sync_attempts', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('next_sync_at', t.instant)
    .addColumn('last_sync_error', t.text)
    .addColumn('ical_sequence', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('cancelled_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('meeting_series_duration_ck', sqlCheck('duration_minutes between 5 and 480'))
    .execute();
  await db.schema.createIndex('meeting_series_pair_ix').on('meeting_series').column('pair_id').execute();
  await db.schema.createIndex('meeting_series_sync_ix').on('meeting_series').columns(['calendar_status', 'next_sync_at']).execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('series_id', t.id, (c) => c.notNull().references('meeting_series.id'))
    .addColumn('pair_id', t.id, (c) => c.notNull().references('pairs.id'))
    .addColumn('occurrence_index', t.int, (c) => c.notNull())
    .addColumn('start_at', t.instant, (c) => c.notNull())
    .addColumn('end_at', t.instant, (c) => c.notNull())
    .addColumn('original_start_at', t.instant, (c) => c.notNull())
    .addColumn('status', t.str(10), (c) => c.notNull().check(oneOf('status', ['scheduled', 'held', 'missed', 'cancelled'])))
    .addColumn('agenda', t.text)
    .addColumn('shared_notes', t.text)
    .addColumn('external_event_id', t.str(400))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('meetings_series_occurrence_uq', ['series_id', 'occurrence_index'])
    .addCheckConstraint('meetings_times_ck', sqlCheck('start_at < end_at'))
    .execute();
  await db.schema.createIndex('meetings_pair_start_ix').on('meetings').columns(['pair_id', 'start_at']).execute();
  await db.schema.createIndex('meetings_status_start_ix').on('meetings').columns(['status', 'start_at']).execute();

  await db.schema
    .createTable('meeting_confirmations')
    .addColumn('meeting_id', t.id, (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('status', t.str(10), (c) => c.notNull().check(oneOf('status', ['held', 'missed'])))
    .addColumn('confirmed_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_confirmations_pk', ['meeting_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('meeting_feedback')
    .addColumn('meeting_id', t.id, (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('rating', t.int, (c) => c.notNull())
    .addColumn('comment', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_feedback_pk', ['meeting_id', 'user_id'])
    .addCheckConstraint('meeting_feedback_rating_ck', sqlCheck('rating between 1 and 5'))
    .execute();

  await db.schema
    .createTable('private_notes')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('meeting_id', t.id, (c) => c.notNull().references('meetings.id'))
    .addColumn('author_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('body', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('private_notes_meeting_author_uq', ['meeting_id', 'author_id'])
    .execute();

  await db.schema
    .createTable('action_items')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('pair_id', t.id, (c) => c.notNull().references('pairs.id'))
    .addColumn('meeting_id', t.id, (c) => c.references('meetings.id'))
    .addColumn('text', t.str(500), (c) => c.notNull())
    .addColumn('owner_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('due_on', t.date)
    .addColumn('done_at', t.instant)
    .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_items_pair_ix').on('action_items').columns(['pair_id', 'done_at']).execute();
  await db.schema.createIndex('action_items_owner_due_ix').on('action_items').columns(['owner_id', 'due_on']).execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('pair_id', t.id, (c) => c.notNull().references('pairs.id'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('kind', t.str(10), (c) => c.notNull().check(oneOf('kind', ['closing', 'pulse'])))
    .addColumn('satisfaction', t.int, (c) => c.notNull())
    .addColumn('recommend', t.int)
    .addColumn('skills_gained', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('new_contacts', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('promotion', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('confidence', t.int)
    .addColumn('comment', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('surveys_satisfaction_ck', sqlCheck('satisfaction between 1 and 5'))
    .addCheckConstraint('surveys_recommend_ck', sqlCheck('recommend is null or recommend between 0 and 10'))
    .addCheckConstraint('surveys_confidence_ck', sqlCheck('confidence is null or confidence between 1 and 5'))
    .execute();
  await db.schema.createIndex('surveys_pair_ix').on('surveys').columns(['pair_id', 'kind']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('kind', t.str(40), (c) => c.notNull())
    .addColumn('dedupe_key', t.str(300), (c) => c.notNull())
    .addColumn('payload', t.text, (c) => c.notNull())
    .addColumn('deliver_after', t.instant, (c) => c.notNull())
    .addColumn('delivered_at', t.instant)
    .addColumn('channel', t.str(10), (c) => c.notNull().check(oneOf('channel', ['feed', 'bot', 'activity'])))
    .addColumn('read_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('notifications_dedupe_uq', ['dedupe_key'])
    .execute();
  await db.schema.createIndex('notifications_user_ix').on('notifications').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('notifications_pending_ix').on('notifications').columns(['delivered_at', 'deliver_after']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('kind', t.str(40), (c) => c.notNull())
    .addColumn('enabled', t.int, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();

  await db.schema
    .createTable('bot_conversations')
    .addColumn('user_id', t.id, (c) => c.primaryKey().references('users.id'))
    .addColumn('reference', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('token', t.str(64), (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('revoked_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_feeds_user_ix').on('calendar_feeds').column('user_id').execute();

  await db.schema
    .createTable('job_leases')
    .addColumn('name', t.str(80), (c) => c.primaryKey())
    .addColumn('holder', t.str(80), (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('actor_id', t.id, (c) => c.references('users.id'))
    .addColumn('action', t.str(80), (c) => c.notNull())
    .addColumn('subject_type', t.str(40))
    .addColumn('subject_id', t.id)
    .addColumn('detail', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_created_ix').on('audit_log').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    'audit_log', 'job_leases', 'calendar_feeds', 'bot_conversations', 'notification_preferences', 'notifications',
    'surveys', 'action_items', 'private_notes', 'meeting_feedback', 'meeting_confirmations', 'meetings',
    'meeting_series', 'introductions', 'goal_updates', 'goal_steps', 'goals', 'agreements', 'mentorship_requests',
    'pairs', 'enrollment_terms', 'enrollments', 'taxonomy_terms', 'programs', 'users',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}

function sqlCheck(expression: string) {
  // Raw text is safe here: every check is a literal written in this file.
  return sql.raw(expression);
}
