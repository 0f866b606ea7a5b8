import { useState } from 'react';
import {
  Avatar,
  Badge,
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { AppLink } from '../app/AppLink';
import { useAnnounce } from '../app/LiveRegion';
import { formatInstantDate } from '../app/format';
import { findPath, pairPath } from '../app/routing';
import { ProblemDetail, errorTitle } from '../app/states';
import { relativeDay, requestStatusBadge } from './labels';
import { withdrawRequest, type MentorshipRequest } from './requests.api';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  head: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  who: { display: 'flex', flexDirection: 'column', flexGrow: 1, flexBasis: '180px', minWidth: 0, gap: tokens.spacingVerticalXXS },
  name: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  details: { color: tokens.colorNeutralForeground2 },
  summary: { cursor: 'pointer', color: tokens.colorNeutralForeground2 },
  message: { margin: `${tokens.spacingVerticalS} 0 0`, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', color: tokens.colorNeutralForeground1 },
  reply: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  quote: { margin: 0, fontStyle: 'italic', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  surface: { maxWidth: 'min(520px, calc(100vw - 32px))', boxSizing: 'border-box' },
});

/** A request I sent: where it stands, a kind framing of any "no", and Withdraw while it's pending. */
export function OutgoingRequestCard({ request, onChanged }: { request: MentorshipRequest; onChanged: (r: MentorshipRequest) => void }) {
  const styles = useStyles();
  const mentor = request.mentor;
  const first = mentor.displayName.split(' ')[0] ?? mentor.displayName;
  const badge = requestStatusBadge[request.status];
  return (
    <Card className={styles.card} aria-labelledby={`sent-${request.id}`}>
      <div className={styles.head}>
        <Avatar name={mentor.displayName} size={40} color="colorful" aria-hidden="true" />
        <div className={styles.who}>
          <Text as="h3" id={`sent-${request.id}`} size={400} weight="semibold" className={styles.name}>
            {mentor.displayName}
          </Text>
          <Text size={200} className={styles.muted}>
            {[mentor.jobTitle, mentor.department].filter(Boolean).join(' · ') || 'No job title on file'}
          </Text>
          <Text size={200} className={styles.muted}>
            {request.program.name} · sent{' '}
            <time dateTime={request.createdAt} title={formatInstantDate(request.createdAt)}>
              {relativeDay(request.createdAt)}
            </time>
          </Text>
        </div>
        <Badge appearance="tint" shape="rounded" color={badge.color}>
          {badge.label}
        </Badge>
      </div>

      {request.status === 'declined' && (
        <div className={styles.reply}>
          {request.declineReason ? (
            <>
              <Text weight="semibold">{first} replied</Text>
              <blockquote className={styles.quote}>“{request.declineReason}”</blockquote>
            </>
          ) : (
            <Text weight="semibold">{first} can’t take this on right now.</Text>
          )}
          <Text size={200}>
            Mentors usually say no because of time, not because of you.{' '}
            <AppLink href={findPath(request.program.id)}>Find another mentor</AppLink>
          </Text>
        </div>
      )}
      {request.status === 'accepted' && (
        <Text>
          {first} said yes{request.respondedAt ? ` ${relativeDay(request.respondedAt)}` : ''}!{' '}
          {request.pairId && <AppLink href={pairPath(request.pairId)}>Go to your pair</AppLink>}
        </Text>
      )}
      {request.status === 'closed' && (
        <Text className={styles.details}>Closed automatically when you were matched with a mentor in this program.</Text>
      )}
      {request.status === 'withdrawn' && (
        <Text className={styles.details}>
          You withdrew this request{request.respondedAt ? ` ${relativeDay(request.respondedAt)}` : ''}.
        </Text>
      )}

      <details className={styles.details}>
        <summary className={styles.summary}>Your message</summary>
        <p className={styles.message}>{request.message}</p>
      </details>

      {request.status === 'pending' && (
        <div className={styles.actions}>
          <Text size={200} className={styles.muted}>
            Waiting for {first} to reply.
          </Text>
          <WithdrawDialog request={request} onWithdrawn={onChanged} />
        </div>
      )}
    </Card>
  );
}

function WithdrawDialog({ request, onWithdrawn }: { request: MentorshipRequest; onWithdrawn: (r: MentorshipRequest) => void }) {
  const styles = useStyles();
  const api = useApi();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Error | null>(null);
  const first = request.mentor.displayName.split(' ')[0] ?? request.mentor.displayName;

  const withdraw = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await withdrawRequest(api, request.id);
      setOpen(false);
      announce(`Request to ${request.mentor.displayName} withdrawn.`);
      onWithdrawn(next);
    } catch (error) {
      setProblem(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        if (!data.open) setProblem(null);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button size="small">Withdraw…</Button>
      </DialogTrigger>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Withdraw your request to {first}?</DialogTitle>
          <DialogContent>
            <Text as="p" block>
              {first} won’t be able to accept it any more, and it frees a slot so you can ask someone else. You can ask {first}{' '}
              again later.
            </Text>
            {problem && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{errorTitle(problem)}</MessageBarTitle>
                  <ProblemDetail error={problem} />
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={withdraw} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
              Withdraw request
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button disabled={busy}>Keep it</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
