import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import { isUniqueViolation } from '../db/database';
import type { Cadence, CommunicationChannel, Database, EnrollmentRole } from '../db/schema';
import { longDate } from '../dates';
import { AppError } from '../errors/app-error';
import { ianaTimeZone } from '../http/zod';
import { enrollmentStateOn, requireProgram, todayUtc, type ProgramRow } from '../programs/programs.service';
import { compareLabels, resolveTerms } from '../taxonomy/taxonomy.service';
import { declinePendingRequestsToMentor, withdrawPendingRequestsOfMentee } from '../requests/requests.service';
import type { CurrentUser } from '../users/users.service';
import {
  countOpenPairs,
  findEnrollment,
  insertEnrollment,
  listProfileRows,
  listProfileTerms,
  replaceEnrollmentTerms,
  termsOfEnrollment,
  updateEnrollment,
  type EnrollmentRow,
  type TermRelation,
} from './enrollments.queries';

export interface EnrollmentsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export const DEFAULT_CAPACITY = 2;

/** What a member sends; a field left out keeps its current value (or its default on a new enrolment). */
export interface EnrollmentInput {
  role: EnrollmentRole;
  skillsOffered?: string[];
  skillsWanted?: string[];
  values?: string[];
  goals?: string | null;
  yearsExperience?: number | null;
  capacity?: number;
  timezone?: string | null;
  preferredFrequency?: Cadence | null;
  preferredChannel?: CommunicationChannel | null;
}

export interface Enrollment {
  programId: string;
  role: EnrollmentRole;
  status: 'active' | 'withdrawn';
  skillsOffered: string[];
  skillsWanted: string[];
  values: string[];
  goals: string | null;
  yearsExperience: number | null;
  capacity: number;
  timezone: string | null;
  preferredFrequency: Cadence | null;
  preferredChannel: CommunicationChannel | null;
  availability: 'open' | 'paused';
  pausedUntil: string | null;
  activePairs: number;
  createdAt: string;
  updatedAt: string;
}

/** Labels of one enrolment's terms by relation, each list sorted by label. */
interface TermLists {
  skillsOffered: string[];
  skillsWanted: string[];
  values: string[];
}

const LIST_OF: Record<TermRelation, keyof TermLists> = { offered: 'skillsOffered', wanted: 'skillsWanted', value: 'values' };

function groupTerms(terms: { relation: TermRelation; label: string }[]): TermLists {
  const lists: TermLists = { skillsOffered: [], skillsWanted: [], values: [] };
  for (const term of terms) lists[LIST_OF[term.relation]].push(term.label);
  for (const list of Object.values(lists)) list.sort(compareLabels);
  return lists;
}

function toEnrollment(row: EnrollmentRow, terms: TermLists, activePairs: number): Enrollment {
  return {
    programId: row.programId,
    role: row.role,
    status: row.status,
    ...terms,
    goals: row.goals,
    yearsExperience: row.yearsExperience,
    capacity: row.capacity,
    timezone: row.timeZone,
    preferredFrequency: row.preferredFrequency,
    preferredChannel: row.preferredChannel,
    availability: row.availability,
    pausedUntil: row.pausedUntil,
    activePairs,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function loadEnrollment(db: Kysely<Database>, row: EnrollmentRow): Promise<Enrollment> {
  const terms = await termsOfEnrollment(db, row.id);
  const activePairs = await countOpenPairs(db, row.programId, row.userId, row.role);
  return toEnrollment(row, groupTerms(terms), activePairs);
}

function requireOpenWindow(program: ProgramRow, today: string): void {
  const state = enrollmentStateOn(program, today);
  if (state === 'upcoming') throw new AppError('conflict', `Enrolment for ${program.name} opens on ${longDate(program.enrollmentOpensOn)}.`);
  if (state === 'closed') throw new AppError('conflict', `Enrolment for ${program.name} closed on ${longDate(program.enrollmentClosesOn)}.`);
}

/** The directory may hold a Windows zone name; only an IANA one is worth copying. */
function directoryZone(user: CurrentUser): string | null {
  return user.timeZone && ianaTimeZone.safeParse(user.timeZone).success ? user.timeZone : null;
}

const MENTOR_LEFT_REASON =
  'This mentor is no longer mentoring in this program, so they can’t take your request. Your recommendations show other mentors who can.';

/** Pending requests must not wait on someone who left the role they were sent to. */
async function settlePendingRequests(db: Kysely<Database>, row: EnrollmentRow, now: string): Promise<void> {
  if (row.role === 'mentee') await withdrawPendingRequestsOfMentee(db, row.programId, row.userId, now);
  else await declinePendingRequestsToMentor(db, row.programId, row.userId, MENTOR_LEFT_REASON, now);
}

/**
 * Enrols the caller or updates their profile. Opening an enrolment — a new one, coming back
 * after withdrawing, or switching role — needs the enrolment window open; editing an active
 * enrolment's profile does not. Skills and values go through the taxonomy in the same transaction.
 */
export async function putEnrollment(
  deps: EnrollmentsDeps,
  user: CurrentUser,
  programId: string,
  input: EnrollmentInput,
): Promise<{ created: boolean; enrollment: Enrollment }> {
  try {
    return await deps.db.transaction().execute((trx) => upsertEnrollment(trx, deps.clock, user, programId, input));
  } catch (error) {
    // Two first enrolments of the same person at once: the loser becomes an update.
    if (!isUniqueViolation(error)) throw error;
    return deps.db.transaction().execute((trx) => upsertEnrollment(trx, deps.clock, user, programId, input));
  }
}

async function upsertEnrollment(
  trx: Kysely<Database>,
  clock: Clock,
  user: CurrentUser,
  programId: string,
  input: EnrollmentInput,
): Promise<{ created: boolean; enrollment: Enrollment }> {
  const program = await requireProgram(trx, programId);
  const now = clock.now().toISOString();
  const existing = await findEnrollment(trx, programId, user.id);
  const roleChanges = existing !== undefined && existing.role !== input.role;
  if (!existing || existing.status === 'withdrawn' || roleChanges) requireOpenWindow(program, todayUtc(clock));

  if (existing && roleChanges && (await countOpenPairs(trx, programId, user.id)) > 0) {
    throw new AppError(
      'conflict',
      `You are in an active or paused mentoring pair in ${program.name} as a ${existing.role}, so you can’t switch to ${input.role} until it is completed or ended.`,
    );
  }
  const capacity = input.capacity ?? existing?.capacity ?? DEFAULT_CAPACITY;
  const activePairs = existing && input.role === 'mentor' ? await countOpenPairs(trx, programId, user.id, 'mentor') : 0;
  if (capacity < activePairs) {
    throw new AppError(
      'conflict',
      `You mentor ${activePairs} ${activePairs === 1 ? 'person' : 'people'} in ${program.name} right now, so your capacity can’t be below ${activePairs}.`,
    );
  }

  const keep = <T>(sent: T | undefined, current: T): T => (sent !== undefined ? sent : current);
  const row: EnrollmentRow = {
    id: existing?.id ?? uuidv7(),
    programId,
    userId: user.id,
    role: input.role,
    status: 'active',
    goals: keep(input.goals, existing ? existing.goals : null),
    yearsExperience: keep(input.yearsExperience, existing ? existing.yearsExperience : null),
    capacity,
    // A new enrolment starts from the zone the directory knows for the person.
    timeZone: keep(input.timezone, existing ? existing.timeZone : directoryZone(user)),
    preferredFrequency: keep(input.preferredFrequency, existing ? existing.preferredFrequency : null),
    preferredChannel: keep(input.preferredChannel, existing ? existing.preferredChannel : null),
    availability: existing?.availability ?? 'open',
    pausedUntil: existing?.pausedUntil ?? null,
    workdayStart: existing?.workdayStart ?? '09:00',
    workdayEnd: existing?.workdayEnd ?? '17:00',
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (existing) {
    const { id: _id, programId: _p, userId: _u, createdAt: _c, ...changes } = row;
    await updateEnrollment(trx, existing.id, changes);
    if (roleChanges && existing.status === 'active') await settlePendingRequests(trx, existing, now);
  } else {
    await insertEnrollment(trx, row);
  }

  const context = { createdBy: user.id, now };
  const lists: [TermRelation, 'skill' | 'value', string[] | undefined][] = [
    ['offered', 'skill', input.skillsOffered],
    ['wanted', 'skill', input.skillsWanted],
    ['value', 'value', input.values],
  ];
  for (const [relation, kind, labels] of lists) {
    if (labels === undefined) continue;
    const terms = await resolveTerms(trx, kind, labels, context);
    await replaceEnrollmentTerms(trx, row.id, relation, terms.map((t) => t.id));
  }
  return { created: !existing, enrollment: await loadEnrollment(trx, row) };
}

export async function getMyEnrollment(deps: EnrollmentsDeps, user: CurrentUser, programId: string): Promise<Enrollment> {
  await requireProgram(deps.db, programId);
  const row = await findEnrollment(deps.db, programId, user.id);
  if (!row) throw AppError.notFound('Your enrolment in this program');
  return loadEnrollment(deps.db, row);
}

/** Withdrawing keeps the profile (coming back restores it) and is refused while a pair is open. */
export async function withdrawEnrollment(deps: EnrollmentsDeps, user: CurrentUser, programId: string): Promise<Enrollment> {
  return deps.db.transaction().execute(async (trx) => {
    const program = await requireProgram(trx, programId);
    const row = await findEnrollment(trx, programId, user.id);
    if (!row) throw AppError.notFound('Your enrolment in this program');
    if (row.status === 'withdrawn') return loadEnrollment(trx, row);
    if ((await countOpenPairs(trx, programId, user.id)) > 0) {
      throw new AppError(
        'conflict',
        `You are in an active or paused mentoring pair in ${program.name}; complete or end it before you withdraw.`,
      );
    }
    const now = deps.clock.now().toISOString();
    await updateEnrollment(trx, row.id, { status: 'withdrawn', updatedAt: now });
    await settlePendingRequests(trx, row, now);
    return loadEnrollment(trx, { ...row, status: 'withdrawn', updatedAt: now });
  });
}

export interface EnrollmentProfile {
  userId: string;
  role: EnrollmentRole;
  status: 'active' | 'withdrawn';
  capacity: number;
  availability: 'open' | 'paused';
  pausedUntil: string | null;
  timezone: string | null;
  yearsExperience: number | null;
  goals: string | null;
  skillsOffered: string[];
  skillsWanted: string[];
  values: string[];
}

// Keeps `in (...)` lists well under SQL Server's 2,100 parameters per statement.
const USER_BATCH = 1000;

/**
 * Every enrolment in a program (any role or status; callers filter), or only those of
 * `userIds`, with skills and values as labels. Two queries per batch of people, never one
 * per person. Works on a transaction too.
 */
export async function getEnrollmentProfiles(db: Kysely<Database>, programId: string, userIds?: string[]): Promise<EnrollmentProfile[]> {
  const batches = userIds === undefined ? [undefined] : chunk([...new Set(userIds)], USER_BATCH);
  const profiles: EnrollmentProfile[] = [];
  for (const batch of batches) {
    const rows = await listProfileRows(db, programId, batch);
    if (rows.length === 0) continue;
    const terms = await listProfileTerms(db, programId, batch);
    const byEnrollment = new Map<string, { relation: TermRelation; label: string }[]>();
    for (const term of terms) {
      const list = byEnrollment.get(term.enrollmentId);
      if (list) list.push(term);
      else byEnrollment.set(term.enrollmentId, [term]);
    }
    for (const row of rows) {
      profiles.push({
        userId: row.userId,
        role: row.role,
        status: row.status,
        capacity: row.capacity,
        availability: row.availability,
        pausedUntil: row.pausedUntil,
        timezone: row.timeZone,
        yearsExperience: row.yearsExperience,
        goals: row.goals,
        ...groupTerms(byEnrollment.get(row.id) ?? []),
      });
    }
  }
  return profiles;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
