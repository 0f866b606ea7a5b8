import { useEffect, useId, useRef } from 'react';
import {
  Badge,
  Button,
  Field,
  Label,
  Select,
  Skeleton,
  SkeletonItem,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  createFocusOutlineStyle,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { ApiClient } from '../api/client';
import type { PairStatus } from '../api/types';
import type { QueryState } from '../api/useApiQuery';
import { useAnnounce } from '../app/LiveRegion';
import { Section } from '../app/Section';
import { EmptyState, ErrorState } from '../app/states';
import { surface } from '../app/surface';
import { visuallyHidden } from '../app/visuallyHidden';
import { listAdminPairs, type AdminPair, type AdminPairsPage, type AdminPairsQuery, type PairSort, type SortOrder } from './analytics.api';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, pairStatuses, type QueryChanges } from './filters';
import { formatCount, formatShortDate } from './format';
import { riskName, riskShortLabel, sortLabel, statusBadge } from './labels';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  filter: { minWidth: '180px', '@media (max-width: 480px)': { minWidth: 0, width: '100%' } },
  scroller: { overflowX: 'auto', maxWidth: '100%', ...surface(), ...createFocusOutlineStyle() },
  // Fixed layout: content widths plus 16 px of cell padding each come to 1160 px, which fits the
  // widest page; narrower screens scroll the table inside its own box.
  table: { width: 'max(100%, 1160px)' },
  colStatus: { width: '84px' },
  colDate: { width: '72px' },
  colLast: { width: '84px' },
  colNext: { width: '76px' },
  colNarrow: { width: '40px' },
  colMissed: { width: '48px' },
  colCadence: { width: '96px' },
  colGoals: { width: '48px' },
  colItems: { width: '84px' },
  colFlags: { width: '172px' },
  stale: { opacity: 0.6 },
  caption: {
    textAlign: 'start',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
    position: 'sticky',
    left: 0,
    maxWidth: 'calc(100vw - 48px)',
    boxSizing: 'border-box',
  },
  pairCol: { width: '180px' },
  names: { display: 'flex', flexDirection: 'column', padding: `${tokens.spacingVerticalS} 0`, minWidth: 0 },
  muted: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3 },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  numHead: { '& > div, & > button': { justifyContent: 'flex-end', textAlign: 'end' } },
  row: {
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  highlight: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
    '@media (forced-colors: active)': { outline: '2px solid Highlight', outlineOffset: '-2px' },
  },
  flags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXS, padding: `${tokens.spacingVerticalXS} 0` },
  badge: { whiteSpace: 'nowrap' },
  pager: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  pagerButtons: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  pageSize: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, whiteSpace: 'nowrap' },
  pageSizeSelect: { width: '84px' },
  skeletonRow: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL, ...surface() },
  hidden: visuallyHidden,
});

/** The id of a pair's row, for links from the at-risk list. */
export function pairRowId(pairId: string): string {
  return `pair-row-${pairId}`;
}

/** The order a column sorts in first: the pairs that need a look come first. */
const firstOrder: Record<PairSort, SortOrder> = { status: 'asc', lastMeeting: 'asc', onCadence: 'asc', startedAt: 'desc' };

const statusFilterLabel: Record<PairStatus, string> = { active: 'Active', paused: 'Paused', completed: 'Completed', ended: 'Ended early' };

function onCadenceText(pair: AdminPair): string {
  if (pair.onCadence === true) return 'Yes';
  if (pair.onCadence === false) return 'No';
  return pair.status === 'active' ? 'Too early to tell' : '—';
}

interface Props {
  query: QueryState<AdminPairsPage>;
  request: AdminPairsQuery;
  onChange: (changes: QueryChanges) => void;
  /** A pair to highlight and focus once its row is on screen (from the at-risk list); `token` changes per request. */
  highlight: { pairId: string; label: string; token: number } | null;
}

/** Every pair in scope, a page at a time: sortable, filterable by status; counts and dates only. */
export function PairsTable({ query, request, onChange, highlight }: Props) {
  const styles = useStyles();
  const captionId = useId();
  const pageSizeId = useId();
  const page = query.data;
  const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
  const first = page && page.total > 0 ? (page.page - 1) * page.pageSize + 1 : 0;
  const last = page ? Math.min(page.total, page.page * page.pageSize) : 0;
  const sorted = `Sorted by ${sortLabel[request.sort]}, ${request.order === 'asc' ? 'ascending' : 'descending'}.`;
  const focused = useRef<number | null>(null);
  const highlightId = highlight?.pairId ?? null;

  // After the admin pages, sorts or filters, say what the table now shows (not on the first load);
  // when the at-risk list asked for a pair, bring its row into view, focus it and say where it is.
  const announce = useAnnounce();
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!page || query.loading) return;
    const key = `${request.status}|${request.sort}|${request.order}|${page.page}|${page.pageSize}`;
    const changed = shown.current !== null && shown.current !== key;
    shown.current = key;
    const row = highlight && focused.current !== highlight.token ? document.getElementById(pairRowId(highlight.pairId)) : null;
    if (highlight && row) {
      focused.current = highlight.token;
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: 'center', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      announce(`Showing ${highlight.label} in the pairs table, page ${page.page} of ${pages}.`);
    } else if (changed) {
      announce(
        page.total === 0
          ? 'No pairs match.'
          : `Pairs ${formatCount(first)} to ${formatCount(last)} of ${formatCount(page.total)}, page ${page.page} of ${pages}. ${sorted}`,
      );
    }
  }, [page, query.loading, highlight]);

  const sortBy = (column: PairSort) => {
    const order: SortOrder = request.sort === column ? (request.order === 'asc' ? 'desc' : 'asc') : firstOrder[column];
    onChange({ sort: column === 'startedAt' ? null : column, order: order === 'desc' ? null : order, page: null });
  };

  const sortProps = (column: PairSort) => ({
    sortable: true,
    sortDirection: request.sort === column ? (request.order === 'asc' ? ('ascending' as const) : ('descending' as const)) : undefined,
    onClick: () => sortBy(column),
    'data-sort': column,
  });

  const goTo = (n: number) => onChange({ page: n <= 1 ? null : String(n) });

  return (
    <Section title="Pairs" count={page?.total} busy={query.loading}>
      {() => (
        <>
          <div className={styles.toolbar}>
            <Field label="Status" className={styles.filter}>
              <Select value={request.status ?? ''} onChange={(_, d) => onChange({ status: d.value || null, page: null })}>
                <option value="">All statuses</option>
                {pairStatuses.map((s) => (
                  <option key={s} value={s}>
                    {statusFilterLabel[s]}
                  </option>
                ))}
              </Select>
            </Field>
            <Text className={styles.muted}>Status as at the end of the period; check-ins counted within it.</Text>
          </div>

          {query.error && <ErrorState error={query.error} what="the pairs" onRetry={query.reload} />}
          {!page && query.loading && (
            <Skeleton aria-label="Loading pairs" className={styles.skeletonRow}>
              {Array.from({ length: 6 }, (_, i) => (
                <SkeletonItem key={i} size={16} />
              ))}
            </Skeleton>
          )}
          {page && page.total === 0 && (
            <EmptyState title={request.status ? `No ${statusFilterLabel[request.status].toLowerCase()} pairs` : 'No pairs in this period'}>
              {request.status
                ? 'Choose “All statuses” or another status, or widen the period.'
                : 'Pairs show up here once mentors and mentees are matched. Try a longer period or another program.'}
            </EmptyState>
          )}
          {page && page.total > 0 && (
            <>
              <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
                <Table className={mergeClasses(styles.table, query.loading && styles.stale)} aria-busy={query.loading} data-pairs-table>
                  <caption id={captionId} className={styles.caption}>
                    Pairs, page {page.page} of {pages}
                    <span className={styles.hidden}> {sorted}</span>
                  </caption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col" className={styles.pairCol}>
                        Mentor and mentee
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={styles.colStatus} {...sortProps('status')}>
                        Status
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={styles.colDate} {...sortProps('startedAt')}>
                        Started
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={styles.colLast} {...sortProps('lastMeeting')}>
                        Last check-in
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={styles.colNext}>
                        Next check-in
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={mergeClasses(styles.numHead, styles.colNarrow)}>
                        Held
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={mergeClasses(styles.numHead, styles.colMissed)}>
                        Missed
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={styles.colCadence} {...sortProps('onCadence')}>
                        On cadence
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={mergeClasses(styles.numHead, styles.colGoals)}>
                        Goals done
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={styles.colItems}>
                        Action items
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className={styles.colFlags}>
                        Needs attention
                      </TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {page.items.map((pair) => (
                      <TableRow
                        key={pair.pairId}
                        id={pairRowId(pair.pairId)}
                        tabIndex={-1}
                        data-pair={pair.pairId}
                        className={mergeClasses(styles.row, pair.pairId === highlightId && styles.highlight)}
                      >
                        <TableCell>
                          <div className={styles.names}>
                            <Text>
                              {pair.mentor.displayName} <span className={styles.muted}>mentor</span>
                            </Text>
                            <Text>
                              {pair.mentee.displayName} <span className={styles.muted}>mentee</span>
                            </Text>
                            <span className={styles.muted}>
                              {pair.programName}
                              {pair.mentee.department ? ` · ${pair.mentee.department}` : ''}
                            </span>
                          </div>
                        </TableCell>
                        <TableCell data-col="status">
                          <Badge className={styles.badge} appearance="tint" shape="rounded" color={statusBadge[pair.status].color}>
                            {statusBadge[pair.status].label}
                          </Badge>
                        </TableCell>
                        <TableCell data-col="startedAt">{formatShortDate(pair.startedAt)}</TableCell>
                        <TableCell data-col="lastMeeting">{pair.lastHeldAt ? formatShortDate(pair.lastHeldAt) : 'None yet'}</TableCell>
                        <TableCell>{pair.nextMeetingAt ? formatShortDate(pair.nextMeetingAt) : '—'}</TableCell>
                        <TableCell className={styles.num}>{formatCount(pair.meetingsHeld)}</TableCell>
                        <TableCell className={styles.num}>{formatCount(pair.meetingsMissed)}</TableCell>
                        <TableCell data-col="onCadence">{onCadenceText(pair)}</TableCell>
                        <TableCell className={styles.num}>
                          {formatCount(pair.goalsDone)} of {formatCount(pair.goalsTotal)}
                        </TableCell>
                        <TableCell>
                          {pair.openActionItems === 0 ? (
                            <span className={styles.muted}>None open</span>
                          ) : (
                            <>
                              {formatCount(pair.openActionItems)} open
                              {pair.overdueActionItems > 0 && (
                                <>
                                  <br />
                                  <span className={styles.muted}>{formatCount(pair.overdueActionItems)} overdue</span>
                                </>
                              )}
                            </>
                          )}
                        </TableCell>
                        <TableCell>
                          {pair.atRisk.length === 0 ? (
                            <span className={styles.muted}>—</span>
                          ) : (
                            <span className={styles.flags}>
                              {pair.atRisk.map((code) => (
                                <Badge key={code} className={styles.badge} appearance="outline" shape="rounded" color="warning" title={riskName(code)}>
                                  {riskShortLabel[code] ?? code}
                                </Badge>
                              ))}
                            </span>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
              <nav className={styles.pager} aria-label="Pairs pages">
                <Text>
                  Showing {formatCount(first)}–{formatCount(last)} of {formatCount(page.total)} pairs
                </Text>
                <div className={styles.pagerButtons}>
                  <Button size="small" disabled={page.page <= 1} onClick={() => goTo(1)}>
                    First
                  </Button>
                  <Button size="small" disabled={page.page <= 1} onClick={() => goTo(page.page - 1)}>
                    Previous
                  </Button>
                  <Text aria-current="page">
                    Page {page.page} of {pages}
                  </Text>
                  <Button size="small" disabled={page.page >= pages} onClick={() => goTo(page.page + 1)}>
                    Next
                  </Button>
                  <Button size="small" disabled={page.page >= pages} onClick={() => goTo(pages)}>
                    Last
                  </Button>
                </div>
                <div className={styles.pageSize}>
                  <Label htmlFor={pageSizeId} size="small">
                    Rows per page
                  </Label>
                  <Select
                    id={pageSizeId}
                    size="small"
                    className={styles.pageSizeSelect}
                    value={String(request.pageSize)}
                    onChange={(_, d) => onChange({ size: d.value === String(DEFAULT_PAGE_SIZE) ? null : d.value, page: null })}
                  >
                    {PAGE_SIZES.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </Select>
                </div>
              </nav>
            </>
          )}
        </>
      )}
    </Section>
  );
}

/**
 * The page of the pairs table (sorted by start date, newest first, all statuses) that holds
 * `pair`: a binary search on the start date, so a 40,000-pair program takes about a dozen calls.
 * Null when the pair isn't in the table for these filters.
 */
export async function findPairPage(
  api: ApiClient,
  base: AdminPairsQuery,
  pair: { pairId: string; startedAt: string },
  signal?: AbortSignal,
): Promise<number | null> {
  const query = (page: number) => ({ ...base, status: undefined, sort: 'startedAt' as const, order: 'desc' as const, page });
  const cache = new Map<number, AdminPair[]>();
  const fetchPage = async (n: number) => {
    if (!cache.has(n)) {
      const result = await listAdminPairs(api, query(n), signal);
      cache.set(n, result.items);
      if (n === 1) total = result.total;
    }
    return cache.get(n)!;
  };
  let total = 0;
  const has = (items: AdminPair[]) => items.some((p) => p.pairId === pair.pairId);
  if (has(await fetchPage(1))) return 1;
  const pages = Math.max(1, Math.ceil(total / base.pageSize));
  let lo = 2;
  let hi = pages;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const items = await fetchPage(mid);
    if (has(items)) return mid;
    const newest = items[0]?.startedAt;
    const oldest = items.at(-1)?.startedAt;
    if (!newest || !oldest || pair.startedAt > newest) hi = mid - 1;
    else if (pair.startedAt < oldest) lo = mid + 1;
    else {
      // Within this page's dates but not on it: ties at a page edge.
      for (const n of [mid - 1, mid + 1]) if (n >= 1 && n <= pages && has(await fetchPage(n))) return n;
      return null;
    }
  }
  return null;
}
