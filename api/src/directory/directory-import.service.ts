import type { Kysely, Selectable, Updateable } from 'kysely';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database, UsersTable } from '../db/schema';
import { readCsvFile } from '../http/csv-file';
import { ianaTimeZone, z } from '../http/zod';
import { IMPORT_OBJECT_ID_PREFIX, type CurrentUser } from '../users/users.service';
import { findManagersOf, findTenantPeopleByEmails, insertAuditEntry, insertPeople, updatePerson, type PersonRow } from './directory-import.queries';

/**
 * The CSV import of organisation data (docs/directory.md, "CSV import"): the fallback where Entra
 * ID is incomplete, and how the demo organisation is loaded. Rows are checked one by one against
 * the file and the people Tandem already has in the importing tenant; a preview writes nothing,
 * a confirmed import writes everything or nothing.
 */

export interface DirectoryImportDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export const DIRECTORY_COLUMNS = ['email', 'displayName', 'department', 'jobTitle', 'managerEmail', 'timezone'] as const;
export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number];

/** The most rows one file may have (a bigger organisation imports in parts). */
export const MAX_IMPORT_ROWS = 20_000;
const NAME_MAX = 200;
const EMAIL_MAX = 320;

/** One person as a file gives them; cells are trimmed, an empty cell is ''. */
export interface DirectoryRow {
  /** the line the row starts on; the header is line 1 */
  line: number;
  email: string;
  displayName: string;
  department: string;
  jobTitle: string;
  managerEmail: string;
  timezone: string;
}

/**
 * What a file says. A column the file leaves out leaves that field alone for people who exist;
 * an empty cell in a column it has clears the field.
 */
export interface DirectoryFile {
  columns: ReadonlySet<DirectoryColumn>;
  rows: DirectoryRow[];
}

export type RowStatus = 'new' | 'update' | 'unchanged' | 'error';

export interface ImportRowReport {
  line: number;
  email: string;
  status: RowStatus;
  changes: string[];
  errors: string[];
}

export interface ImportReport {
  rows: ImportRowReport[];
  summary: Record<RowStatus, number>;
}

export interface Applied {
  new: number;
  update: number;
  unchanged: number;
}

/** A new person's identity: a fresh id and a placeholder object id, unless a trusted caller (the demo seed) says otherwise. */
export type IdentityFor = (email: string) => { id: string; entraObjectId: string };

export type ImportOutcome = { kind: 'preview'; report: ImportReport } | { kind: 'rejected'; report: ImportReport } | { kind: 'applied'; applied: Applied };

export function parseDirectoryCsv(text: string): DirectoryFile {
  const file = readCsvFile<DirectoryColumn>(text, {
    required: ['email', 'displayName'],
    optional: ['department', 'jobTitle', 'managerEmail', 'timezone'],
    headerHelp: `The first line must be a header naming the columns email and displayName, and any of department, jobTitle, managerEmail and timezone, in any order.`,
    maxRows: MAX_IMPORT_ROWS,
  });
  return {
    columns: file.columns,
    rows: file.rows.map((row) => ({
      line: row.line,
      email: row.cell('email'),
      displayName: row.cell('displayName'),
      department: row.cell('department'),
      jobTitle: row.cell('jobTitle'),
      managerEmail: row.cell('managerEmail'),
      timezone: row.cell('timezone'),
    })),
  };
}

/** Thrown inside the import's transaction so that everything rolls back. */
class Rejected extends Error {
  constructor(readonly report: ImportReport) {
    super('directory import rejected');
  }
}

/**
 * `POST /api/admin/directory/import`: a preview, or — with `confirm` — the whole file applied in
 * one transaction and audited, or rejected with the same report when any row has an error.
 */
export async function importDirectory(deps: DirectoryImportDeps, user: CurrentUser, csv: string, confirm: boolean): Promise<ImportOutcome> {
  const file = parseDirectoryCsv(csv);
  if (!confirm) return { kind: 'preview', report: (await planImport(deps.db, user.tenantId, file)).report };
  const now = deps.clock.now().toISOString();
  try {
    const applied = await deps.db.transaction().execute(async (trx) => {
      const result = await applyDirectoryFile(trx, user.tenantId, file, now);
      if (!result.applied) throw new Rejected(result.report);
      await insertAuditEntry(trx, {
        id: uuidv7(),
        actorId: user.id,
        action: 'directory.import',
        subjectType: 'directory',
        subjectId: null,
        detail: JSON.stringify({ rows: file.rows.length, ...result.applied }),
        createdAt: now,
      });
      return result.applied;
    });
    return { kind: 'applied', applied };
  } catch (error) {
    if (error instanceof Rejected) return { kind: 'rejected', report: error.report };
    throw error;
  }
}

/**
 * Checks `file` against the tenant's people and, when no row has an error, writes it: new
 * people first (managers before their reports), then changes to people who exist. Runs on the
 * caller's connection or transaction; with any error it writes nothing and `applied` is null.
 * The demo seed calls it directly, passing the identities its other rows refer to.
 */
export async function applyDirectoryFile(
  db: Kysely<Database>,
  tenantId: string,
  file: DirectoryFile,
  now: string,
  identityFor: IdentityFor = placeholderIdentity,
): Promise<{ report: ImportReport; applied: Applied | null }> {
  const plan = await planImport(db, tenantId, file);
  if (plan.report.summary.error > 0) return { report: plan.report, applied: null };

  const idOf = new Map<string, string>();
  for (const p of plan.people) if (p.existing) idOf.set(p.key, p.existing.id);
  const fresh: Selectable<UsersTable>[] = [];
  for (const p of newPeopleManagersFirst(plan.people)) {
    const identity = identityFor(p.row.email);
    idOf.set(p.key, identity.id);
    fresh.push({
      id: identity.id,
      tenantId,
      entraObjectId: identity.entraObjectId,
      email: p.row.email,
      displayName: p.row.displayName,
      department: file.columns.has('department') ? orNull(p.row.department) : null,
      jobTitle: file.columns.has('jobTitle') ? orNull(p.row.jobTitle) : null,
      officeLocation: null,
      managerId: p.managerKey === null ? null : (idOf.get(p.managerKey) ?? p.managerKey),
      timeZone: file.columns.has('timezone') ? orNull(p.row.timezone) : null,
      accountEnabled: 1,
      lastSeenAt: null,
      directorySyncedAt: null,
      createdAt: now,
      updatedAt: now,
      usageLocation: null,
      directoryDeletedAt: null,
      directorySource: 'csv',
    });
  }
  await insertPeople(db, fresh);

  for (const p of plan.people) {
    if (!p.existing || p.changed.length === 0) continue;
    const changes: Updateable<UsersTable> = { updatedAt: now };
    for (const field of p.changed) {
      if (field === 'managerId') changes.managerId = p.managerKey === null ? null : (idOf.get(p.managerKey) ?? p.managerKey);
      else if (field === 'displayName') changes.displayName = p.target.displayName;
      else changes[field] = p.target[field];
    }
    // Someone known only from signing in now has organisation data, from this file.
    if (p.existing.directorySource === null) changes.directorySource = 'csv';
    await updatePerson(db, p.existing.id, changes);
  }
  const { summary } = plan.report;
  return { report: plan.report, applied: { new: summary.new, update: summary.update, unchanged: summary.unchanged } };
}

function placeholderIdentity(): { id: string; entraObjectId: string } {
  return { id: uuidv7(), entraObjectId: `${IMPORT_OBJECT_ID_PREFIX}${uuidv4().replace(/-/g, '')}` };
}

function orNull(value: string): string | null {
  return value === '' ? null : value;
}

// ---------------------------------------------------------------------------------------------
// Checking a file
// ---------------------------------------------------------------------------------------------

type Field = 'displayName' | 'department' | 'jobTitle' | 'timeZone' | 'managerId';

/** A valid row of the file, as it will be written. */
interface PlannedPerson {
  row: DirectoryRow;
  /** the node of the manager graph: an existing person's id, else `new:` and the lower-cased email */
  key: string;
  existing: PersonRow | undefined;
  /** the manager's key, or null for none */
  managerKey: string | null;
  target: { displayName: string; department: string | null; jobTitle: string | null; timeZone: string | null };
  changed: Field[];
}

interface Plan {
  report: ImportReport;
  /** the rows without errors (all of them when the report has none) */
  people: PlannedPerson[];
}

const emailSchema = z.string().max(EMAIL_MAX).email();
const lower = (email: string) => email.trim().toLowerCase();
const ambiguous = (email: string) => `More than one person in Tandem has the email ${email}, so it can’t tell who is meant`;

/**
 * Every row's status, changes and errors. Per row: the email (valid, once in the file), the
 * name, the lengths, the time zone and the manager (an email in the file or of someone in the
 * tenant, not the person). Then the manager graph — the file's rows over the people who exist,
 * whose chains are walked upwards — is searched for cycles: every row on one is an error.
 */
async function planImport(db: Kysely<Database>, tenantId: string, file: DirectoryFile): Promise<Plan> {
  const { columns, rows } = file;
  const referenced = rows.flatMap((r) => [r.email, r.managerEmail]).filter((e) => e !== '').map(lower);
  const existingByEmail = new Map<string, PersonRow[]>();
  for (const person of await findTenantPeopleByEmails(db, tenantId, referenced)) {
    const key = lower(person.email);
    existingByEmail.set(key, [...(existingByEmail.get(key) ?? []), person]);
  }

  const errorsOf = new Map<DirectoryRow, string[]>();
  const firstLine = new Map<string, number>();
  const inFile = new Map<string, DirectoryRow>();
  // Rows whose managerEmail names nobody usable: they get an error and no manager in the graph.
  const managerUnusable = new Set<DirectoryRow>();
  for (const row of rows) {
    const errors: string[] = [];
    errorsOf.set(row, errors);
    const email = lower(row.email);
    if (row.email === '') errors.push('email is empty');
    else if (!emailSchema.safeParse(row.email).success) errors.push(`“${row.email}” isn’t a valid email address`);
    else if (firstLine.has(email)) errors.push(`Duplicate: ${row.email} is already on line ${firstLine.get(email)}`);
    else {
      firstLine.set(email, row.line);
      inFile.set(email, row);
      if ((existingByEmail.get(email)?.length ?? 0) > 1) errors.push(ambiguous(row.email));
    }
    if (row.displayName === '') errors.push('displayName is empty');
    for (const [column, value] of [
      ['displayName', row.displayName],
      ['department', row.department],
      ['jobTitle', row.jobTitle],
    ] as const) {
      if (value.length > NAME_MAX) errors.push(`${column} is longer than ${NAME_MAX} characters`);
    }
    if (row.timezone !== '' && !ianaTimeZone.safeParse(row.timezone).success) {
      errors.push(`“${row.timezone}” isn’t an IANA time zone (such as Europe/Berlin)`);
    }
    if (row.managerEmail === '') continue;
    if (!emailSchema.safeParse(row.managerEmail).success) errors.push(`managerEmail “${row.managerEmail}” isn’t a valid email address`);
    else if (lower(row.managerEmail) === email) errors.push('A person can’t be their own manager');
    else continue;
    managerUnusable.add(row);
  }
  // Managers are resolved once every email of the file is known: a manager may come later in it.
  for (const row of rows) {
    if (row.managerEmail === '' || managerUnusable.has(row)) continue;
    const manager = lower(row.managerEmail);
    if (inFile.has(manager)) continue;
    const existing = existingByEmail.get(manager);
    if (existing?.length === 1) continue;
    errorsOf.get(row)!.push(existing ? ambiguous(row.managerEmail) : `No one in this file or in Tandem has the email ${row.managerEmail} (managerEmail)`);
    managerUnusable.add(row);
  }

  const keyOf = (email: string): string => {
    const existing = existingByEmail.get(email);
    return existing?.length === 1 ? existing[0]!.id : `new:${email}`;
  };
  const people = new Map<string, PlannedPerson>();
  for (const [email, row] of inFile) {
    const matches = existingByEmail.get(email);
    const existing = matches?.length === 1 ? matches[0] : undefined;
    const managerKey = !columns.has('managerEmail')
      ? (existing?.managerId ?? null)
      : row.managerEmail === '' || managerUnusable.has(row)
        ? null
        : keyOf(lower(row.managerEmail));
    const target = {
      displayName: row.displayName,
      department: columns.has('department') ? orNull(row.department) : (existing?.department ?? null),
      jobTitle: columns.has('jobTitle') ? orNull(row.jobTitle) : (existing?.jobTitle ?? null),
      timeZone: columns.has('timezone') ? orNull(row.timezone) : (existing?.timeZone ?? null),
    };
    const changed: Field[] = [];
    if (existing) {
      for (const field of ['displayName', 'department', 'jobTitle', 'timeZone'] as const) if (existing[field] !== target[field]) changed.push(field);
      if (existing.managerId !== managerKey) changed.push('managerId');
    }
    people.set(keyOf(email), { row, key: keyOf(email), existing, managerKey, target, changed });
  }

  const emailOfKey = new Map<string, string>();
  for (const [email, list] of existingByEmail) if (list.length === 1) emailOfKey.set(list[0]!.id, list[0]!.email);
  for (const p of people.values()) emailOfKey.set(p.key, p.row.email);
  const managerOf = await managerGraph(db, tenantId, people, emailOfKey);
  for (const cycle of cyclesThrough(managerOf, people.keys())) {
    cycle.forEach((key, from) => {
      const person = people.get(key);
      if (person) errorsOf.get(person.row)!.push(`Manager cycle: ${cycleText(cycle, from, emailOfKey)}`);
    });
  }

  const report: ImportReport = { rows: [], summary: { new: 0, update: 0, unchanged: 0, error: 0 } };
  for (const row of rows) {
    const errors = errorsOf.get(row)!;
    const person = errors.length === 0 ? people.get(keyOf(lower(row.email))) : undefined;
    const status: RowStatus = !person ? 'error' : !person.existing ? 'new' : person.changed.length > 0 ? 'update' : 'unchanged';
    report.summary[status] += 1;
    report.rows.push({ line: row.line, email: row.email, status, changes: person ? describeChanges(person, emailOfKey) : [], errors });
  }
  return { report, people: [...people.values()].filter((p) => errorsOf.get(p.row)!.length === 0) };
}

/**
 * Everyone's manager in the graph the import would leave behind: the file's rows as planned,
 * and above them the people who exist, walked up their chains one level (one query) at a time.
 */
async function managerGraph(
  db: Kysely<Database>,
  tenantId: string,
  people: Map<string, PlannedPerson>,
  emailOfKey: Map<string, string>,
): Promise<Map<string, string | null>> {
  const managerOf = new Map<string, string | null>();
  for (const p of people.values()) managerOf.set(p.key, p.managerKey);
  // Old managers too: the preview names them in "manager: old → new".
  let frontier = [
    ...new Set([...people.values()].flatMap((p) => [p.managerKey, p.existing?.managerId ?? null]).filter((k): k is string => k !== null && !k.startsWith('new:'))),
  ].filter((k) => !managerOf.has(k) || !emailOfKey.has(k));
  while (frontier.length > 0) {
    const next = new Set<string>();
    for (const row of await findManagersOf(db, tenantId, frontier)) {
      emailOfKey.set(row.id, emailOfKey.get(row.id) ?? row.email);
      if (managerOf.has(row.id)) continue;
      managerOf.set(row.id, row.managerId);
      if (row.managerId !== null && !managerOf.has(row.managerId)) next.add(row.managerId);
    }
    for (const id of frontier) if (!managerOf.has(id)) managerOf.set(id, null);
    frontier = [...next];
  }
  return managerOf;
}

/**
 * The cycles reachable from `starts` in a graph where each node has at most one manager: a walk
 * from each start stops at a node already settled or on its own path; reaching its own path
 * closes a cycle. Linear in the nodes, however long the chains.
 */
function cyclesThrough(managerOf: Map<string, string | null>, starts: Iterable<string>): string[][] {
  const settled = new Set<string>();
  const cycles: string[][] = [];
  for (const start of starts) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let node: string | null = start;
    while (node !== null && !settled.has(node) && !onPath.has(node)) {
      onPath.set(node, path.length);
      path.push(node);
      node = managerOf.get(node) ?? null;
    }
    if (node !== null && onPath.has(node)) cycles.push(path.slice(onPath.get(node)));
    for (const visited of path) settled.add(visited);
  }
  return cycles;
}

const CYCLE_SHOWN = 8;

/** The cycle read from its member at `from`, back to them; a long one is cut short. */
function cycleText(cycle: string[], from: number, emailOfKey: Map<string, string>): string {
  const at = (i: number) => emailOfKey.get(cycle[(from + i) % cycle.length]!) ?? 'someone';
  const shown = Array.from({ length: Math.min(cycle.length, CYCLE_SHOWN) }, (_, i) => at(i));
  return cycle.length <= CYCLE_SHOWN ? [...shown, at(0)].join(' → ') : `${shown.join(' → ')} → … (${cycle.length} people in all)`;
}

/** New people in an order where everyone's manager, when also new, comes first. */
function newPeopleManagersFirst(people: PlannedPerson[]): PlannedPerson[] {
  const byKey = new Map(people.filter((p) => !p.existing).map((p) => [p.key, p]));
  const ordered: PlannedPerson[] = [];
  const placed = new Set<string>();
  for (const person of byKey.values()) {
    // Collect the chain of new managers not yet placed, then place it top down (no cycles: checked).
    const chain: PlannedPerson[] = [];
    let at: PlannedPerson | undefined = person;
    while (at && !placed.has(at.key)) {
      chain.push(at);
      placed.add(at.key);
      at = at.managerKey === null ? undefined : byKey.get(at.managerKey);
    }
    ordered.push(...chain.reverse());
  }
  return ordered;
}

const FIELD_LABEL: Record<Field, string> = {
  displayName: 'displayName',
  department: 'department',
  jobTitle: 'jobTitle',
  timeZone: 'timezone',
  managerId: 'manager',
};

function describeChanges(person: PlannedPerson, emailOfKey: Map<string, string>): string[] {
  const shown = (value: string | null) => (value === null ? '(none)' : value);
  return person.changed.map((field) => {
    if (field === 'managerId') {
      const before = person.existing?.managerId ?? null;
      const after = person.managerKey;
      return `manager: ${shown(before === null ? null : (emailOfKey.get(before) ?? 'someone'))} → ${shown(after === null ? null : (emailOfKey.get(after) ?? 'someone'))}`;
    }
    return `${FIELD_LABEL[field]}: ${shown(person.existing?.[field] ?? null)} → ${shown(person.target[field])}`;
  });
}
