/**
 * Starting points for a skill development plan. A pair picks one, edits anything it likes and
 * saves it as its own goal; `templateKey` only records where the goal came from.
 * Keys match the ones the demo organisation uses, so seeded goals point at real templates.
 */
export interface GoalTemplate {
  key: string;
  title: string;
  skill: string;
  actionSteps: string[];
  mentorRole: string;
  durationMonths: number;
}

export const GOAL_TEMPLATES: readonly GoalTemplate[] = [
  {
    key: 'public-speaking',
    title: 'Speak up with confidence',
    skill: 'Public speaking',
    actionSteps: [
      'Join a speaking club (Toastmasters or an internal one) and go to two meetings',
      'Give a short update at a team meeting',
      'Record a practice talk and watch it back with my mentor',
      'Present a topic at a department meeting or lunch-and-learn',
    ],
    mentorRole: 'Listens to practice runs, gives honest feedback, passes on tips that worked for them and points to talks and reading worth studying.',
    durationMonths: 3,
  },
  {
    key: 'project-management',
    title: 'Run a project from start to finish',
    skill: 'Project management',
    actionSteps: [
      'Finish an introductory project management course',
      'Offer to lead a small project with a clear end date',
      'Write a one-page plan with milestones, owners and risks',
      'Hold a check-in with stakeholders halfway through',
      'Close the project with a retrospective and share what I learned',
    ],
    mentorRole: 'Talks through projects they have led, reviews my plan and progress each month and suggests tools that make the work easier.',
    durationMonths: 6,
  },
  {
    key: 'networking',
    title: 'Build connections beyond my team',
    skill: 'Networking',
    actionSteps: [
      'Write a thirty-second introduction of myself and rehearse it',
      'Go to one industry event or internal community meetup',
      'Ask for two introductions to people in other parts of the company',
      'Follow up with each new contact within a week',
    ],
    mentorRole: 'Introduces me to people in their network and plays the other side in practice conversations before I reach out.',
    durationMonths: 2,
  },
  {
    key: 'stakeholder-management',
    title: 'Keep stakeholders informed and on board',
    skill: 'Stakeholder management',
    actionSteps: [
      'List the stakeholders of my main piece of work and what each one needs',
      'Send a short written update every two weeks',
      'Run a decision meeting with a pre-read sent in advance',
    ],
    mentorRole: 'Reads my updates before they go out and explains what senior people look for in them.',
    durationMonths: 3,
  },
  {
    key: 'giving-feedback',
    title: 'Give feedback that helps',
    skill: 'Giving feedback',
    actionSteps: [
      'Pick a simple feedback model and try it in a practice conversation',
      'Give one piece of appreciative and one of constructive feedback each week',
      'Ask two colleagues how my feedback comes across',
    ],
    mentorRole: 'Role-plays feedback conversations with me and tells me how my feedback lands.',
    durationMonths: 2,
  },
  {
    key: 'people-leadership',
    title: 'Prepare to lead a team',
    skill: 'People leadership',
    actionSteps: [
      'Mentor a new joiner or intern through their first months',
      'Run the team stand-up for a month',
      'Practise a difficult conversation in role-play',
      'Sit in on a hiring panel',
    ],
    mentorRole: 'Shares what their first year as a manager taught them and rehearses hard conversations with me.',
    durationMonths: 6,
  },
];

export function findGoalTemplate(key: string): GoalTemplate | undefined {
  return GOAL_TEMPLATES.find((t) => t.key === key);
}
