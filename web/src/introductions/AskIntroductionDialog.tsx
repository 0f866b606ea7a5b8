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
  Input,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { requestIntroduction, type Introduction, type NewIntroduction } from './introductions.api';

const useStyles = makeStyles({
  surface: { '@media (min-width: 481px)': { maxWidth: 'min(560px, calc(100vw - 48px))' } },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

interface Props {
  open: boolean;
  pairId: string;
  mentorFirstName: string;
  onClose: () => void;
  onSaved: (introduction: Introduction) => void;
}

/** The mentee asks their mentor to introduce them to someone (or to someone in a role). */
export function AskIntroductionDialog({ open, pairId, mentorFirstName, onClose, onSaved }: Props) {
  const styles = useStyles();
  const save = useAction();
  const [contactName, setContactName] = useState('');
  const [contactRole, setContactRole] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ contactName?: string; reason?: string }>({});

  useEffect(() => {
    if (!open) return;
    save.reset();
    setContactName('');
    setContactRole('');
    setReason('');
    setErrors({});
  }, [open, save.reset]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!contactName.trim()) found.contactName = 'Name the person — or describe the role if you don’t know who.';
    if (!reason.trim()) found.reason = `Tell ${mentorFirstName} why this introduction would help you.`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: NewIntroduction = {
      contactName: contactName.trim(),
      reason: reason.trim(),
      ...(contactRole.trim() ? { contactRole: contactRole.trim() } : {}),
    };
    const saved = await save.run((api) => requestIntroduction(api, pairId, body));
    if (saved) onSaved(saved);
  };

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()} modalType="modal">
      <DialogSurface className={styles.surface}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>Ask for an introduction</DialogTitle>
            <DialogContent className={styles.content}>
              <Field
                label="Who would you like to meet?"
                hint="A name, or a role if you don’t know who yet — “someone who runs customer research”."
                required
                {...errorProps(errors.contactName ?? serverFieldError(save.error, 'contactName'))}
              >
                <Input value={contactName} maxLength={200} onChange={(_, d) => setContactName(d.value)} />
              </Field>
              <Field
                label="Their role or team"
                hint="Optional."
                {...errorProps(serverFieldError(save.error, 'contactRole'))}
              >
                <Input value={contactRole} maxLength={200} onChange={(_, d) => setContactRole(d.value)} />
              </Field>
              <Field
                label="Why would it help?"
                hint={`A sentence or two ${mentorFirstName} can pass on, so the other person knows what you’re hoping for.`}
                required
                {...errorProps(errors.reason ?? serverFieldError(save.error, 'reason'))}
              >
                <Textarea value={reason} maxLength={1000} rows={3} resize="vertical" onChange={(_, d) => setReason(d.value)} />
              </Field>
              <ActionError error={save.error} what="send your request" shownFields={['contactName', 'contactRole', 'reason']} />
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={save.busy}>
                {save.busy ? 'Sending…' : 'Ask for the introduction'}
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
