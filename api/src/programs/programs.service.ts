import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Cadence, Database, MatchingMode, ProgramKind } from '../db/schema';
import { longDate } from '../dates';
import { AppError, type FieldError } from '../errors/app-error';
import type { CurrentUser } from '../users/users.service';
import {
  countsByProgram,
  findActiveProgram,
  findEnrollmentOfUser,
  insertProgram,
  listActivePrograms,
  listEnrollmentsOfUser,
  updateProgram,
  type EnrollmentStateRow,
  type ProgramRow,
} from './programs.queries';

export type { ProgramRow } from './programs.queries';

export interface ProgramsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface ProgramInput {
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
}

export type EnrollmentState = 'upcoming' | 'open' | 'closed';

/** Today's calendar date in UTC, the day enrolment windows are judged by. */
export function todayUtc(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}

export function enrollmentStateOn(program: Pick<ProgramRow, 'enrollmentOpensOn' | 'enrollmentClosesOn'>, today: string): EnrollmentState {
  if (today < program.enrollmentOpensOn) return 'upcoming';
  if (today > program.enrollmentClosesOn) return 'closed';
  return 'open';
}

/** For other domains: the program, or 404 when it doesn't exist or is archived. */
export async function requireProgram(db: Kysely<Database>, programId: string): Promise<ProgramRow> {
  const program = await findActiveProgram(db, programId);
  if (!program) throw AppError.notFound('This program');
  return program;
}

function toProgram(row: ProgramRow, today: string) {
  const enrollmentState = enrollmentStateOn(row, today);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    enrollmentOpensOn: row.enrollmentOpensOn,
    enrollmentClosesOn: row.enrollmentClosesOn,
    defaultCadence: row.defaultCadence,
    matchingMode: row.matchingMode,
    maxOpenRequestsPerMentee: row.maxOpenRequestsPerMentee,
    enrollmentOpen: enrollmentState === 'open',
    enrollmentState,
  };
}

function withMyEnrollment(row: ProgramRow, today: string, enrollment: EnrollmentStateRow | undefined) {
  return { ...toProgram(row, today), myEnrollment: enrollment ? { role: enrollment.role, status: enrollment.status } : null };
}

export async function listProgramsForUser(deps: ProgramsDeps, user: CurrentUser) {
  const today = todayUtc(deps.clock);
  const [programs, enrollments] = await Promise.all([listActivePrograms(deps.db), listEnrollmentsOfUser(deps.db, user.id)]);
  const mine = new Map(enrollments.map((e) => [e.programId, e]));
  return programs.map((row) => withMyEnrollment(row, today, mine.get(row.id)));
}

export async function getProgramForUser(deps: ProgramsDeps, user: CurrentUser, programId: string) {
  const program = await requireProgram(deps.db, programId);
  const enrollment = await findEnrollmentOfUser(deps.db, programId, user.id);
  return withMyEnrollment(program, todayUtc(deps.clock), enrollment);
}

/** The database refuses these too (programs_dates_ck); checking first names the field. */
function checkDates(program: ProgramInput): void {
  const errors: FieldError[] = [];
  if (program.endsOn < program.startsOn) {
    errors.push({ field: 'endsOn', message: `Must be on or after the start date (${longDate(program.startsOn)})` });
  }
  if (program.enrollmentClosesOn < program.enrollmentOpensOn) {
    errors.push({ field: 'enrollmentClosesOn', message: `Must be on or after the day enrolment opens (${longDate(program.enrollmentOpensOn)})` });
  }
  if (errors.length > 0) throw AppError.validation(errors);
}

export async function createProgram(deps: ProgramsDeps, user: CurrentUser, input: ProgramInput) {
  checkDates(input);
  const now = deps.clock.now().toISOString();
  const row: ProgramRow = { id: uuidv7(), ...input, archivedAt: null, createdBy: user.id, createdAt: now, updatedAt: now };
  await insertProgram(deps.db, row);
  return withMyEnrollment(row, todayUtc(deps.clock), undefined);
}

export async function updateProgramSettings(deps: ProgramsDeps, user: CurrentUser, programId: string, changes: Partial<ProgramInput>) {
  const current = await requireProgram(deps.db, programId);
  const merged: ProgramRow = { ...current, ...definedOnly(changes) };
  checkDates(merged);
  const changed = (Object.keys(changes) as (keyof ProgramInput)[]).some((key) => changes[key] !== undefined && changes[key] !== current[key]);
  if (changed) {
    merged.updatedAt = deps.clock.now().toISOString();
    await updateProgram(deps.db, programId, { ...definedOnly(changes), updatedAt: merged.updatedAt });
  }
  const enrollment = await findEnrollmentOfUser(deps.db, programId, user.id);
  return withMyEnrollment(merged, todayUtc(deps.clock), enrollment);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Aggregates only: admins see how many, never who said what. */
export async function listProgramsWithCounts(deps: ProgramsDeps) {
  const today = todayUtc(deps.clock);
  const [programs, counts] = await Promise.all([listActivePrograms(deps.db), countsByProgram(deps.db)]);
  return programs.map((row) => {
    const c = counts.get(row.id);
    return {
      ...toProgram(row, today),
      counts: {
        mentors: c?.mentors ?? 0,
        mentees: c?.mentees ?? 0,
        pairs: { active: c?.active ?? 0, paused: c?.paused ?? 0, completed: c?.completed ?? 0, ended: c?.ended ?? 0 },
        pendingRequests: c?.pendingRequests ?? 0,
      },
    };
  });
}
