import type { IntroductionsTable } from '../db/schema';
import { touch, type PairPlan, type Person, type SeedContext } from './model';
import { INTRODUCTION_NOTES, INTRODUCTION_REASONS, fill } from './texts';
import { DAY, HOUR, iso } from './time';

/** Mentees asking their mentor to open doors elsewhere in the company. */
export function buildIntroductions(ctx: SeedContext, pairs: PairPlan[], people: Person[]): IntroductionsTable[] {
  const rng = ctx.rng('introductions');
  const rows: IntroductionsTable[] = [];
  for (const pair of pairs) {
    if (pair.story === 'fresh' || !rng.chance(pair.story === 'steady' || pair.story === 'completed' ? 0.4 : 0.2)) continue;
    const until = Math.min(pair.activeUntilMs, ctx.now - HOUR);
    const count = rng.weighted([[1, 3], [2, 1]]);
    for (let k = 0; k < count; k++) {
      // Some asks are recent and still waiting for the mentor to act.
      const recent = pair.status === 'active' && rng.chance(0.3);
      const createdMs = recent ? ctx.now - rng.between(1, 8) * DAY : pair.startedMs + rng.between(14 * DAY, Math.max(15 * DAY, until - pair.startedMs));
      if (createdMs > until || createdMs < pair.startedMs + DAY) break;
      const contact = rng.pick(
        people.filter((p) => p.id !== pair.mentor.person.id && p.id !== pair.mentee.person.id && p.department !== pair.mentee.person.department),
      );
      const waiting = recent && rng.chance(0.7);
      const respondedMs = waiting ? null : Math.min(createdMs + rng.between(0.5, 6) * DAY, until);
      const status = waiting ? 'requested' : rng.chance(0.85) ? 'made' : 'declined';
      rows.push({
        id: ctx.ids.make(`introduction:${pair.id}:${k}`, createdMs),
        pairId: pair.id,
        requestedBy: pair.mentee.person.id,
        contactName: contact.displayName,
        contactRole: `${contact.jobTitle}, ${contact.department}`,
        reason: fill(rng.pick(INTRODUCTION_REASONS), { dept: contact.department }),
        status,
        note: status === 'requested' ? null : rng.pick(INTRODUCTION_NOTES[status]),
        respondedAt: respondedMs === null ? null : iso(respondedMs),
        createdAt: iso(createdMs),
      });
      touch(pair, respondedMs ?? createdMs);
    }
  }
  return rows;
}
