import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { surface } from '../app/surface';
import { onFirstUse } from '../app/onFirstUse';
import { visuallyHidden } from '../app/visuallyHidden';
import type { AnalyticsReport } from './analytics.api';
import { formatCount, formatOneDecimal, formatPercent, formatRating } from './format';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 210px), 1fr))',
    '@media (max-width: 560px)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    '@media (max-width: 560px)': { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
    minWidth: 0,
    overflowWrap: 'anywhere',
    ...surface(),
  },
  label: { ...typographyStyles.body1, color: tokens.colorNeutralForeground2, margin: 0 },
  value: { ...typographyStyles.title2, color: tokens.colorNeutralForeground1, margin: 0, fontVariantNumeric: 'tabular-nums' },
  unit: { ...typographyStyles.body1, color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalXXS },
  change: { ...typographyStyles.caption1Strong, margin: 0, display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS },
  up: { color: tokens.colorPaletteGreenForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
  flat: { color: tokens.colorNeutralForeground2 },
  previous: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3, margin: 0 },
  hidden: visuallyHidden,
});

type Kind = 'count' | 'rate' | 'hours' | 'rating' | 'nps';

interface Kpi {
  key: string;
  label: string;
  kind: Kind;
  value: (r: AnalyticsReport) => number | null;
  unit?: string;
}

export const kpis: Kpi[] = [
  { key: 'mentees', label: 'Enrolled mentees', kind: 'count', value: (r) => r.participation.mentees },
  { key: 'matchRate', label: 'Match rate', kind: 'rate', value: (r) => r.participation.matchRate },
  { key: 'activePairs', label: 'Active pairs', kind: 'count', value: (r) => r.participation.pairs.active },
  { key: 'onCadenceRate', label: 'On-cadence rate', kind: 'rate', value: (r) => r.consistency.onCadenceRate },
  { key: 'mentoringHours', label: 'Mentoring hours', kind: 'hours', value: (r) => r.consistency.mentoringHours },
  { key: 'goalCompletion', label: 'Goal completion rate', kind: 'rate', value: (r) => r.outcomes.goals.completionRate },
  { key: 'averageRating', label: 'Average check-in rating', kind: 'rating', value: (r) => r.outcomes.ratings.average, unit: 'of 5' },
  { key: 'nps', label: 'NPS', kind: 'nps', value: (r) => r.outcomes.closingSurveys.nps },
];

export function formatKpi(value: number | null, kind: Kind): string {
  switch (kind) {
    case 'count':
      return formatCount(value);
    case 'rate':
      return formatPercent(value);
    case 'hours':
      return formatOneDecimal(value);
    case 'rating':
      return formatRating(value);
    case 'nps':
      return value === null ? formatCount(value) : `${value > 0 ? '+' : ''}${formatCount(value)}`;
  }
}

const pointsFormat = onFirstUse(() => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }));
const percentChange = onFirstUse(() => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }));

interface Change {
  direction: 'up' | 'down' | 'flat';
  /** What is shown next to the arrow, e.g. "12 (11%)", "4 pts", "0.12". */
  amount: string;
  /** The whole change in words for screen readers. */
  spoken: string;
}

export function describeChange(current: number | null, previous: number | null, kind: Kind): Change | null {
  if (current === null || previous === null) return null;
  let delta: number;
  let amount: string;
  let unit: string;
  if (kind === 'rate') {
    delta = Math.round((current - previous) * 1000) / 10;
    amount = `${pointsFormat().format(Math.abs(delta))} pts`;
    unit = ' percentage points';
  } else if (kind === 'rating') {
    delta = Math.round((current - previous) * 100) / 100;
    amount = formatRating(Math.abs(delta));
    unit = '';
  } else if (kind === 'hours') {
    delta = Math.round((current - previous) * 10) / 10;
    amount = formatOneDecimal(Math.abs(delta));
    unit = ' hours';
  } else {
    delta = current - previous;
    amount = formatCount(Math.abs(delta));
    unit = kind === 'nps' ? ' points' : '';
  }
  if (delta === 0) return { direction: 'flat', amount: 'No change', spoken: `No change from ${formatKpi(previous, kind)} in the previous period` };
  if (kind === 'count' || kind === 'hours') {
    if (previous > 0) amount += ` (${percentChange().format(Math.abs(delta) / previous)})`;
  }
  const direction = delta > 0 ? 'up' : 'down';
  const spokenAmount = kind === 'rate' ? pointsFormat().format(Math.abs(delta)) : amount.replace(/ pts$/, '');
  return {
    direction,
    amount,
    spoken: `${direction === 'up' ? 'Up' : 'Down'} ${spokenAmount}${unit} from ${formatKpi(previous, kind)} in the previous period`,
  };
}

interface Props {
  current: AnalyticsReport;
  /** The previous period's report; undefined while it loads or when it failed. */
  previous: AnalyticsReport | undefined;
  /** Why there is no comparison, when there is none ("loading", failed, suppressed). */
  previousNote?: string | undefined;
  previousLabel: string;
}

/** The headline figures, each with its change from the previous period of the same length. */
export function KpiCards({ current, previous, previousNote, previousLabel }: Props) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Key figures">
      {kpis.map((kpi) => {
        const value = kpi.value(current);
        const before = previous ? kpi.value(previous) : null;
        const change = previous ? describeChange(value, before, kpi.kind) : null;
        return (
          <li key={kpi.key} className={styles.card} data-kpi={kpi.key}>
            <p className={styles.label}>{kpi.label}</p>
            <p className={styles.value}>
              <span data-kpi-number>{formatKpi(value, kpi.kind)}</span>
              {kpi.unit && value !== null && <span className={styles.unit}>{kpi.unit}</span>}
            </p>
            {change ? (
              <>
                <p className={mergeClasses(styles.change, styles[change.direction])} data-change={change.direction}>
                  <span aria-hidden="true">
                    {change.direction === 'up' ? '▲' : change.direction === 'down' ? '▼' : '–'} {change.amount}
                  </span>
                  <span className={styles.hidden}>{change.spoken}</span>
                </p>
                <p className={styles.previous} aria-hidden="true">
                  {previousLabel}: {formatKpi(before, kpi.kind)}
                </p>
              </>
            ) : (
              <p className={styles.previous}>
                {previous ? (value === null ? 'No data in this period' : 'No data in the previous period') : (previousNote ?? '')}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
