import { useId } from 'react';
import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AppLink } from '../app/AppLink';
import { captionStyle, scrollerStyle } from '../app/tables';
import { formatRunTime, formatScore, strategyLabel } from './labels';
import type { MatchRunListItem } from './match-runs.api';

const useStyles = makeStyles({
  scroller: scrollerStyle,
  table: { width: 'max(100%, 760px)' },
  caption: captionStyle,
  // A stripe, not a fill: brand links must keep their contrast on the row in every theme.
  current: {
    boxShadow: `inset ${tokens.strokeWidthThickest} 0 0 ${tokens.colorCompoundBrandStroke}`,
    '@media (forced-colors: active)': { borderLeft: `${tokens.strokeWidthThickest} solid Highlight` },
  },
  num: { fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground2 },
  when: { display: 'flex', flexDirection: 'column', padding: `${tokens.spacingVerticalXS} 0` },
});

interface Props {
  runs: MatchRunListItem[];
  /** The run open above. */
  currentId: string | null;
  href: (runId: string) => string;
}

/** Earlier runs of the program, newest first; each opens above (published ones read-only). */
export function RunHistory({ runs, currentId, href }: Props) {
  const styles = useStyles();
  const captionId = useId();
  return (
    <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className={styles.table} data-runs-table>
        <caption id={captionId} className={styles.caption}>
          Match runs, newest first
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Run</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col">Aim</TableHeaderCell>
            <TableHeaderCell scope="col">Matched</TableHeaderCell>
            <TableHeaderCell scope="col">Mean score</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {runs.map((run) => {
            const current = run.id === currentId;
            return (
              <TableRow key={run.id} className={mergeClasses(current && styles.current)}>
                <TableCell>
                  <div className={styles.when}>
                    <AppLink href={href(run.id)} aria-label={`${current ? 'Showing' : 'Open'} the run of ${formatRunTime(run.createdAt)}`}>
                      {formatRunTime(run.createdAt)}
                    </AppLink>
                    <Text size={200} className={styles.muted}>
                      by {run.createdBy.displayName}
                      {current ? ' · shown above' : ''}
                    </Text>
                  </div>
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" shape="rounded" color={run.status === 'published' ? 'success' : 'warning'}>
                    {run.status === 'published' ? 'Published' : 'Draft'}
                  </Badge>
                </TableCell>
                <TableCell>{strategyLabel[run.strategy]}</TableCell>
                <TableCell className={styles.num}>
                  {run.summary.matched} of {run.summary.mentees}
                </TableCell>
                <TableCell className={styles.num}>{formatScore(run.summary.meanScore)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
