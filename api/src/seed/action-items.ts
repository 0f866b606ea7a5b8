import { DateTime } from 'luxon';
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
  rows.push(...promisesFallingDue(ctx, held));
  return rows;
}

/**
 * Two steady pairs' latest check-ins each left one more promise: one due tomorrow and one that
 * slipped two days ago, both by the owner's own calendar (as the nudges read dates), so the demo
 * always has an action item about to fall due and one just overdue, whatever day it starts on.
 */
function promisesFallingDue(ctx: SeedContext, held: HeldMeeting[]): ActionItemsTable[] {
  const rng = ctx.rng('action-item-deadlines');
  const latest = new Map<PairPlan, HeldMeeting>();
  for (const meeting of held) {
    if (meeting.pair.story !== 'steady' || meeting.pair.status !== 'active') continue;
    const known = latest.get(meeting.pair);
    if (!known || meeting.endMs > known.endMs) latest.set(meeting.pair, meeting);
  }
  const recent = [...latest.values()].filter((m) => m.endMs >= ctx.now - 14 * DAY && m.endMs <= ctx.now - DAY);
  return rng.sample(recent, 2).map(({ pair, meetingId, endMs }, i) => {
    const owner = pair.mentee;
    const today = DateTime.fromMillis(ctx.now, { zone: owner.person.timeZone });
    const dueOn = (i === 0 ? today.plus({ days: 1 }) : today.minus({ days: 2 })).toISODate()!;
    const createdMs = Math.min(endMs + rng.between(5 * MINUTE, 6 * HOUR), ctx.now - MINUTE);
    touch(pair, createdMs);
    return {
      id: ctx.ids.make(`action-item:${meetingId}:falling-due`, createdMs),
      pairId: pair.id,
      meetingId,
      text: fill(rng.pick(ACTION_ITEMS.mentee), { mentor: pair.mentor.person.firstName, mentee: owner.person.firstName, otherDept: otherDepartment(pair) }),
      ownerId: owner.person.id,
      dueOn,
      doneAt: null,
      createdBy: owner.person.id,
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
    };
  });
}

function otherDepartment(pair: PairPlan): string {
  return pair.mentor.person.department !== pair.mentee.person.department ? pair.mentor.person.department : 'Product';
}
