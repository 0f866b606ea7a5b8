import type { Cadence } from '../db/schema';

/**
 * Meeting rhythm rules shared by the dashboard's metrics, the at-risk list and the pairs table,
 * exactly as docs/metrics.md defines them. Pure: instants in, verdicts out.
 */

const DAY_MS = 86_400_000;

/** Days between check-ins a cadence promises. */
export const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, biweekly: 14, monthly: 30 };

/** A gap up to this multiple of the cadence still counts as keeping to it (monthly: 37.5 days). */
export const ON_CADENCE_TOLERANCE = 1.25;
/** A pair has this long after matching to hold its first check-in before it counts against them. */
export const FIRST_MEETING_GRACE_DAYS = 14;
/** No held check-in for longer than this multiple of the cadence is "lack of time". */
export const AT_RISK_GAP_FACTOR = 1.5;

export function daysBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / DAY_MS;
}

export interface RhythmInput {
  cadence: Cadence;
  startedAt: string;
  /** starts of the pair's held check-ins, any order */
  heldStarts: string[];
  /** evaluation window [from, to) as UTC instants; `to` should already be capped at now */
  from: string;
  to: string;
}

/**
 * Whether a pair kept to its cadence over a window, or null when it can't be judged (matched
 * less than the first-meeting grace before the window's end). The gaps measured are: the last
 * held check-in before the window (or the window's start, if there is none) → the first held
 * check-in in the window, between consecutive held check-ins, and the last one → the window's
 * end. Each must be ≤ 1.25 × the cadence — except that with no check-in before the window, the
 * first one in it is on time as long as it comes within the first-meeting grace (14 days, or
 * the cadence allowance if longer) of the match, however close to the window's start that was.
 */
export function keptCadence(input: RhythmInput): boolean | null {
  const held = input.heldStarts.map((s) => Date.parse(s));
  held.sort((a, b) => a - b);
  return keptCadenceMs(input.cadence, Date.parse(input.startedAt), held, Date.parse(input.from), Date.parse(input.to));
}

/** `keptCadence` on epoch milliseconds, `heldStarts` sorted ascending: for callers judging many windows. */
export function keptCadenceMs(cadence: Cadence, startedAt: number, heldStarts: readonly number[], from: number, to: number): boolean | null {
  if (to - startedAt < FIRST_MEETING_GRACE_DAYS * DAY_MS) return null;
  const allowed = CADENCE_DAYS[cadence] * ON_CADENCE_TOLERANCE * DAY_MS;
  const windowStart = Math.max(startedAt, from);
  let previous = windowStart;
  let k = 0;
  for (; k < heldStarts.length && heldStarts[k]! < windowStart; k++) previous = heldStarts[k]!;
  // With nothing held before the window, the first check-in is due by the later of the
  // allowance from the window's start and the first-meeting grace from the match.
  let limit = k === 0 ? Math.max(allowed, startedAt + Math.max(allowed, FIRST_MEETING_GRACE_DAYS * DAY_MS) - windowStart) : allowed;
  for (; k <= heldStarts.length; k++) {
    const next = k < heldStarts.length && heldStarts[k]! < to ? heldStarts[k]! : to;
    if (next - previous > limit) return false;
    if (next === to) return true;
    previous = next;
    limit = allowed;
  }
  return true;
}

/** Gap-distribution buckets (days, inclusive upper bounds; the last is open). */
export const GAP_BUCKETS = [
  { label: '0–7', max: 7 },
  { label: '8–14', max: 14 },
  { label: '15–21', max: 21 },
  { label: '22–31', max: 31 },
  { label: '32–45', max: 45 },
  { label: '46–60', max: 60 },
  { label: '61+', max: Infinity },
] as const;

/** The bucket of a gap in days, rounded to whole days first (a 7.4-day gap is "0–7"). */
export function gapBucket(days: number): (typeof GAP_BUCKETS)[number]['label'] {
  const whole = Math.round(days);
  return GAP_BUCKETS.find((b) => whole <= b.max)!.label;
}
