import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { roleLine, scorePercent, formatScore } from './labels';
import type { MatchPerson } from './match-runs.api';

// Small pieces the matching tables share.

const useStyles = makeStyles({
  person: { display: 'flex', flexDirection: 'column', minWidth: 0, padding: `${tokens.spacingVerticalXS} 0` },
  muted: { color: tokens.colorNeutralForeground3 },
  score: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: '72px' },
  scoreLabel: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground1 },
  track: {
    position: 'relative',
    height: '6px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground6,
    overflow: 'hidden',
    '@media (forced-colors: active)': { border: '1px solid CanvasText' },
  },
  fill: {
    position: 'absolute',
    insetBlock: 0,
    left: 0,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorCompoundBrandBackground,
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Highlight' },
  },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
  more: {
    marginTop: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground2,
    '& > summary': {
      cursor: 'pointer',
      color: tokens.colorBrandForegroundLink,
      borderRadius: tokens.borderRadiusSmall,
      width: 'fit-content',
      ':hover': { textDecorationLine: 'underline' },
    },
  },
});

/** A person's name with their department and job title under it. */
export function PersonCell({ person }: { person: MatchPerson }) {
  const styles = useStyles();
  const line = roleLine(person);
  return (
    <div className={styles.person}>
      <Text weight="semibold">{person.displayName}</Text>
      {line && (
        <Text size={200} className={styles.muted}>
          {line}
        </Text>
      )}
    </div>
  );
}

/** A pair's score as a percentage with a meter. */
export function PairScore({ score, label }: { score: number; label: string }) {
  const styles = useStyles();
  const value = scorePercent(score);
  return (
    <div className={styles.score}>
      <Text size={200} weight="semibold" className={styles.scoreLabel} aria-hidden="true">
        {formatScore(score)}
      </Text>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={formatScore(score)}
        className={styles.track}
      >
        <div className={styles.fill} style={{ width: `${value}%` }} />
      </div>
    </div>
  );
}

/** Reasons, strongest first: the first `shown` in a list, the rest behind a disclosure. */
export function ReasonList({ reasons, shown = 2, label }: { reasons: string[]; shown?: number; label: string }) {
  const styles = useStyles();
  if (reasons.length === 0) return <Text className={styles.muted}>No particular reason given</Text>;
  const first = reasons.slice(0, shown);
  const rest = reasons.slice(shown);
  return (
    <div>
      <ul className={styles.reasons} aria-label={label}>
        {first.map((r) => (
          <li key={r}>
            <Text size={200}>{r}</Text>
          </li>
        ))}
      </ul>
      {rest.length > 0 && (
        <details className={styles.more}>
          <summary>
            <Text size={200}>{rest.length === 1 ? '1 more reason' : `${rest.length} more reasons`}</Text>
          </summary>
          <ul className={styles.reasons}>
            {rest.map((r) => (
              <li key={r}>
                <Text size={200}>{r}</Text>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
