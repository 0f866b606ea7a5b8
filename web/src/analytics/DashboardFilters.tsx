import { useEffect, useId, useRef, useState } from 'react';
import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { AdminProgram } from '../admin/admin.api';
import { errorProps } from '../app/forms';
import { visuallyHidden } from '../app/visuallyHidden';
import { periodProblems, rangePresets, todayUtc, type DashboardState, type QueryChanges } from './filters';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 170px), 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    alignItems: 'start',
  },
  program: { gridColumn: 'span 2', '@media (max-width: 520px)': { gridColumn: 'auto' } },
  hidden: visuallyHidden,
});

interface Props {
  state: DashboardState;
  programs: AdminProgram[] | undefined;
  departments: string[];
  onChange: (changes: QueryChanges) => void;
}

/** Program, period and department: every change is written to the URL, so the view can be shared. */
export function DashboardFilters({ state, programs, departments, onChange }: Props) {
  const styles = useStyles();
  const headingId = useId();
  const [from, setFrom] = useState(state.from);
  const [to, setTo] = useState(state.to);
  const [touched, setTouched] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  // The URL is the truth: when it changes (a preset, Reset, Back), the date fields follow.
  useEffect(() => {
    setFrom(state.from);
    setTo(state.to);
    setTouched(false);
  }, [state.from, state.to]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const problems = touched ? periodProblems(from, to) : {};

  const editDate = (which: 'from' | 'to', value: string) => {
    const next = { from, to, [which]: value };
    setFrom(next.from);
    setTo(next.to);
    window.clearTimeout(timer.current);
    if (Object.keys(periodProblems(next.from, next.to)).length > 0) return;
    // A date picker fires on every complete date: wait a moment so typing a year doesn't reload four times.
    timer.current = window.setTimeout(() => onChange({ range: null, from: next.from, to: next.to }), 450);
  };

  const pickRange = (value: string) => {
    window.clearTimeout(timer.current);
    if (value === 'custom') return;
    onChange({ range: value === '90d' ? null : value, from: null, to: null });
  };

  const programKnown = !state.programId || programs?.some((p) => p.id === state.programId);
  const departmentOptions = state.department && !departments.includes(state.department) ? [...departments, state.department].sort() : departments;

  return (
    <section aria-labelledby={headingId} className={styles.root}>
      <h2 id={headingId} className={styles.hidden}>
        Filters
      </h2>
      <div className={styles.fields}>
        <Field label="Program" className={styles.program}>
          <Select value={state.programId ?? ''} onChange={(_, d) => onChange({ program: d.value || null })}>
            <option value="">All programs</option>
            {programs?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            {!programKnown && <option value={state.programId}>A program you can’t see</option>}
          </Select>
        </Field>
        <Field label="Period">
          <Select value={state.range} onChange={(_, d) => pickRange(d.value)}>
            {rangePresets.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom dates</option>
          </Select>
        </Field>
        <Field label="From" {...errorProps(problems.from)}>
          <Input
            type="date"
            value={from}
            max={to || todayUtc()}
            onChange={(_, d) => editDate('from', d.value)}
            onBlur={() => setTouched(true)}
          />
        </Field>
        <Field label="To" {...errorProps(problems.to)}>
          <Input type="date" value={to} min={from || undefined} onChange={(_, d) => editDate('to', d.value)} onBlur={() => setTouched(true)} />
        </Field>
        <Field label="Department">
          <Select value={state.department ?? ''} onChange={(_, d) => onChange({ department: d.value || null })}>
            <option value="">All departments</option>
            {departmentOptions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </section>
  );
}
