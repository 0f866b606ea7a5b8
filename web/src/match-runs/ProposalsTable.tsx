import { useId, useMemo, useState } from 'react';
import {
  Badge,
  Button,
  SearchBox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AppLink } from '../app/AppLink';
import { plural } from '../app/format';
import { pairPath } from '../app/routing';
import { visuallyHidden } from '../app/visuallyHidden';
import { useAnnounce } from '../app/LiveRegion';
import { isConflict, isCreated, pairLabel } from './labels';
import type { MatchProposal } from './match-runs.api';
import { captionStyle, scrollerStyle } from '../app/tables';
import { PairScore, PersonCell, ReasonList } from './parts';

const PAGE = 50;

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  search: { width: '320px', maxWidth: '100%' },
  scroller: scrollerStyle,
  // Fixed layout: 1040 px of columns; narrower screens scroll the table in its own box.
  table: { width: 'max(100%, 1040px)' },
  caption: captionStyle,
  colScore: { width: '104px' },
  colActions: { width: '228px' },
  colOutcome: { width: '240px' },
  row: { verticalAlign: 'top' },
  // A stripe, not a fill: the reasons' links keep their contrast in every theme.
  locked: {
    boxShadow: `inset ${tokens.strokeWidthThickest} 0 0 ${tokens.colorCompoundBrandStroke}`,
    '@media (forced-colors: active)': { borderLeft: `${tokens.strokeWidthThickest} solid Highlight` },
  },
  cell: { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  mentor: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, padding: `${tokens.spacingVerticalXS} 0` },
  created: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS },
  conflict: { color: tokens.colorPaletteRedForeground1 },
  more: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground2 },
  hidden: visuallyHidden,
});

type SortColumn = 'mentee' | 'mentor' | 'score';
type Sort = { column: SortColumn; direction: 'ascending' | 'descending' };

const sortNames: Record<SortColumn, string> = { mentee: 'mentee', mentor: 'mentor', score: 'score' };

function compare(a: MatchProposal, b: MatchProposal, column: SortColumn): number {
  if (column === 'score') return a.score - b.score || a.mentee.displayName.localeCompare(b.mentee.displayName);
  const key = column === 'mentee' ? 'mentee' : 'mentor';
  return a[key].displayName.localeCompare(b[key].displayName) || a.mentee.displayName.localeCompare(b.mentee.displayName);
}

/** The id of a proposal's row, for moving focus to it. */
export const proposalRowId = (menteeId: string) => `proposal-${menteeId}`;

interface Props {
  proposals: MatchProposal[];
  /** Published runs are read-only and show each proposal's outcome. */
  published: boolean;
  /** The mentee whose proposal is being changed now. */
  pending: string | null;
  /** Something run-wide (re-run, publish) is in progress. */
  disabled: boolean;
  onLock: (proposal: MatchProposal) => void;
  onUnlock: (proposal: MatchProposal) => void;
  onRemove: (proposal: MatchProposal) => void;
  onSwap: (proposal: MatchProposal) => void;
}

/** The proposed pairs: who, how well they fit and why; per row Lock/Unlock, Swap and Remove (or, once published, the outcome). */
export function ProposalsTable({ proposals, published, pending, disabled, onLock, onUnlock, onRemove, onSwap }: Props) {
  const styles = useStyles();
  const captionId = useId();
  const announce = useAnnounce();
  const [sort, setSort] = useState<Sort>({ column: 'mentee', direction: 'ascending' });
  const [filter, setFilter] = useState('');
  const [limit, setLimit] = useState(PAGE);

  const rows = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase();
    const hits = q
      ? proposals.filter((p) =>
          [p.mentee.displayName, p.mentor.displayName, p.mentee.department ?? '', p.mentor.department ?? ''].some((t) =>
            t.toLocaleLowerCase().includes(q),
          ),
        )
      : proposals;
    const sorted = [...hits].sort((a, b) => compare(a, b, sort.column));
    return sort.direction === 'descending' ? sorted.reverse() : sorted;
  }, [proposals, filter, sort]);

  const sortBy = (column: SortColumn) => {
    const direction = sort.column === column && sort.direction === 'ascending' ? 'descending' : column === 'score' && sort.column !== column ? 'descending' : 'ascending';
    setSort({ column, direction });
    announce(`Sorted by ${sortNames[column]}, ${direction}.`);
  };
  const sortProps = (column: SortColumn) => ({
    sortable: true,
    sortDirection: sort.column === column ? sort.direction : undefined,
    onClick: () => sortBy(column),
  });

  const visible = rows.slice(0, limit);
  const sortedText = `Sorted by ${sortNames[sort.column]}, ${sort.direction}.`;

  return (
    <>
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.search}
          aria-label="Find a mentee or mentor in the proposals"
          placeholder="Find a mentee or mentor"
          value={filter}
          onChange={(_, d) => {
            setFilter(d.value);
            setLimit(PAGE);
          }}
        />
        {filter.trim() && (
          <Text className={styles.muted} role="status">
            {plural(rows.length, 'proposal')} match “{filter.trim()}”
          </Text>
        )}
      </div>
      {rows.length === 0 ? (
        <Text className={styles.muted}>No proposal matches “{filter.trim()}”.</Text>
      ) : (
        <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
          <Table className={styles.table} data-proposals-table>
            <caption id={captionId} className={styles.caption}>
              Proposed pairs{published ? ' and what publishing did' : ''}: {plural(proposals.length, 'pair')}
              <span className={styles.hidden}> {sortedText}</span>
            </caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col" {...sortProps('mentee')}>
                  Mentee
                </TableHeaderCell>
                <TableHeaderCell scope="col" {...sortProps('mentor')}>
                  Mentor
                </TableHeaderCell>
                <TableHeaderCell scope="col" className={styles.colScore} {...sortProps('score')}>
                  Score
                </TableHeaderCell>
                <TableHeaderCell scope="col">Why they fit</TableHeaderCell>
                {published ? (
                  <TableHeaderCell scope="col" className={styles.colOutcome}>
                    Outcome
                  </TableHeaderCell>
                ) : (
                  <TableHeaderCell scope="col" className={styles.colActions}>
                    Actions
                  </TableHeaderCell>
                )}
              </TableRow>
            </TableHeader>
            <TableBody>
              {visible.map((p) => {
                const label = pairLabel(p.mentee, p.mentor);
                const locked = p.state === 'locked';
                const busy = pending === p.mentee.id;
                return (
                  <TableRow
                    key={p.mentee.id}
                    id={proposalRowId(p.mentee.id)}
                    className={mergeClasses(styles.row, locked && !published && styles.locked)}
                    aria-busy={busy || undefined}
                  >
                    <TableCell className={styles.cell}>
                      <PersonCell person={p.mentee} />
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <div className={styles.mentor}>
                        <PersonCell person={p.mentor} />
                        {locked && !published && (
                          <Badge appearance="tint" color="brand" shape="rounded" size="small">
                            Locked
                          </Badge>
                        )}
                      </div>
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <PairScore score={p.score} label={`Score for ${label}`} />
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <ReasonList reasons={p.reasons} label={`Why ${label}`} />
                    </TableCell>
                    <TableCell className={styles.cell}>
                      {published ? (
                        <Outcome proposal={p} />
                      ) : (
                        <div className={styles.actions}>
                          <Button
                            size="small"
                            appearance="secondary"
                            aria-label={`${locked ? 'Unlock' : 'Lock'} ${label}`}
                            data-proposal-action={`lock-${p.mentee.id}`}
                            disabled={disabled || busy}
                            onClick={() => (locked ? onUnlock(p) : onLock(p))}
                          >
                            {locked ? 'Unlock' : 'Lock'}
                          </Button>
                          <Button
                            size="small"
                            aria-label={`Swap mentor for ${p.mentee.displayName}`}
                            data-proposal-action={`swap-${p.mentee.id}`}
                            disabled={disabled || busy}
                            onClick={() => onSwap(p)}
                          >
                            Swap…
                          </Button>
                          <Button
                            size="small"
                            appearance="subtle"
                            aria-label={`Remove ${label}`}
                            data-proposal-action={`remove-${p.mentee.id}`}
                            disabled={disabled || busy}
                            onClick={() => onRemove(p)}
                          >
                            Remove
                          </Button>
                        </div>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      {rows.length > limit && (
        <div className={styles.more}>
          <Text className={styles.muted}>
            Showing {visible.length} of {rows.length}.
          </Text>
          <Button onClick={() => setLimit((n) => n + PAGE)}>Show {Math.min(PAGE, rows.length - limit)} more</Button>
        </div>
      )}
    </>
  );
}

function Outcome({ proposal }: { proposal: MatchProposal }) {
  const styles = useStyles();
  const { outcome } = proposal;
  if (isCreated(outcome)) {
    return (
      <div className={styles.created}>
        <Badge appearance="tint" color="success" shape="rounded">
          Pair created
        </Badge>
        <AppLink href={pairPath(outcome.pairId)} aria-label={`Open the pair ${pairLabel(proposal.mentee, proposal.mentor)}`}>
          Open the pair
        </AppLink>
      </div>
    );
  }
  if (isConflict(outcome)) {
    return (
      <div className={styles.created}>
        <Badge appearance="tint" color="danger" shape="rounded">
          Not created
        </Badge>
        <Text size={200} className={styles.conflict}>
          {outcome.conflict}
        </Text>
      </div>
    );
  }
  return <Text className={styles.muted}>Not published</Text>;
}
