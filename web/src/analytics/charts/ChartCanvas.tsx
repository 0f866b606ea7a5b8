import { useMemo, useRef } from 'react';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
  type ChartType,
} from 'chart.js';
import { Chart } from 'react-chartjs-2';
import { makeStyles } from '@fluentui/react-components';
import type { ChartSpec } from './chartSpec';
import { lineDashes, patternFill, patternShape, pointStyles, useChartPalette, type ChartPalette } from './chartTheme';
import { formatValue } from './formatValue';

// The only module that imports chart.js: it is loaded with React.lazy from the admin dashboard, so
// the personal tab never downloads it (tests/browser/dashboard.browser.test.ts checks the build).

ChartJS.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);

const useStyles = makeStyles({
  // A definite height and a shrinkable width: chart.js resizes the canvas with its container.
  frame: { position: 'relative', width: '100%', minWidth: 0, height: '260px' },
  round: { height: '240px' },
});

type AnyData = ChartData<ChartType, (number | null)[], string>;

function buildData(spec: ChartSpec, palette: ChartPalette): AnyData {
  const hc = palette.highContrast;
  if (spec.kind === 'doughnut' || spec.categoryTones) {
    // One series coloured per category.
    const tones = spec.categoryTones ?? spec.categories.map(() => spec.series[0]?.tone ?? 'brand');
    const colours = tones.map((t) => palette.tones[t]);
    const fills = colours.map((c, i) => (hc ? patternFill(patternShape(i), c, palette.background) : c));
    return {
      labels: spec.categories,
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: fills,
        borderColor: spec.kind === 'doughnut' ? palette.background : hc ? palette.text : colours,
        hoverBackgroundColor: fills,
        borderWidth: spec.kind === 'doughnut' ? 2 : hc ? 2 : 0,
      })),
    };
  }
  return {
    labels: spec.categories,
    datasets: spec.series.map((s, i) => {
      const colour = palette.tones[s.tone];
      if (spec.kind === 'line') {
        return {
          label: s.label,
          data: s.values,
          borderColor: colour,
          backgroundColor: colour,
          borderWidth: 2,
          borderDash: lineDashes[i % lineDashes.length],
          pointStyle: pointStyles[i % pointStyles.length],
          pointRadius: 4,
          pointHoverRadius: 6,
          spanGaps: false,
          tension: 0.2,
        };
      }
      const fill = hc ? patternFill(patternShape(i), colour, palette.background) : colour;
      return {
        label: s.label,
        data: s.values,
        backgroundColor: fill,
        hoverBackgroundColor: fill,
        // A thin edge in the card's colour keeps stacked segments apart; in high contrast a solid outline.
        borderColor: hc ? palette.text : palette.background,
        borderWidth: spec.kind === 'stacked-bar' || hc ? 1 : 0,
        ...(spec.kind === 'stacked-bar' ? { stack: 'meetings' } : {}),
      };
    }),
  };
}

function buildOptions(spec: ChartSpec, palette: ChartPalette): ChartOptions<ChartType> {
  const font = { family: palette.fontFamily, size: 12 };
  const percent = spec.valueKind === 'percent';
  const showLegend = spec.kind === 'doughnut' || spec.series.length > 1;
  const options: ChartOptions<ChartType> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: palette.reducedMotion ? false : { duration: 300 },
    interaction: spec.kind === 'line' || spec.kind === 'stacked-bar' ? { mode: 'index', intersect: false } : { mode: 'nearest', intersect: true },
    plugins: {
      legend: {
        display: showLegend,
        position: 'bottom',
        labels: { color: palette.text, font, usePointStyle: spec.kind === 'line', boxWidth: 14, boxHeight: 14, padding: 12 },
      },
      tooltip: {
        backgroundColor: palette.tooltipBackground,
        titleColor: palette.tooltipText,
        bodyColor: palette.tooltipText,
        borderColor: palette.text,
        borderWidth: palette.highContrast ? 1 : 0,
        titleFont: { ...font, weight: 'bold' },
        bodyFont: font,
        callbacks: {
          label: (item) => {
            const value = item.raw as number | null;
            const name = spec.kind === 'doughnut' || spec.categoryTones ? spec.categories[item.dataIndex] : item.dataset.label;
            return `${name ?? ''}: ${formatValue(value, spec.valueKind)}`;
          },
        },
      },
    },
  };
  if (spec.kind !== 'doughnut') {
    const stacked = spec.kind === 'stacked-bar';
    (options as ChartOptions<'bar'>).scales = {
      x: {
        stacked,
        ticks: { color: palette.mutedText, font, autoSkip: true, maxRotation: 45 },
        ...(spec.categoryAxisLabel ? { title: { display: true, text: spec.categoryAxisLabel, color: palette.mutedText, font } } : {}),
        grid: { display: false },
        border: { color: palette.grid },
      },
      y: {
        stacked,
        beginAtZero: true,
        ...(percent ? { min: 0, max: 100 } : {}),
        title: { display: true, text: spec.axisLabel, color: palette.mutedText, font },
        ticks: {
          color: palette.mutedText,
          font,
          precision: 0,
          callback: (value) => (percent ? `${value}%` : Number(value).toLocaleString()),
        },
        grid: { color: palette.grid },
        border: { display: false },
      },
    };
  } else {
    (options as ChartOptions<'doughnut'>).cutout = '58%';
  }
  return options;
}

/** The canvas for one chart spec, coloured from the current theme. Default export for React.lazy. */
export default function ChartCanvas({ spec, label }: { spec: ChartSpec; label: string }) {
  const styles = useStyles();
  const frame = useRef<HTMLDivElement>(null);
  const palette = useChartPalette(frame);
  const data = useMemo(() => (palette ? buildData(spec, palette) : undefined), [spec, palette]);
  const options = useMemo(() => (palette ? buildOptions(spec, palette) : undefined), [spec, palette]);
  const type: ChartType = spec.kind === 'stacked-bar' ? 'bar' : spec.kind;
  return (
    <div ref={frame} className={spec.kind === 'doughnut' ? `${styles.frame} ${styles.round}` : styles.frame} data-chart={spec.id}>
      {data && options && (
        <Chart
          // A new theme or chart kind draws a fresh chart (patterns and dashes are set per dataset).
          key={`${type}:${palette?.highContrast ? 'hc' : 'std'}`}
          type={type}
          data={data}
          options={options}
          role="img"
          aria-label={label}
          fallbackContent={<p>{label}</p>}
        />
      )}
    </div>
  );
}
