import { useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { respondToIntroduction, type Introduction } from './introductions.api';

const useStyles = makeStyles({
  surface: { '@media (min-width: 481px)': { maxWidth: 'min(560px, calc(100vw - 48px))' } },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
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
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!responding) return;
    const body = { status: responding.status, ...(note.trim() ? { note: note.trim() } : {}) };
    const saved = await save.run((api) => respondToIntroduction(api, responding.introduction.id, body));
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open={responding !== null} onOpenChange={(_, d) => !d.open && onClose()} modalType="modal">
      <DialogSurface className={styles.surface}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{made ? 'Mark the introduction as made' : 'Decline the introduction'}</DialogTitle>
            <DialogContent className={styles.content}>
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
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={save.busy}>
                {save.busy ? 'Saving…' : made ? 'Mark as made' : 'Decline'}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
