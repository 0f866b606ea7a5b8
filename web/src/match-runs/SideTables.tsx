import { useId } from 'react';
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { plural } from '../app/format';
import { pairLabel } from './labels';
import type { MatchPerson, RemovedPair, UnmatchedMentee } from './match-runs.api';
import { captionStyle, scrollerStyle } from '../app/tables';
import { PersonCell } from './parts';

const useStyles = makeStyles({
  scroller: scrollerStyle,
  table: { width: 'max(100%, 720px)' },
  caption: captionStyle,
  row: { verticalAlign: 'top' },
  cell: { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  colAction: { width: '200px' },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
  action: { padding: `${tokens.spacingVerticalXS} 0` },
});

interface RemovedProps {
  removed: RemovedPair[];
  readOnly: boolean;
  disabled: boolean;
  pending: string | null;
  onRestore: (pair: RemovedPair) => void;
}

/** Pairs the admin took out of the draft: a re-run never proposes them again; "Put back" pairs them again (locked). */
export function RemovedTable({ removed, readOnly, disabled, pending, onRestore }: RemovedProps) {
  const styles = useStyles();
  const captionId = useId();
  return (
    <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className={styles.table} data-removed-table>
        <caption id={captionId} className={styles.caption}>
          Removed pairs: {plural(removed.length, 'pair')} a re-run won’t propose again
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Mentee</TableHeaderCell>
            <TableHeaderCell scope="col">Mentor</TableHeaderCell>
            {!readOnly && (
              <TableHeaderCell scope="col" className={styles.colAction}>
                Action
              </TableHeaderCell>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {removed.map((r) => (
            <TableRow key={`${r.mentee.id}:${r.mentor.id}`} className={styles.row}>
              <TableCell className={styles.cell}>
                <PersonCell person={r.mentee} />
              </TableCell>
              <TableCell className={styles.cell}>
                <PersonCell person={r.mentor} />
              </TableCell>
              {!readOnly && (
                <TableCell className={styles.cell}>
                  <div className={styles.action}>
                    <Button
                      size="small"
                      aria-label={`Put back ${pairLabel(r.mentee, r.mentor)}`}
                      disabled={disabled || pending === r.mentee.id}
                      onClick={() => onRestore(r)}
                    >
                      Put back
                    </Button>
                  </div>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

interface UnmatchedProps {
  unmatched: UnmatchedMentee[];
  readOnly: boolean;
  disabled: boolean;
  pending: string | null;
  onChoose: (mentee: MatchPerson) => void;
}

/** Mentees this run found no mentor for, and why; an admin can still choose one by hand. */
export function UnmatchedTable({ unmatched, readOnly, disabled, pending, onChoose }: UnmatchedProps) {
  const styles = useStyles();
  const captionId = useId();
  return (
    <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className={styles.table} data-unmatched-table>
        <caption id={captionId} className={styles.caption}>
          Unmatched mentees: {plural(unmatched.length, 'mentee')} and why
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Mentee</TableHeaderCell>
            <TableHeaderCell scope="col">Why no mentor was proposed</TableHeaderCell>
            {!readOnly && (
              <TableHeaderCell scope="col" className={styles.colAction}>
                Action
              </TableHeaderCell>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {unmatched.map((u) => (
            <TableRow key={u.mentee.id} className={styles.row}>
              <TableCell className={styles.cell}>
                <PersonCell person={u.mentee} />
              </TableCell>
              <TableCell className={styles.cell}>
                {u.reasons.length === 0 ? (
                  <Text>—</Text>
                ) : (
                  <ul className={styles.reasons}>
                    {u.reasons.map((reason) => (
                      <li key={reason}>
                        <Text size={200}>{reason}</Text>
                      </li>
                    ))}
                  </ul>
                )}
              </TableCell>
              {!readOnly && (
                <TableCell className={styles.cell}>
                  <div className={styles.action}>
                    <Button
                      size="small"
                      aria-label={`Choose a mentor for ${u.mentee.displayName}`}
                      data-unmatched-action={u.mentee.id}
                      disabled={disabled || pending === u.mentee.id}
                      onClick={() => onChoose(u.mentee)}
                    >
                      Choose a mentor…
                    </Button>
                  </div>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
