import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { ApiError } from '../api/client';
import { useAnnounce } from '../app/LiveRegion';
import { ProblemDetail, errorDetail, errorTitle } from '../app/states';
import { useMe } from '../me/MeContext';
import { fieldErrors } from '../app/forms';
import type { Program } from '../programs/programs.api';
import { MESSAGE_MAX, MESSAGE_MIN, sendRequest, type MentorshipRequest } from '../requests/requests.api';
import { firstName, starterMessage } from './labels';
import type { Recommendation } from './recommendations.api';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(640px, calc(100vw - 32px))', boxSizing: 'border-box' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  guide: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  starter: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  counter: { fontVariantNumeric: 'tabular-nums' },
  counterBad: { color: tokens.colorPaletteRedForeground1 },
  placeholderWarning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  form: { display: 'contents' },
});

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  program: Program;
  mentor: Recommendation;
  /** The skills I want to build, to name a shared one in the starter. */
  mySkillsWanted: string[];
  onSent: (request: MentorshipRequest) => void;
  /** The server refused (409): the suggestions may be out of date. */
  onConflict?: () => void;
}

/** Ask a mentor: a short guide, an optional starter, and a message of 20–1000 characters. */
export function RequestDialog({ open, onOpenChange, program, mentor, mySkillsWanted, onSent, onConflict }: Props) {
  const styles = useStyles();
  const api = useApi();
  const me = useMe();
  const announce = useAnnounce();
  const [message, setMessage] = useState('');
  const [previous, setPrevious] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Error | null>(null);
  const [serverFieldError, setServerFieldError] = useState<string | undefined>();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const guideId = useId();

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setServerFieldError(undefined);
    setTouched(false);
    // Let the dialog mount, then put the cursor in the message.
    const t = window.setTimeout(() => textareaRef.current?.focus(), 50);
    return () => window.clearTimeout(t);
  }, [open]);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const mentorFirst = firstName(mentor.displayName);
  const length = message.trim().length;
  const tooShort = length < MESSAGE_MIN;
  const tooLong = length > MESSAGE_MAX;
  const hasPlaceholders = /\[[^\]]+\]/.test(message);
  const localError =
    touched && tooShort
      ? `Write at least ${MESSAGE_MIN} characters — a sentence or two about why ${mentorFirst}, and what you hope to gain.`
      : tooLong
        ? `Keep it to ${MESSAGE_MAX} characters; ${mentorFirst} can ask for more when you meet.`
        : undefined;
  const messageError = localError ?? serverFieldError;

  const insertStarter = () => {
    const shared = mentor.skillsOffered.find((s) => mySkillsWanted.some((w) => w.toLowerCase() === s.toLowerCase()));
    const draft = starterMessage({
      mentorName: mentor.displayName,
      myName: me.data?.displayName,
      myJobTitle: me.data?.jobTitle,
      skill: shared ?? mySkillsWanted[0] ?? mentor.skillsOffered[0],
      cadence: program.defaultCadence,
    });
    setPrevious(message.trim() ? message : null);
    setMessage(draft);
    setServerFieldError(undefined);
    announce('Starter inserted. Replace the parts in square brackets with your own words.');
    textareaRef.current?.focus();
    // Jump to the first thing to fill in.
    requestAnimationFrame(() => {
      const at = draft.indexOf('[');
      const end = draft.indexOf(']', at);
      if (at >= 0 && textareaRef.current) textareaRef.current.setSelectionRange(at, end + 1);
    });
  };

  const undoStarter = () => {
    if (previous === null) return;
    setMessage(previous);
    setPrevious(null);
    announce('Your earlier text is back.');
    textareaRef.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setProblem(null);
    setServerFieldError(undefined);
    if (tooShort || tooLong) {
      textareaRef.current?.focus();
      return;
    }
    setSending(true);
    try {
      const request = await sendRequest(api, program.id, { mentorId: mentor.mentorId, message: message.trim() });
      announce(`Request sent to ${mentor.displayName}. You’ll see their answer under Requests.`);
      setMessage('');
      setPrevious(null);
      onSent(request);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const fields = fieldErrors(err);
      if (fields.message) {
        setServerFieldError(fields.message);
        textareaRef.current?.focus();
      } else {
        setProblem(err);
        if (err instanceof ApiError && err.status === 409) onConflict?.();
      }
      announce(`Your request wasn’t sent. ${fields.message ?? errorDetail(err) ?? errorTitle(err)}`);
    } finally {
      setSending(false);
    }
  };

  const conflict = problem instanceof ApiError && problem.status === 409;

  return (
    <Dialog open={open} onOpenChange={(_, data) => onOpenChange(data.open)}>
      <DialogSurface className={styles.surface} aria-describedby={guideId}>
        <form onSubmit={submit} noValidate className={styles.form}>
          <DialogBody>
            <DialogTitle>Ask {mentorFirst} to be your mentor</DialogTitle>
            <DialogContent className={styles.content}>
              <div id={guideId}>
                <Text as="p" block>
                  A good first message is short and personal. Mention:
                </Text>
                <ul className={styles.guide}>
                  <li>
                    <strong>Why {mentorFirst}</strong> — what in their experience made you think of them.
                  </li>
                  <li>
                    <strong>What you hope to gain</strong> — one or two concrete things you’d like to work on.
                  </li>
                  <li>
                    <strong>Respect for their time</strong> — suggest a light rhythm and say you’ll fit around them.
                  </li>
                </ul>
              </div>

              {problem && (
                <div ref={problemRef} tabIndex={-1}>
                  <MessageBar intent={conflict ? 'warning' : 'error'} layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>{conflict ? 'This request can’t be sent' : `Couldn’t send — ${errorTitle(problem)}`}</MessageBarTitle>
                      <ProblemDetail error={problem} />
                    </MessageBarBody>
                  </MessageBar>
                </div>
              )}

              <div className={styles.starter}>
                <Button size="small" onClick={insertStarter} disabled={sending}>
                  {message.trim() ? 'Replace with a starter' : 'Use a starter'}
                </Button>
                {previous !== null && (
                  <Button size="small" appearance="transparent" onClick={undoStarter}>
                    Undo
                  </Button>
                )}
              </div>
              <Field
                label={`Your message to ${mentorFirst}`}
                required
                validationMessage={messageError}
                validationState={messageError ? 'error' : 'none'}
                hint={
                  <span className={mergeClasses(styles.counter, (tooLong || (touched && tooShort)) && styles.counterBad)}>
                    {length} of {MESSAGE_MAX} characters{tooShort ? ` — at least ${MESSAGE_MIN}` : ''}
                  </span>
                }
              >
                <Textarea
                  ref={textareaRef}
                  value={message}
                  onChange={(_, data) => {
                    setMessage(data.value);
                    setServerFieldError(undefined);
                  }}
                  rows={9}
                  resize="vertical"
                />
              </Field>
              {hasPlaceholders && (
                <Text size={200} className={styles.placeholderWarning}>
                  Replace the parts in [square brackets] with your own words before sending.
                </Text>
              )}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={sending} icon={sending ? <Spinner size="tiny" /> : undefined}>
                {sending ? 'Sending…' : 'Send request'}
              </Button>
              <Button onClick={() => onOpenChange(false)} disabled={sending}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
