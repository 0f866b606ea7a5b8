import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Field, Radio, RadioGroup, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Cadence } from '../api/types';
import { cadenceLabel } from '../programs/labels';
import { ActionError, errorProps, serverFieldError } from '../app/forms';
import type { AgreementAnswers, AgreementField, Channel } from './agreements.api';
import { agreementFields, cadences, channelLabel, channels, fieldText } from './labels';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '720px' },
  radios: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  note: { color: tokens.colorNeutralForeground3 },
});

type Draft = {
  meetingFrequency: Cadence | '';
  communicationChannel: Channel | '';
  goals: string;
  feedbackStyle: string;
  boundaries: string;
};

const empty: Draft = { meetingFrequency: '', communicationChannel: '', goals: '', feedbackStyle: '', boundaries: '' };

function validate(draft: Draft): Partial<Record<AgreementField, string>> {
  const errors: Partial<Record<AgreementField, string>> = {};
  if (!draft.meetingFrequency) errors.meetingFrequency = 'Choose how often you’d like to meet.';
  if (!draft.communicationChannel) errors.communicationChannel = 'Choose how you’d like to keep in touch.';
  if (!draft.goals.trim()) errors.goals = 'Describe what success would look like for you — a sentence is enough.';
  if (!draft.feedbackStyle.trim()) errors.feedbackStyle = 'Say how you like to receive feedback.';
  if (!draft.boundaries.trim()) errors.boundaries = 'Note any boundaries — or write “None for now”.';
  return errors;
}

interface Props {
  initial: AgreementAnswers | null;
  /** The program's usual rhythm, offered as a hint. */
  suggestedCadence: Cadence;
  partnerName: string;
  busy: boolean;
  error: Error | null;
  onSubmit: (answers: AgreementAnswers) => void;
  onCancel?: (() => void) | undefined;
  /** Put the keyboard on the first question (when the form opened on request). */
  autoFocus?: boolean;
}

/** My answers to the working agreement. */
export function AgreementForm({ initial, suggestedCadence, partnerName, busy, error, onSubmit, onCancel, autoFocus = false }: Props) {
  const styles = useStyles();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(initial ?? empty);
  const [errors, setErrors] = useState<Partial<Record<AgreementField, string>>>({});
  const [attempt, setAttempt] = useState(0);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const message = (field: AgreementField) => errors[field] ?? serverFieldError(error, field);

  useEffect(() => {
    if (autoFocus) formRef.current?.querySelector<HTMLElement>('input:checked, input')?.focus();
    // Only when the form first appears.
  }, []);

  // After a failed submit, put the keyboard on the first field that needs attention.
  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid?.matches('input, textarea') ? invalid : invalid?.querySelector<HTMLElement>('input:checked, input');
    target?.focus();
  }, [attempt, error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(draft);
    setErrors(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length > 0 || !draft.meetingFrequency || !draft.communicationChannel) return;
    onSubmit({
      meetingFrequency: draft.meetingFrequency,
      communicationChannel: draft.communicationChannel,
      goals: draft.goals.trim(),
      feedbackStyle: draft.feedbackStyle.trim(),
      boundaries: draft.boundaries.trim(),
    });
  };

  return (
    <form ref={formRef} className={styles.form} onSubmit={submit} noValidate aria-label="My answers">
      <Field
        label={fieldText.meetingFrequency.label}
        hint={`${fieldText.meetingFrequency.help} Your program suggests: ${cadenceLabel[suggestedCadence].toLowerCase()}.`}
        required
        {...errorProps(message('meetingFrequency'))}
      >
        <RadioGroup
          layout="horizontal"
          className={styles.radios}
          value={draft.meetingFrequency}
          onChange={(_, d) => set('meetingFrequency', d.value as Cadence)}
        >
          {cadences.map((c) => (
            <Radio key={c} value={c} label={cadenceLabel[c]} />
          ))}
        </RadioGroup>
      </Field>
      <Field
        label={fieldText.communicationChannel.label}
        hint={fieldText.communicationChannel.help}
        required
        {...errorProps(message('communicationChannel'))}
      >
        <RadioGroup
          layout="horizontal"
          className={styles.radios}
          value={draft.communicationChannel}
          onChange={(_, d) => set('communicationChannel', d.value as Channel)}
        >
          {channels.map((c) => (
            <Radio key={c} value={c} label={channelLabel[c]} />
          ))}
        </RadioGroup>
      </Field>
      {agreementFields
        .filter((f): f is 'goals' | 'feedbackStyle' | 'boundaries' => f !== 'meetingFrequency' && f !== 'communicationChannel')
        .map((field) => (
          <Field key={field} label={fieldText[field].label} hint={fieldText[field].help} required {...errorProps(message(field))}>
            <Textarea
              value={draft[field]}
              onChange={(_, d) => set(field, d.value)}
              maxLength={fieldText[field].maxLength}
              resize="vertical"
              rows={3}
            />
          </Field>
        ))}
      <Text size={200} className={styles.note}>
        Only you and {partnerName} can read these answers; program admins can’t.
      </Text>
      <ActionError error={error} what="save your answers" shownFields={agreementFields} />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? 'Saving…' : initial ? 'Save changes' : 'Save my answers'}
        </Button>
        {onCancel && (
          <Button type="button" appearance="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
