import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { requireProgram, todayUtc, type ProgramRow } from '../programs/programs.service';
import type { CurrentUser } from '../users/users.service';
import { findUsersByEmails, listMembers, lockEnrollments, type MemberRow } from './match-runs.queries';
import { audit, capacityMessage, createPair, hardCauseMessage, loadProgramFacts, memberProblem, type MatchRunsDeps } from './match-runs.service';
import { parsePairCsv, type CsvPairRow } from './pair-csv';

export interface ImportRowReport {
  line: number;
  menteeEmail: string;
  mentorEmail: string;
  status: 'ok' | 'error';
  errors: string[];
}

export interface ImportReport {
  rows: ImportRowReport[];
  valid: number;
  invalid: number;
  created: string[];
}

const NOTE_MAX = 500;

interface Checked {
  report: ImportReport;
  pairs: { menteeId: string; mentorId: string; note: string | null }[];
}

/** Thrown inside the import's transaction so that its locks and everything else roll back. */
class Rejected extends Error {
  constructor(readonly report: ImportReport) {
    super('import rejected');
  }
}

/**
 * Pairs from a CSV file. Every row is checked like an admin's assign in a match run; with
 * `dryRun` nothing is written. Otherwise it is all or nothing: the rows are checked again under
 * the locks of everyone's enrolments and, if any fails, the report comes back `rejected` with
 * nothing written; if all pass, every pair is created in the same transaction.
 */
export async function importPairs(
  deps: MatchRunsDeps,
  user: CurrentUser,
  programId: string,
  csv: string,
  dryRun: boolean,
): Promise<{ report: ImportReport; rejected: boolean }> {
  const program = await requireProgram(deps.db, programId);
  const rows = parsePairCsv(csv);
  const today = todayUtc(deps.clock);
  if (dryRun) return { report: (await checkRows(deps.db, program, rows, today)).report, rejected: false };

  const now = deps.clock.now().toISOString();
  try {
    const report = await deps.db.transaction().execute(async (trx) => {
      const members = await membersByEmail(trx, program.id);
      const people = rows.flatMap((r) => [members.get(r.menteeEmail.toLowerCase()), members.get(r.mentorEmail.toLowerCase())]);
      const ids = people.filter((m): m is MemberRow => m !== undefined).map((m) => m.userId);
      if (ids.length > 0) await lockEnrollments(trx, program.id, ids, now);
      const checked = await checkRows(trx, program, rows, today);
      if (checked.report.invalid > 0) throw new Rejected(checked.report);

      const names = new Map([...members.values()].map((m) => [m.userId, m.displayName]));
      for (const pair of checked.pairs) {
        checked.report.created.push(await createPair(trx, program, pair.menteeId, pair.mentorId, 'import', now, names, pair.note));
      }
      await audit(trx, user, 'pair-import.created', program.id, now, { pairs: checked.pairs.length });
      return checked.report;
    });
    return { report, rejected: false };
  } catch (error) {
    if (error instanceof Rejected) return { report: error.report, rejected: true };
    throw error;
  }
}

async function membersByEmail(db: Kysely<Database>, programId: string): Promise<Map<string, MemberRow>> {
  return new Map((await listMembers(db, programId)).map((m) => [m.email.toLowerCase(), m]));
}

async function checkRows(db: Kysely<Database>, program: ProgramRow, rows: CsvPairRow[], today: string): Promise<Checked> {
  const members = await membersByEmail(db, program.id);
  const strangers = rows.flatMap((r) => [r.menteeEmail, r.mentorEmail]).filter((e) => e !== '' && !members.has(e.toLowerCase()));
  const directory = new Map(
    (await findUsersByEmails(db, [...strangers, ...strangers.map((e) => e.toLowerCase())])).map((u) => [u.email.toLowerCase(), u.displayName]),
  );
  const ids = [...new Set(rows.flatMap((r) => [members.get(r.menteeEmail.toLowerCase())?.userId, members.get(r.mentorEmail.toLowerCase())?.userId]))];
  const facts = await loadProgramFacts(db, program.id, ids.filter((id): id is string => id !== undefined));

  const menteeLine = new Map<string, number>();
  const planned = new Map<string, number>();
  const report: ImportReport = { rows: [], valid: 0, invalid: 0, created: [] };
  const pairs: Checked['pairs'] = [];

  const resolve = (email: string, column: string, role: 'mentee' | 'mentor', errors: string[]): MemberRow | undefined => {
    if (email === '') {
      errors.push(`${column} is empty`);
      return undefined;
    }
    const member = members.get(email.toLowerCase());
    if (!member) {
      const name = directory.get(email.toLowerCase());
      errors.push(name === undefined ? `No one in the directory has the email ${email}` : `${name} isn’t enrolled in ${program.name}`);
      return undefined;
    }
    const problem = memberProblem(member, role, member.displayName, program, today);
    if (problem) {
      errors.push(problem.replace(/\.$/, ''));
      return undefined;
    }
    return member;
  };

  for (const row of rows) {
    const errors: string[] = [];
    const menteeKey = row.menteeEmail.toLowerCase();
    const earlier = menteeKey === '' ? undefined : menteeLine.get(menteeKey);
    if (earlier !== undefined) errors.push(`Duplicate: ${row.menteeEmail} is already the mentee on line ${earlier}`);
    else if (menteeKey !== '') menteeLine.set(menteeKey, row.line);

    const mentee = resolve(row.menteeEmail, 'mentee_email', 'mentee', errors);
    const mentor = resolve(row.mentorEmail, 'mentor_email', 'mentor', errors);
    if (mentee && mentor) {
      const cause = facts.hardCause(mentee.userId, mentor.userId);
      const taken = (facts.loads.get(mentor.userId) ?? 0) + (planned.get(mentor.userId) ?? 0);
      const earlierRows = planned.get(mentor.userId) ?? 0;
      if (facts.openPairMentees.has(mentee.userId)) errors.push(`${mentee.displayName} already has a mentor in ${program.name}`);
      else if (cause) errors.push(hardCauseMessage(cause, mentee.displayName, mentor.displayName, program).replace(/\.$/, ''));
      else if (taken >= mentor.capacity) {
        const counting = earlierRows > 0 ? ` (counting ${earlierRows} earlier ${earlierRows === 1 ? 'row' : 'rows'} of this file)` : '';
        errors.push(capacityMessage(mentor.displayName, taken, mentor.capacity, counting).replace(/\.$/, ''));
      }
    }
    if (row.note !== null && row.note.length > NOTE_MAX) errors.push(`note is longer than ${NOTE_MAX} characters`);

    if (errors.length === 0 && mentee && mentor) {
      planned.set(mentor.userId, (planned.get(mentor.userId) ?? 0) + 1);
      pairs.push({ menteeId: mentee.userId, mentorId: mentor.userId, note: row.note });
      report.valid += 1;
    } else {
      report.invalid += 1;
    }
    report.rows.push({ line: row.line, menteeEmail: row.menteeEmail, mentorEmail: row.mentorEmail, status: errors.length === 0 ? 'ok' : 'error', errors });
  }
  return { report, pairs };
}
