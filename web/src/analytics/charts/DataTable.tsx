import { useId } from 'react';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, createFocusOutlineStyle, makeStyles, tokens } from '@fluentui/react-components';
import type { ChartSpec } from './chartSpec';
import { formatValue } from './formatValue';

const useStyles = makeStyles({
  // The table scrolls sideways inside its own box on narrow screens, never the page.
  scroller: {
    overflowX: 'auto',
    maxWidth: '100%',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ...createFocusOutlineStyle(),
  },
  caption: {
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
    position: 'sticky',
    left: 0,
    maxWidth: 'calc(100vw - 80px)',
    boxSizing: 'border-box',
  },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  numHead: { '& > div': { justifyContent: 'flex-end', textAlign: 'end' } },
  rowHead: { fontWeight: tokens.fontWeightRegular, whiteSpace: 'nowrap' },
});

/** The chart's numbers as a table: one row per category, one column per series (and the total, if any). */
export function DataTable({ spec }: { spec: ChartSpec }) {
  const styles = useStyles();
  const captionId = useId();
  return (
    <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0} data-chart-table={spec.id}>
      {/* Fixed layout: wide enough for every column, scrolling inside its box when the card is narrower. */}
      <Table size="small" style={{ minWidth: `${9 + (spec.series.length + (spec.total ? 1 : 0)) * 6.5}rem` }}>
        <caption id={captionId} className={styles.caption}>
          {spec.title}
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{spec.categoryLabel}</TableHeaderCell>
            {spec.series.map((s) => (
              <TableHeaderCell key={s.key} scope="col" className={styles.numHead}>
                {s.label}
              </TableHeaderCell>
            ))}
            {spec.total && (
              <TableHeaderCell scope="col" className={styles.numHead}>
                {spec.total.label}
              </TableHeaderCell>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {spec.categories.map((category, row) => (
            <TableRow key={category}>
              <TableHeaderCell scope="row" className={styles.rowHead}>
                {category}
              </TableHeaderCell>
              {spec.series.map((s) => (
                <TableCell key={s.key} className={styles.num} data-series={s.key}>
                  {formatValue(s.values[row], spec.valueKind)}
                </TableCell>
              ))}
              {spec.total && (
                <TableCell className={styles.num} data-series="total">
                  {formatValue(spec.total.values[row], spec.valueKind)}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
