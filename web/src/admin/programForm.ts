// The program form's state, checks and diff, kept apart from the dialog so the rules read in one place.
import type { Cadence, MatchingMode, ProgramKind } from '../api/types';
import { formatCalendarDate, todayIso } from '../app/format';
import { fieldErrors } from '../app/forms';
import type { AdminProgram, ProgramChanges, ProgramField, ProgramInput } from './admin.api';

export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 4000;
export const MAX_OPEN_REQUESTS = { min: 1, max: 20, default: 3 } as const;

/** What the form holds: every field as typed (the number too, so a half-typed value isn't lost). */
export interface ProgramDraft {
  name: string;
  description: string;
  kind: ProgramKind;
  startsOn: string;
  endsOn: string;
  enrollmentOpensOn: string;
  enrollmentClosesOn: string;
  defaultCadence: Cadence;
  matchingMode: MatchingMode;
  maxOpenRequestsPerMentee: string;
}

export type DraftErrors = Partial<Record<ProgramField, string>>;

/** How each field is named in sentences (server messages name fields by their API names). */
export const fieldLabels: Record<ProgramField, string> = {
  name: 'the name',
  description: 'the description',
  kind: 'the kind of program',
  startsOn: 'the start date',
  endsOn: 'the end date',
  enrollmentOpensOn: 'the day enrolment opens',
  enrollmentClosesOn: 'the day enrolment closes',
  defaultCadence: 'the default meeting rhythm',
  matchingMode: 'the matching mode',
  maxOpenRequestsPerMentee: 'the request limit',
};

/** The fields in the order the form shows them (the first invalid one takes focus). */
export const fieldOrder: ProgramField[] = [
  'name',
  'description',
  'kind',
  'startsOn',
  'endsOn',
  'enrollmentOpensOn',
  'enrollmentClosesOn',
  'defaultCadence',
  'matchingMode',
  'maxOpenRequestsPerMentee',
];

function shiftDate(iso: string, { days = 0, months = 0 }: { days?: number; months?: number }): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + months, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

/**
 * A new program's starting point: enrolment opens today and runs four weeks, the program starts when
 * enrolment closes and runs six months — a common rhythm, and every date can be changed.
 */
export function blankDraft(today: string = todayIso()): ProgramDraft {
  const startsOn = shiftDate(today, { days: 28 });
  return {
    name: '',
    description: '',
    kind: 'career-growth',
    startsOn,
    endsOn: shiftDate(startsOn, { months: 6 }),
    enrollmentOpensOn: today,
    enrollmentClosesOn: startsOn,
    defaultCadence: 'biweekly',
    matchingMode: 'self',
    maxOpenRequestsPerMentee: String(MAX_OPEN_REQUESTS.default),
  };
}

export function draftFromProgram(program: AdminProgram): ProgramDraft {
  return {
    name: program.name,
    description: program.description,
    kind: program.kind,
    startsOn: program.startsOn,
    endsOn: program.endsOn,
    enrollmentOpensOn: program.enrollmentOpensOn,
    enrollmentClosesOn: program.enrollmentClosesOn,
    defaultCadence: program.defaultCadence,
    matchingMode: program.matchingMode,
    maxOpenRequestsPerMentee: String(program.maxOpenRequestsPerMentee),
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string) => ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

const missingDate: Partial<Record<ProgramField, string>> = {
  startsOn: 'Choose the day the program starts.',
  endsOn: 'Choose the day the program ends.',
  enrollmentOpensOn: 'Choose the day people can start enrolling.',
  enrollmentClosesOn: 'Choose the last day people can enrol.',
};

/** The same rules the server applies, checked before sending so mistakes show at once. */
export function validateDraft(d: ProgramDraft): DraftErrors {
  const e: DraftErrors = {};
  const name = d.name.trim();
  if (!name) e.name = 'Give the program a name people will recognise.';
  else if (name.length > NAME_MAX) e.name = `Keep the name to ${NAME_MAX} characters or fewer.`;
  if (d.description.trim().length > DESCRIPTION_MAX) e.description = `Keep the description to ${DESCRIPTION_MAX.toLocaleString()} characters or fewer.`;
  for (const field of ['startsOn', 'endsOn', 'enrollmentOpensOn', 'enrollmentClosesOn'] as const) {
    if (!isDate(d[field])) e[field] = missingDate[field];
  }
  if (!e.startsOn && !e.endsOn && d.endsOn < d.startsOn) {
    e.endsOn = `The program can’t end before it starts. Pick ${formatCalendarDate(d.startsOn)} or later.`;
  }
  if (!e.enrollmentOpensOn && !e.enrollmentClosesOn && d.enrollmentClosesOn < d.enrollmentOpensOn) {
    e.enrollmentClosesOn = `Enrolment can’t close before it opens. Pick ${formatCalendarDate(d.enrollmentOpensOn)} or later.`;
  }
  const max = Number(d.maxOpenRequestsPerMentee);
  if (!/^\d+$/.test(d.maxOpenRequestsPerMentee.trim()) || max < MAX_OPEN_REQUESTS.min || max > MAX_OPEN_REQUESTS.max) {
    e.maxOpenRequestsPerMentee = `Enter a whole number from ${MAX_OPEN_REQUESTS.min} to ${MAX_OPEN_REQUESTS.max}.`;
  }
  return e;
}

/** The draft as the API takes it (call after validateDraft found nothing). */
export function toInput(d: ProgramDraft): ProgramInput {
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    kind: d.kind,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    enrollmentOpensOn: d.enrollmentOpensOn,
    enrollmentClosesOn: d.enrollmentClosesOn,
    defaultCadence: d.defaultCadence,
    matchingMode: d.matchingMode,
    maxOpenRequestsPerMentee: Number(d.maxOpenRequestsPerMentee),
  };
}

/** Only what differs from the saved program, for PATCH. */
export function changedFields(program: AdminProgram, input: ProgramInput): ProgramChanges {
  const changes: Record<string, unknown> = {};
  for (const field of fieldOrder) {
    if (input[field] !== program[field]) changes[field] = input[field];
  }
  return changes as ProgramChanges;
}

/** The server's field errors for the program form (already in plain words), keyed by field. */
export function serverErrors(error: unknown): DraftErrors {
  const out: DraftErrors = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    if ((fieldOrder as string[]).includes(field)) out[field as ProgramField] = message;
  }
  return out;
}
