import { Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { surface } from '../app/surface';
import { formatScore } from './labels';
import type { MatchRunSummary } from './match-runs.api';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 132px), 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column-reverse',
    justifyContent: 'flex-end',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    ...surface(tokens.borderRadiusMedium),
  },
  term: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  value: { ...typographyStyles.subtitle1, margin: 0, color: tokens.colorNeutralForeground1, fontVariantNumeric: 'tabular-nums' },
  note: { color: tokens.colorNeutralForeground2 },
});

const count = new Intl.NumberFormat();

/** The run's figures: the pool, how many were matched, and how good the pairs are. */
export function RunSummary({ summary }: { summary: MatchRunSummary }) {
  const styles = useStyles();
  const figures: { label: string; value: string }[] = [
    { label: 'Mentees in the pool', value: count.format(summary.mentees) },
    { label: 'Mentors with free places', value: count.format(summary.mentors) },
    { label: 'Free places', value: count.format(summary.places) },
    { label: 'Matched', value: count.format(summary.matched) },
    { label: 'Unmatched', value: count.format(summary.unmatched) },
    { label: 'Mean score', value: formatScore(summary.meanScore) },
    { label: 'Lowest score', value: formatScore(summary.minScore) },
  ];
  return (
    <div role="group" aria-label="Run summary" className={styles.root}>
      <dl className={styles.list}>
        {figures.map((f) => (
          // The value is shown above its label; in the DOM the label (dt) comes first, as a list requires.
          <div key={f.label} className={styles.tile}>
            <dt className={styles.term}>{f.label}</dt>
            <dd className={styles.value}>{f.value}</dd>
          </div>
        ))}
      </dl>
      {summary.candidatesPerMentee !== null && (
        <Text size={200} className={styles.note}>
          This pool is large, so each mentee was matched among their {summary.candidatesPerMentee} best-fitting eligible mentors.
        </Text>
      )}
    </div>
  );
}
