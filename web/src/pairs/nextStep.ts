import type { Agreement } from '../agreements/agreements.api';
import { fieldText } from '../agreements/labels';
import { plural } from '../app/format';
import { firstName } from './labels';
import { isClosed, isMemberView, type PairDetail } from './pairs.api';

export interface NextStep {
  text: string;
  /** The section that deals with it. */
  target: 'agreement' | 'goals' | 'status';
  linkText: string;
  /** Something for the viewer to do, something they're waiting on, or just how things stand. */
  kind: 'action' | 'waiting' | 'info';
}

/** The one thing most worth doing next on this pair, if any. */
export function nextStep(pair: PairDetail, agreement: Agreement | undefined): NextStep | null {
  if (!isMemberView(pair)) return null;
  const partner = firstName(pair.partner.displayName);
  if (isClosed(pair.status)) {
    return pair.survey.required && !pair.survey.submitted
      ? { text: 'Tell us how it went — the closing survey takes two minutes.', target: 'status', linkText: 'Go to the closing survey', kind: 'action' }
      : {
          text: `This pair is ${pair.status === 'completed' ? 'completed' : 'closed'}, so this page is now a read-only record of your mentoring.`,
          target: 'status',
          linkText: 'How it ended',
          kind: 'info',
        };
  }
  if (pair.status === 'paused') {
    return { text: 'Your pair is paused. Resume it when you’re both ready.', target: 'status', linkText: 'Resume the pair', kind: 'action' };
  }
  if (agreement) {
    if (!agreement.mine) {
      return {
        text: agreement.partner
          ? `${partner} has filled in the working agreement — add your answers.`
          : 'Fill in the working agreement, so you both know how you’ll work together.',
        target: 'agreement',
        linkText: 'Go to the agreement',
        kind: 'action',
      };
    }
    if (!agreement.partner) {
      return { text: `Waiting for ${partner} to fill in the working agreement.`, target: 'agreement', linkText: 'See your answers', kind: 'waiting' };
    }
    if (!agreement.agreed) {
      const key = agreement.mismatches.filter((f) => f === 'meetingFrequency' || f === 'communicationChannel');
      return {
        text: `Settle the working agreement: you differ on ${key.map((f) => fieldText[f].short).join(' and ')}.`,
        target: 'agreement',
        linkText: 'Compare answers',
        kind: 'action',
      };
    }
  } else if (pair.agreement.status !== 'agreed') {
    return { text: 'Finish the working agreement together.', target: 'agreement', linkText: 'Go to the agreement', kind: 'action' };
  }
  if (pair.goals.total === 0) {
    return { text: 'Add your first goal to the skill development plan.', target: 'goals', linkText: 'Go to goals', kind: 'action' };
  }
  if (pair.goals.overdue > 0) {
    return {
      text: `${plural(pair.goals.overdue, 'goal is', 'goals are')} past the target date — update the plan or move the date.`,
      target: 'goals',
      linkText: 'Go to goals',
      kind: 'action',
    };
  }
  return null;
}
