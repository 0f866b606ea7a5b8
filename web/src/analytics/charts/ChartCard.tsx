import { Suspense, lazy, useId, useState } from 'react';
import { Button, Skeleton, SkeletonItem, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { surface } from '../../app/surface';
import type { ChartSpec } from './chartSpec';
import { DataTable } from './DataTable';

// chart.js and react-chartjs-2 load only when the first chart renders (their own chunk).
const ChartCanvas = lazy(() => import('./ChartCanvas'));

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    ...surface(),
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { ...typographyStyles.subtitle2, margin: 0, color: tokens.colorNeutralForeground1 },
  summary: { ...typographyStyles.body1, margin: 0, color: tokens.colorNeutralForeground2 },
  headline: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, margin: 0 },
  headlineValue: { ...typographyStyles.title1, color: tokens.colorNeutralForeground1 },
  headlineLabel: { color: tokens.colorNeutralForeground3 },
  empty: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    minHeight: '160px',
    padding: tokens.spacingHorizontalL,
    textAlign: 'center',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
  },
  placeholder: { height: '260px' },
  toggle: { alignSelf: 'flex-start', marginTop: 'auto' },
});

/** One chart: heading, a sentence that says what it shows, the chart, and its numbers as a table. */
export function ChartCard({ spec }: { spec: ChartSpec }) {
  const styles = useStyles();
  const headingId = useId();
  const viewId = useId();
  const [asTable, setAsTable] = useState(false);
  const label = `${spec.title}. ${spec.summary}`;
  return (
    <section aria-labelledby={headingId} className={styles.card} data-chart-card={spec.id} data-empty={spec.empty || undefined}>
      <div className={styles.head}>
        <h3 id={headingId} className={styles.title}>
          {spec.title}
        </h3>
      </div>
      {spec.headline && !spec.empty && (
        <p className={styles.headline}>
          <span className={styles.headlineValue} data-headline>
            {spec.headline.value}
          </span>
          <span className={styles.headlineLabel}>{spec.headline.label}</span>
        </p>
      )}
      {spec.empty ? (
        <div className={styles.empty}>
          <Text>{spec.emptyText}</Text>
        </div>
      ) : (
        <>
          <p className={styles.summary} data-summary>
            {spec.summary}
          </p>
          <div id={viewId}>
            {asTable ? (
              <DataTable spec={spec} />
            ) : (
              <Suspense
                fallback={
                  <Skeleton aria-label={`Loading the ${spec.title.toLowerCase()} chart`}>
                    <SkeletonItem shape="rectangle" className={styles.placeholder} />
                  </Skeleton>
                }
              >
                <ChartCanvas spec={spec} label={label} />
              </Suspense>
            )}
          </div>
          <Button
            className={styles.toggle}
            size="small"
            appearance="secondary"
            aria-controls={viewId}
            aria-label={`${asTable ? 'Show as chart' : 'Show as table'}: ${spec.title}`}
            onClick={() => setAsTable((t) => !t)}
          >
            {asTable ? 'Show as chart' : 'Show as table'}
          </Button>
        </>
      )}
    </section>
  );
}
