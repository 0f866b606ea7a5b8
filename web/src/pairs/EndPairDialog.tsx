import { useEffect, useState } from 'react';
import { Field, Radio, RadioGroup, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { FormDialog } from '../app/FormDialog';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { endReasonLabel, endReasons } from './labels';
import { endPair, type EndReason, type MemberPairDetail, type PairDetail } from './pairs.api';

const useStyles = makeStyles({
  lead: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  open: boolean;
  pair: MemberPairDetail;
  onClose: () => void;
  onEnded: (pair: PairDetail) => void;
}

/** Ending a pair before its time: a reason (required) and an optional note. */
export function EndPairDialog({ open, pair, onClose, onEnded }: Props) {
  const styles = useStyles();
  const save = useAction();
  const [reason, setReason] = useState<EndReason | ''>('');
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string>();

  useEffect(() => {
    if (!open) return;
    save.reset();
    setReason('');
    setNote('');
    setReasonError(undefined);
  }, [open, save.reset]);

  const submit = async () => {
    if (!reason) {
      setReasonError('Choose the reason that fits best.');
      return;
    }
    const saved = await save.run((api) => endPair(api, pair.id, { reason, ...(note.trim() ? { note: note.trim() } : {}) }));
    if (saved) onEnded(saved);
  };

  const partnerFirst = pair.partner.displayName.split(' ')[0] ?? pair.partner.displayName;
  return (
    <FormDialog
      open={open}
      title="End the pair early?"
      onClose={onClose}
      onSubmit={submit}
      submitLabel="End the pair"
      submittingLabel="Ending…"
      submitting={save.busy}
      cancelLabel="Keep going"
    >
      <Text className={styles.lead}>
        Not every match works out, and that’s fine. Ending closes the pair for you and {partnerFirst}: what you
        wrote stays readable but can’t be changed, and meetings still on the calendar are cancelled.
      </Text>
      <Field
        label="What’s the main reason?"
        hint="Program admins see the reason you pick, which helps them make better matches. They never see your note."
        required
        {...errorProps(reasonError ?? serverFieldError(save.error, 'reason'))}
      >
        <RadioGroup
          value={reason}
          onChange={(_, d) => {
            setReason(d.value as EndReason);
            setReasonError(undefined);
          }}
        >
          {endReasons.map((r) => (
            <Radio key={r} value={r} label={endReasonLabel[r]} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Anything you’d like to add?" hint="Optional." {...errorProps(serverFieldError(save.error, 'note'))}>
        <Textarea value={note} onChange={(_, d) => setNote(d.value)} maxLength={1000} rows={3} resize="vertical" />
      </Field>
      <ActionError error={save.error} what="end the pair" shownFields={['reason', 'note']} />
    </FormDialog>
  );
}
