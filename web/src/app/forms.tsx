import { useCallback, useRef, useState } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { ApiError, type ApiClient } from '../api/client';
import { useApi } from '../api/ApiContext';

/** The server's message for `field` (or one of its items, e.g. `actionSteps.2`), if it rejected it. */
export function serverFieldError(error: Error | null | undefined, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
}

/** Props for a Fluent Field showing a message as an error (nothing when there is none). */
export function errorProps(message: string | undefined): {
  validationMessage?: string;
  validationState: 'error' | 'none';
} {
  return message ? { validationMessage: message, validationState: 'error' } : { validationState: 'none' };
}

export interface Action {
  busy: boolean;
  error: Error | null;
  /** Runs the call; resolves to its result, or undefined when it failed (the error is kept in `error`). */
  run: <T>(call: (api: ApiClient) => Promise<T>) => Promise<T | undefined>;
  reset: () => void;
}

/** One user action against the API (a form submit, a button): busy flag and last error. */
export function useAction(): Action {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const inFlight = useRef(0);

  const run = useCallback(
    async <T,>(call: (api: ApiClient) => Promise<T>): Promise<T | undefined> => {
      inFlight.current += 1;
      setBusy(true);
      setError(null);
      try {
        return await call(api);
      } catch (e) {
        setError(e instanceof Error ? e : new Error(String(e)));
        return undefined;
      } finally {
        inFlight.current -= 1;
        if (inFlight.current === 0) setBusy(false);
      }
    },
    [api],
  );
  const reset = useCallback(() => setError(null), []);
  return { busy, error, run, reset };
}

const useStyles = makeStyles({
  detail: { display: 'block', whiteSpace: 'normal' },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/**
 * A failed action: the problem's title and plain-language detail. Field errors the form shows
 * next to its fields are listed only when the form has no field for them (`shownFields`).
 */
export function ActionError({ error, what, shownFields = [] }: { error: Error | null; what: string; shownFields?: string[] }) {
  const styles = useStyles();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  const title = api ? api.title : 'Something went wrong';
  const detail = api ? api.detail : error.message;
  const unshown = (api?.errors ?? []).filter((e) => !shownFields.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
  const onlyFieldErrors = api?.status === 400 && unshown.length === 0 && (api?.errors.length ?? 0) > 0;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          Couldn’t {what} — {onlyFieldErrors ? 'check the highlighted fields' : title}
        </MessageBarTitle>
        {!onlyFieldErrors && detail && <span className={styles.detail}>{detail}</span>}
        {unshown.length > 0 && (
          <ul className={styles.list}>
            {unshown.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {e.field}: {e.message}
              </li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * The API's `errors[]` keyed by top-level field ("skillsOffered.3" and "skillsOffered[3]" count as
 * "skillsOffered"); several messages for one field are joined.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of error.errors) {
    const key = field.replace(/^body[./]/, '').split(/[.[/]/)[0] ?? field;
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}
