import type { AnalyticsReport, TrendMonth } from '../analytics.api';
import { formatCount, formatDayRange, formatMonth, formatPercent, formatRating, monthInSentence, toPercentPoints } from '../format';
import type { ChartSpec } from './chartSpec';

// The seven dashboard charts, built from one analytics answer. Every sentence is computed from the
// numbers the chart draws.

const sum = (values: readonly (number | null)[]) => values.reduce<number>((n, v) => n + (v ?? 0), 0);

function monthNames(trend: TrendMonth[]): (month: string) => string {
  const years = new Set(trend.map((t) => t.month.slice(0, 4)));
  return (month) => monthInSentence(month, years.size > 1);
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).toISOString().slice(0, 10);
}

/** The days of `month` inside the period (the API clips each month to the period and to today). */
function monthSpan(month: string, report: AnalyticsReport, today: string): { start: string; end: string; full: boolean } {
  const first = `${month}-01`;
  const last = lastDayOfMonth(month);
  const start = first > report.period.from ? first : report.period.from;
  const end = last < report.period.to ? last : report.period.to;
  return { start, end, full: start === first && end === last && last < today };
}

/**
 * Axis and table labels for the trend: whole months as "Sep 2026", a month the period cuts short
 * as its days ("Aug 29 – 31"), so a three-day stub isn't read as a slow month.
 */
function monthLabels(report: AnalyticsReport, today: string): string[] {
  const years = new Set(report.trend.map((t) => t.month.slice(0, 4)));
  return report.trend.map((t) => {
    const span = monthSpan(t.month, report, today);
    const whole = span.start === `${t.month}-01` && span.end === lastDayOfMonth(t.month);
    return whole ? formatMonth(t.month) : formatDayRange(span.start, span.end, years.size > 1);
  });
}

/** Months to compare counts that pile up over a month (check-ins held): whole months when there are two. */
function comparableMonths(report: AnalyticsReport, today: string): TrendMonth[] {
  const full = report.trend.filter((t) => monthSpan(t.month, report, today).full);
  return full.length >= 2 ? full : report.trend;
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** "rose from 70 in September to 85 in October" / "fell …" / "held at 70 from September to October". */
function movement(from: number, to: number, fromMonth: string, toMonth: string, format: (n: number) => string): string {
  if (from === to) return `held at ${format(from)} from ${fromMonth} to ${toMonth}`;
  return `${to > from ? 'rose' : 'fell'} from ${format(from)} in ${fromMonth} to ${format(to)} in ${toMonth}`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function participationTrend(report: AnalyticsReport, today = todayUtc()): ChartSpec {
  const { trend } = report;
  const name = monthNames(trend);
  const mentees = trend.map((t) => t.mentees);
  const active = trend.map((t) => t.activePairs);
  const fresh = trend.map((t) => t.newPairs);
  const first = trend[0];
  const last = trend.at(-1);
  let summary = '';
  if (first && last && first !== last) {
    summary =
      `Enrolled mentees ${movement(first.mentees, last.mentees, name(first.month), name(last.month), formatCount)}, ` +
      `and active pairs ${movement(first.activePairs, last.activePairs, name(first.month), name(last.month), formatCount)}; ` +
      `${formatCount(sum(fresh))} new ${sum(fresh) === 1 ? 'pair' : 'pairs'} started over the period.`;
  } else if (first) {
    summary = `In ${name(first.month)}: ${formatCount(first.mentees)} enrolled mentees, ${formatCount(first.activePairs)} active pairs and ${formatCount(first.newPairs)} new pairs.`;
  }
  return {
    id: 'participation-trend',
    title: 'Participation over time',
    kind: 'line',
    categoryLabel: 'Month',
    categories: monthLabels(report, today),
    series: [
      { key: 'mentees', label: 'Enrolled mentees', values: mentees, tone: 'brand' },
      { key: 'activePairs', label: 'Active pairs', values: active, tone: 'teal' },
      { key: 'newPairs', label: 'New pairs', values: fresh, tone: 'berry' },
    ],
    valueKind: 'count',
    axisLabel: 'People or pairs',
    summary,
    empty: trend.length === 0 || sum(mentees) + sum(active) + sum(fresh) === 0,
    emptyText: 'No one was enrolled or paired in this period.',
  };
}

export function meetingsPerMonth(report: AnalyticsReport, today = todayUtc()): ChartSpec {
  const { trend } = report;
  const name = monthNames(trend);
  const held = trend.map((t) => t.meetings.held);
  const missed = trend.map((t) => t.meetings.missed);
  const cancelled = trend.map((t) => t.meetings.cancelled);
  const planned = trend.map((t) => t.meetings.planned);
  // The rest of the planned check-ins: past ones neither member has confirmed yet (months stop at today).
  const unmarked = trend.map((t) => Math.max(0, t.meetings.planned - t.meetings.held - t.meetings.missed - t.meetings.cancelled));
  const compared = comparableMonths(report, today);
  const first = compared[0];
  const last = compared.at(-1);
  const totals = `${formatCount(sum(held))} of ${formatCount(sum(planned))} planned check-ins were held, ${formatCount(sum(missed))} missed and ${formatCount(sum(cancelled))} cancelled`;
  const summary =
    first && last && first !== last
      ? `Held check-ins ${movement(first.meetings.held, last.meetings.held, name(first.month), name(last.month), formatCount)}; over the period ${totals}.`
      : `${capitalise(totals)}.`;
  return {
    id: 'meetings-per-month',
    title: 'Check-ins per month',
    kind: 'stacked-bar',
    categoryLabel: 'Month',
    categories: monthLabels(report, today),
    series: [
      { key: 'held', label: 'Held', values: held, tone: 'brand' },
      { key: 'missed', label: 'Missed', values: missed, tone: 'danger' },
      { key: 'cancelled', label: 'Cancelled', values: cancelled, tone: 'marigold' },
      { key: 'unmarked', label: 'Not confirmed yet', values: unmarked, tone: 'neutral' },
    ],
    total: { label: 'Planned (total)', values: planned },
    valueKind: 'count',
    axisLabel: 'Check-ins',
    summary,
    empty: sum(planned) === 0,
    emptyText: 'No check-ins were planned in this period.',
  };
}

export function onCadenceTrend(report: AnalyticsReport, today = todayUtc()): ChartSpec {
  const { trend } = report;
  const name = monthNames(trend);
  const values = trend.map((t) => toPercentPoints(t.onCadenceRate));
  const known = comparableMonths(report, today).filter((t) => t.onCadenceRate !== null);
  const first = known[0];
  const last = known.at(-1);
  let summary = '';
  if (first && last && first !== last) {
    summary = `The share of active pairs meeting at their agreed rhythm ${movement(first.onCadenceRate!, last.onCadenceRate!, name(first.month), name(last.month), (n) => formatPercent(n))}.`;
  } else if (first) {
    summary = `${formatPercent(first.onCadenceRate)} of active pairs met at their agreed rhythm in ${name(first.month)}.`;
  }
  return {
    id: 'on-cadence-trend',
    title: 'Pairs meeting at their agreed rhythm',
    kind: 'line',
    categoryLabel: 'Month',
    categories: monthLabels(report, today),
    series: [{ key: 'onCadenceRate', label: 'On-cadence rate', values, tone: 'teal' }],
    valueKind: 'percent',
    axisLabel: 'Share of active pairs',
    summary,
    empty: values.every((v) => v === null),
    emptyText: 'No pair has been matched long enough to judge its rhythm in this period.',
  };
}

export function gapDistribution(report: AnalyticsReport): ChartSpec {
  const buckets = report.consistency.gapDistribution;
  const counts = buckets.map((b) => b.count);
  const total = sum(counts);
  const top = buckets.reduce<(typeof buckets)[number] | undefined>((best, b) => (!best || b.count > best.count ? b : best), undefined);
  const longIndex = buckets.findIndex((b) => b.bucket.startsWith('46'));
  const long = longIndex >= 0 ? sum(counts.slice(longIndex)) : 0;
  const summary =
    total === 0 || !top
      ? ''
      : `Most gaps between held check-ins were ${top.bucket} days (${formatCount(top.count)} of ${formatCount(total)})` +
        (longIndex >= 0 ? `; ${formatCount(long)} ${long === 1 ? 'was' : 'were'} longer than 45 days.` : '.');
  return {
    id: 'gap-distribution',
    title: 'Days between check-ins',
    kind: 'bar',
    categoryLabel: 'Days between check-ins',
    categories: buckets.map((b) => b.bucket),
    series: [{ key: 'gaps', label: 'Gaps', values: counts, tone: 'brand' }],
    valueKind: 'count',
    axisLabel: 'Gaps',
    categoryAxisLabel: 'Days between one held check-in and the next',
    summary,
    empty: total === 0,
    emptyText: 'No pair held two check-ins in a row in this period, so there are no gaps to show.',
  };
}

export function goalStatus(report: AnalyticsReport): ChartSpec {
  const { goals } = report.outcomes;
  const onSchedule = Math.max(0, goals.open - goals.overdue);
  const values = [goals.completed, onSchedule, goals.overdue];
  const summary =
    `${formatCount(goals.completed)} ${goals.completed === 1 ? 'goal was' : 'goals were'} completed in the period; ` +
    `of ${formatCount(goals.open)} open ${goals.open === 1 ? 'goal' : 'goals'} at its end, ${formatCount(goals.overdue)} ${goals.overdue === 1 ? 'is' : 'are'} past the target date.`;
  return {
    id: 'goal-status',
    title: 'Goal status',
    kind: 'doughnut',
    categoryLabel: 'Status',
    categories: ['Completed in the period', 'Open, on schedule', 'Open, overdue'],
    series: [{ key: 'goals', label: 'Goals', values, tone: 'brand' }],
    categoryTones: ['success', 'brand', 'danger'],
    valueKind: 'count',
    axisLabel: 'Goals',
    summary,
    empty: sum(values) === 0,
    emptyText: 'No goals were open or completed in this period.',
  };
}

export function ratingDistribution(report: AnalyticsReport): ChartSpec {
  const { ratings } = report.outcomes;
  const rows = [...ratings.distribution].sort((a, b) => a.rating - b.rating);
  const top = rows.reduce<(typeof rows)[number] | undefined>((best, r) => (!best || r.count > best.count ? r : best), undefined);
  const summary =
    ratings.count === 0 || !top
      ? ''
      : `${formatCount(ratings.count)} check-in ${ratings.count === 1 ? 'rating' : 'ratings'} averaged ${formatRating(ratings.average)} out of 5; the most common was ${top.rating} (${formatCount(top.count)}).`;
  return {
    id: 'rating-distribution',
    title: 'Check-in ratings',
    kind: 'bar',
    categoryLabel: 'Rating',
    categories: rows.map((r) => `${r.rating} of 5`),
    categoryAxisLabel: 'Rating',
    series: [{ key: 'ratings', label: 'Ratings', values: rows.map((r) => r.count), tone: 'lavender' }],
    valueKind: 'count',
    axisLabel: 'Ratings',
    summary,
    empty: ratings.count === 0,
    emptyText: 'No check-ins were rated in this period.',
  };
}

export function netPromoterScore(report: AnalyticsReport): ChartSpec {
  const s = report.outcomes.closingSurveys;
  const answered = s.promoters + s.passives + s.detractors;
  const summary =
    answered === 0
      ? ''
      : `NPS ${s.nps !== null && s.nps > 0 ? '+' : ''}${formatCount(s.nps)} from ${formatCount(answered)} closing ${answered === 1 ? 'survey' : 'surveys'}: ` +
        `${formatCount(s.promoters)} ${s.promoters === 1 ? 'promoter' : 'promoters'}, ${formatCount(s.passives)} ${s.passives === 1 ? 'passive' : 'passives'} and ${formatCount(s.detractors)} ${s.detractors === 1 ? 'detractor' : 'detractors'}.`;
  return {
    id: 'nps',
    title: 'Would recommend the program (NPS)',
    kind: 'bar',
    categoryLabel: 'Answer',
    categories: ['Promoters (9–10)', 'Passives (7–8)', 'Detractors (0–6)'],
    series: [{ key: 'people', label: 'People', values: [s.promoters, s.passives, s.detractors], tone: 'brand' }],
    categoryTones: ['success', 'neutral', 'danger'],
    valueKind: 'count',
    axisLabel: 'People',
    summary,
    empty: answered === 0,
    emptyText: 'No one answered the closing survey’s recommend question in this period.',
    headline: { label: 'Net Promoter Score', value: s.nps === null ? '—' : `${s.nps > 0 ? '+' : ''}${formatCount(s.nps)}` },
  };
}
