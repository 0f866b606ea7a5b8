import { computeOccurrences, MAX_OCCURRENCES, normalizeLocalDateTime, resolveLocal, toLocal } from '../../api/src/meetings/recurrence';
import { suggestSlots, type SlotRequest } from '../../api/src/meetings/slots';

/*
 * Pure occurrence and suggestion maths. Every expectation is an exact UTC instant, so the file
 * proves the results don't depend on the server's own zone: it passes unchanged under
 *   TZ=UTC, TZ=Pacific/Auckland and TZ=America/New_York  npx jest tests/api/meeting-recurrence.test.ts
 */

const starts = (rule: Parameters<typeof computeOccurrences>[0]) => computeOccurrences(rule).map((o) => o.start);

describe('check-in occurrences', () => {
  it('a weekly 10:00 Europe/Berlin check-in stays at 10:00 local across the late-March DST change', () => {
    const occurrences = computeOccurrences({ startLocal: '2026-03-16T10:00:00', timeZone: 'Europe/Berlin', durationMinutes: 45, frequency: 'weekly', count: 4 });
    expect(occurrences).toEqual([
      { position: 0, start: '2026-03-16T09:00:00.000Z', end: '2026-03-16T09:45:00.000Z' },
      { position: 1, start: '2026-03-23T09:00:00.000Z', end: '2026-03-23T09:45:00.000Z' },
      { position: 2, start: '2026-03-30T08:00:00.000Z', end: '2026-03-30T08:45:00.000Z' },
      { position: 3, start: '2026-04-06T08:00:00.000Z', end: '2026-04-06T08:45:00.000Z' },
    ]);
    expect(occurrences.map((o) => toLocal(o.start, 'Europe/Berlin'))).toEqual([
      '2026-03-16T10:00:00', '2026-03-23T10:00:00', '2026-03-30T10:00:00', '2026-04-06T10:00:00',
    ]);
  });

  it('a biweekly 09:30 America/New_York check-in keeps its local time when clocks go back in November', () => {
    expect(starts({ startLocal: '2026-10-20T09:30:00', timeZone: 'America/New_York', durationMinutes: 30, frequency: 'biweekly', count: 3 })).toEqual([
      '2026-10-20T13:30:00.000Z',
      '2026-11-03T14:30:00.000Z',
      '2026-11-17T14:30:00.000Z',
    ]);
  });

  it('a check-in that spans the change itself lasts its real length', () => {
    // 00:30 + 3 h on the night Berlin springs forward ends at 04:30 local, 3 real hours later.
    const [only] = computeOccurrences({ startLocal: '2026-03-29T00:30:00', timeZone: 'Europe/Berlin', durationMinutes: 180, frequency: 'once' });
    expect(only).toEqual({ position: 0, start: '2026-03-28T23:30:00.000Z', end: '2026-03-29T02:30:00.000Z' });
    expect(toLocal(only!.end, 'Europe/Berlin')).toBe('2026-03-29T04:30:00');
  });

  it('monthly on the 31st falls on the last day of shorter months and returns to the 31st', () => {
    expect(
      computeOccurrences({ startLocal: '2026-01-31T16:00:00', timeZone: 'Europe/London', durationMinutes: 30, frequency: 'monthly', count: 5 }).map((o) =>
        toLocal(o.start, 'Europe/London'),
      ),
    ).toEqual(['2026-01-31T16:00:00', '2026-02-28T16:00:00', '2026-03-31T16:00:00', '2026-04-30T16:00:00', '2026-05-31T16:00:00']);
  });

  it('until is inclusive, in the series zone', () => {
    // Auckland is ahead of UTC: the 10 Feb 08:00 local occurrence is still 9 Feb in UTC, and counts.
    const rule = { startLocal: '2026-01-27T08:00:00', timeZone: 'Pacific/Auckland', durationMinutes: 30, frequency: 'weekly' as const };
    expect(starts({ ...rule, until: '2026-02-10' })).toEqual(['2026-01-26T19:00:00.000Z', '2026-02-02T19:00:00.000Z', '2026-02-09T19:00:00.000Z']);
    expect(starts({ ...rule, until: '2026-02-09' })).toHaveLength(2);
  });

  it('never more than 52 occurrences, whatever count or until ask for', () => {
    const rule = { startLocal: '2026-01-05T10:00:00', timeZone: 'UTC', durationMinutes: 30, frequency: 'weekly' as const };
    expect(computeOccurrences({ ...rule, until: '2030-01-01' })).toHaveLength(MAX_OCCURRENCES);
    expect(computeOccurrences({ ...rule, count: 500 })).toHaveLength(MAX_OCCURRENCES);
    expect(computeOccurrences({ ...rule, count: 52 }).at(-1)!.start).toBe('2026-12-28T10:00:00.000Z');
  });

  it('twelve occurrences when neither count nor until is given; one for a single check-in', () => {
    const rule = { startLocal: '2026-01-05T10:00:00', timeZone: 'UTC', durationMinutes: 30 };
    expect(computeOccurrences({ ...rule, frequency: 'monthly' })).toHaveLength(12);
    expect(computeOccurrences({ ...rule, frequency: 'once', count: 10 })).toHaveLength(1);
  });

  it('a local time the clocks skip is detected; one that happens twice is the first of the two', () => {
    expect(resolveLocal('2026-03-29T02:30:00', 'Europe/Berlin').exists).toBe(false);
    expect(resolveLocal('2026-03-08T02:00:00', 'America/New_York').exists).toBe(false);
    expect(resolveLocal('2026-03-29T03:00:00', 'Europe/Berlin').exists).toBe(true);
    const autumn = resolveLocal('2026-10-25T02:30:00', 'Europe/Berlin');
    expect(autumn.exists).toBe(true);
    expect(autumn.instant.toUTC().toISO()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('a later occurrence landing in a skipped hour moves forward by the gap, as calendar clients read it', () => {
    expect(starts({ startLocal: '2026-03-22T02:30:00', timeZone: 'Europe/Berlin', durationMinutes: 30, frequency: 'weekly', count: 2 })).toEqual([
      '2026-03-22T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
  });

  it('local date-times are normalised to seconds and must be real', () => {
    expect(normalizeLocalDateTime('2026-03-16T10:00')).toBe('2026-03-16T10:00:00');
    expect(normalizeLocalDateTime('2026-02-30T10:00:00')).toBeUndefined();
    expect(normalizeLocalDateTime('2026-03-16T10:00:00Z')).toBeUndefined();
  });
});

describe('meeting-time suggestions from working hours', () => {
  // Monday 2 March 2026 .. Friday 6 March 2026; "now" is early on the Monday.
  const base: SlotRequest = {
    members: [],
    busy: [],
    windowStart: '2026-03-02T00:00:00.000Z',
    windowEnd: '2026-03-07T00:00:00.000Z',
    now: '2026-03-02T00:00:00.000Z',
    durationMinutes: 60,
    dayZone: 'UTC',
  };
  const berlin = { timeZone: 'Europe/Berlin', workdayStart: '09:00', workdayEnd: '17:00' };
  const newYork = { timeZone: 'America/New_York', workdayStart: '09:00', workdayEnd: '17:00' };

  it('two zones six hours apart leave a two-hour overlap, and one slot per day comes first', () => {
    // Berlin 09–17 is 08–16 UTC, New York 09–17 is 14–22 UTC: the overlap is 14:00–16:00 UTC.
    const slots = suggestSlots({ ...base, members: [berlin, newYork] });
    expect(slots).toEqual(
      ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map((day) => ({ start: `${day}T14:00:00.000Z`, end: `${day}T15:00:00.000Z` })),
    );
  });

  it('within the overlap every half hour that fits is offered once days run out', () => {
    const slots = suggestSlots({ ...base, members: [berlin, newYork], windowEnd: '2026-03-03T00:00:00.000Z' });
    expect(slots.map((s) => s.start)).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-02T14:30:00.000Z', '2026-03-02T15:00:00.000Z']);
  });

  it("a member's booked check-in removes the slots it overlaps", () => {
    const slots = suggestSlots({
      ...base,
      members: [berlin, newYork],
      windowEnd: '2026-03-03T00:00:00.000Z',
      busy: [{ start: '2026-03-02T14:30:00.000Z', end: '2026-03-02T15:00:00.000Z' }],
    });
    expect(slots.map((s) => s.start)).toEqual(['2026-03-02T15:00:00.000Z']);
  });

  it('nothing in the past, nothing at weekends in either member\'s zone', () => {
    const slots = suggestSlots({
      ...base,
      members: [berlin, newYork],
      now: '2026-03-06T14:10:00.000Z',
      windowEnd: '2026-03-10T00:00:00.000Z',
    });
    // Friday 14:30 and 15:00 are left; Saturday and Sunday are skipped; Monday follows.
    expect(slots.map((s) => s.start)).toEqual([
      '2026-03-06T14:30:00.000Z',
      '2026-03-06T15:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-09T13:30:00.000Z',
      '2026-03-09T14:00:00.000Z',
    ]);
  });

  it('hours are read in each member\'s own zone, DST included', () => {
    // On 9 March New York is already on summer time (UTC−4) while Berlin is not: overlap 13:00–16:00 UTC.
    const slots = suggestSlots({ ...base, members: [berlin, newYork], windowStart: '2026-03-09T00:00:00.000Z', windowEnd: '2026-03-10T00:00:00.000Z', now: '2026-03-01T00:00:00.000Z', max: 10 });
    expect(slots.map((s) => s.start)).toEqual([
      '2026-03-09T13:00:00.000Z', '2026-03-09T13:30:00.000Z', '2026-03-09T14:00:00.000Z', '2026-03-09T14:30:00.000Z', '2026-03-09T15:00:00.000Z',
    ]);
  });

  it('no overlap at all gives no suggestions', () => {
    const tokyo = { timeZone: 'Asia/Tokyo', workdayStart: '09:00', workdayEnd: '17:00' };
    expect(suggestSlots({ ...base, members: [tokyo, newYork] })).toEqual([]);
  });
});
