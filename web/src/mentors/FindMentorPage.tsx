import { useEffect, useRef, useState } from 'react';
import {
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Pair } from '../api/types';
import { AppLink } from '../app/AppLink';
import { LinkButton } from '../app/LinkButton';
import { useAnnouncement } from '../app/LiveRegion';
import { Section } from '../app/Section';
import { ViewHeading } from '../app/ViewHeading';
import { formatCalendarDate, plural } from '../app/format';
import { pairPath, paths, profilePath, setSearchParam, useSearchParam } from '../app/routing';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { usePairs } from '../pairs/usePairs';
import { useEnrollment } from '../profile/useEnrollment';
import { isEnrolledAs, type Program } from '../programs/programs.api';
import { usePrograms } from '../programs/usePrograms';
import { useRequests } from '../requests/RequestsContext';
import type { MentorshipRequest } from '../requests/requests.api';
import { useReportViewStatus, type ViewStatus } from '../teams/HostContext';
import { MentorCard } from './MentorCard';
import type { Recommendation } from './recommendations.api';
import { RequestDialog } from './RequestDialog';
import { useRecommendations } from './useRecommendations';

const useStyles = makeStyles({
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalXL },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '70ch' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  picker: { width: '360px', maxWidth: '100%' },
  status: { color: tokens.colorNeutralForeground2 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

const live = (p: Pair) => p.status === 'active' || p.status === 'paused';

/** /tab/find — mentors suggested for me in a program I'm a mentee in, and a way to ask one. */
export default function FindMentorPage() {
  const styles = useStyles();
  const programs = usePrograms();
  const requested = useSearchParam('program');
  const menteePrograms = programs.data?.filter((p) => isEnrolledAs(p, 'mentee')) ?? [];
  const selected = menteePrograms.find((p) => p.id === requested) ?? menteePrograms.find((p) => p.matchingMode === 'self') ?? menteePrograms[0];

  useReportViewStatus(programs.loading ? 'loading' : programs.error ? 'failed' : 'ready', 'Couldn’t load programs');

  return (
    <>
      <div className={styles.intro}>
        <ViewHeading>Find a mentor</ViewHeading>
        <Text className={styles.lead}>
          Mentors are suggested from the skills you want to build, what matters to you and when you work. Pick someone whose
          experience speaks to you, and tell them why.
        </Text>
      </div>
      <div className={styles.stack} aria-busy={programs.loading}>
        {programs.loading && !programs.data && <CardSkeletons count={2} label="Loading programs" />}
        {programs.error && <ErrorState error={programs.error} what="programs" onRetry={programs.reload} />}
        {programs.data && menteePrograms.length === 0 && <EnrolFirst programs={programs.data} />}
        {selected && (
          <>
            {menteePrograms.length > 1 && (
              <div className={styles.toolbar}>
                <Field label="Program" className={styles.picker}>
                  <Select value={selected.id} onChange={(_, data) => setSearchParam('program', data.value)}>
                    {menteePrograms.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
            )}
            <ProgramMentors key={selected.id} program={selected} allPrograms={programs.data ?? []} />
          </>
        )}
      </div>
    </>
  );
}

/** No mentee enrolment yet: say so, and point at programs open for enrolment. */
function EnrolFirst({ programs }: { programs: Program[] }) {
  const styles = useStyles();
  const open = programs.filter((p) => p.enrollmentOpen && p.myEnrollment?.status !== 'active');
  const mentorIn = programs.filter((p) => isEnrolledAs(p, 'mentor'));
  useAnnouncement('Enrol in a program as a mentee to see suggested mentors.');
  return (
    <EmptyState title="Enrol as a mentee to see suggested mentors">
      {open.length > 0 ? (
        <>
          Tell a program what you’d like to learn and Tandem will suggest mentors who can help.
          {mentorIn.length > 0 && ` You’re a mentor in ${mentorIn.map((p) => p.name).join(', ')}; mentees there will find you.`}
          <span className={styles.actions}>
            {open.map((p) => (
              <LinkButton key={p.id} href={profilePath(p.id)} appearance="primary">
                Enrol in {p.name}
              </LinkButton>
            ))}
          </span>
        </>
      ) : (
        <>
          No program is open for enrolment right now.{' '}
          {programs.length > 0
            ? 'Check back when the next intake opens — its dates are on Home.'
            : 'When your L&D team publishes one, you can enrol from your Profile.'}
        </>
      )}
    </EmptyState>
  );
}

function ProgramMentors({ program, allPrograms }: { program: Program; allPrograms: Program[] }) {
  const pairs = usePairs();
  const requests = useRequests();

  const myPair = pairs.data?.find((p) => p.program.id === program.id && p.myRole === 'mentee' && live(p));

  if (program.matchingMode === 'admin') {
    return <AdminMatched program={program} pair={myPair} others={allPrograms} />;
  }
  if (pairs.loading && !pairs.data) return <CardSkeletons count={2} label="Loading your pairs" />;
  if (myPair) {
    return (
      <EmptyState title={`You already have a mentor in ${program.name}`}>
        You’re paired with {myPair.partner.displayName}. Requests open again if your pair ends.{' '}
        <AppLink href={pairPath(myPair.id)}>Go to your pair</AppLink>
      </EmptyState>
    );
  }
  return <Recommendations program={program} outgoing={requests.outgoing} onSent={requests.add} />;
}

function AdminMatched({ program, pair, others }: { program: Program; pair: Pair | undefined; others: Program[] }) {
  const styles = useStyles();
  useAnnouncement(`${program.name} is matched by program admins.`);
  const selfOpen = others.filter((p) => p.matchingMode === 'self' && p.enrollmentOpen && p.myEnrollment?.status !== 'active');
  return (
    <>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>In {program.name}, the program admins make the matches</MessageBarTitle>
          {pair ? (
            <>
              You’re paired with {pair.partner.displayName}. <AppLink href={pairPath(pair.id)}>Go to your pair</AppLink>
            </>
          ) : (
            <>
              They pair mentors and mentees as a cohort, using everyone’s profiles, so there’s no one to ask here. Your pair will
              appear on <AppLink href={paths.tab}>Home</AppLink> once they’ve matched you. Keeping your{' '}
              <AppLink href={profilePath(program.id)}>profile</AppLink> up to date helps them choose well.
            </>
          )}
        </MessageBarBody>
      </MessageBar>
      {selfOpen.length > 0 && (
        <EmptyState title="Want to choose a mentor yourself?">
          In {selfOpen.map((p) => p.name).join(' and ')}, mentees pick their own mentor from suggestions.
          <span className={styles.actions}>
            {selfOpen.map((p) => (
              <LinkButton key={p.id} href={profilePath(p.id)}>
                Enrol in {p.name}
              </LinkButton>
            ))}
          </span>
        </EmptyState>
      )}
    </>
  );
}

function Recommendations({
  program,
  outgoing,
  onSent,
}: {
  program: Program;
  outgoing: MentorshipRequest[] | undefined;
  onSent: (request: MentorshipRequest) => void;
}) {
  const styles = useStyles();
  const recommendations = useRecommendations(program.id);
  const enrollment = useEnrollment(program.id);
  const [asking, setAsking] = useState<Recommendation | null>(null);
  const [sentTo, setSentTo] = useState<Set<string>>(new Set());
  const sentLinks = useRef(new Map<string, HTMLAnchorElement | null>());
  const [focusSent, setFocusSent] = useState<string | null>(null);
  const stale = useRef(false);

  const mySkills = enrollment.data?.skillsWanted ?? [];
  const openInProgram = outgoing?.filter((r) => r.program.id === program.id && r.status === 'pending') ?? [];
  const pendingMentors = new Set(openInProgram.map((r) => r.mentor.id));
  const atLimit = openInProgram.length >= program.maxOpenRequestsPerMentee;

  useEffect(() => {
    if (!focusSent) return;
    sentLinks.current.get(focusSent)?.focus();
    setFocusSent(null);
  }, [focusSent]);

  const status: ViewStatus = recommendations.loading ? 'loading' : recommendations.error ? 'failed' : 'ready';
  useReportViewStatus(status, 'Couldn’t load suggested mentors');
  useAnnouncement(
    status === 'loading'
      ? undefined
      : status === 'failed'
        ? 'Couldn’t load suggested mentors.'
        : `${plural(recommendations.data?.length ?? 0, 'mentor')} suggested in ${program.name}.`,
  );

  const blocked = (mentor: Recommendation) => {
    if (atLimit) return `You have ${program.maxOpenRequestsPerMentee} requests open, the most this program allows.`;
    if (mentor.remainingCapacity <= 0) return 'Their mentoring slots are full.';
    return undefined;
  };

  return (
    <Section title={`Suggested mentors in ${program.name}`} count={recommendations.data?.length} busy={recommendations.loading}>
      {(headingId) => (
        <>
          <Text className={styles.status}>
            {openInProgram.length === 0
              ? `You can ask up to ${program.maxOpenRequestsPerMentee} mentors at once. Enrolment closes ${formatCalendarDate(program.enrollmentClosesOn)}.`
              : `You’ve asked ${plural(openInProgram.length, 'mentor')} so far (up to ${program.maxOpenRequestsPerMentee} at once). `}
            {openInProgram.length > 0 && <AppLink href={paths.requests}>See your requests</AppLink>}
          </Text>
          {atLimit && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>You’ve asked as many mentors as you can for now</MessageBarTitle>
                Give them a few days to reply. If you’d rather ask someone else, withdraw a request under{' '}
                <AppLink href={paths.requests}>Requests</AppLink>.
              </MessageBarBody>
            </MessageBar>
          )}
          {recommendations.loading && !recommendations.data && <CardSkeletons count={3} label="Finding mentors for you" />}
          {recommendations.error && (
            <ErrorState error={recommendations.error} what="suggested mentors" onRetry={recommendations.reload} />
          )}
          {recommendations.data?.length === 0 && (
            <EmptyState title="No mentors are available right now">
              Everyone who mentors in {program.name} is either at capacity, taking a break, or already known to you. New mentors
              join and slots free up often — check back in a few days. Adding more skills to your{' '}
              <AppLink href={profilePath(program.id)}>profile</AppLink> can widen the search.
            </EmptyState>
          )}
          {recommendations.data && recommendations.data.length > 0 && (
            <ul className={styles.list} aria-labelledby={headingId}>
              {recommendations.data.map((mentor) => (
                <li key={mentor.mentorId}>
                  <MentorCard
                    ref={(el) => {
                      sentLinks.current.set(mentor.mentorId, el);
                    }}
                    mentor={mentor}
                    mySkillsWanted={mySkills}
                    sent={mentor.requestStatus === 'pending' || pendingMentors.has(mentor.mentorId) || sentTo.has(mentor.mentorId)}
                    blockedReason={blocked(mentor)}
                    onAsk={() => setAsking(mentor)}
                  />
                </li>
              ))}
            </ul>
          )}
          {asking && (
            <RequestDialog
              open={!!asking}
              onOpenChange={(open) => {
                if (open) return;
                setAsking(null);
                // A refused request means this list is out of date (the mentor paused or filled up).
                if (stale.current) {
                  stale.current = false;
                  recommendations.reload();
                }
              }}
              onConflict={() => {
                stale.current = true;
              }}
              program={program}
              mentor={asking}
              mySkillsWanted={mySkills}
              onSent={(request) => {
                setSentTo((s) => new Set(s).add(asking.mentorId));
                onSent(request);
                setAsking(null);
                setFocusSent(asking.mentorId);
              }}
            />
          )}
        </>
      )}
    </Section>
  );
}
