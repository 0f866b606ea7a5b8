import type { ActionItem } from '../action-items/action-items.api';
import type { Pair } from '../api/types';
import { formatCalendarDate, plural } from '../app/format';
import { findPath, pairPath, paths, profilePath } from '../app/routing';
import { isEnrolled, isEnrolledAs, type Program } from '../programs/programs.api';
import type { MentorshipRequest } from '../requests/requests.api';

export interface NextStep {
  id: string;
  title: string;
  detail: string;
  href: string;
  action: string;
  /** Someone else is waiting on this one. */
  urgent?: boolean;
}

export interface NextStepsInput {
  programs: Program[] | undefined;
  pairs: Pair[] | undefined;
  incoming: MentorshipRequest[] | undefined;
  outgoing: MentorshipRequest[] | undefined;
  /** my open action items (overdue ones are flagged by the API) */
  actionItems?: ActionItem[] | undefined;
}

const live = (pair: Pair) => pair.status === 'active' || pair.status === 'paused';
const firstName = (name: string) => name.split(' ')[0] ?? name;

/**
 * What the person could usefully do next, computed from what we already know about them:
 * people waiting on them first, then their pairs, then finding a mentor, then enrolling.
 * Parts whose data is missing (still loading or failed) simply contribute nothing.
 */
export function nextSteps({ programs, pairs, incoming, outgoing, actionItems }: NextStepsInput): NextStep[] {
  const steps: NextStep[] = [];

  const waiting = incoming?.filter((r) => r.status === 'pending') ?? [];
  if (waiting.length > 0) {
    const names = waiting.slice(0, 2).map((r) => firstName(r.mentee.displayName));
    const who = waiting.length === 1 ? `${names[0]} is` : waiting.length === 2 ? `${names[0]} and ${names[1]} are` : `${names[0]}, ${names[1]} and ${plural(waiting.length - 2, 'other')} are`;
    steps.push({
      id: 'answer-requests',
      title: `Answer ${plural(waiting.length, 'mentoring request')}`,
      detail: `${who} waiting to hear from you. A prompt reply — yes, or a kind no — lets them plan their next step.`,
      href: paths.requests,
      action: 'Review requests',
      urgent: true,
    });
  }

  const overdue = actionItems?.filter((item) => item.overdue) ?? [];
  if (overdue.length > 0) {
    const first = overdue[0]!;
    steps.push({
      id: 'overdue-actions',
      title: `Follow up on ${plural(overdue.length, 'overdue action item')}`,
      detail:
        overdue.length === 1
          ? `“${first.text}” was due ${first.dueOn ? formatCalendarDate(first.dueOn) : 'earlier'}. Do it, or agree a new date at your next check-in.`
          : 'Following up on what you agreed is what turns check-ins into progress. Do them, or agree new dates at your next check-in.',
      href: pairPath(first.pairId),
      action: overdue.length === 1 ? 'Open the pair' : 'Open the first pair',
    });
  }

  for (const pair of pairs?.filter(live) ?? []) {
    const partner = firstName(pair.partner.displayName);
    if (pair.agreementStatus !== 'agreed') {
      steps.push({
        id: `agree:${pair.id}`,
        title: `Agree on expectations with ${partner}`,
        detail:
          pair.agreementStatus === 'partial'
            ? 'One of you has answered already. Finish together so you both know how often you’ll meet and how you’ll keep in touch.'
            : 'Settle how often you’ll meet, how you’ll talk and how you like feedback — it saves guesswork later.',
        href: pairPath(pair.id),
        action: 'Open agreement',
      });
    }
    if (pair.status === 'active' && pair.goals.total === 0) {
      steps.push({
        id: `goal:${pair.id}`,
        title: `Add your first goal with ${partner}`,
        detail: 'Pick one skill to build and break it into small, checkable steps. A template can get you started.',
        href: pairPath(pair.id),
        action: 'Add a goal',
      });
    }
  }

  for (const program of programs ?? []) {
    if (!isEnrolledAs(program, 'mentee') || program.matchingMode !== 'self') continue;
    const paired = pairs?.some((p) => p.program.id === program.id && p.myRole === 'mentee' && live(p));
    if (paired || pairs === undefined) continue;
    const asked = outgoing?.filter((r) => r.program.id === program.id && r.status === 'pending').length ?? 0;
    steps.push({
      id: `find:${program.id}`,
      title: asked > 0 ? `Waiting to hear back in ${program.name}` : `Find a mentor in ${program.name}`,
      detail:
        asked > 0
          ? `You’ve asked ${plural(asked, 'mentor')} so far. You can have up to ${program.maxOpenRequestsPerMentee} requests open at once.`
          : 'See mentors suggested for the skills you want to build, and send one a short, personal request.',
      href: findPath(program.id),
      action: asked > 0 ? 'See more mentors' : 'Find a mentor',
    });
  }

  for (const program of programs ?? []) {
    if (!program.enrollmentOpen || isEnrolled(program)) continue;
    steps.push({
      id: `enrol:${program.id}`,
      title: `Enrol in ${program.name}`,
      detail: `Enrolment is open until ${formatCalendarDate(program.enrollmentClosesOn)}. Join as a mentor to share what you know, or as a mentee to grow.`,
      href: profilePath(program.id),
      action: 'Enrol',
    });
  }

  return steps;
}
