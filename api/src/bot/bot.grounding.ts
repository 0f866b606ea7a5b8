import type { Kysely } from 'kysely';
import { listPairActionItems } from '../action-items/action-items.service';
import { listAgendaTopics } from '../agenda/agenda.service';
import { GOAL_PROGRESS, REVIEW_ACTION_ITEMS } from '../agenda/agenda.topics';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { listPairGoals } from '../goals/goals.service';
import { listMyPairs } from '../pairs/pairs.service';
import type { CurrentUser } from '../users/users.service';
import { BOT_TEXTS } from './bot.texts';

export interface GroundingDeps {
  db: Kysely<Database>;
  clock: Clock;
}

/**
 * What the bot may know when it answers free text, with or without a language model: the
 * person's open pairs, each pair's goals (title, status, progress), open action items, and the
 * agenda topic library. Built only from fields picked here by name — never a check-in's notes, a
 * private note, a goal update's note or an agreement — so nothing private can reach a model.
 */
export interface Grounding {
  today: string;
  pairs: PairGrounding[];
  topics: { key: string; title: string; prompts: string[] }[];
}

export interface PairGrounding {
  pairId: string;
  partnerName: string;
  myRole: 'mentor' | 'mentee';
  programName: string;
  status: string;
  goals: { title: string; status: string; progress: number; lastProgressAt: string }[];
  openActionItems: { text: string; ownerName: string; mine: boolean; dueOn: string | null; overdue: boolean }[];
}

/** A goal that hasn't moved for this long is worth raising at the next check-in. */
export const STALE_GOAL_DAYS = 21;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function buildGrounding(deps: GroundingDeps, user: CurrentUser): Promise<Grounding> {
  const pairs = (await listMyPairs(deps, user)).filter((p) => p.status === 'active' || p.status === 'paused');
  const grounded = await Promise.all(
    pairs.map(async (pair): Promise<PairGrounding> => {
      const [goals, items] = await Promise.all([listPairGoals(deps, user, pair.id, false), listPairActionItems(deps, user, pair.id, 'open')]);
      return {
        pairId: pair.id,
        partnerName: pair.partner.displayName,
        myRole: pair.myRole,
        programName: pair.program.name,
        status: pair.status,
        goals: goals.map((g) => ({
          title: g.title,
          status: g.status,
          progress: g.progress,
          // Updates come newest first; only their time is taken, never their note.
          lastProgressAt: g.updates[0]?.createdAt ?? g.createdAt,
        })),
        openActionItems: items.map((i) => ({
          text: i.text,
          ownerName: i.owner.displayName,
          mine: i.owner.id === user.id,
          dueOn: i.dueOn,
          overdue: i.overdue,
        })),
      };
    }),
  );
  return {
    today: deps.clock.now().toISOString().slice(0, 10),
    pairs: grounded,
    topics: listAgendaTopics().filter((t) => t.key !== REVIEW_ACTION_ITEMS && t.key !== GOAL_PROGRESS),
  };
}

/** The grounding as the text the language model's prompt embeds. */
export function groundingText(grounding: Grounding): string {
  const lines = [`Today is ${grounding.today}.`];
  if (grounding.pairs.length === 0) lines.push('The person is not in an active mentoring pair.');
  for (const pair of grounding.pairs) {
    lines.push('', `Mentoring pair with ${pair.partnerName} in ${pair.programName} (the person is the ${pair.myRole}; the pair is ${pair.status}).`);
    lines.push('Goals:');
    if (pair.goals.length === 0) lines.push('- none yet');
    for (const goal of pair.goals) {
      lines.push(`- "${goal.title}": ${goal.status}, ${goal.progress}% done, last progress ${goal.lastProgressAt.slice(0, 10)}`);
    }
    lines.push('Open action items:');
    if (pair.openActionItems.length === 0) lines.push('- none');
    for (const item of pair.openActionItems) {
      const due = item.dueOn ? `, due ${item.dueOn}${item.overdue ? ' (overdue)' : ''}` : '';
      lines.push(`- "${item.text}" (owner: ${item.mine ? 'the person' : item.ownerName}${due})`);
    }
  }
  lines.push('', 'Conversation topics from the Tandem agenda library:');
  for (const topic of grounding.topics) lines.push(`- ${topic.title}: ${topic.prompts.join(' / ')}`);
  return lines.join('\n');
}

/**
 * Without a language model: an overdue action item, a goal that hasn't moved lately, and two
 * library topics that change day by day — deterministic, so the same day gives the same answer.
 */
export function suggestionsFrom(grounding: Grounding, now: Date): string[] {
  const texts = BOT_TEXTS.suggestions;
  if (grounding.pairs.length === 0) return [texts.noPairs];
  const lines: string[] = [];
  const overdue = grounding.pairs
    .flatMap((p) => p.openActionItems)
    .filter((i) => i.overdue)
    .sort((a, b) => Number(b.mine) - Number(a.mine) || (a.dueOn ?? '').localeCompare(b.dueOn ?? ''))[0];
  if (overdue) lines.push(texts.overdueAction(overdue.text, overdue.ownerName, overdue.dueOn ?? ''));
  const staleBefore = new Date(now.getTime() - STALE_GOAL_DAYS * DAY_MS).toISOString();
  const stale = grounding.pairs
    .flatMap((p) => p.goals)
    .filter((g) => (g.status === 'not-started' || g.status === 'in-progress') && g.lastProgressAt < staleBefore)
    .sort((a, b) => a.lastProgressAt.localeCompare(b.lastProgressAt))[0];
  if (stale) lines.push(texts.staleGoal(stale.title, stale.progress));
  const day = Math.floor(now.getTime() / DAY_MS);
  const topics = grounding.topics;
  if (topics.length > 0) {
    const picked = [...new Set([day % topics.length, (day + 1) % topics.length])].map((i) => topics[i]!);
    for (const topic of picked) lines.push(texts.topic(topic.title, topic.prompts[day % topic.prompts.length] ?? ''));
  }
  return lines;
}
