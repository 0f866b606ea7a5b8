import { useId } from 'react';
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { captionStyle, scrollerStyle } from '../app/tables';
import type { DirectoryImportRow } from './directory.api';
import { importStatusBadge } from './labels';

export const MAX_ROWS_SHOWN = 500;

const noChanges: Record<DirectoryImportRow['status'], string> = { new: 'Added as a new person', update: 'None', unchanged: 'None', error: '—' };

const useStyles = makeStyles({
  scroller: { ...scrollerStyle, maxHeight: 'min(480px, 60vh)', overflowY: 'auto' },
  table: { width: 'max(100%, 720px)' },
  caption: captionStyle,
  colLine: { width: '56px' },
  colEmail: { width: '28%' },
  colStatus: { width: '112px' },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS, overflowWrap: 'anywhere' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  errors: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground2 },
});

function Lines({ items, className, none }: { items: string[]; className: string; none: string }) {
  const styles = useStyles();
  if (items.length === 0) return <Text className={styles.muted}>{none}</Text>;
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** The preview, one row per person in the file: what would change, or why the row can't be imported. */
export function ImportPreviewTable({ rows, caption }: { rows: DirectoryImportRow[]; caption: string }) {
  const styles = useStyles();
  const captionId = useId();
  const shown = rows.slice(0, MAX_ROWS_SHOWN);
  return (
    <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className={styles.table} size="small" data-import-rows>
        <caption id={captionId} className={styles.caption}>
          {caption}
          {rows.length > MAX_ROWS_SHOWN ? ` (first ${MAX_ROWS_SHOWN} of ${rows.length})` : ''}
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col" className={styles.colLine}>
              Line
            </TableHeaderCell>
            <TableHeaderCell scope="col" className={styles.colEmail}>
              Email
            </TableHeaderCell>
            <TableHeaderCell scope="col" className={styles.colStatus}>
              Status
            </TableHeaderCell>
            <TableHeaderCell scope="col">Changes</TableHeaderCell>
            <TableHeaderCell scope="col">Problems</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((row) => {
            const badge = importStatusBadge[row.status];
            return (
              <TableRow key={row.line} data-line={row.line} data-status={row.status}>
                <TableCell className={styles.cell}>{row.line}</TableCell>
                <TableCell className={styles.cell}>{row.email || '—'}</TableCell>
                <TableCell className={styles.cell}>
                  <Badge appearance="tint" shape="rounded" color={badge.color}>
                    {badge.label}
                  </Badge>
                </TableCell>
                <TableCell className={styles.cell}>
                  <Lines items={row.changes} className={styles.list} none={noChanges[row.status]} />
                </TableCell>
                <TableCell className={styles.cell}>
                  <Lines items={row.errors} className={styles.errors} none="None" />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
