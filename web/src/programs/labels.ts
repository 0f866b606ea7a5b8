import type { Cadence, MatchingMode, ProgramKind } from '../api/types';
import type { Program } from './programs.api';
import { formatCalendarDate, todayIso } from '../app/format';

export const kindLabel: Record<ProgramKind, string> = {
  onboarding: 'Onboarding',
  leadership: 'Leadership',
  erg: 'Employee resource group',
  'career-growth': 'Career growth',
  other: 'Other',
};

export const cadenceLabel: Record<Cadence, string> = {
  weekly: 'Weekly',
  biweekly: 'Every two weeks',
  monthly: 'Monthly',
};

export const matchingLabel: Record<MatchingMode, string> = {
  self: 'Mentees choose their mentor',
  admin: 'Matched by program admins',
};

export interface EnrollmentWindow {
  open: boolean;
  /** "Open until 31 Jan 2026", "Opens 1 Mar 2026" or "Closed". */
  status: string;
  /** The same as a phrase: "Enrolment open until 31 Jan 2026". */
  label: string;
}

/** The program's enrolment window as seen today (the API decides whether it is open). */
export function enrollmentWindow(program: Pick<Program, 'enrollmentOpen' | 'enrollmentOpensOn' | 'enrollmentClosesOn'>, today = todayIso()): EnrollmentWindow {
  if (program.enrollmentOpen) {
    const until = formatCalendarDate(program.enrollmentClosesOn);
    return { open: true, status: `Open until ${until}`, label: `Enrolment open until ${until}` };
  }
  if (today < program.enrollmentOpensOn) {
    const opens = formatCalendarDate(program.enrollmentOpensOn);
    return { open: false, status: `Opens ${opens}`, label: `Enrolment opens ${opens}` };
  }
  return { open: false, status: 'Closed', label: 'Enrolment closed' };
}

export function myEnrollmentLabel(enrollment: Program['myEnrollment']): string {
  if (!enrollment) return 'Not enrolled';
  return enrollment.status === 'active' ? `Enrolled as ${enrollment.role}` : `Withdrawn (was ${enrollment.role})`;
}
