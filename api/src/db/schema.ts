import type { Generated } from 'kysely';

/**
 * Typed table interfaces for Kysely. The database uses snake_case; Kysely's
 * CamelCasePlugin maps it to these camelCase names.
 *
 * Portable conventions (the same rows on SQLite and SQL Server):
 * - ids are app-generated UUIDv7 strings, so inserts never need RETURNING/OUTPUT
 *   and clustered indexes on SQL Server stay append-mostly;
 * - instants are ISO-8601 UTC strings with milliseconds and `Z` (24 chars), which
 *   sort chronologically as text; calendar dates are `YYYY-MM-DD`;
 * - flags are integers 0/1 (SQL Server `bit` would come back as boolean, SQLite as number).
 */

export type Flag = 0 | 1;
export type Cadence = 'weekly' | 'biweekly' | 'monthly';
export type ProgramKind = 'onboarding' | 'leadership' | 'erg' | 'career-growth' | 'other';
export type MatchingMode = 'self' | 'admin';
export type EnrollmentRole = 'mentor' | 'mentee';
export type CommunicationChannel = 'teams-chat' | 'email' | 'call' | 'in-person';
export type PairStatus = 'active' | 'paused' | 'completed' | 'ended';
export type EndReason = 'mismatched-expectations' | 'lack-of-time' | 'communication' | 'goals-met' | 'other';
export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'closed';
export type GoalStatus = 'not-started' | 'in-progress' | 'done' | 'dropped';
export type MeetingStatus = 'scheduled' | 'held' | 'missed' | 'cancelled';
export type CalendarStatus = 'not-connected' | 'pending' | 'synced' | 'failed';
/** Why a series is pending or failed in Outlook; null when nothing is wrong. */
export type CalendarProblem = 'consent-required' | 'awaiting-organizer' | 'throttled' | 'unreachable' | 'rejected' | 'missing-in-outlook';
export type SeriesFrequency = 'once' | 'weekly' | 'biweekly' | 'monthly';

export interface UsersTable {
  id: string;
  tenantId: string;
  entraObjectId: string;
  email: string;
  displayName: string;
  department: string | null;
  jobTitle: string | null;
  officeLocation: string | null;
  managerId: string | null;
  timeZone: string | null;
  accountEnabled: Flag;
  lastSeenAt: string | null;
  directorySyncedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** ISO 3166 country from Entra ID */
  usageLocation: string | null;
  /** deleted in Entra ID; the row and everything the person wrote stay */
  directoryDeletedAt: string | null;
  /** where the directory fields came from; null = only ever signed in */
  directorySource: 'entra' | 'csv' | null;
}

export interface ProgramsTable {
  id: string;
  name: string;
  description: string;
  kind: ProgramKind;
  startsOn: string;
  endsOn: string;
  enrollmentOpensOn: string;
  enrollmentClosesOn: string;
  defaultCadence: Cadence;
  matchingMode: MatchingMode;
  maxOpenRequestsPerMentee: number;
  archivedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TaxonomyTermsTable {
  id: string;
  kind: 'skill' | 'value';
  label: string;
  /** lower-cased, whitespace-collapsed label: the uniqueness key */
  normalized: string;
  seeded: Flag;
  createdBy: string | null;
  createdAt: string;
}

export interface EnrollmentsTable {
  id: string;
  programId: string;
  userId: string;
  role: EnrollmentRole;
  status: 'active' | 'withdrawn';
  goals: string | null;
  yearsExperience: number | null;
  capacity: number;
  timeZone: string | null;
  preferredFrequency: Cadence | null;
  preferredChannel: CommunicationChannel | null;
  availability: 'open' | 'paused';
  pausedUntil: string | null;
  /** working hours in the member's own zone, `HH:mm` */
  workdayStart: string;
  workdayEnd: string;
  createdAt: string;
  updatedAt: string;
}

export interface EnrollmentTermsTable {
  enrollmentId: string;
  termId: string;
  relation: 'offered' | 'wanted' | 'value';
}

export interface MentorshipRequestsTable {
  id: string;
  programId: string;
  menteeId: string;
  mentorId: string;
  message: string;
  status: RequestStatus;
  declineReason: string | null;
  respondedAt: string | null;
  pairId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PairsTable {
  id: string;
  programId: string;
  mentorId: string;
  menteeId: string;
  status: PairStatus;
  source: 'request' | 'admin-match' | 'import';
  requestId: string | null;
  startedAt: string;
  pausedAt: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
  /** set when both agreement answers exist and frequency and channel match */
  agreedAt: string | null;
  agreedCadence: Cadence | null;
  lastActivityAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface AgreementsTable {
  pairId: string;
  userId: string;
  meetingFrequency: Cadence;
  communicationChannel: CommunicationChannel;
  goals: string;
  feedbackStyle: string;
  boundaries: string;
  submittedAt: string;
  updatedAt: string;
}

export interface GoalsTable {
  id: string;
  pairId: string;
  title: string;
  skill: string;
  mentorRole: string;
  targetDate: string | null;
  status: GoalStatus;
  progress: number;
  /** 1 when progress was set by hand rather than derived from steps */
  progressManual: Flag;
  templateKey: string | null;
  completedAt: string | null;
  deletedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface GoalStepsTable {
  id: string;
  goalId: string;
  position: number;
  text: string;
  doneAt: string | null;
}

export interface GoalUpdatesTable {
  id: string;
  goalId: string;
  authorId: string;
  kind: 'progress' | 'milestone';
  note: string;
  progress: number | null;
  createdAt: string;
}

export interface IntroductionsTable {
  id: string;
  pairId: string;
  requestedBy: string;
  contactName: string;
  contactRole: string | null;
  reason: string;
  status: 'requested' | 'made' | 'declined';
  note: string | null;
  respondedAt: string | null;
  createdAt: string;
}

export interface MeetingSeriesTable {
  id: string;
  pairId: string;
  organizerId: string;
  timeZone: string;
  /** wall-clock `YYYY-MM-DDTHH:mm:ss` in timeZone */
  startLocal: string;
  durationMinutes: number;
  frequency: SeriesFrequency;
  occurrenceCount: number | null;
  untilDate: string | null;
  agenda: string | null;
  calendarStatus: CalendarStatus;
  externalEventId: string | null;
  joinUrl: string | null;
  syncAttempts: number;
  nextSyncAt: string | null;
  lastSyncError: string | null;
  icalSequence: number;
  /** bumped with every change Outlook must mirror */
  calendarVersion: number;
  /** the calendarVersion Outlook last confirmed */
  syncedVersion: number;
  /** what the Outlook series master last received (subject, body, time, recurrence) */
  syncedFingerprint: string | null;
  calendarProblem: CalendarProblem | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingsTable {
  id: string;
  seriesId: string;
  pairId: string;
  occurrenceIndex: number;
  startAt: string;
  endAt: string;
  originalStartAt: string;
  status: MeetingStatus;
  agenda: string | null;
  /** JSON array of agenda topic keys; null when none were picked */
  topics: string | null;
  sharedNotes: string | null;
  externalEventId: string | null;
  /** when both members were seen in the Teams meeting's attendance report */
  teamsAttendanceAt: string | null;
  attendanceCheckedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingConfirmationsTable {
  meetingId: string;
  userId: string;
  status: 'held' | 'missed';
  confirmedAt: string;
}

export interface MeetingFeedbackTable {
  meetingId: string;
  userId: string;
  rating: number;
  comment: string | null;
  createdAt: string;
}

export interface PrivateNotesTable {
  id: string;
  meetingId: string;
  authorId: string;
  body: string;
  updatedAt: string;
}

export interface ActionItemsTable {
  id: string;
  pairId: string;
  meetingId: string | null;
  text: string;
  ownerId: string;
  dueOn: string | null;
  doneAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SurveysTable {
  id: string;
  pairId: string;
  userId: string;
  kind: 'closing' | 'pulse';
  satisfaction: number;
  recommend: number | null;
  skillsGained: Flag;
  newContacts: Flag;
  promotion: Flag;
  confidence: number | null;
  comment: string | null;
  createdAt: string;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  kind: string;
  /** at most one notification per key: the scheduler's exactly-once guard */
  dedupeKey: string;
  payload: string;
  deliverAfter: string;
  deliveredAt: string | null;
  channel: 'feed' | 'bot' | 'activity';
  readAt: string | null;
  createdAt: string;
  pairId: string | null;
  /** Teams delivery attempts so far */
  attempts: Generated<number>;
  lastError: string | null;
}

export interface NotificationPreferencesTable {
  userId: string;
  kind: string;
  enabled: Flag;
}

export interface BotConversationsTable {
  userId: string;
  reference: string;
  updatedAt: string;
}

export interface CalendarFeedsTable {
  token: string;
  userId: string;
  revokedAt: string | null;
  createdAt: string;
}

export interface DirectorySyncStateTable {
  tenantId: string;
  phase: 'idle' | 'full' | 'delta';
  /** where an interrupted round resumes */
  nextLink: string | null;
  /** where the next delta round starts */
  deltaLink: string | null;
  runStartedAt: string | null;
  lastSuccessAt: string | null;
  lastFullSyncAt: string | null;
  usersSeen: Generated<number>;
  usersChanged: Generated<number>;
  usersDeparted: Generated<number>;
  lastError: string | null;
  lastErrorAt: string | null;
  updatedAt: string;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  expiresAt: string;
}

export interface AuditLogTable {
  id: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: string | null;
  createdAt: string;
}

export interface MatchRunsTable {
  id: string;
  programId: string;
  status: 'draft' | 'published';
  strategy: 'best-total' | 'most-matched';
  maxTimezoneGapMinutes: number | null;
  sameDepartment: 'allow' | 'avoid' | 'forbid';
  /** mentors with a free place, and their free places, when the pool was last computed */
  poolMentors: number;
  poolPlaces: number;
  /** null when every eligible edge was considered */
  candidatesPerMentee: number | null;
  /** JSON array of `{ menteeId, reasons }` */
  unmatched: string;
  /** bumped by every change: optimistic concurrency for drafts */
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface MatchProposalsTable {
  id: string;
  runId: string;
  menteeId: string;
  mentorId: string;
  /** round(score × 10 000), after any "avoid" penalty */
  weight: number;
  /** JSON array of strings */
  reasons: string;
  state: 'proposed' | 'locked' | 'removed';
  pairId: string | null;
  conflict: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MatchExclusionsTable {
  id: string;
  programId: string;
  menteeId: string;
  mentorId: string;
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

export interface Database {
  directorySyncState: DirectorySyncStateTable;
  users: UsersTable;
  programs: ProgramsTable;
  taxonomyTerms: TaxonomyTermsTable;
  enrollments: EnrollmentsTable;
  enrollmentTerms: EnrollmentTermsTable;
  mentorshipRequests: MentorshipRequestsTable;
  pairs: PairsTable;
  agreements: AgreementsTable;
  goals: GoalsTable;
  goalSteps: GoalStepsTable;
  goalUpdates: GoalUpdatesTable;
  introductions: IntroductionsTable;
  meetingSeries: MeetingSeriesTable;
  meetings: MeetingsTable;
  meetingConfirmations: MeetingConfirmationsTable;
  meetingFeedback: MeetingFeedbackTable;
  privateNotes: PrivateNotesTable;
  actionItems: ActionItemsTable;
  surveys: SurveysTable;
  notifications: NotificationsTable;
  notificationPreferences: NotificationPreferencesTable;
  botConversations: BotConversationsTable;
  calendarFeeds: CalendarFeedsTable;
  jobLeases: JobLeasesTable;
  auditLog: AuditLogTable;
  matchRuns: MatchRunsTable;
  matchProposals: MatchProposalsTable;
  matchExclusions: MatchExclusionsTable;
}
