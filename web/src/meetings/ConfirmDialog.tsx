import { useEffect, type ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ActionError, useAction } from '../app/forms';
import type { ApiClient } from '../api/client';

const useStyles = makeStyles({
  surface: { '@media (min-width: 481px)': { maxWidth: 'min(520px, calc(100vw - 48px))' } },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  body: { color: tokens.colorNeutralForeground2 },
});

interface Props<T> {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The button that does it, e.g. "Cancel check-in". */
  confirmLabel: string;
  busyLabel: string;
  /** The button that backs out, e.g. "Keep it". */
  dismissLabel: string;
  /** "cancel the check-in" — used in "Couldn’t … — reason". */
  what: string;
  run: (api: ApiClient) => Promise<T>;
  onDone: (result: T) => void;
  onClose: () => void;
}

/** "Are you sure?" for something that can't be undone: says what happens, runs it, shows why it failed. */
export function ConfirmDialog<T>({ open, title, children, confirmLabel, busyLabel, dismissLabel, what, run, onDone, onClose }: Props<T>) {
  const styles = useStyles();
  const action = useAction();
  const { reset } = action;
  useEffect(() => {
    if (open) reset();
  }, [open, reset]);

  const confirm = async () => {
    // Wrapped, so that a 204 (undefined) still counts as done.
    const outcome = await action.run(async (api) => ({ value: await run(api) }));
    if (outcome) onDone(outcome.value);
  };

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && !action.busy && onClose()} modalType="alert">
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text className={styles.body}>{children}</Text>
            <ActionError error={action.error} what={what} />
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={action.busy}
              onClick={() => void confirm()}
            >
              {action.busy ? busyLabel : confirmLabel}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" disabled={action.busy}>
                {dismissLabel}
              </Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
