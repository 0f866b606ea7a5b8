// What each chart shows, as plain data: the chart (ChartCanvas), its data table and its one-line
// summary are all drawn from the same spec, so the table holds exactly the chart's numbers.
// No chart.js here: this module is part of the admin page's chunk, chart.js loads separately.

/** A series' colour role; ChartCanvas turns it into a Fluent theme colour (or a system colour and a pattern). */
export type Tone = 'brand' | 'teal' | 'marigold' | 'berry' | 'lavender' | 'success' | 'danger' | 'neutral';

export type ValueKind = 'count' | 'percent' | 'hours';

export interface Series {
  key: string;
  label: string;
  values: (number | null)[];
  tone: Tone;
}

export interface ChartSpec {
  id: string;
  title: string;
  kind: 'line' | 'bar' | 'stacked-bar' | 'doughnut';
  /** Heading of the table's first column, e.g. "Month". */
  categoryLabel: string;
  categories: string[];
  series: Series[];
  /** Single-series bars and doughnuts: one tone per category instead of per series. */
  categoryTones?: Tone[];
  /** A column the table adds after the series (e.g. a stacked bar's total). */
  total?: { label: string; values: number[] };
  valueKind: ValueKind;
  /** The value axis' title. */
  axisLabel: string;
  /** The category axis' title, when the labels need one. */
  categoryAxisLabel?: string;
  /** One sentence computed from the data. */
  summary: string;
  /** Nothing to draw: the card says `emptyText` instead. */
  empty: boolean;
  emptyText: string;
  /** A headline figure shown above the chart (NPS). */
  headline?: { label: string; value: string };
}
