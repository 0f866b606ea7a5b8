import { useEffect, useRef, useState } from 'react';
import { Field, Input, Radio, RadioGroup, Select, Textarea, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { Cadence, MatchingMode, ProgramKind } from '../api/types';
import { FormDialog } from '../app/FormDialog';
import { useAnnounce } from '../app/LiveRegion';
import { plural } from '../app/format';
import { ActionError, errorProps, useAction } from '../app/forms';
import { cadenceLabel, kindLabel } from '../programs/labels';
import type { Program } from '../programs/programs.api';
import { createProgram, updateProgram, type AdminProgram, type ProgramField } from './admin.api';
import {
  DESCRIPTION_MAX,
  MAX_OPEN_REQUESTS,
  NAME_MAX,
  blankDraft,
  changedFields,
  draftFromProgram,
  fieldLabels,
  fieldOrder,
  serverErrors,
  toInput,
  validateDraft,
  type DraftErrors,
  type ProgramDraft,
} from './programForm';

const useStyles = makeStyles({
  twoUp: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 200px), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground1 },
  hint: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3, margin: 0 },
  radioLabel: { display: 'flex', flexDirection: 'column' },
  radioMeta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3 },
  number: { maxWidth: '10em' },
});

const kinds = Object.keys(kindLabel) as ProgramKind[];
const cadences = Object.keys(cadenceLabel) as Cadence[];

const matchingChoices: { value: MatchingMode; label: string; meta: string }[] = [
  { value: 'self', label: 'Mentees request mentors', meta: 'Mentees browse suggested mentors and write to the ones they’d like.' },
  { value: 'admin', label: 'The program team matches', meta: 'Admins pair people; mentees can’t send requests themselves.' },
];

interface Props {
  open: boolean;
  /** Edit this program; without it the dialog creates a new one. */
  program?: AdminProgram | undefined;
  onClose: () => void;
  /** After a successful save; `changed` is false when an edit had nothing to send. */
  onSaved: (program: Program | AdminProgram, result: { created: boolean; changed: boolean }) => void;
}

/** Create a program, or change any of its settings (only the changed fields are sent). */
export function ProgramDialog({ open, program, onClose, onSaved }: Props) {
  const styles = useStyles();
  const editing = program !== undefined;
  const save = useAction();
  const announce = useAnnounce();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ProgramDraft>(blankDraft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [fromServer, setFromServer] = useState<DraftErrors>({});
  const [attempt, setAttempt] = useState(0);

  // Each opening starts from the program as saved (or a fresh draft).
  useEffect(() => {
    if (!open) return;
    save.reset();
    setErrors({});
    setFromServer({});
    setAttempt(0);
    setDraft(program ? draftFromProgram(program) : blankDraft());
  }, [open, program]);

  // After a submit that found problems, the first field with one takes focus.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const set = <K extends keyof ProgramDraft>(key: K, value: ProgramDraft[K]) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    // Once the person has tried to save, keep the messages in step with what they fix.
    if (attempt > 0) setErrors(validateDraft(next));
    if (fromServer[key]) setFromServer(({ [key]: _gone, ...rest }) => rest);
  };

  const message = (field: ProgramField) => errors[field] ?? fromServer[field];
  const fieldProps = (field: ProgramField) => errorProps(message(field));

  const problems = (found: DraftErrors) => {
    const fields = fieldOrder.filter((f) => found[f]).map((f) => fieldLabels[f]);
    const list = fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}` : (fields[0] ?? 'the form');
    announce(`Check ${list} before saving: ${plural(fields.length, 'field needs', 'fields need')} attention.`);
    setAttempt((n) => n + 1);
  };

  const submit = async () => {
    if (save.busy) return;
    const found = validateDraft(draft);
    setErrors(found);
    setFromServer({});
    if (Object.keys(found).length > 0) {
      problems(found);
      return;
    }
    const input = toInput(draft);
    if (program) {
      const changes = changedFields(program, input);
      if (Object.keys(changes).length === 0) {
        onSaved(program, { created: false, changed: false });
        return;
      }
      const saved = await save.run((api) => updateProgram(api, program.id, changes));
      if (saved) onSaved(saved, { created: false, changed: true });
      else afterFailure();
    } else {
      const saved = await save.run((api) => createProgram(api, input));
      if (saved) onSaved(saved, { created: true, changed: true });
      else afterFailure();
    }
  };

  // Read the error on the next render, once useAction has stored it.
  const [failed, setFailed] = useState(0);
  const afterFailure = () => setFailed((n) => n + 1);
  useEffect(() => {
    if (failed === 0 || !save.error) return;
    const found = serverErrors(save.error);
    if (Object.keys(found).length > 0) {
      setFromServer(found);
      problems(found);
    } else {
      announce(`Couldn’t ${editing ? 'save the program' : 'create the program'}. ${save.error.message}`);
    }
  }, [failed]);

  return (
    <FormDialog
      open={open}
      title={editing ? 'Edit program' : 'New program'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={editing ? 'Save changes' : 'Create program'}
      submittingLabel="Saving…"
      submitting={save.busy}
      width={680}
      formRef={formRef}
    >
      <Field label="Name" required {...fieldProps('name')}>
        <Input value={draft.name} maxLength={NAME_MAX} onChange={(_, d) => set('name', d.value)} />
      </Field>
      <Field
        label="Description"
        hint="What the program offers and who it’s for. People read this before they enrol."
        {...fieldProps('description')}
      >
        <Textarea
          value={draft.description}
          maxLength={DESCRIPTION_MAX}
          resize="vertical"
          rows={3}
          onChange={(_, d) => set('description', d.value)}
        />
      </Field>
      <Field label="Kind of program" {...fieldProps('kind')}>
        <Select value={draft.kind} onChange={(_, d) => set('kind', d.value as ProgramKind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindLabel[k]}
            </option>
          ))}
        </Select>
      </Field>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>When it runs</legend>
        <div className={styles.twoUp}>
          <Field label="Starts on" required {...fieldProps('startsOn')}>
            <Input type="date" value={draft.startsOn} onChange={(_, d) => set('startsOn', d.value)} />
          </Field>
          <Field label="Ends on" required {...fieldProps('endsOn')}>
            <Input type="date" value={draft.endsOn} min={draft.startsOn || undefined} onChange={(_, d) => set('endsOn', d.value)} />
          </Field>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Enrolment</legend>
        <p className={styles.hint}>
          People can sign up as a mentor or a mentee from the first day to the last, both included.
        </p>
        <div className={styles.twoUp}>
          <Field label="Enrolment opens" required {...fieldProps('enrollmentOpensOn')}>
            <Input
              type="date"
              value={draft.enrollmentOpensOn}
              onChange={(_, d) => set('enrollmentOpensOn', d.value)}
            />
          </Field>
          <Field label="Enrolment closes" required {...fieldProps('enrollmentClosesOn')}>
            <Input
              type="date"
              value={draft.enrollmentClosesOn}
              min={draft.enrollmentOpensOn || undefined}
              onChange={(_, d) => set('enrollmentClosesOn', d.value)}
            />
          </Field>
        </div>
      </fieldset>

      <Field
        label="Default meeting rhythm"
        hint="Where new pairs start; each pair can agree its own."
        {...fieldProps('defaultCadence')}
      >
        <Select value={draft.defaultCadence} onChange={(_, d) => set('defaultCadence', d.value as Cadence)}>
          {cadences.map((c) => (
            <option key={c} value={c}>
              {cadenceLabel[c]}
            </option>
          ))}
        </Select>
      </Field>

      <Field label="Matching" {...fieldProps('matchingMode')}>
        <RadioGroup value={draft.matchingMode} onChange={(_, d) => set('matchingMode', d.value as MatchingMode)}>
          {matchingChoices.map((c) => (
            <Radio
              key={c.value}
              value={c.value}
              label={{
                children: (
                  <span className={styles.radioLabel}>
                    <span>{c.label}</span>
                    <span className={styles.radioMeta}>{c.meta}</span>
                  </span>
                ),
              }}
            />
          ))}
        </RadioGroup>
      </Field>

      <Field
        label="Open requests per mentee"
        hint={`How many mentors a mentee can ask at once while they wait for answers (${MAX_OPEN_REQUESTS.min}–${MAX_OPEN_REQUESTS.max}). Used when mentees request mentors.`}
        {...fieldProps('maxOpenRequestsPerMentee')}
      >
        <Input
          className={styles.number}
          type="number"
          inputMode="numeric"
          min={MAX_OPEN_REQUESTS.min}
          max={MAX_OPEN_REQUESTS.max}
          step={1}
          value={draft.maxOpenRequestsPerMentee}
          onChange={(_, d) => set('maxOpenRequestsPerMentee', d.value)}
        />
      </Field>

      <ActionError
        error={save.error}
        what={editing ? 'save the program' : 'create the program'}
        shownFields={fieldOrder}
      />
    </FormDialog>
  );
}
