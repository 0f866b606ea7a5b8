import { useId, useMemo } from 'react';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, createFocusOutlineStyle, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { surface } from '../app/surface';
import type { AnalyticsReport, DepartmentRow } from './analytics.api';
import {
  gapDistribution,
  goalStatus,
  meetingsPerMonth,
  netPromoterScore,
  onCadenceTrend,
  participationTrend,
  ratingDistribution,
} from './charts/buildCharts';
import { ChartCard } from './charts/ChartCard';
import { formatCount, formatOneDecimal, formatPercent, formatRating } from './format';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  title: { ...typographyStyles.subtitle1, margin: 0, color: tokens.colorNeutralForeground1 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 360px), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'stretch',
  },
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 140px), 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    alignContent: 'start',
    margin: 0,
    padding: tokens.spacingHorizontalL,
    ...surface(),
  },
  wide: { gridColumn: '1 / -1' },
  stat: { display: 'flex', flexDirection: 'column-reverse', justifyContent: 'flex-end', minWidth: 0 },
  statLabel: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3 },
  statValue: { ...typographyStyles.subtitle2, margin: 0, color: tokens.colorNeutralForeground1, fontVariantNumeric: 'tabular-nums' },
  scroller: { overflowX: 'auto', maxWidth: '100%', ...surface(), ...createFocusOutlineStyle() },
  caption: {
    textAlign: 'start',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
    // Stays in view while the table scrolls sideways on narrow screens.
    position: 'sticky',
    left: 0,
    maxWidth: 'calc(100vw - 48px)',
    boxSizing: 'border-box',
  },
  departments: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  note: { ...typographyStyles.caption1, margin: 0, color: tokens.colorNeutralForeground2 },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  numHead: { '& > div': { justifyContent: 'flex-end', textAlign: 'end' } },
  departmentTable: { width: 'max(100%, 560px)' },
  suppressedCell: { color: tokens.colorNeutralForeground3 },
});

interface Stat {
  label: string;
  value: string;
}

function StatList({ stats, label, wide = false }: { stats: Stat[]; label: string; wide?: boolean }) {
  const styles = useStyles();
  return (
    <dl className={mergeClasses(styles.stats, wide && styles.wide)} aria-label={label}>
      {stats.map((s) => (
        <div key={s.label} className={styles.stat}>
          <dt className={styles.statLabel}>{s.label}</dt>
          <dd className={styles.statValue}>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function MetricSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  const styles = useStyles();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={styles.section} id={id}>
      <h2 id={headingId} className={styles.title}>
        {title}
      </h2>
      {children}
    </section>
  );
}

const days = (n: number | null) => (n === null ? '—' : `${formatOneDecimal(n)} days`);

function DepartmentTable({ rows }: { rows: DepartmentRow[] }) {
  const styles = useStyles();
  const captionId = useId();
  const suppressed = rows.filter((r) => r.suppressed).length;
  return (
    <div className={styles.departments}>
      {suppressed > 0 && (
        <p className={styles.note}>“&lt;5”: fewer than 5 people, so the numbers are hidden to protect their privacy.</p>
      )}
      <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
        <Table size="small" className={styles.departmentTable} data-department-table>
          <caption id={captionId} className={styles.caption}>
            Participation by department
          </caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Department</TableHeaderCell>
              <TableHeaderCell scope="col" className={styles.numHead}>
                Mentors
              </TableHeaderCell>
              <TableHeaderCell scope="col" className={styles.numHead}>
                Mentees
              </TableHeaderCell>
              <TableHeaderCell scope="col" className={styles.numHead}>
                Matched mentees
              </TableHeaderCell>
              <TableHeaderCell scope="col" className={styles.numHead}>
                Match rate
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.department}>
                <TableHeaderCell scope="row">{row.department}</TableHeaderCell>
                {row.suppressed ? (
                  [0, 1, 2, 3].map((i) => (
                    <TableCell key={i} className={`${styles.num} ${styles.suppressedCell}`}>
                      &lt;5
                    </TableCell>
                  ))
                ) : (
                  <>
                    <TableCell className={styles.num}>{formatCount(row.mentors)}</TableCell>
                    <TableCell className={styles.num}>{formatCount(row.mentees)}</TableCell>
                    <TableCell className={styles.num}>{formatCount(row.matchedMentees)}</TableCell>
                    <TableCell className={styles.num}>{formatPercent(row.matchRate)}</TableCell>
                  </>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

/** Who takes part: the trend, the participation figures and the department breakdown. */
export function ParticipationSection({ report }: { report: AnalyticsReport }) {
  const styles = useStyles();
  const p = report.participation;
  const spec = useMemo(() => participationTrend(report), [report]);
  const stats: Stat[] = [
    { label: 'Enrolled mentors', value: formatCount(p.mentors) },
    { label: 'Enrolled mentees', value: formatCount(p.mentees) },
    { label: 'Mentees per mentor', value: formatOneDecimal(p.menteesPerMentor) },
    { label: 'Matched mentees', value: formatCount(p.matchedMentees) },
    { label: 'Waiting for a match', value: formatCount(p.unmatchedMentees) },
    { label: 'Requests pending', value: formatCount(p.pendingRequests) },
    { label: 'Median time to match', value: days(p.medianDaysToMatch) },
    { label: 'Mentor capacity in use', value: formatPercent(p.mentorCapacityUtilisation) },
    { label: 'Pairs active', value: formatCount(p.pairs.active) },
    { label: 'Pairs paused', value: formatCount(p.pairs.paused) },
    { label: 'Pairs completed', value: formatCount(p.pairs.completed) },
    { label: 'Pairs ended early', value: formatCount(p.pairs.endedEarly) },
  ];
  return (
    <MetricSection id="participation" title="Participation">
      <div className={styles.grid}>
        <ChartCard spec={spec} />
        <StatList stats={stats} label="Participation figures" />
      </div>
      {p.byDepartment.length > 0 && <DepartmentTable rows={p.byDepartment} />}
    </MetricSection>
  );
}

/** Do pairs meet at the rhythm they agreed? */
export function ConsistencySection({ report }: { report: AnalyticsReport }) {
  const styles = useStyles();
  const c = report.consistency;
  const specs = useMemo(() => [meetingsPerMonth(report), onCadenceTrend(report), gapDistribution(report)], [report]);
  const stats: Stat[] = [
    { label: 'Check-ins planned', value: formatCount(c.meetings.planned) },
    { label: 'Held', value: formatCount(c.meetings.held) },
    { label: 'Missed', value: formatCount(c.meetings.missed) },
    { label: 'Cancelled', value: formatCount(c.meetings.cancelled) },
    { label: 'Past, not confirmed', value: formatCount(c.meetings.unconfirmed) },
    { label: 'Pairs on cadence', value: `${formatCount(c.onCadence.kept)} of ${formatCount(c.onCadence.eligible)}` },
    { label: 'No first check-in within 14 days', value: formatCount(c.noFirstMeeting) },
    { label: 'Mentoring hours', value: formatOneDecimal(c.mentoringHours) },
  ];
  return (
    <MetricSection id="consistency" title="Meeting consistency">
      <div className={styles.grid}>
        {specs.map((spec) => (
          <ChartCard key={spec.id} spec={spec} />
        ))}
        <StatList stats={stats} label="Meeting figures" wide />
      </div>
    </MetricSection>
  );
}

/** What comes out of it: goals, ratings, closing surveys and what people report. */
export function OutcomesSection({ report }: { report: AnalyticsReport }) {
  const styles = useStyles();
  const o = report.outcomes;
  const specs = useMemo(() => [goalStatus(report), ratingDistribution(report), netPromoterScore(report)], [report]);
  const stats: Stat[] = [
    { label: 'Goals set', value: formatCount(o.goals.set) },
    { label: 'Goal completion rate', value: formatPercent(o.goals.completionRate) },
    { label: 'Average goal progress', value: o.goals.averageProgress === null ? '—' : `${formatCount(o.goals.averageProgress)}%` },
    { label: 'Average check-in rating', value: o.ratings.average === null ? '—' : `${formatRating(o.ratings.average)} of 5` },
    { label: 'Closing surveys', value: formatCount(o.closingSurveys.responses) },
    { label: 'Satisfaction', value: o.closingSurveys.satisfaction === null ? '—' : `${formatOneDecimal(o.closingSurveys.satisfaction)} of 5` },
    { label: 'Gained skills', value: formatCount(o.reported.skillsGained) },
    { label: 'Made new contacts', value: formatCount(o.reported.newContacts) },
    { label: 'Promotion or new role', value: formatCount(o.reported.promotions) },
    { label: 'Introductions made', value: formatCount(o.introductionsMade) },
  ];
  return (
    <MetricSection id="outcomes" title="Outcomes">
      <div className={styles.grid}>
        {specs.map((spec) => (
          <ChartCard key={spec.id} spec={spec} />
        ))}
        <StatList stats={stats} label="Outcome figures" wide />
      </div>
    </MetricSection>
  );
}
