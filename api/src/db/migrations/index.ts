import type { Migration } from 'kysely';
import * as initialSchema from './2026-11-25-001-initial-schema';
import * as meetingTopics from './2026-11-26-001-meeting-topics';
import * as outlookSync from './2026-11-27-001-outlook-sync';
import * as teamsAttendance from './2026-11-27-002-teams-attendance';
import * as analyticsIndexes from './2026-11-28-001-analytics-indexes';
import * as matchRuns from './2026-11-28-002-match-runs';
import * as nudges from './2026-11-29-001-nudges';
import * as directory from './2026-11-30-001-directory';

/**
 * Every migration, by dated name. Listed explicitly (not read from the folder) so the
 * compiled server and the TypeScript sources see the same set.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-25-001-initial-schema': initialSchema,
  '2026-11-26-001-meeting-topics': meetingTopics,
  '2026-11-27-001-outlook-sync': outlookSync,
  '2026-11-27-002-teams-attendance': teamsAttendance,
  '2026-11-28-001-analytics-indexes': analyticsIndexes,
  '2026-11-28-002-match-runs': matchRuns,
  '2026-11-29-001-nudges': nudges,
  '2026-11-30-001-directory': directory,
};
