import { useId, useState, type FormEvent } from 'react';
import { Button, Field, Input, Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ActionError, errorProps, fieldErrors, useAction } from '../app/forms';
import { surface } from '../app/surface';
import { sameDepartmentOptions, strategies } from './labels';
import { createMatchRun, type MatchRun, type MatchStrategy, type SameDepartment } from './match-runs.api';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    ...surface(),
  },
  groups: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 280px), 1fr))',
    gap: tokens.spacingVerticalL,
  },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  option: { display: 'flex', flexDirection: 'column' },
  explanation: {
    color: tokens.colorNeutralForeground2,
    // Lines up with the radio's label text.
    paddingLeft: '32px',
    marginTop: `calc(-1 * ${tokens.spacingVerticalXS})`,
    marginBottom: tokens.spacingVerticalXS,
  },
  gap: { maxWidth: '320px' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  programId: string;
  /** A draft is open: starting another leaves it as it is. */
  hasDraft: boolean;
  onStarting: (starting: boolean) => void;
  onStarted: (run: MatchRun) => void;
}

function gapProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 12) return 'Enter a number of hours from 0 to 12, or leave it empty for no limit.';
  return undefined;
}

/** Choose what matching aims for and its limits, then run it (a draft to review; nothing is published yet). */
export function StartRunForm({ programId, hasDraft, onStarting, onStarted }: Props) {
  const styles = useStyles();
  const action = useAction();
  const [strategy, setStrategy] = useState<MatchStrategy>('best-total');
  const [gap, setGap] = useState('');
  const [sameDepartment, setSameDepartment] = useState<SameDepartment>('allow');
  const [gapTouched, setGapTouched] = useState(false);
  const strategyLegend = useId();
  const departmentLegend = useId();
  const idBase = useId();

  const localGapProblem = gapTouched ? gapProblem(gap) : undefined;
  const serverErrors = fieldErrors(action.error);
  const gapError = localGapProblem ?? serverErrors['constraints'];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGapTouched(true);
    if (gapProblem(gap)) {
      document.getElementById(`${idBase}-gap`)?.focus();
      return;
    }
    onStarting(true);
    const run = await action.run((api) =>
      createMatchRun(api, programId, {
        strategy,
        constraints: { maxTimezoneGapHours: gap.trim() === '' ? null : Number(gap), sameDepartment },
      }),
    );
    onStarting(false);
    if (run) onStarted(run);
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-busy={action.busy}>
      <div className={styles.groups}>
        <fieldset className={styles.fieldset}>
          <legend id={strategyLegend} className={styles.legend}>
            What should matching aim for?
          </legend>
          <RadioGroup value={strategy} onChange={(_, d) => setStrategy(d.value as MatchStrategy)} aria-labelledby={strategyLegend}>
            {strategies.map((s) => (
              <div key={s.value} className={styles.option}>
                <Radio value={s.value} label={s.label} input={{ 'aria-describedby': `${idBase}-${s.value}` }} />
                <Text size={200} id={`${idBase}-${s.value}`} className={styles.explanation}>
                  {s.explanation}
                </Text>
              </div>
            ))}
          </RadioGroup>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend id={departmentLegend} className={styles.legend}>
            Mentor from the mentee’s own department?
          </legend>
          <RadioGroup
            value={sameDepartment}
            onChange={(_, d) => setSameDepartment(d.value as SameDepartment)}
            aria-labelledby={departmentLegend}
          >
            {sameDepartmentOptions.map((o) => (
              <div key={o.value} className={styles.option}>
                <Radio value={o.value} label={o.label} input={{ 'aria-describedby': `${idBase}-dept-${o.value}` }} />
                <Text size={200} id={`${idBase}-dept-${o.value}`} className={styles.explanation}>
                  {o.explanation}
                </Text>
              </div>
            ))}
          </RadioGroup>
        </fieldset>
      </div>

      <Field
        className={styles.gap}
        label="Largest time-zone gap, in hours"
        hint="Leave empty for no limit. People far apart share few working hours for check-ins; anyone whose time zone isn’t known is never left out."
        {...errorProps(gapError)}
      >
        <Input
          id={`${idBase}-gap`}
          type="number"
          inputMode="decimal"
          min={0}
          max={12}
          step={0.5}
          placeholder="No limit"
          value={gap}
          onChange={(_, d) => setGap(d.value)}
          onBlur={() => setGapTouched(true)}
        />
      </Field>

      <ActionError error={action.error} what="run matching" shownFields={['constraints']} />

      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={action.busy} icon={action.busy ? <Spinner size="tiny" /> : undefined}>
          {action.busy ? 'Finding the best pairs…' : 'Run matching'}
        </Button>
        <Text size={200} className={styles.muted}>
          {hasDraft
            ? 'Your current draft stays as it is; you can open it again from Runs.'
            : 'You get a draft to review first: nobody is paired or told anything until you publish.'}
        </Text>
      </div>
    </form>
  );
}
