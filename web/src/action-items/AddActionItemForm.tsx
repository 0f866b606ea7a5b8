import { useRef, useState, type FormEvent } from 'react';
import { Button, Field, Input, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { AddIcon } from '../app/icons';
import type { MemberPairDetail } from '../pairs/pairs.api';
import { createActionItem, type ActionItem } from './action-items.api';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 180px), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  owner: { display: 'flex', flexWrap: 'wrap' },
  actions: { display: 'flex' },
});

interface Props {
  pair: MemberPairDetail;
  /** Links the item to this check-in. */
  meetingId?: string;
  onAdded: (item: ActionItem) => void;
}

/** A new action item: what, who (me or my partner) and, optionally, by when. */
export function AddActionItemForm({ pair, meetingId, onAdded }: Props) {
  const styles = useStyles();
  const save = useAction();
  const me = pair.viewer === 'mentor' ? pair.mentor : pair.mentee;
  const partnerFirst = pair.partner.displayName.split(' ')[0] ?? pair.partner.displayName;
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState(me.id);
  const [dueOn, setDueOn] = useState('');
  const [textError, setTextError] = useState<string>();
  const textRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setTextError('Say what needs doing — for example, “Send Sam my presentation draft”.');
      textRef.current?.focus();
      return;
    }
    const item = await save.run((api) =>
      createActionItem(api, pair.id, {
        text: text.trim(),
        ownerId,
        ...(dueOn ? { dueOn } : {}),
        ...(meetingId ? { meetingId } : {}),
      }),
    );
    if (!item) {
      window.setTimeout(() => textRef.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    onAdded(item);
    setText('');
    setDueOn('');
    setOwnerId(me.id);
    textRef.current?.focus();
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label="Add an action item">
      <Field label="New action item" required {...errorProps(textError ?? serverFieldError(save.error, 'text'))}>
        <Input
          ref={textRef}
          value={text}
          maxLength={500}
          onChange={(_, d) => {
            setText(d.value);
            setTextError(undefined);
          }}
        />
      </Field>
      <div className={styles.row}>
        <Field label="Who’s doing it?" {...errorProps(serverFieldError(save.error, 'ownerId'))}>
          <RadioGroup layout="horizontal" className={styles.owner} value={ownerId} onChange={(_, d) => setOwnerId(d.value)}>
            <Radio value={me.id} label="Me" />
            <Radio value={pair.partner.id} label={partnerFirst} />
          </RadioGroup>
        </Field>
        <Field label="Due date" hint="Optional." {...errorProps(serverFieldError(save.error, 'dueOn'))}>
          <Input type="date" value={dueOn} onChange={(_, d) => setDueOn(d.value)} />
        </Field>
      </div>
      <ActionError error={save.error} what="add the action item" shownFields={['text', 'ownerId', 'dueOn']} />
      <div className={styles.actions}>
        <Button type="submit" icon={<AddIcon />} disabled={save.busy}>
          {save.busy ? 'Adding…' : 'Add action item'}
        </Button>
      </div>
    </form>
  );
}
