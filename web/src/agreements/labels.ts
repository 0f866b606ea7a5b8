import type { Cadence } from '../api/types';
import { cadenceLabel } from '../programs/labels';
import type { AgreementAnswers, AgreementField, Channel } from './agreements.api';

export const channelLabel: Record<Channel, string> = {
  'teams-chat': 'Teams chat',
  email: 'Email',
  call: 'Calls',
  'in-person': 'In person',
};

export const cadences: Cadence[] = ['weekly', 'biweekly', 'monthly'];
export const channels: Channel[] = ['teams-chat', 'email', 'call', 'in-person'];

export const agreementFields: AgreementField[] = [
  'meetingFrequency',
  'communicationChannel',
  'goals',
  'feedbackStyle',
  'boundaries',
];

interface FieldText {
  /** The question, as a form label and a row heading. */
  label: string;
  /** The short name used in "You differ on …". */
  short: string;
  /** Why it matters, in a sentence. */
  help: string;
  maxLength?: number;
}

export const fieldText: Record<AgreementField, FieldText> = {
  meetingFrequency: {
    label: 'How often will you meet?',
    short: 'frequency',
    help: 'Pick a rhythm you can both keep up. A short check-in that really happens is worth more than a long one that keeps slipping.',
  },
  communicationChannel: {
    label: 'How will you keep in touch?',
    short: 'channel',
    help: 'Where you talk between meetings, and where to find each other when plans change.',
  },
  goals: {
    label: 'What does success look like?',
    short: 'success',
    help: 'What you hope will be different by the end — and how you will both be able to tell.',
    maxLength: 2000,
  },
  feedbackStyle: {
    label: 'How do you like feedback?',
    short: 'feedback style',
    help: 'Straight to the point or gently, written or face to face, in the moment or saved for your check-ins.',
    maxLength: 1000,
  },
  boundaries: {
    label: 'What are your boundaries?',
    short: 'boundaries',
    help: 'Topics you would rather leave out, times you can’t be reached, and what stays between the two of you.',
    maxLength: 2000,
  },
};

/** An answer as people read it. */
export function answerText(answers: AgreementAnswers, field: AgreementField): string {
  switch (field) {
    case 'meetingFrequency':
      return cadenceLabel[answers.meetingFrequency];
    case 'communicationChannel':
      return channelLabel[answers.communicationChannel];
    default:
      return answers[field];
  }
}
