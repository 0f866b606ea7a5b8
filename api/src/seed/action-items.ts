import type { ActionItemsTable } from '../db/schema';
import { touch, type PairPlan, type SeedContext, type Story } from './model';
import type { HeldMeeting } from './meetings';
import { ACTION_ITEMS, fill } from './texts';
import { DAY, HOUR, MINUTE, iso, isoDay } from './time';

/** How reliably each kind of pair closes its action items. */
const FOLLOW_THROUGH: Record<Story, number> = {
  steady: 0.8,
  completed: 0.85,
  paused: 0.6,
  fresh: 0.8,
  lapsing: 0.35,
  'low-rated': 0.4,
  ended: 0.3,
};

/**
 * Follow-ups agreed in held meetings (and now and then between them). Items are closed
 * only while the pair is still active, so a lapsing pair's last promises stay overdue.
 */
export function buildActionItems(ctx: SeedContext, held: HeldMeeting[]): ActionItemsTable[] {
  const rng = ctx.rng('action-items');
  const rows: ActionItemsTable[] = [];
  const today = isoDay(ctx.now);
  for (const { pair, meetingId, endMs } of held) {
    if (!rng.chance(pair.story === 'steady' || pair.story === 'completed' ? 0.4 : 0.25)) continue;
    const count = rng.weighted([[1, 3], [2, 1]]);
    for (let k = 0; k < count; k++) {
      const ownerIsMentee = rng.chance(0.75);
      const owner = ownerIsMentee ? pair.mentee : pair.mentor;
      const createdBy = rng.chance(0.6) ? owner : ownerIsMentee ? pair.mentor : pair.mentee;
      const createdMs = Math.min(endMs + rng.between(5 * MINUTE, DAY), ctx.now - MINUTE);
      const dueMs = endMs + rng.between(7, 21) * DAY;
      const dueOn = isoDay(dueMs);
      const text = fill(rng.pick(ownerIsMentee ? ACTION_ITEMS.mentee : ACTION_ITEMS.mentor), {
        mentor: pair.mentor.person.firstName,
        mentee: pair.mentee.person.firstName,
        otherDept: otherDepartment(pair),
      });
      // Done somewhere between creation and a few days after the due date, if the pair was still going then.
      const plannedDoneMs = createdMs + rng.between(0.2, 1.1) * (dueMs - createdMs + 3 * DAY);
      const closes = dueOn < today ? rng.chance(FOLLOW_THROUGH[pair.story]) : rng.chance(0.3);
      const doneMs = closes && plannedDoneMs <= Math.min(pair.activeUntilMs, ctx.now - HOUR) ? plannedDoneMs : null;
      rows.push({
        id: ctx.ids.make(`action-item:${meetingId}:${k}`, createdMs),
        pairId: pair.id,
        // Some are jotted down in chat rather than in the meeting notes.
        meetingId: rng.chance(0.9) ? meetingId : null,
        text,
        ownerId: owner.person.id,
        dueOn,
        doneAt: doneMs === null ? null : iso(doneMs),
        createdBy: createdBy.person.id,
        createdAt: iso(createdMs),
        updatedAt: iso(doneMs ?? createdMs),
      });
      touch(pair, createdMs);
      if (doneMs !== null) touch(pair, doneMs);
    }
  }
  return rows;
}

function otherDepartment(pair: PairPlan): string {
  return pair.mentor.person.department !== pair.mentee.person.department ? pair.mentor.person.department : 'Product';
}
