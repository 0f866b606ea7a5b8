import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { MyActionItemsCard } from '../action-items/MyActionItemsCard';
import { useMyActionItems } from '../action-items/useActionItems';
import { useAnnouncement } from '../app/LiveRegion';
import { Section } from '../app/Section';
import { ViewHeading } from '../app/ViewHeading';
import { plural } from '../app/format';
import { CardSkeletons, ErrorState } from '../app/states';
import { usePairs } from '../pairs/usePairs';
import { ProgramList } from '../programs/ProgramList';
import { usePrograms } from '../programs/usePrograms';
import { pendingIncoming, useRequests } from '../requests/RequestsContext';
import { useReportViewStatus, type ViewStatus } from '../teams/HostContext';
import { HomePairList } from './HomePairList';
import { useMe } from './MeContext';
import { NextSteps } from './NextSteps';
import { nextSteps } from './nextSteps';
import { RequestsSummary } from './RequestsSummary';
import { WhoAmICard } from './WhoAmICard';

const useStyles = makeStyles({
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalXL },
  lead: { color: tokens.colorNeutralForeground2 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gridTemplateAreas: '"steps" "actions" "requests" "pairs" "profile" "programs"',
    gap: tokens.spacingVerticalXXL,
    '@media (min-width: 1000px)': {
      gridTemplateColumns: 'minmax(0, 1fr) 340px',
      gridTemplateAreas: '"steps aside" "actions aside" "pairs aside" "programs aside"',
      gridTemplateRows: 'auto auto auto 1fr',
      columnGap: tokens.spacingHorizontalXXL,
    },
  },
  // Narrow: its sections join the single column in their own places; wide: one column on the right.
  aside: {
    display: 'contents',
    '@media (min-width: 1000px)': {
      gridArea: 'aside',
      display: 'flex',
      flexDirection: 'column',
      gap: tokens.spacingVerticalXXL,
      alignSelf: 'start',
    },
  },
  steps: { gridArea: 'steps' },
  actions: { gridArea: 'actions' },
  requests: { gridArea: 'requests' },
  pairs: { gridArea: 'pairs' },
  profile: { gridArea: 'profile' },
  programs: { gridArea: 'programs' },
});

/** /tab — Home: what to do next, my pairs, my requests and the programs I can join. */
export default function HomePage() {
  const styles = useStyles();
  const me = useMe();
  const pairs = usePairs();
  const programs = usePrograms();
  const requests = useRequests();
  const actionItems = useMyActionItems();

  const failed = [
    me.error && 'your profile',
    pairs.error && 'your pairs',
    programs.error && 'programs',
    requests.error && 'your requests',
  ].filter(Boolean);
  const loading = me.loading || pairs.loading || programs.loading || (requests.loading && !requests.incoming);
  const status: ViewStatus = loading ? 'loading' : failed.length ? 'failed' : 'ready';
  useReportViewStatus(status, `Couldn’t load ${failed.join(', ')}`);

  const steps = nextSteps({
    programs: programs.data,
    pairs: pairs.data,
    incoming: requests.incoming,
    outgoing: requests.outgoing,
    actionItems: actionItems.data,
  });
  const stepsReady = !!programs.data && !!pairs.data && !!requests.incoming && !!requests.outgoing;
  useAnnouncement(
    status === 'loading'
      ? undefined
      : status === 'failed'
        ? `Couldn’t load ${failed.join(' and ')}.`
        : `My mentoring loaded: ${plural(steps.length, 'next step')}, ${plural(pairs.data?.length ?? 0, 'pair')}, ${plural(pendingIncoming(requests).length, 'request')} waiting for you.`,
  );

  const firstName = me.data?.displayName.split(' ')[0];
  return (
    <>
      <div className={styles.intro}>
        <ViewHeading>My mentoring</ViewHeading>
        <Text className={styles.lead}>
          {firstName ? `Hi ${firstName} — here’s your mentoring at a glance.` : 'Your mentoring at a glance.'}
        </Text>
      </div>
      <div className={styles.grid}>
        <Section title="Next steps" count={stepsReady && steps.length > 0 ? steps.length : undefined} busy={!stepsReady && loading} className={styles.steps}>
          {(headingId) =>
            stepsReady || !loading ? (
              <NextSteps steps={steps} labelledBy={headingId} />
            ) : (
              <CardSkeletons count={1} label="Working out your next steps" />
            )
          }
        </Section>
        <Section title="My action items" count={actionItems.data?.length} busy={actionItems.loading} className={styles.actions}>
          {(headingId) => <MyActionItemsCard items={actionItems} meId={me.data?.id} pairs={pairs.data} labelledBy={headingId} />}
        </Section>
        <div className={styles.aside}>
        <Section title="Requests" busy={requests.loading && !requests.incoming} className={styles.requests}>
          {() => (
            <>
              {requests.error && !requests.incoming && (
                <ErrorState error={requests.error} what="your requests" onRetry={requests.reload} />
              )}
              {!requests.error && (!requests.incoming || !requests.outgoing) && (
                <CardSkeletons count={1} label="Loading your requests" />
              )}
              {requests.incoming && requests.outgoing && (
                <RequestsSummary incoming={requests.incoming} outgoing={requests.outgoing} />
              )}
            </>
          )}
        </Section>
        <Section title="Who am I" busy={me.loading} className={styles.profile}>
          {() => (
            <>
              {me.loading && !me.data && <CardSkeletons count={1} label="Loading your profile" />}
              {me.error && <ErrorState error={me.error} what="your profile" onRetry={me.reload} />}
              {me.data && <WhoAmICard me={me.data} />}
            </>
          )}
        </Section>
        </div>
        <Section title="My pairs" count={pairs.data?.length} busy={pairs.loading} className={styles.pairs}>
          {(headingId) => (
            <>
              {pairs.loading && !pairs.data && <CardSkeletons count={2} label="Loading your pairs" />}
              {pairs.error && <ErrorState error={pairs.error} what="your pairs" onRetry={pairs.reload} />}
              {pairs.data && <HomePairList pairs={pairs.data} labelledBy={headingId} />}
            </>
          )}
        </Section>
        <Section title="Programs" count={programs.data?.length} busy={programs.loading} className={styles.programs}>
          {(headingId) => (
            <>
              {programs.loading && !programs.data && <CardSkeletons count={2} label="Loading programs" />}
              {programs.error && <ErrorState error={programs.error} what="programs" onRetry={programs.reload} />}
              {programs.data && (
                <ProgramList
                  programs={programs.data}
                  labelledBy={headingId}
                  pairedAsMentee={new Set(pairs.data?.filter((p) => p.myRole === 'mentee' && (p.status === 'active' || p.status === 'paused')).map((p) => p.program.id))}
                />
              )}
            </>
          )}
        </Section>
      </div>
    </>
  );
}
