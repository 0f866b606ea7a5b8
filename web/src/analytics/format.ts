// Number formats for the dashboard, in the viewer's locale.

import { onFirstUse } from '../app/onFirstUse';

const whole = onFirstUse(() => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }));
const oneDecimal = onFirstUse(() => new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const twoDecimals = onFirstUse(() => new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const percentFormat = onFirstUse(() => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }));
const monthShort = onFirstUse(() => new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' }));
const monthLong = onFirstUse(() => new Intl.DateTimeFormat(undefined, { month: 'long', timeZone: 'UTC' }));
const monthLongYear = onFirstUse(() => new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }));

export const NO_DATA = '—';

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? NO_DATA : whole().format(value);
}

export function formatOneDecimal(value: number | null | undefined): string {
  return value === null || value === undefined ? NO_DATA : oneDecimal().format(value);
}

export function formatRating(value: number | null | undefined): string {
  return value === null || value === undefined ? NO_DATA : twoDecimals().format(value);
}

/** A 0–1 share as a percentage ("68%", "68.5%"). */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? NO_DATA : percentFormat().format(value);
}

/** A 0–1 share as percentage points for charts (0.685 → 68.5). */
export function toPercentPoints(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 10;
}

function monthDate(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
}

/** "2026-09" → "Sep 2026" (chart axes and table rows). */
export function formatMonth(month: string): string {
  return monthShort().format(monthDate(month));
}

/** "2026-09" → "September" in sentences, with the year when the months span two years. */
export function monthInSentence(month: string, withYear: boolean): string {
  return (withYear ? monthLongYear : monthLong)().format(monthDate(month));
}

const dayRange = onFirstUse(() => new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }));
const dayRangeYear = onFirstUse(() => new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }));

/** Two calendar days as a short range, "Aug 29 – 31" (with the year when asked). */
export function formatDayRange(from: string, to: string, withYear = false): string {
  const d = (day: string) => new Date(`${day}T00:00:00Z`);
  return (withYear ? dayRangeYear : dayRange)().formatRange(d(from), d(to));
}

const shortDate = onFirstUse(() => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }));
const shortDateYear = onFirstUse(() => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }));

/** An instant's local date, without the year when it is this year ("Nov 16", "Mar 11, 2025"). */
export function formatShortDate(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  return (date.getFullYear() === now.getFullYear() ? shortDate : shortDateYear)().format(date);
}
