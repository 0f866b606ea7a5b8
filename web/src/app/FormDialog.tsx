import type { FormEvent, ReactNode, Ref } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  tokens,
} from '@fluentui/react-components';

/** Full width on phones; from 481px up, at most `px` wide and never wider than the window. */
const maxWidth = (px: number) => ({ '@media (min-width: 481px)': { maxWidth: `min(${px}px, calc(100vw - 48px))` } });

const useStyles = makeStyles({
  w560: maxWidth(560),
  w680: maxWidth(680),
  w720: maxWidth(720),
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

interface Props {
  open: boolean;
  title: ReactNode;
  /** Escape, a click outside, or Cancel. */
  onClose: () => void;
  /** The form was submitted (Enter or the primary button); the browser's own submission is already prevented. */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void | Promise<void>;
  /** The primary button, e.g. "Add update". */
  submitLabel: string;
  /** The primary button while `submitting`, e.g. "Saving…". */
  submittingLabel: string;
  /** The primary button is disabled while this is true. */
  submitting: boolean;
  /** The button that backs out; "Cancel" unless given. */
  cancelLabel?: string;
  /**
   * What else is locked while submitting: `'cancel'` disables Cancel; `'dialog'` also keeps the
   * dialog open (Escape and clicks outside do nothing). Nothing else is locked unless given.
   */
  lockWhileSubmitting?: 'cancel' | 'dialog';
  /** Largest width on wider screens, in pixels (default 560). */
  width?: 560 | 680 | 720;
  /** For forms that move focus to their first invalid field. */
  formRef?: Ref<HTMLFormElement>;
  /** The fields, then the form's error (usually an ActionError). */
  children: ReactNode;
}

/**
 * A modal form: title, the fields in a column, then the primary (submit) button and Cancel.
 * Fluent's Dialog traps focus inside it and returns focus to the opener when it closes.
 */
export function FormDialog({
  open,
  title,
  onClose,
  onSubmit,
  submitLabel,
  submittingLabel,
  submitting,
  cancelLabel = 'Cancel',
  lockWhileSubmitting,
  width = 560,
  formRef,
  children,
}: Props) {
  const styles = useStyles();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void onSubmit(event);
  };
  const stayOpen = lockWhileSubmitting === 'dialog' && submitting;

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && !stayOpen && onClose()} modalType="modal">
      <DialogSurface className={styles[`w${width}`]}>
        <form ref={formRef} onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>{children}</DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={submitting}>
                {submitting ? submittingLabel : submitLabel}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary" disabled={lockWhileSubmitting !== undefined && submitting}>
                  {cancelLabel}
                </Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
