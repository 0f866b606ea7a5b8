import type { MatchConstraints, MatchPerson, MatchStrategy, ProposalOutcome, SameDepartment } from './match-runs.api';

export const strategies: { value: MatchStrategy; label: string; explanation: string }[] = [
  {
    value: 'best-total',
    label: 'Best total score',
    explanation:
      'Makes the strongest set of pairs overall. A mentee can stay unmatched when every mentor still free would be a poor fit for them.',
  },
  {
    value: 'most-matched',
    label: 'Match as many as possible',
    explanation:
      'Finds a mentor for as many mentees as the free places allow, then makes those pairs as strong as it can, even if a few pairs are weaker.',
  },
];

export const strategyLabel: Record<MatchStrategy, string> = {
  'best-total': 'Best total score',
  'most-matched': 'Match as many as possible',
};

export const sameDepartmentOptions: { value: SameDepartment; label: string; explanation: string }[] = [
  { value: 'allow', label: 'Allow', explanation: 'Department plays no part in who is paired.' },
  {
    value: 'avoid',
    label: 'Avoid',
    explanation: 'Prefer a mentor from another part of the business: a same-department pair counts for half its score.',
  },
  { value: 'forbid', label: 'Forbid', explanation: 'Never pair a mentee with a mentor from their own department.' },
];

export const sameDepartmentLabel: Record<SameDepartment, string> = {
  allow: 'Same department allowed',
  avoid: 'Same department avoided',
  forbid: 'Same department forbidden',
};

const hours = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function timezoneLabel(gap: number | null): string {
  return gap === null ? 'No time-zone limit' : `At most ${hours.format(gap)} h apart`;
}

/** "Best total score · No time-zone limit · Same department allowed" */
export function runSettingsLabel(strategy: MatchStrategy, constraints: MatchConstraints): string {
  return [strategyLabel[strategy], timezoneLabel(constraints.maxTimezoneGapHours), sameDepartmentLabel[constraints.sameDepartment]].join(' · ');
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** 0.823 → "82%" (in the viewer's locale). */
export function formatScore(score: number | null): string {
  return score === null ? '—' : percent.format(Math.max(0, Math.min(1, score)));
}

export function scorePercent(score: number): number {
  return Math.round(Math.max(0, Math.min(1, score)) * 100);
}

const runTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });

export function formatRunTime(iso: string): string {
  return runTime.format(new Date(iso));
}

/** "Finance · Finance Manager", or whichever of the two is known. */
export function roleLine(person: Pick<MatchPerson, 'department' | 'jobTitle'>): string {
  return [person.department, person.jobTitle].filter(Boolean).join(' · ');
}

export function pairLabel(mentee: MatchPerson, mentor: MatchPerson): string {
  return `${mentee.displayName} with ${mentor.displayName}`;
}

export function isCreated(outcome: ProposalOutcome | null): outcome is { pairId: string } {
  return outcome !== null && 'pairId' in outcome;
}

export function isConflict(outcome: ProposalOutcome | null): outcome is { conflict: string } {
  return outcome !== null && 'conflict' in outcome;
}
