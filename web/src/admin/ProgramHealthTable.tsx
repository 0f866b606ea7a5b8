import { useId } from 'react';
import {
  Badge,
  Button,
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
} from '@fluentui/react-components';
import type { AdminProgram } from './admin.api';
import { formatCalendarRange } from '../app/format';
import { enrollmentWindow, kindLabel } from '../programs/labels';
import { surface } from '../app/surface';
import { LinkButton } from '../app/LinkButton';
import { matchingPath } from '../app/routing';

const useStyles = makeStyles({
  scroller: {
    overflowX: 'auto',
    ...surface(),
    ...createFocusOutlineStyle(),
  },
  // Fixed layout: number columns 80 + 16 px, enrolment 180 + 16 px, the program column takes the rest (>= 240 px).
  table: { width: 'max(100%, 1110px)' },
  enrolmentCol: { width: '180px' },
  caption: {
    textAlign: 'start',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    // Keep the caption in view while the table scrolls sideways on narrow screens.
    position: 'sticky',
    left: 0,
    maxWidth: 'calc(100vw - 48px)',
    boxSizing: 'border-box',
  },
  programCell: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  program: { display: 'flex', flexDirection: 'column', flexGrow: 1, flexBasis: '180px', minWidth: 0 },
  nameLine: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  row: {
    // Rows take focus from script (a program just created); they are not tab stops.
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  fresh: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  edit: { flexShrink: 0 },
  // The row's actions sit beside the name when there is room, under it otherwise.
  rowActions: { display: 'flex', flexShrink: 0, gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  numHead: { width: '80px', '& > div': { justifyContent: 'flex-end', textAlign: 'end' } },
});

const numberColumns: { key: string; label: string; value: (p: AdminProgram) => number }[] = [
  { key: 'mentors', label: 'Mentors', value: (p) => p.counts.mentors },
  { key: 'mentees', label: 'Mentees', value: (p) => p.counts.mentees },
  { key: 'active', label: 'Active pairs', value: (p) => p.counts.pairs.active },
  { key: 'paused', label: 'Paused', value: (p) => p.counts.pairs.paused },
  { key: 'completed', label: 'Completed', value: (p) => p.counts.pairs.completed },
  { key: 'ended', label: 'Ended', value: (p) => p.counts.pairs.ended },
  { key: 'pending', label: 'Pending requests', value: (p) => p.counts.pendingRequests },
];

/** The id of a program's row, for moving focus to it. */
export function programRowId(programId: string): string {
  return `admin-program-${programId}`;
}

interface Props {
  programs: AdminProgram[];
  /** Shows an Edit button on each row. */
  onEdit?: ((program: AdminProgram) => void) | undefined;
  /** A program just created: its row is highlighted and marked "New". */
  freshId?: string | null | undefined;
}

/** Per-program counts as a semantic table; scrolls sideways inside its own region on narrow screens. */
export function ProgramHealthTable({ programs, onEdit, freshId }: Props) {
  const styles = useStyles();
  const captionId = useId();
  return (
    <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className={styles.table}>
        <caption id={captionId} className={styles.caption}>
          Programs: participants, pairs by status and pending mentor requests
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Program</TableHeaderCell>
            <TableHeaderCell scope="col" className={styles.enrolmentCol}>
              Enrolment
            </TableHeaderCell>
            {numberColumns.map((c) => (
              <TableHeaderCell key={c.key} scope="col" className={styles.numHead}>
                {c.label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {programs.map((program) => {
            const enrolment = enrollmentWindow(program);
            return (
              <TableRow
                key={program.id}
                id={programRowId(program.id)}
                tabIndex={-1}
                className={mergeClasses(styles.row, program.id === freshId && styles.fresh)}
              >
                <TableCell>
                  <div className={styles.programCell}>
                    <div className={styles.program}>
                      <span className={styles.nameLine}>
                        <Text weight="semibold">{program.name}</Text>
                        {program.id === freshId && (
                          <Badge appearance="filled" color="brand" shape="rounded" size="small">
                            New
                          </Badge>
                        )}
                      </span>
                      <Text size={200} className={styles.muted}>
                        {kindLabel[program.kind]} · {formatCalendarRange(program.startsOn, program.endsOn)}
                      </Text>
                    </div>
                    {onEdit && (
                      <div className={styles.rowActions}>
                        <LinkButton
                          size="small"
                          appearance="secondary"
                          href={matchingPath(program.id)}
                          aria-label={`Match mentees in ${program.name}`}
                        >
                          Match mentees
                        </LinkButton>
                        <Button
                          className={styles.edit}
                          size="small"
                          appearance="secondary"
                          aria-label={`Edit ${program.name}`}
                          data-edit-program={program.id}
                          onClick={() => onEdit(program)}
                        >
                          Edit
                        </Button>
                      </div>
                    )}
                  </div>
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" shape="rounded" color={enrolment.open ? 'success' : 'subtle'}>
                    {enrolment.status}
                  </Badge>
                </TableCell>
                {numberColumns.map((c) => (
                  <TableCell key={c.key} className={styles.num}>
                    {c.value(program).toLocaleString()}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
