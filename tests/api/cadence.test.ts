import { keptCadence } from '../../api/src/analytics/cadence';

/* The on-cadence rule of docs/metrics.md at its edges (pure: no database needed). */

const day = (n: number) => new Date(Date.parse('2026-09-01T00:00:00.000Z') + n * 86_400_000).toISOString();

describe('keeping to the agreed cadence', () => {
  it('a monthly pair meeting every 5 weeks keeps it (35 ≤ 37.5 days); every 6 weeks does not', () => {
    const fiveWeekly = [0, 35, 70].map(day);
    expect(keptCadence({ cadence: 'monthly', startedAt: day(-10), heldStarts: fiveWeekly, from: day(0), to: day(90) })).toBe(true);
    const sixWeekly = [0, 42, 84].map(day);
    expect(keptCadence({ cadence: 'monthly', startedAt: day(-10), heldStarts: sixWeekly, from: day(0), to: day(90) })).toBe(false);
  });

  it('can’t be judged for a pair matched less than 14 days before the window ends', () => {
    expect(keptCadence({ cadence: 'weekly', startedAt: day(80), heldStarts: [], from: day(0), to: day(90) })).toBeNull();
  });

  it('gives a pair matched the day before the window its 14-day grace for the first check-in', () => {
    // Weekly (8.75 days allowed), matched on day −1, first check-in on day 11 (12 days after matching).
    const held = [11, 18, 25].map(day);
    expect(keptCadence({ cadence: 'weekly', startedAt: day(-1), heldStarts: held, from: day(0), to: day(30) })).toBe(true);
    // The same pair judged over a window starting on the match: the same answer.
    expect(keptCadence({ cadence: 'weekly', startedAt: day(-1), heldStarts: held, from: day(-1), to: day(30) })).toBe(true);
    // A first check-in 16 days after matching is late either way.
    expect(keptCadence({ cadence: 'weekly', startedAt: day(-1), heldStarts: [15, 22].map(day), from: day(0), to: day(28) })).toBe(false);
  });

  it('counts the gap from the last check-in before the window, and the silence up to its end', () => {
    expect(keptCadence({ cadence: 'biweekly', startedAt: day(-100), heldStarts: [day(-20), day(5)], from: day(0), to: day(10) })).toBe(false); // 25 > 17.5
    expect(keptCadence({ cadence: 'biweekly', startedAt: day(-100), heldStarts: [day(-10), day(5)], from: day(0), to: day(30) })).toBe(false); // 25 days of silence at the end
    expect(keptCadence({ cadence: 'biweekly', startedAt: day(-100), heldStarts: [day(-10), day(5), day(20)], from: day(0), to: day(30) })).toBe(true);
  });
});
