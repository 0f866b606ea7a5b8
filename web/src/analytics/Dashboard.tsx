import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Skeleton,
  SkeletonItem,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { AdminProgram } from '../admin/admin.api';
import { useApi } from '../api/ApiContext';
import { useAnnounce } from '../app/LiveRegion';
import { formatCalendarRange } from '../app/format';
import { EmptyState, ErrorState } from '../app/states';
import { surface } from '../app/surface';
import { visuallyHidden } from '../app/visuallyHidden';
import type { AnalyticsReport, AtRiskPair } from './analytics.api';
import { AtRiskList } from './AtRiskList';
import { DashboardFilters } from './DashboardFilters';
import { ExportFailure, ExportMenu, useCsvExport } from './ExportMenu';
import { previousPeriod, rangePresets, useDashboardUrl } from './filters';
import { KpiCards } from './KpiCards';
import { ConsistencySection, OutcomesSection, ParticipationSection } from './MetricSections';
import { PairsTable, findPairPage } from './PairsTable';
import { useAdminPairs, useAnalytics, usePairsAtRisk } from './useAnalytics';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL, minWidth: 0 },
  top: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  filterBar: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    ...surface(),
  },
  scopeLine: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  scopeActions: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  scope: { ...typographyStyles.body1, color: tokens.colorNeutralForeground2, margin: 0, minWidth: 0, flex: '1 1 260px' },
  scopeStrong: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  jump: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0, padding: 0, listStyleType: 'none' },
  jumpLabel: { ...typographyStyles.caption1Strong, color: tokens.colorNeutralForeground3 },
  busy: { opacity: 0.6, transitionProperty: 'opacity', transitionDuration: tokens.durationNormal, '@media (prefers-reduced-motion: reduce)': { transitionDuration: '0s' } },
  kpiSkeleton: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 210px), 1fr))', gap: tokens.spacingHorizontalM },
  skeletonCard: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL, ...surface() },
  chartSkeletons: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 360px), 1fr))', gap: tokens.spacingHorizontalM },
  hidden: visuallyHidden,
  metrics: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL, minWidth: 0 },
});

const sections = [
  { id: 'key-figures', label: 'Key figures' },
  { id: 'participation', label: 'Participation' },
  { id: 'consistency', label: 'Meeting consistency' },
  { id: 'outcomes', label: 'Outcomes' },
  { id: 'attention', label: 'Pairs that need attention' },
  { id: 'pairs', label: 'Pairs' },
  { id: 'programs', label: 'Programs' },
  { id: 'skills', label: 'Skills and values' },
];

/** Moves to a part of the page without touching the URL (the query holds the filters). */
function jumpTo(event: MouseEvent<HTMLAnchorElement>, id: string) {
  event.preventDefault();
  const target = document.getElementById(id);
  if (!target) return;
  const heading = target.querySelector<HTMLElement>('h2') ?? target;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
}

function isEmptyReport(r: AnalyticsReport): boolean {
  const p = r.participation;
  return (
    p.mentors + p.mentees + p.pairs.active + p.pairs.paused + p.pairs.completed + p.pairs.endedEarly === 0 &&
    r.consistency.meetings.planned === 0 &&
    r.outcomes.goals.open + r.outcomes.goals.completed === 0
  );
}

function KpiSkeleton() {
  const styles = useStyles();
  return (
    <Skeleton aria-label="Loading key figures" className={styles.kpiSkeleton}>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className={styles.skeletonCard}>
          <SkeletonItem size={12} style={{ width: '60%' }} />
          <SkeletonItem size={28} style={{ width: '40%' }} />
          <SkeletonItem size={12} style={{ width: '50%' }} />
        </div>
      ))}
    </Skeleton>
  );
}

function ChartSkeletons() {
  const styles = useStyles();
  return (
    <Skeleton aria-label="Loading charts" className={styles.chartSkeletons}>
      {Array.from({ length: 2 }, (_, i) => (
        <div key={i} className={styles.skeletonCard}>
          <SkeletonItem size={16} style={{ width: '45%' }} />
          <SkeletonItem size={12} style={{ width: '80%' }} />
          <SkeletonItem shape="rectangle" style={{ height: '220px' }} />
        </div>
      ))}
    </Skeleton>
  );
}

/** The dashboard while its first render is on its way: key figures and charts loading. */
export function DashboardSkeleton() {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <KpiSkeleton />
      <ChartSkeletons />
    </div>
  );
}

/**
 * The L&D dashboard: filters (in the URL), key figures with their change from the previous
 * period, the charts by theme, the pairs that need attention and every pair's status.
 */
export function Dashboard({ programs }: { programs: AdminProgram[] | undefined }) {
  const styles = useStyles();
  const api = useApi();
  const announce = useAnnounce();
  const url = useDashboardUrl();
  const { state, filters } = url;

  const analytics = useAnalytics(filters);
  const previousDates = useMemo(() => previousPeriod(filters.from, filters.to), [filters.from, filters.to]);
  const previousFilters = useMemo(() => ({ ...filters, ...previousDates }), [filters, previousDates]);
  const previous = useAnalytics(previousFilters);
  // The department list comes from the program's people in the period, so it needs a call without the department filter.
  const allDepartments = useAnalytics({ ...filters, department: undefined }, { enabled: !!filters.department });
  const atRisk = usePairsAtRisk({ programId: filters.programId, department: filters.department });
  const pairs = useAdminPairs(url.pairsQuery);

  const report = analytics.data && !analytics.data.suppressed ? analytics.data : undefined;
  const previousReport = previous.data && !previous.data.suppressed ? previous.data : undefined;

  // Keep the department list once known, so it doesn't flicker while a new period loads.
  const [departments, setDepartments] = useState<string[]>([]);
  const source = filters.department ? allDepartments.data : analytics.data;
  useEffect(() => {
    if (!source || source.suppressed) return;
    setDepartments(source.participation.byDepartment.map((d) => d.department).filter((d) => d !== 'Unassigned'));
  }, [source]);

  const programName = state.programId ? (programs?.find((p) => p.id === state.programId)?.name ?? 'the chosen program') : 'all programs';
  const periodText = formatCalendarRange(filters.from, filters.to);
  const previousText = formatCalendarRange(previousDates.from, previousDates.to);
  const preset = rangePresets.find((p) => p.value === state.range);

  // Say when new numbers are in after a filter change (the first load is announced by the page).
  const settled = useRef<string | null>(null);
  useEffect(() => {
    if (analytics.loading || !analytics.data) return;
    const key = JSON.stringify(filters);
    if (settled.current !== null && settled.current !== key) {
      announce(
        analytics.data.suppressed
          ? 'Numbers hidden: fewer than 5 people match these filters.'
          : `Dashboard updated for ${programName}, ${periodText}${filters.department ? `, ${filters.department}` : ''}.`,
      );
    }
    settled.current = key;
  }, [analytics.loading, analytics.data]);

  // "Show in the pairs table" from the at-risk list: find the pair's page, then highlight its row.
  const [highlight, setHighlight] = useState<{ pairId: string; label: string; token: number } | null>(null);
  const [locateProblem, setLocateProblem] = useState<string | null>(null);
  const locating = useRef<AbortController | null>(null);
  const showPair = async (pair: AtRiskPair) => {
    locating.current?.abort();
    const controller = new AbortController();
    locating.current = controller;
    setLocateProblem(null);
    const names = `${pair.mentor.displayName} and ${pair.mentee.displayName}`;
    try {
      const page = await findPairPage(api, url.pairsQuery, pair, controller.signal);
      if (controller.signal.aborted) return;
      if (page === null) {
        const message = `${names} aren’t in the pairs table for ${periodText}: they were paired after the period ends. Choose a later end date to see them.`;
        setLocateProblem(message);
        announce(message);
        return;
      }
      // The table focuses the row and says where it is once that page is on screen.
      setHighlight((h) => ({ pairId: pair.pairId, label: names, token: (h?.token ?? 0) + 1 }));
      url.setTable({ status: null, sort: null, order: null, page: page > 1 ? String(page) : null });
    } catch (error) {
      if (controller.signal.aborted) return;
      const message = `Couldn’t find ${names} in the pairs table. ${error instanceof Error ? error.message : ''}`;
      setLocateProblem(message);
      announce(message);
    }
  };
  useEffect(() => () => locating.current?.abort(), []);

  const exporter = useCsvExport(filters);
  const stale = analytics.loading && !!analytics.data;

  return (
    <div className={styles.root}>
      <div className={styles.top}>
        <div className={styles.filterBar}>
          <DashboardFilters
            state={state}
            programs={programs}
            departments={departments}
            onChange={url.setFilters}
          />
          <div className={styles.scopeLine}>
            <p className={styles.scope} data-scope>
              Showing <span className={styles.scopeStrong}>{programName}</span>
              {filters.department ? (
                <>
                  {' '}
                  in <span className={styles.scopeStrong}>{filters.department}</span> (pairs counted by the mentee’s department)
                </>
              ) : null}
              , <span className={styles.scopeStrong}>{preset && state.range !== 'custom' ? `${preset.label.toLowerCase()} (${periodText})` : periodText}</span>.
              Changes compare with {previousText}.
            </p>
            <div className={styles.scopeActions}>
              {!url.isDefault && (
                <Button appearance="subtle" onClick={url.reset}>
                  Reset filters
                </Button>
              )}
              <ExportMenu exporter={exporter} />
            </div>
          </div>
          <ExportFailure exporter={exporter} />
        </div>
        <nav aria-label="On this page">
          <ul className={styles.jump}>
            <li className={styles.jumpLabel} aria-hidden="true">
              Jump to
            </li>
            {sections.map((s) => (
              <li key={s.id}>
                <Link href={`#${s.id}`} onClick={(e) => jumpTo(e, s.id)}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      <section id="key-figures" aria-labelledby="key-figures-heading" aria-busy={analytics.loading} className={styles.top}>
        <h2 id="key-figures-heading" className={styles.hidden}>
          Key figures
        </h2>
        {!analytics.data && analytics.loading && <KpiSkeleton />}
        {analytics.error && <ErrorState error={analytics.error} what="the dashboard’s numbers" onRetry={analytics.reload} />}
        {analytics.data?.suppressed && (
          <MessageBar intent="info" layout="multiline" data-suppressed>
            <MessageBarBody>
              <MessageBarTitle>Fewer than 5 people — numbers hidden to protect privacy</MessageBarTitle>
              {analytics.data.detail ??
                'So that no one can be singled out, Tandem shows no figures for a group this small. Choose a larger department or “All departments”.'}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => url.setFilters({ department: null })}>
                All departments
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {report && isEmptyReport(report) && (
          <EmptyState title="Nothing happened in this period">
            No one was enrolled, paired or met in {periodText} for {programName}. Try a longer period or another program
            {url.isDefault ? '.' : ', or reset the filters.'}
          </EmptyState>
        )}
        {report && !isEmptyReport(report) && (
          <div className={mergeClasses(stale && styles.busy)}>
            <KpiCards
              current={report}
              previous={previousReport}
              previousLabel="Previous period"
              previousNote={
                previous.loading
                  ? 'Comparing with the previous period…'
                  : previous.error
                    ? 'Couldn’t load the previous period to compare'
                    : previous.data?.suppressed
                      ? 'Previous period hidden: fewer than 5 people'
                      : undefined
              }
            />
          </div>
        )}
      </section>

      {!report && analytics.loading && <ChartSkeletons />}
      {report && !isEmptyReport(report) && (
        <div className={mergeClasses(styles.metrics, stale && styles.busy)} aria-busy={analytics.loading}>
          <ParticipationSection report={report} />
          <ConsistencySection report={report} />
          <OutcomesSection report={report} />
        </div>
      )}

      <div id="attention">
        <AtRiskList query={atRisk} onShowPair={(pair) => void showPair(pair)} />
      </div>

      <div id="pairs" className={styles.top}>
        {locateProblem && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{locateProblem}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => setLocateProblem(null)}>
                Dismiss
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <PairsTable
          query={pairs}
          request={url.pairsQuery}
          onChange={url.setTable}
          highlight={highlight}
        />
      </div>
    </div>
  );
}
