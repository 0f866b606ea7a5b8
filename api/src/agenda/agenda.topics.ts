/**
 * Conversation starters for a check-in. The themes follow the mentorship practice guide
 * (culture, promotion, politics, setbacks, speaking, networking, following up on commitments);
 * the wording is our own. Keys are public contract: the tab and a meeting's `topics` use them.
 */
export interface AgendaTopic {
  key: string;
  title: string;
  prompts: string[];
}

export const REVIEW_ACTION_ITEMS = 'review-action-items';
export const GOAL_PROGRESS = 'goal-progress';

export const AGENDA_TOPICS: readonly AgendaTopic[] = [
  {
    key: 'understanding-company-culture',
    title: 'Understanding company culture',
    prompts: [
      'Which unwritten rule here took you longest to notice?',
      'Where do you feel at home at work, and where do you hold back?',
      'How do decisions really get made on your team?',
    ],
  },
  {
    key: 'pursuing-promotions',
    title: 'Pursuing promotions',
    prompts: [
      'Which recent results should the people who decide know about?',
      'What does the next level expect that you are not doing yet?',
      'How will you make your case at the next performance review?',
    ],
  },
  {
    key: 'navigating-office-politics',
    title: 'Navigating office politics',
    prompts: [
      'Is a working relationship getting harder? Walk through what happened.',
      'Who has a stake in your work, and what do they care about most?',
      'Rehearse how you would raise a disagreement calmly.',
    ],
  },
  {
    key: 'coping-with-setbacks',
    title: 'Coping with setbacks',
    prompts: [
      'What did not go the way you hoped since we last met?',
      'What would you change next time, and what was out of your hands?',
      'What helps you get going again after a "no"?',
    ],
  },
  {
    key: 'public-speaking',
    title: 'Public speaking',
    prompts: [
      'Which talk, demo or update is coming up next?',
      'Try the opening now: one thing to keep, one thing to change.',
      'Where could you speak to a slightly bigger audience next time?',
    ],
  },
  {
    key: 'networking',
    title: 'Networking',
    prompts: [
      'Who would be worth meeting this month, and why?',
      'Practise a thirty-second introduction of yourself.',
      'Is there an event or group worth going to together?',
    ],
  },
  {
    key: REVIEW_ACTION_ITEMS,
    title: 'Review action items',
    prompts: [
      'What got done since last time, and what got in the way?',
      'Which open items still matter? Close or re-date the rest.',
      'Before you finish, agree who does what by when.',
    ],
  },
  {
    key: GOAL_PROGRESS,
    title: 'Goal progress',
    prompts: [
      'Which step of the plan moved forward?',
      'Is each target date still realistic?',
      'Is there a milestone worth celebrating?',
    ],
  },
];
