import { createContext, useCallback, useContext, useId, useMemo, type ReactNode } from 'react';
import {
  Button,
  Toast,
  ToastBody,
  ToastTitle,
  ToastTrigger,
  Toaster,
  useToastController,
  type ToastIntent,
} from '@fluentui/react-components';

export interface Notice {
  title: string;
  body?: string;
  intent?: ToastIntent;
  /** A button in the toast (e.g. Undo); clicking it also dismisses the toast. */
  action?: { label: string; onClick: () => void };
  /** Milliseconds; toasts with an action stay a little longer by default. */
  timeout?: number;
}

type Notify = (notice: Notice) => void;
const NotifyContext = createContext<Notify>(() => {});

/** The pair page's toaster: short confirmations, and Undo after a delete. Ctrl+M moves focus to the newest toast. */
export function PairToaster({ children }: { children: ReactNode }) {
  const toasterId = useId();
  const { dispatchToast } = useToastController(toasterId);

  const notify = useCallback<Notify>(
    ({ title, body, intent = 'success', action, timeout }) => {
      dispatchToast(
        <Toast>
          <ToastTitle
            action={
              action ? (
                <ToastTrigger>
                  <Button appearance="transparent" size="small" onClick={action.onClick}>
                    {action.label}
                  </Button>
                </ToastTrigger>
              ) : undefined
            }
          >
            {title}
          </ToastTitle>
          {body && <ToastBody>{body}</ToastBody>}
        </Toast>,
        { intent, timeout: timeout ?? (action ? 10_000 : 5_000), pauseOnHover: true, pauseOnWindowBlur: true },
      );
    },
    [dispatchToast],
  );

  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur shortcuts={{ focus: (e) => e.ctrlKey && e.key === 'm' }} />
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
