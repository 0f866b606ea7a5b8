import type { Cadence } from '../api/types';

const DAY = 86_400_000;

/** How recently a mentor was active, in broad strokes (exact times aren't anyone's business). */
export function activityLabel(lastActiveAt: string | null, now = Date.now()): string {
  if (!lastActiveAt) return 'Not active yet';
  const days = (now - new Date(lastActiveAt).getTime()) / DAY;
  if (days <= 7) return 'Active this week';
  if (days <= 31) return 'Active this month';
  return 'Last active over a month ago';
}

export const cadencePhrase: Record<Cadence, string> = {
  weekly: 'weekly',
  biweekly: 'every two weeks',
  monthly: 'monthly',
};

export function firstName(displayName: string): string {
  return displayName.split(' ')[0] ?? displayName;
}

interface StarterInput {
  mentorName: string;
  myName: string | undefined;
  myJobTitle: string | null | undefined;
  skill: string | undefined;
  cadence: Cadence;
}

/** An editable first draft that names the mentor; the [bracketed] parts are for the mentee to fill in. */
export function starterMessage({ mentorName, myName, myJobTitle, skill, cadence }: StarterInput): string {
  const me = myName ? firstName(myName) : '';
  const intro = me ? `I’m ${me}${myJobTitle ? `, ${myJobTitle}` : ''}` : 'I’m [your name and role]';
  return [
    `Hi ${firstName(mentorName)},`,
    '',
    `${intro}. I’d really value your guidance on ${skill ?? '[a skill you want to build]'} — [what in your experience made me think of you].`,
    '',
    'What I hope to gain: [one or two concrete things, e.g. feedback on my first project plan].',
    '',
    `I know your time is precious, so I’d suggest a short chat ${cadencePhrase[cadence]}, fitting around your calendar.`,
    '',
    'Thank you for considering it,',
    me || '[your name]',
  ].join('\n');
}
