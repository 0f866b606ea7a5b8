import type { Clock } from '../clock';
import { AppError } from '../errors/app-error';
import { isoDate, uuid, z } from '../http/zod';

/**
 * The filters every admin analytics endpoint takes (docs/metrics.md, "Filters"). A plain object
 * schema, so other endpoints can `.extend()` it; the checks across fields and the clock-dependent
 * defaults live in `resolvePeriod`, because zod can't see the injected clock.
 */
export const adminFiltersShape = {
  programId: uuid.optional().openapi({ description: 'omitted = all programs' }),
  from: isoDate.optional().openapi({ description: 'first day of the period (UTC, inclusive); default: 89 days before `to`' }),
  to: isoDate.optional().openapi({ description: 'last day of the period (UTC, inclusive); default: today' }),
  department: z
    .string()
    .trim()
    .min(1, 'Name a department, or leave the filter out')
    .max(200)
    .optional()
    .openapi({ description: "people in this `users.department`; pair metrics count pairs whose mentee is in it" }),
};

export const adminFiltersSchema = z.object(adminFiltersShape);

export type AdminFilters = z.infer<typeof adminFiltersSchema>;

export const DEFAULT_PERIOD_DAYS = 90;
export const MAX_PERIOD_YEARS = 3;

const DAY_MS = 86_400_000;

export interface Period {
  /** first day, `YYYY-MM-DD` */
  from: string;
  /** last day, `YYYY-MM-DD` (inclusive) */
  to: string;
  /** `from` 00:00Z as an ISO instant: the period is [start, end) */
  start: string;
  /** the day after `to`, 00:00Z */
  end: string;
  /** `end` capped at now, for everything measured "so far" */
  endSoFar: string;
  /** now, as an ISO instant */
  now: string;
  /** the period's last day capped at today (`YYYY-MM-DD`) */
  lastDaySoFar: string;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function dayStart(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** The same month and day `years` later (29 February → 1 March when the target year has none). */
function addYears(day: string, years: number): string {
  const d = new Date(dayStart(day));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/**
 * The period the filters ask for: `to` defaults to today (UTC, by the injected clock), `from` to
 * the 90 days ending on `to`. `to` before `from`, or a period longer than 3 years (`to` on or
 * after the same day 3 years after `from`), is a 400 naming `to`.
 */
export function resolvePeriod(filters: Pick<AdminFilters, 'from' | 'to'>, clock: Clock): Period {
  const now = clock.now().toISOString();
  const today = now.slice(0, 10);
  const to = filters.to ?? today;
  const from = filters.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (to < from) {
    throw AppError.validation(
      [{ field: 'to', message: `Must be on or after from (${from})${filters.to ? '' : '; without to the period ends today'}` }],
      'Check these query parameters: to.',
    );
  }
  if (to >= addYears(from, MAX_PERIOD_YEARS)) {
    throw AppError.validation(
      [{ field: 'to', message: `The period can be at most ${MAX_PERIOD_YEARS} years: end it before ${addYears(from, MAX_PERIOD_YEARS)}` }],
      'Check these query parameters: to.',
    );
  }
  const start = dayStart(from);
  const end = dayStart(addDays(to, 1));
  return {
    from,
    to,
    start,
    end,
    endSoFar: end < now ? end : now,
    now,
    lastDaySoFar: to < today ? to : today,
  };
}
