/**
 * The words people type into Tandem. Written for Contoso in our own voice; the ideas
 * (how to ask for a mentor, what to agree up front, what to talk about) follow the
 * customers' mentoring practice guide.
 */
import type { Rng } from './random';

export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => vars[key] ?? `{${key}}`);
}

/** What a mentee hopes to get out of working on a skill, finishing "I'd like to …". */
const HOPES: Record<string, string[]> = {
  'Public speaking': ['present to senior leaders without reading from my notes', 'stop dreading the all-hands demo slot'],
  'Project management': ['run a cross-team project from kickoff to launch', 'keep a project on track without working late every week'],
  Networking: ['get to know people outside my own team', 'build relationships with the people whose decisions affect my work'],
  'Stakeholder management': ['keep senior stakeholders informed without drowning them in detail', 'handle conflicting requests from different teams'],
  'Strategic thinking': ['connect my day-to-day work to where the company is heading', 'think beyond the next sprint or quarter'],
  'People leadership': ['prepare for my first people-manager role', 'lead a team through a difficult quarter'],
  'Giving feedback': ['give honest feedback that people can act on', 'have hard conversations earlier instead of avoiding them'],
  'Career planning': ['understand what the next level really expects', 'decide between the specialist and the manager track'],
  Negotiation: ['negotiate scope and deadlines with more confidence', 'hold my ground in commercial negotiations'],
  'Data storytelling': ['turn dashboards into a story that leads to a decision', 'make my analyses land with non-technical audiences'],
  'System design': ['lead design reviews for larger systems', 'reason about trade-offs at the architecture level'],
  'Executive presence': ['be heard in rooms with senior leaders', 'stay calm and concise when the stakes are high'],
  'Time management': ['protect time for deep work', 'say no to work that is not mine to do'],
};

export function hopeFor(skill: string, rng: Rng): string {
  const options = HOPES[skill];
  return options ? rng.pick(options) : `get noticeably better at ${skill.toLowerCase()}`;
}

export function menteeEnrollmentGoals(skills: string[], rng: Rng): string {
  const [first, second] = skills;
  const opening = `I'd like to ${hopeFor(first ?? 'Career planning', rng)}.`;
  if (!second) return opening;
  return `${opening} ${rng.pick(['I also want to work on', 'Alongside that:', 'A second focus is'])} ${second.toLowerCase()}.`;
}

const REQUEST_OPENINGS = [
  "Hi {mentor}, I'm {mentee} from {menteeDept}.",
  'Hello {mentor}! {mentee} here ({menteeTitle}, {office} office).',
  "Hi {mentor}, we haven't met yet: I'm {mentee} from the {office} office, working as {menteeTitle}.",
];

const REQUEST_REASONS = [
  'Several people told me you are the person to talk to about {skill}.',
  "Your lunch-and-learn on {skill} last quarter was the most practical session I've attended here.",
  'I liked how clearly you explained the {mentorDept} priorities at the last town hall.',
  "You moved from a role like mine into {mentorTitle}, which is the path I'm weighing up.",
  'Your profile lists {skill} and that is exactly where I am stuck.',
];

const REQUEST_ASKS = [
  'Over the next few months I would like to {hope}. Would you be open to meeting every couple of weeks?',
  'My aim is to {hope}. Could we try a short call every other week and see how it goes?',
  "I'm hoping to {hope}, and I'd really value your perspective. Happy to fit around your calendar.",
];

export function requestMessage(vars: Record<string, string>, rng: Rng): string {
  return [rng.pick(REQUEST_OPENINGS), rng.pick(REQUEST_REASONS), rng.pick(REQUEST_ASKS)].map((t) => fill(t, vars)).join(' ');
}

const DECLINE_REASONS = [
  "Thank you for asking, {mentee}! I'm already mentoring as many people as I can do justice to this quarter. Please try me again next cycle.",
  "I'm flattered, but I'm heading into a product launch and couldn't give you the time you deserve. Someone in {menteeDept} may be a closer fit for {skill}.",
  "Thanks for the kind message. I'm going on leave next month, so I can't commit to regular sessions right now.",
  "I think a mentor closer to your day-to-day work would help you more with {skill}. Happy to suggest a few names if useful.",
  'Really glad you reached out. My calendar is full until the end of the quarter; if you are still looking then, I would be happy to talk.',
];

export function declineReason(vars: Record<string, string>, rng: Rng): string {
  return fill(rng.pick(DECLINE_REASONS), vars);
}

export const FEEDBACK_STYLES = [
  'Direct and specific, please: tell me what to change as soon as you notice it.',
  'Start with what worked, then one or two things to improve.',
  'Written notes after our sessions, so I can reflect before we discuss them.',
  'Ask me questions first and let me work things out; step in if I get stuck.',
  'Honest over polished. Examples from your own career help me most.',
  'Quick comments in chat between sessions, deeper feedback when we meet.',
];

export const BOUNDARIES = [
  'What we discuss stays between us unless we both agree to share it.',
  "No messages after 6pm my time; I'll reply the next working day.",
  'Happy to talk about my team, but not about individual colleagues by name.',
  "If something comes up we reschedule rather than skip. Give notice the day before if possible.",
  'Career topics are fine; personal matters only if I bring them up.',
  'Keep sessions to the time booked; we can continue in chat.',
];

/** Some people skip the boundaries question; keep what they typed. */
export const EMPTY_BOUNDARIES = ['n/a', 'None for now.', '-', 'Nothing off limits.'];

export function agreementGoals(role: 'mentor' | 'mentee', vars: Record<string, string>, rng: Rng): string {
  const options =
    role === 'mentee'
      ? ['By the end of the program I want to {hope}.', 'Main goal: {hope}. Second: feel more confident about {skill}.', '{skill}: I want to {hope}.']
      : ['Help {mentee} {hope}.', 'Support {mentee} on {skill} and share what worked (and did not) for me.', 'Be a sounding board for {mentee} and help turn {skill} into concrete steps.'];
  return fill(rng.pick(options), vars);
}

interface Topic {
  key: string;
  agenda: string;
  notes: string[];
}

/** What pairs talk about; the notes are what one of them wrote up afterwards. */
export const TOPICS: Topic[] = [
  {
    key: 'culture',
    agenda: 'How decisions really get made here',
    notes: [
      'Talked through who to involve before a proposal reaches the leadership meeting, and why pre-reads matter more than slides.',
      'Compared how {mentorDept} and {menteeDept} make decisions. Agreed to sit in on one planning review as an observer.',
    ],
  },
  {
    key: 'promotion',
    agenda: 'Preparing for the promotion cycle',
    notes: [
      'Listed three achievements from this half with measurable results. {mentee} will draft a one-page summary before the review.',
      'Walked through the next-level expectations line by line and marked the two gaps to close first.',
    ],
  },
  {
    key: 'politics',
    agenda: 'Handling a disagreement with another team',
    notes: [
      'Role-played the conversation with the other team lead. Opening with the shared goal rather than the missed deadline felt much better.',
      'Mapped who cares about the outcome and why. Plan: one-to-one conversations before the group meeting.',
    ],
  },
  {
    key: 'setbacks',
    agenda: "Debrief: the proposal that wasn't approved",
    notes: [
      'The rejection was about timing and budget, not the idea. {mentee} will come back next quarter with a smaller pilot.',
      "{mentor} shared a project of theirs that was cancelled and what they'd do differently. Useful perspective.",
    ],
  },
  {
    key: 'speaking',
    agenda: 'Dry run of the all-hands slot',
    notes: [
      'Ran the talk twice. Cut it from twelve to eight minutes and opened with the customer story instead of the roadmap.',
      'Practised answering tough questions. Pausing before answering made a big difference.',
    ],
  },
  {
    key: 'networking',
    agenda: 'Who to meet in the next month',
    notes: [
      'Picked three people outside the team to meet. {mentor} will introduce two of them this week.',
      'Worked on a short introduction that explains what {mentee} does and what they are curious about.',
    ],
  },
  {
    key: 'goals',
    agenda: 'Review progress on the skill plan',
    notes: [
      'Reviewed the plan: one step done since last time, the next one is scheduled before our next session.',
      'Re-ordered the steps: the course can wait, the stretch project cannot.',
    ],
  },
  {
    key: 'balance',
    agenda: 'Workload and saying no',
    notes: [
      'Sorted the current commitments into keep, hand over and drop. {mentee} will raise the drop list with their manager.',
      'Talked about protecting focus time. Trying two no-meeting mornings a week.',
    ],
  },
  {
    key: 'career',
    agenda: 'Long-term direction: specialist or manager track?',
    notes: [
      'Listed what energises {mentee} and what drains them. Leaning towards the specialist track for now.',
      '{mentor} described their own switch into management and the parts nobody warned them about.',
    ],
  },
];

export const SERIES_AGENDAS = [
  'Regular mentoring check-in: wins since last time, one challenge, next steps.',
  'Mentoring session. Bring one topic; we review goals at the start of each month.',
  '1:1 mentoring. Agenda in the meeting notes beforehand, please.',
];

export const PRIVATE_NOTES = {
  mentor: [
    'More confident than last month. Push for a stretch assignment next time.',
    'Ask how the conversation with their manager went.',
    'Seemed tired. Check in on workload before goals next time.',
    'Could introduce them to the analytics guild.',
    'Remember to send the article on giving feedback.',
  ],
  mentee: [
    'Send the project plan draft before Thursday.',
    'Felt rushed today. Suggest 45 minutes instead of 30?',
    'Great tip on pre-wiring decisions; try it on the pricing proposal.',
    'Ask about how they prepared for their promotion panel.',
    'Note to self: write down wins every Friday.',
  ],
};

export const FEEDBACK_COMMENTS: Record<number, string[]> = {
  5: ['Really useful. I left with a clear next step.', 'Best session so far.', 'Great energy and very practical.'],
  4: ['Good session, a bit short on time.', 'Helpful. Would like more concrete examples next time.'],
  3: ['OK, we mostly caught up on news.', 'Useful in parts; we drifted off topic.'],
  2: ["We mostly chatted; I didn't get much out of it.", 'Felt rushed and unprepared on both sides.'],
  1: ['Started late and was cut short again.', "We're not on the same page about what these sessions are for."],
};

export const ACTION_ITEMS = {
  mentee: [
    'Draft a one-page plan for the stretch project and share it',
    'Sign up for the internal speakers club',
    'Send the slides to {mentor} for a review',
    'Book a coffee chat with someone in {otherDept}',
    'Write down three wins from this month',
    'Ask my manager for feedback on the last release',
    'Update the skill plan with a new target date',
    'Prepare two questions for the next session',
  ],
  mentor: [
    'Share the template I use for project kickoffs',
    'Introduce {mentee} to a colleague in {otherDept}',
    'Send the article on giving feedback',
    'Check whether {mentee} can shadow the next quarterly planning review',
  ],
};

export const INTRODUCTION_REASONS = [
  "I'd like to learn how {dept} plans their quarter before I propose changes to ours.",
  'They led a project very like the one I am starting and I would value ten minutes of their advice.',
  "I'm exploring a move towards {dept} and want to hear what the work is really like.",
  'Their team owns a system we depend on; building a relationship early would help.',
];

export const INTRODUCTION_NOTES = {
  made: ['Introduced you both in a Teams chat; they are expecting your message.', 'Done. They suggested a coffee next week.', 'Sent an email introduction; they are keen to help.'],
  declined: ["They're heads-down on the quarter close; let's try again next month.", "I don't know them well enough to introduce you, but I'll ask around."],
};

export const GOAL_UPDATE_NOTES = {
  step: ['Done: {step}.', 'Finished "{step}". Harder than expected but worth it.', 'Ticked off: {step}. Next step is booked.'],
  mentorCheer: ['Great progress. Keep the momentum!', 'Nice work. Let us talk about what you learned next session.', 'Well done, this is a real step up.'],
  milestone: ['Goal reached: {goal}!', 'Milestone: {goal} done. Thank you {mentor}!'],
  halfway: ['Halfway through {goal}.'],
  dropped: ["Parking this goal: priorities changed and it doesn't fit this quarter.", 'Dropping this one to focus on the others.'],
};

export const SURVEY_COMMENTS = {
  completed: [
    'I came in unsure about my next step and leave with a plan and the confidence to follow it.',
    'Having someone outside my reporting line to think out loud with was invaluable.',
    'Mentoring made me reflect on my own habits too. Would do it again.',
  ],
  ended: [
    'We struggled to find time that worked for both of us.',
    "We never really agreed on what the sessions were for.",
    'Good intentions, but the timing was wrong for both of us.',
  ],
  pulseGood: ['Going well, sessions are useful.', 'Helpful so far.'],
  pulseBad: ['We keep cancelling. Not sure it is working.', 'Sessions feel unfocused.'],
};

export const PROGRAM_DESCRIPTIONS = {
  growth:
    'Find a mentor from anywhere in Contoso to help you grow in the skills you choose. Browse mentor profiles, send a short request, and agree together how often you meet.',
  leaders:
    'A cohort program for new and aspiring people leaders. The L&D team matches each participant with an experienced leader outside their reporting line for monthly sessions.',
};
