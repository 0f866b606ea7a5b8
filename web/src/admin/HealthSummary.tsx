import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { AdminProgram } from './admin.api';
import { surface } from '../app/surface';

const useStyles = makeStyles({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 130px), 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: 0,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column-reverse',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalL,
    ...surface(),
  },
  label: { ...typographyStyles.body1, color: tokens.colorNeutralForeground3 },
  value: { ...typographyStyles.title2, margin: 0, color: tokens.colorNeutralForeground1 },
});

/** Headline totals across all programs. */
export function HealthSummary({ programs }: { programs: AdminProgram[] }) {
  const styles = useStyles();
  const sum = (pick: (p: AdminProgram) => number) => programs.reduce((n, p) => n + pick(p), 0);
  const tiles = [
    { label: 'Programs', value: programs.length },
    { label: 'Participants', value: sum((p) => p.counts.mentors + p.counts.mentees) },
    { label: 'Active pairs', value: sum((p) => p.counts.pairs.active) },
    { label: 'Pending requests', value: sum((p) => p.counts.pendingRequests) },
  ];
  return (
    <dl className={styles.tiles}>
      {tiles.map((tile) => (
        <div key={tile.label} className={styles.tile}>
          <dt className={styles.label}>{tile.label}</dt>
          <dd className={styles.value}>{tile.value.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}
