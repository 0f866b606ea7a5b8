import { Text, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: '96px' },
  label: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground1 },
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
});

/** How well a mentor fits, as a meter (0–100 %) with an accessible label. */
export function ScoreMeter({ score, name }: { score: number; name: string }) {
  const styles = useStyles();
  const percent = Math.round(Math.max(0, Math.min(1, score)) * 100);
  return (
    <div className={styles.root}>
      <Text size={200} weight="semibold" className={styles.label} aria-hidden="true">
        {percent}% match
      </Text>
      <div
        role="meter"
        aria-label={`How well ${name} matches what you’re looking for`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% match`}
        className={styles.track}
      >
        <div className={styles.fill} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
