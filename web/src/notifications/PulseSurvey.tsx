import { useRef, useState, type FormEvent } from 'react';
import { Button, Field, Radio, RadioGroup, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useAnnounce } from '../app/LiveRegion';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { CheckCircleIcon } from '../app/icons';
import { PULSE_COMMENT_MAX, sendPulse } from './notifications.api';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
  scale: { display: 'flex', flexWrap: 'wrap', columnGap: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  done: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalXS,
    color: tokens.colorPaletteGreenForeground1,
  },
});

export const PULSE_QUESTION = 'How is your mentorship going?';
const SCALE = [1, 2, 3, 4, 5] as const;
const ENDS: Partial<Record<number, string>> = { 1: 'Not well', 5: 'Very well' };

interface Props {
  pairId: string;
  answered: boolean;
  onAnswered: () => void;
}

/** The pulse survey answered right in the feed: 1–5 and an optional comment. */
export function PulseSurvey({ pairId, answered, onAnswered }: Props) {
  const styles = useStyles();
  const send = useAction();
  const announce = useAnnounce();
  const formRef = useRef<HTMLFormElement>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string | undefined>(undefined);

  if (answered) {
    return (
      <Text size={200} className={styles.done}>
        <CheckCircleIcon size={16} />
        Thanks — answered
      </Text>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === null) {
      setMissing('Pick a number from 1 to 5.');
      formRef.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
      return;
    }
    const trimmed = comment.trim();
    const saved = await send.run((api) => sendPulse(api, pairId, { satisfaction: score, ...(trimmed ? { comment: trimmed } : {}) }));
    if (saved) {
      announce('Thanks — your answer was sent.');
      onAnswered();
    }
  };

  return (
    <form ref={formRef} className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <Field
        label={PULSE_QUESTION}
        required
        {...errorProps(missing ?? serverFieldError(send.error, 'satisfaction'))}
      >
        <RadioGroup
          layout="horizontal"
          className={styles.scale}
          value={score === null ? '' : String(score)}
          onChange={(_, d) => {
            setScore(Number(d.value));
            setMissing(undefined);
          }}
        >
          {SCALE.map((n) => (
            <Radio key={n} value={String(n)} label={ENDS[n] ? `${n} – ${ENDS[n]}` : String(n)} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Comment" hint="Optional. Your partner doesn’t see your answer; program admins only see answers added up across the program." {...errorProps(serverFieldError(send.error, 'comment'))}>
        <Textarea value={comment} onChange={(_, d) => setComment(d.value)} maxLength={PULSE_COMMENT_MAX} rows={2} resize="vertical" />
      </Field>
      <ActionError error={send.error} what="send your answer" shownFields={['satisfaction', 'comment']} />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" size="small" disabled={send.busy}>
          {send.busy ? 'Sending…' : 'Send'}
        </Button>
      </div>
    </form>
  );
}
