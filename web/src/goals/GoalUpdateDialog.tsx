import { useEffect, useState } from 'react';
import { Field, Input, Radio, RadioGroup, Textarea, makeStyles } from '@fluentui/react-components';
import { FormDialog } from '../app/FormDialog';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { addGoalUpdate, type Goal, type GoalUpdateKind, type NewGoalUpdate } from './goals.api';

const useStyles = makeStyles({
  radios: { display: 'flex', flexWrap: 'wrap' },
  progress: { maxWidth: '160px' },
});

interface Props {
  goal: Goal | null;
  onClose: () => void;
  onSaved: (goal: Goal, kind: GoalUpdateKind) => void;
}

/** A progress note or a milestone on a goal, optionally with a new progress figure. */
export function GoalUpdateDialog({ goal, onClose, onSaved }: Props) {
  const styles = useStyles();
  const save = useAction();
  const [kind, setKind] = useState<GoalUpdateKind>('progress');
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState('');
  const [errors, setErrors] = useState<{ note?: string; progress?: string }>({});

  useEffect(() => {
    if (!goal) return;
    save.reset();
    setKind('progress');
    setNote('');
    setProgress('');
    setErrors({});
  }, [goal, save.reset]);

  const submit = async () => {
    if (!goal) return;
    const found: typeof errors = {};
    if (!note.trim()) found.note = kind === 'milestone' ? 'Describe the milestone you reached.' : 'Say what moved forward.';
    const value = progress.trim() === '' || goal.status === 'done' ? undefined : Number(progress);
    if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 100)) {
      found.progress = 'Enter a whole number from 0 to 100, or leave it empty.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: NewGoalUpdate = { kind, note: note.trim(), ...(value !== undefined ? { progress: value } : {}) };
    const saved = await save.run((api) => addGoalUpdate(api, goal.id, body));
    if (saved) onSaved(saved, kind);
  };

  return (
    <FormDialog
      open={goal !== null}
      title="Add an update"
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Add update"
      submittingLabel="Saving…"
      submitting={save.busy}
    >
      <Field label="What kind of update?">
        <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as GoalUpdateKind)} className={styles.radios}>
          <Radio value="progress" label="Progress update" />
          <Radio value="milestone" label="Milestone reached" />
        </RadioGroup>
      </Field>
      <Field
        label={kind === 'milestone' ? 'What did you reach?' : 'What moved forward?'}
        hint={goal ? `For “${goal.title}”.` : undefined}
        required
        {...errorProps(errors.note ?? serverFieldError(save.error, 'note'))}
      >
        <Textarea value={note} onChange={(_, d) => setNote(d.value)} maxLength={1000} rows={3} resize="vertical" />
      </Field>
      {goal?.status !== 'done' && (
        <Field
          label="Progress (%)"
          hint={
            goal?.progressSource === 'manual'
              ? `Currently ${goal.progress}%.`
              : 'Optional. Leave it empty to keep following the action steps.'
          }
          {...errorProps(errors.progress ?? serverFieldError(save.error, 'progress'))}
        >
          <Input
            className={styles.progress}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={5}
            value={progress}
            onChange={(_, d) => setProgress(d.value)}
          />
        </Field>
      )}
      <ActionError error={save.error} what="add the update" shownFields={['note', 'progress']} />
    </FormDialog>
  );
}
