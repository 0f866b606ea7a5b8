import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Avatar,
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { ApiError } from '../api/client';
import { AppLink } from '../app/AppLink';
import { useAnnounce } from '../app/LiveRegion';
import { formatInstantDate } from '../app/format';
import { navigate, pairPath, profilePath } from '../app/routing';
import { ProblemDetail, errorDetail, errorTitle } from '../app/states';
import { fieldErrors } from '../app/forms';
import { relativeDay } from './labels';
import { DECLINE_REASON_MAX, acceptRequest, declineRequest, type MentorshipRequest } from './requests.api';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  head: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  who: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, gap: tokens.spacingVerticalXXS },
  name: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  message: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    color: tokens.colorNeutralForeground1,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  suggestions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  suggestion: { whiteSpace: 'normal', textAlign: 'start', height: 'auto', maxWidth: '100%', fontWeight: tokens.fontWeightRegular },
  dialogContent: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  surface: { maxWidth: 'min(560px, calc(100vw - 32px))', boxSizing: 'border-box' },
  form: { display: 'contents' },
});

const KIND_REASONS = [
  'My calendar is too full to give you the time you deserve right now.',
  'I think another mentor could help you more with this goal.',
  'I’m already mentoring as many people as I can this quarter.',
];

interface Props {
  request: MentorshipRequest;
  onChanged: (request: MentorshipRequest) => void;
  /** The request can't be answered any more (someone else changed it): reload the lists. */
  onStale: () => void;
  /** Called after a decline so the page can move focus somewhere sensible. */
  onDeclined: () => void;
}

/** A request waiting for my answer as a mentor: who, which program, their message, and Accept / Decline. */
export function IncomingRequestCard({ request, onChanged, onStale, onDeclined }: Props) {
  const styles = useStyles();
  const api = useApi();
  const announce = useAnnounce();
  const [accepting, setAccepting] = useState(false);
  const [problem, setProblem] = useState<Error | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const mentee = request.mentee;
  const first = mentee.displayName.split(' ')[0] ?? mentee.displayName;

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const accept = async () => {
    setAccepting(true);
    setProblem(null);
    try {
      const { pairId } = await acceptRequest(api, request.id);
      announce(`You’re now mentoring ${mentee.displayName}. Opening your new pair.`);
      onChanged({ ...request, status: 'accepted', pairId, respondedAt: new Date().toISOString() });
      navigate(pairPath(pairId));
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      setProblem(err);
      announce(`Couldn’t accept. ${errorDetail(err) ?? errorTitle(err)}`);
      setAccepting(false);
    }
  };

  const noRoom = problem instanceof ApiError && problem.status === 409 && /room|capacity/i.test(problem.detail ?? '');
  const conflict = problem instanceof ApiError && problem.status === 409;

  return (
    <Card className={styles.card} aria-labelledby={`request-${request.id}`}>
      <div className={styles.head}>
        <Avatar name={mentee.displayName} size={48} color="colorful" aria-hidden="true" />
        <div className={styles.who}>
          <Text as="h3" id={`request-${request.id}`} size={400} weight="semibold" className={styles.name}>
            {mentee.displayName}
          </Text>
          <Text size={200} className={styles.muted}>
            {[mentee.jobTitle, mentee.department].filter(Boolean).join(' · ') || 'No job title on file'}
          </Text>
          <Text size={200} className={styles.muted}>
            {request.program.name} · asked <time dateTime={request.createdAt} title={formatInstantDate(request.createdAt)}>{relativeDay(request.createdAt)}</time>
          </Text>
        </div>
      </div>
      <blockquote className={styles.message} aria-label={`Message from ${mentee.displayName}`}>
        {request.message}
      </blockquote>

      {problem && (
        <div ref={problemRef} tabIndex={-1}>
          <MessageBar intent={conflict ? 'warning' : 'error'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {noRoom ? 'You don’t have room for another mentee' : conflict ? 'This request can’t be accepted' : `Couldn’t accept — ${errorTitle(problem)}`}
              </MessageBarTitle>
              <ProblemDetail error={problem} />{' '}
              {noRoom && (
                <>
                  If you can make time, raise how many mentees you take in your{' '}
                  <AppLink href={profilePath(request.program.id)}>profile</AppLink>, then accept. Otherwise, decline kindly so {first}{' '}
                  can ask someone else.
                </>
              )}
              {conflict && !noRoom && (
                <Button size="small" appearance="transparent" onClick={onStale}>
                  Refresh requests
                </Button>
              )}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}

      <div className={styles.actions}>
        <Button appearance="primary" onClick={accept} disabled={accepting} icon={accepting ? <Spinner size="tiny" /> : undefined}>
          {accepting ? 'Accepting…' : `Accept ${first}`}
        </Button>
        <DeclineDialog
          request={request}
          disabled={accepting}
          onDeclined={(declined) => {
            onChanged(declined);
            onDeclined();
          }}
          onStale={onStale}
        />
      </div>
    </Card>
  );
}

function DeclineDialog({
  request,
  disabled,
  onDeclined,
  onStale,
}: {
  request: MentorshipRequest;
  disabled: boolean;
  onDeclined: (request: MentorshipRequest) => void;
  onStale: () => void;
}) {
  const styles = useStyles();
  const api = useApi();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Error | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const first = request.mentee.displayName.split(' ')[0] ?? request.mentee.displayName;
  const length = reason.trim().length;
  const tooLong = length > DECLINE_REASON_MAX;

  const decline = async (event: FormEvent) => {
    event.preventDefault();
    if (tooLong) {
      setReasonError(`Keep it to ${DECLINE_REASON_MAX} characters.`);
      return;
    }
    setBusy(true);
    setProblem(null);
    setReasonError(undefined);
    try {
      const declined = await declineRequest(api, request.id, reason.trim() || undefined);
      setOpen(false);
      announce(`You declined ${request.mentee.displayName}’s request. They’ll see your note.`);
      onDeclined(declined);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const fields = fieldErrors(err);
      if (fields.reason) setReasonError(fields.reason);
      else setProblem(err);
      announce(`Couldn’t decline. ${fields.reason ?? errorDetail(err) ?? errorTitle(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        if (!data.open) {
          setProblem(null);
          setReasonError(undefined);
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button disabled={disabled}>Decline…</Button>
      </DialogTrigger>
      <DialogSurface className={styles.surface}>
        <form onSubmit={decline} className={styles.form} noValidate>
          <DialogBody>
            <DialogTitle>Decline {first}’s request?</DialogTitle>
            <DialogContent className={styles.dialogContent}>
              <Text as="p" block>
                Saying no is fine — a short, kind reason helps {first} understand and ask someone else. It’s optional, and
                only {first} sees it.
              </Text>
              {problem && (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{errorTitle(problem)}</MessageBarTitle>
                    <ProblemDetail error={problem} />{' '}
                    {problem instanceof ApiError && problem.status === 409 && (
                      <Button
                        size="small"
                        appearance="transparent"
                        onClick={() => {
                          setOpen(false);
                          onStale();
                        }}
                      >
                        Refresh requests
                      </Button>
                    )}
                  </MessageBarBody>
                </MessageBar>
              )}
              <Field
                label="A note for the mentee (optional)"
                hint={`${length} of ${DECLINE_REASON_MAX} characters`}
                validationMessage={reasonError ?? (tooLong ? `Keep it to ${DECLINE_REASON_MAX} characters.` : undefined)}
                validationState={reasonError || tooLong ? 'error' : 'none'}
              >
                <Textarea value={reason} onChange={(_, data) => setReason(data.value)} rows={4} resize="vertical" />
              </Field>
              <div role="group" aria-label="Suggested notes" className={styles.suggestions}>
                {KIND_REASONS.map((text) => (
                  <Button key={text} size="small" appearance="outline" className={styles.suggestion} onClick={() => setReason(text)}>
                    {text}
                  </Button>
                ))}
              </div>
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                Decline request
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button disabled={busy}>Cancel</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
