import type { GoalStatus, GoalStepsTable, GoalUpdatesTable, GoalsTable } from '../db/schema';
import { touch, type PairPlan, type SeedContext, type Story } from './model';
import type { Rng } from './random';
import { GOAL_UPDATE_NOTES, fill } from './texts';
import { DAY, HOUR, MINUTE, iso, isoDay } from './time';

interface GoalTemplate {
  /** null for goals a pair wrote from scratch */
  key: string | null;
  title: string;
  skill: string;
  months: number;
  mentorRole: string;
  steps: string[];
}

/** The skill-plan templates Tandem offers, plus a few goals pairs wrote themselves. */
const GOAL_TEMPLATES: GoalTemplate[] = [
  {
    key: 'public-speaking',
    title: 'Present with confidence',
    skill: 'Public speaking',
    months: 3,
    mentorRole: 'Watches practice runs, gives specific feedback and recommends talks worth studying.',
    steps: [
      'Join the internal speakers club and attend two sessions',
      'Give a five-minute update at a team meeting',
      'Record a practice run and review it together',
      'Present at a department all-hands or lunch-and-learn',
    ],
  },
  {
    key: 'project-management',
    title: 'Lead a project from kickoff to launch',
    skill: 'Project management',
    months: 6,
    mentorRole: 'Shares how they run projects, reviews the plan each month and suggests tools that help.',
    steps: [
      'Complete an introductory project management course',
      'Volunteer to lead a small cross-team project',
      'Write a one-page plan with milestones, owners and risks',
      'Run a mid-project check-in with stakeholders',
      'Hold a retrospective and share the lessons learned',
    ],
  },
  {
    key: 'networking',
    title: 'Grow my network beyond my team',
    skill: 'Networking',
    months: 2,
    mentorRole: 'Makes introductions and rehearses first conversations with me.',
    steps: [
      'Write and rehearse a thirty-second introduction',
      'Attend one industry meetup or internal community event',
      'Ask for two introductions to people in other departments',
      'Follow up with every new contact within a week',
    ],
  },
  {
    key: 'stakeholder-management',
    title: 'Keep senior stakeholders on side',
    skill: 'Stakeholder management',
    months: 3,
    mentorRole: 'Reviews my updates before they go out and explains what leaders look for.',
    steps: ['Map the stakeholders of my main project', 'Send a fortnightly written update', 'Run a decision meeting with a pre-read'],
  },
  {
    key: 'people-leadership',
    title: 'Get ready to lead a team',
    skill: 'People leadership',
    months: 6,
    mentorRole: 'Shares their own first year as a manager and role-plays difficult conversations.',
    steps: [
      'Take on mentoring an intern or new joiner',
      'Lead the team stand-up for a month',
      'Practise a performance conversation in role-play',
      'Shadow a hiring panel',
      'Agree a development plan with my manager',
    ],
  },
  {
    key: 'giving-feedback',
    title: 'Give feedback that lands',
    skill: 'Giving feedback',
    months: 2,
    mentorRole: 'Role-plays feedback conversations and gives feedback on my feedback.',
    steps: ['Learn a simple feedback model', 'Give one piece of positive and one of constructive feedback each week', 'Ask my team how my feedback lands'],
  },
  {
    key: 'strategic-thinking',
    title: 'Think beyond the next sprint',
    skill: 'Strategic thinking',
    months: 4,
    mentorRole: 'Challenges my assumptions and shares how strategy is set at Contoso.',
    steps: ['Read the company strategy and summarise it in a page', 'Write a one-year vision for my area', 'Present the vision to my manager'],
  },
  {
    key: 'data-storytelling',
    title: 'Tell stories with data',
    skill: 'Data storytelling',
    months: 3,
    mentorRole: 'Critiques my charts and narratives before I present them.',
    steps: ['Rebuild one existing dashboard around a single question', 'Write a one-page memo from an analysis', 'Present findings to a non-technical audience'],
  },
  {
    key: 'promotion-readiness',
    title: 'Build my case for promotion',
    skill: 'Career planning',
    months: 4,
    mentorRole: 'Explains how promotion decisions are made and reviews my case.',
    steps: ['Compare my work with the next-level expectations', 'Collect evidence of impact from the last two quarters', 'Ask two peers for feedback', 'Draft the promotion summary with my manager'],
  },
  {
    key: 'executive-presence',
    title: 'Be heard in senior meetings',
    skill: 'Executive presence',
    months: 3,
    mentorRole: 'Invites me to observe senior meetings and debriefs afterwards.',
    steps: ['Observe two leadership meetings', 'Prepare a three-point summary before each key meeting', 'Lead one agenda item in a senior forum'],
  },
  {
    key: null,
    title: 'Prepare for the cloud architecture certification',
    skill: 'Cloud infrastructure',
    months: 4,
    mentorRole: 'Shares study material and quizzes me on design trade-offs.',
    steps: ['Book the exam date', 'Finish the official learning path', 'Pass two practice exams', 'Sit the exam'],
  },
  {
    key: null,
    title: 'Negotiate my first renewal without escalating',
    skill: 'Negotiation',
    months: 3,
    mentorRole: 'Role-plays the customer and shares negotiation tactics.',
    steps: ['Prepare walk-away points for the renewal', 'Rehearse the call', 'Run the negotiation and debrief'],
  },
];

const LEADERSHIP_KEYS = ['people-leadership', 'giving-feedback', 'strategic-thinking', 'stakeholder-management', 'executive-presence'];

/** How fast a pair works through its steps, relative to the template's timeline. */
const PACE: Record<Story, [number, number]> = {
  steady: [0.55, 1.1],
  completed: [1.15, 1.5],
  paused: [0.5, 0.9],
  lapsing: [0.4, 0.7],
  'low-rated': [0.3, 0.6],
  ended: [0.3, 0.7],
  fresh: [0, 0],
};

export interface GoalData {
  goals: GoalsTable[];
  goalSteps: GoalStepsTable[];
  goalUpdates: GoalUpdatesTable[];
}

export function buildGoals(ctx: SeedContext, pairs: PairPlan[]): GoalData {
  const rng = ctx.rng('goals');
  const data: GoalData = { goals: [], goalSteps: [], goalUpdates: [] };
  for (const pair of pairs) {
    const count = pair.story === 'fresh' ? 1 : rng.weighted([[1, 30], [2, 45], [3, 25]]);
    let createdMs = pair.startedMs + rng.between(1, pair.story === 'fresh' ? 4 : 14) * DAY;
    for (const template of chooseTemplates(rng, pair, count)) {
      if (createdMs > pair.activeUntilMs - 2 * DAY && data.goals.some((g) => g.pairId === pair.id)) break;
      addGoal(ctx, rng, pair, template, Math.min(createdMs, pair.activeUntilMs - HOUR), data);
      // The next goal comes once this one is under way.
      createdMs += rng.between(30, 90) * DAY;
    }
  }
  return data;
}

function chooseTemplates(rng: Rng, pair: PairPlan, count: number): GoalTemplate[] {
  const wanted = GOAL_TEMPLATES.filter((t) => pair.mentee.wanted.includes(t.skill));
  const fitting = GOAL_TEMPLATES.filter((t) => (pair.program.key === 'leaders' ? LEADERSHIP_KEYS.includes(t.key ?? '') : t.key !== null));
  const custom = GOAL_TEMPLATES.filter((t) => t.key === null && pair.mentee.wanted.includes(t.skill));
  return [...new Set([...rng.shuffle(wanted), ...custom, ...rng.shuffle(fitting)])].slice(0, count);
}

function addGoal(ctx: SeedContext, rng: Rng, pair: PairPlan, template: GoalTemplate, createdMs: number, data: GoalData): void {
  const author = rng.chance(0.8) ? pair.mentee : pair.mentor;
  const goalId = ctx.ids.make(`goal:${pair.id}:${template.title}`, createdMs);
  const targetMs = Date.parse(`${isoDay(createdMs)}T00:00:00.000Z`) + Math.round(template.months * 30.4) * DAY;
  const [slow, fast] = PACE[pair.story];
  const pace = rng.between(slow, fast);
  const until = Math.min(pair.activeUntilMs, ctx.now - HOUR);
  const n = template.steps.length;

  // Step i is due at its share of the template's timeline, stretched by the pair's pace.
  const doneTimes: (number | null)[] = template.steps.map((_, i) => {
    if (pace === 0) return null;
    const at = createdMs + ((targetMs - createdMs) / pace) * ((i + 1 - rng.between(0, 0.4)) / n);
    return at <= until ? at : null;
  });
  const done = doneTimes.filter((t): t is number => t !== null);
  const lastDoneMs = done[done.length - 1] ?? null;

  let status: GoalStatus;
  let statusMs = lastDoneMs ?? createdMs;
  const dropChance = pair.story === 'ended' ? 0.4 : pair.story === 'low-rated' ? 0.3 : 0.04;
  if (done.length === n) status = 'done';
  else if (pair.story !== 'fresh' && rng.chance(dropChance)) {
    status = 'dropped';
    statusMs = Math.min(statusMs + rng.between(7, 40) * DAY, until);
  } else if (done.length > 0 || rng.chance(0.5)) status = 'in-progress';
  else status = 'not-started';
  const progress = Math.round((100 * done.length) / n);

  template.steps.forEach((text, i) => {
    const doneAt = doneTimes[i] ?? null;
    data.goalSteps.push({ id: ctx.ids.make(`goal-step:${goalId}:${i + 1}`, createdMs), goalId, position: i + 1, text, doneAt: doneAt === null ? null : iso(doneAt) });
  });

  const update = (authorId: string, kind: 'progress' | 'milestone', note: string, value: number | null, atMs: number) => {
    const at = Math.min(atMs, until);
    data.goalUpdates.push({ id: ctx.ids.make(`goal-update:${goalId}:${data.goalUpdates.length}`, at), goalId, authorId, kind, note, progress: value, createdAt: iso(at) });
    touch(pair, at);
  };
  const vars = { goal: template.title, mentor: pair.mentor.person.firstName };
  done.forEach((doneMs, i) => {
    touch(pair, doneMs);
    const value = Math.round((100 * (i + 1)) / n);
    if (rng.chance(0.7)) update(pair.mentee.person.id, 'progress', fill(rng.pick(GOAL_UPDATE_NOTES.step), { step: template.steps[i] ?? '' }), value, doneMs + rng.between(5 * MINUTE, 2 * HOUR));
    if (rng.chance(0.25)) update(pair.mentor.person.id, 'progress', rng.pick(GOAL_UPDATE_NOTES.mentorCheer), null, doneMs + rng.between(HOUR, 2 * DAY));
    if (n >= 4 && i + 1 === Math.floor(n / 2) && rng.chance(0.3)) update(pair.mentee.person.id, 'milestone', fill(rng.pick(GOAL_UPDATE_NOTES.halfway), vars), value, doneMs + 3 * HOUR);
  });
  if (status === 'done' && lastDoneMs !== null) update(pair.mentee.person.id, 'milestone', fill(rng.pick(GOAL_UPDATE_NOTES.milestone), vars), 100, lastDoneMs + 10 * MINUTE);
  if (status === 'dropped') update(pair.mentee.person.id, 'progress', rng.pick(GOAL_UPDATE_NOTES.dropped), progress, statusMs);

  data.goals.push({
    id: goalId,
    pairId: pair.id,
    title: template.title,
    skill: template.skill,
    mentorRole: template.mentorRole,
    targetDate: isoDay(targetMs),
    status,
    progress,
    progressManual: 0,
    templateKey: template.key,
    completedAt: status === 'done' && lastDoneMs !== null ? iso(lastDoneMs) : null,
    deletedAt: null,
    createdBy: author.person.id,
    createdAt: iso(createdMs),
    updatedAt: iso(Math.max(createdMs, statusMs)),
  });
}
