import { useState, type FormEvent } from 'react';
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import type { DevTokenRequest } from '../api/types';
import { ApiError } from '../api/client';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 240px), 1fr))',
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
  },
  actions: { display: 'flex', justifyContent: 'flex-start' },
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Props {
  busy: boolean;
  /** The last sign-in failure; its field errors are shown on the matching inputs. */
  error: Error | null;
  onSubmit: (request: DevTokenRequest) => void;
}

/** Free-form dev sign-in: any email, with an optional display name. */
export function EmailSignInForm({ busy, error, onSubmit }: Props) {
  const styles = useStyles();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [touched, setTouched] = useState(false);

  const emailValid = EMAIL.test(email.trim());
  const serverFieldError = (field: string) =>
    error instanceof ApiError ? error.errors.find((e) => e.field === field)?.message : undefined;
  const emailMessage = touched && !emailValid ? 'Enter a work email such as alex@contoso.com.' : serverFieldError('email');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!emailValid) return;
    const request: DevTokenRequest = { email: email.trim() };
    if (displayName.trim()) request.displayName = displayName.trim();
    onSubmit(request);
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <div className={styles.fields}>
        <Field label="Work email" required validationMessage={emailMessage} validationState={emailMessage ? 'error' : 'none'}>
          <Input type="email" autoComplete="email" value={email} onChange={(_, d) => setEmail(d.value)} />
        </Field>
        <Field label="Display name" hint="Optional" validationMessage={serverFieldError('displayName')}>
          <Input autoComplete="name" value={displayName} onChange={(_, d) => setDisplayName(d.value)} />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          Sign in
        </Button>
      </div>
    </form>
  );
}
