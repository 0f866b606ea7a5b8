import { useEffect, useState } from 'react';
import { Field, Input, Textarea } from '@fluentui/react-components';
import { FormDialog } from '../app/FormDialog';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { requestIntroduction, type Introduction, type NewIntroduction } from './introductions.api';

interface Props {
  open: boolean;
  pairId: string;
  mentorFirstName: string;
  onClose: () => void;
  onSaved: (introduction: Introduction) => void;
}

/** The mentee asks their mentor to introduce them to someone (or to someone in a role). */
export function AskIntroductionDialog({ open, pairId, mentorFirstName, onClose, onSaved }: Props) {
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

  const submit = async () => {
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
    <FormDialog
      open={open}
      title="Ask for an introduction"
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Ask for the introduction"
      submittingLabel="Sending…"
      submitting={save.busy}
    >
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
    </FormDialog>
  );
}
