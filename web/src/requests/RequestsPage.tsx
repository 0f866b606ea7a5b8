import { useRef } from 'react';
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AppLink } from '../app/AppLink';
import { useAnnouncement } from '../app/LiveRegion';
import { Section } from '../app/Section';
import { ViewHeading } from '../app/ViewHeading';
import { compareIso, plural } from '../app/format';
import { findPath, pairPath, profilePath } from '../app/routing';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { isEnrolledAs } from '../programs/programs.api';
import { usePrograms } from '../programs/usePrograms';
import { useReportViewStatus, type ViewStatus } from '../teams/HostContext';
import { IncomingRequestCard } from './IncomingRequestCard';
import { relativeDay, requestStatusBadge } from './labels';
import { OutgoingRequestCard } from './OutgoingRequestCard';
import { useRequests } from './RequestsContext';
import type { MentorshipRequest } from './requests.api';

const useStyles = makeStyles({
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalXL },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '70ch' },
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 400px), 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  history: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, listStyleType: 'none' },
  historyItem: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  historyName: { flex: '1 1 200px', minWidth: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Pending first, then newest. */
function byPendingThenNewest(a: MentorshipRequest, b: MentorshipRequest): number {
  if ((a.status === 'pending') !== (b.status === 'pending')) return a.status === 'pending' ? -1 : 1;
  return compareIso(b.createdAt, a.createdAt);
}

/** /tab/requests — requests waiting for my answer (as a mentor) and the ones I sent (as a mentee). */
export default function RequestsPage() {
  const styles = useStyles();
  const requests = useRequests();
  const programs = usePrograms();
  const waitingHeading = useRef<HTMLDivElement>(null);

  const incoming = requests.incoming ?? [];
  const waiting = incoming.filter((r) => r.status === 'pending');
  const answered = incoming.filter((r) => r.status !== 'pending');
  const outgoing = [...(requests.outgoing ?? [])].sort(byPendingThenNewest);
  const isMentor = programs.data?.some((p) => isEnrolledAs(p, 'mentor')) ?? false;

  const loaded = requests.incoming !== undefined && requests.outgoing !== undefined;
  const status: ViewStatus = !loaded && requests.loading ? 'loading' : requests.error && !loaded ? 'failed' : 'ready';
  useReportViewStatus(status, 'Couldn’t load your requests');
  useAnnouncement(
    status === 'loading'
      ? undefined
      : status === 'failed'
        ? 'Couldn’t load your requests.'
        : `Requests loaded: ${plural(waiting.length, 'request')} waiting for your answer, ${plural(outgoing.filter((r) => r.status === 'pending').length, 'request')} of yours pending.`,
  );

  // After a decline removes a card, put focus on the section so keyboard users aren't lost.
  const focusWaiting = () => requestAnimationFrame(() => waitingHeading.current?.querySelector('h2')?.focus());

  const incomingSection = (
        <div ref={waitingHeading}>
          <Section title="Waiting for your answer" count={requests.incoming ? waiting.length : undefined} busy={!requests.incoming && requests.loading}>
            {(headingId) => (
              <>
                {!requests.incoming && !requests.error && <CardSkeletons count={1} label="Loading requests sent to you" />}
                {requests.incoming && waiting.length === 0 && (
                  <EmptyState title={isMentor ? 'No requests waiting for you' : 'No one has asked you yet'}>
                    {isMentor ? (
                      'When a mentee asks you to mentor them, their request appears here with their message. You can accept, or decline with a kind note.'
                    ) : (
                      <>
                        Mentees ask mentors here. If you’d like to share your experience,{' '}
                        <AppLink href={profilePath()}>enrol as a mentor</AppLink>.
                      </>
                    )}
                  </EmptyState>
                )}
                {waiting.length > 0 && (
                  <ul className={styles.list} aria-labelledby={headingId}>
                    {waiting.map((r) => (
                      <li key={r.id}>
                        <IncomingRequestCard request={r} onChanged={requests.update} onStale={requests.reload} onDeclined={focusWaiting} />
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </Section>
        </div>
  );
  const outgoingSection = (
        <Section title="Requests you’ve sent" count={requests.outgoing ? outgoing.length : undefined} busy={!requests.outgoing && requests.loading}>
          {(headingId) => (
            <>
              {!requests.outgoing && !requests.error && <CardSkeletons count={1} label="Loading requests you’ve sent" />}
              {requests.outgoing && outgoing.length === 0 && (
                <EmptyState title="You haven’t asked anyone yet">
                  When you find a mentor whose experience fits what you want to learn, send them a short note from{' '}
                  <AppLink href={findPath()}>Find a mentor</AppLink>. Your requests and their answers appear here.
                </EmptyState>
              )}
              {outgoing.length > 0 && (
                <ul className={styles.list} aria-labelledby={headingId}>
                  {outgoing.map((r) => (
                    <li key={r.id}>
                      <OutgoingRequestCard request={r} onChanged={requests.update} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </Section>
  );
  // Mentors mostly come here to answer; mentees to follow what they sent.
  const mentorFirst = isMentor || waiting.length > 0;

  return (
    <>
      <div className={styles.intro}>
        <ViewHeading>Requests</ViewHeading>
        <Text className={styles.lead}>
          This is where mentees ask mentors. Answer the requests waiting for you, and follow the ones you’ve sent.
        </Text>
      </div>
      {requests.error && !loaded && <ErrorState error={requests.error} what="your requests" onRetry={requests.reload} />}
      <div className={styles.page}>
        {mentorFirst ? (
          <>
            {incomingSection}
            {outgoingSection}
          </>
        ) : (
          <>
            {outgoingSection}
            {incomingSection}
          </>
        )}
        {answered.length > 0 && (
          <Section title="Requests you’ve answered" count={answered.length}>
            {(headingId) => (
              <ul className={styles.history} aria-labelledby={headingId}>
                {answered.map((r) => {
                  const badge = requestStatusBadge[r.status];
                  return (
                    <li key={r.id} className={styles.historyItem}>
                      <Text className={styles.historyName}>
                        <Text weight="semibold">{r.mentee.displayName}</Text>
                        <Text size={200} className={styles.muted}>
                          {' '}
                          · {r.program.name} · asked {relativeDay(r.createdAt)}
                        </Text>
                      </Text>
                      <Badge appearance="tint" shape="rounded" color={badge.color}>
                        {r.status === 'declined' ? 'Declined' : r.status === 'withdrawn' ? 'Withdrawn by mentee' : badge.label}
                      </Badge>
                      {r.status === 'accepted' && r.pairId && <AppLink href={pairPath(r.pairId)}>Open pair</AppLink>}
                    </li>
                  );
                })}
              </ul>
            )}
          </Section>
        )}
      </div>
    </>
  );
}
