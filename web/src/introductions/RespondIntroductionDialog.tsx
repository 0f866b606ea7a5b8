import { useEffect, useState } from 'react';
import { Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { FormDialog } from '../app/FormDialog';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { respondToIntroduction, type Introduction } from './introductions.api';

const useStyles = makeStyles({
  quote: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

export interface Responding {
  introduction: Introduction;
  status: 'made' | 'declined';
}

interface Props {
  responding: Responding | null;
  menteeFirstName: string;
  onClose: () => void;
  onSaved: (introduction: Introduction) => void;
}

/** The mentor marks an introduction made or declined, with an optional note for the mentee. */
export function RespondIntroductionDialog({ responding, menteeFirstName, onClose, onSaved }: Props) {
  const styles = useStyles();
  const save = useAction();
  const [note, setNote] = useState('');

  useEffect(() => {
    if (!responding) return;
    save.reset();
    setNote('');
  }, [responding, save.reset]);

  const made = responding?.status === 'made';
  const submit = async () => {
    if (!responding) return;
    const body = { status: responding.status, ...(note.trim() ? { note: note.trim() } : {}) };
    const saved = await save.run((api) => respondToIntroduction(api, responding.introduction.id, body));
    if (saved) onSaved(saved);
  };

  return (
    <FormDialog
      open={responding !== null}
      title={made ? 'Mark the introduction as made' : 'Decline the introduction'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={made ? 'Mark as made' : 'Decline'}
      submittingLabel="Saving…"
      submitting={save.busy}
    >
      {responding && (
        <Text className={styles.quote}>
          {menteeFirstName} asked to meet <strong>{responding.introduction.contactName}</strong>
          {responding.introduction.contactRole ? ` (${responding.introduction.contactRole})` : ''}.
        </Text>
      )}
      <Field
        label={`A note for ${menteeFirstName}`}
        hint={
          made
            ? 'Optional — how you made the introduction, or a tip for the first conversation.'
            : 'Optional, but kind — why not, and who else might help.'
        }
        {...errorProps(serverFieldError(save.error, 'note'))}
      >
        <Textarea value={note} maxLength={1000} rows={3} resize="vertical" onChange={(_, d) => setNote(d.value)} />
      </Field>
      <ActionError error={save.error} what="save your answer" shownFields={['note']} />
    </FormDialog>
  );
}
