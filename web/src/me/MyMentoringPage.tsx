import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useAnnouncement } from '../app/LiveRegion';
import { Section } from '../app/Section';
import { ViewHeading } from '../app/ViewHeading';
import { plural } from '../app/format';
import { CardSkeletons, ErrorState } from '../app/states';
import { PairList } from '../pairs/PairList';
import { usePairs } from '../pairs/usePairs';
import { ProgramList } from '../programs/ProgramList';
import { usePrograms } from '../programs/usePrograms';
import { useReportViewStatus, type ViewStatus } from '../teams/HostContext';
import { useMe } from './MeContext';
import { WhoAmICard } from './WhoAmICard';

const useStyles = makeStyles({
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalXL },
  lead: { color: tokens.colorNeutralForeground2 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gridTemplateAreas: '"profile" "pairs" "programs"',
    gap: tokens.spacingVerticalXXL,
    '@media (min-width: 1000px)': {
      gridTemplateColumns: 'minmax(0, 1fr) 340px',
      gridTemplateAreas: '"pairs profile" "programs programs"',
      columnGap: tokens.spacingHorizontalXXL,
    },
  },
  profile: { gridArea: 'profile' },
  pairs: { gridArea: 'pairs' },
  programs: { gridArea: 'programs' },
});

/** /tab — the signed-in person's profile, pairs and programs. */
export default function MyMentoringPage() {
  const styles = useStyles();
  const me = useMe();
  const pairs = usePairs();
  const programs = usePrograms();

  const failed = [
    me.error && 'your profile',
    pairs.error && 'your pairs',
    programs.error && 'programs',
  ].filter(Boolean);
  const loading = me.loading || pairs.loading || programs.loading;
  const status: ViewStatus = loading ? 'loading' : failed.length ? 'failed' : 'ready';
  useReportViewStatus(status, `Couldn’t load ${failed.join(', ')}`);
  useAnnouncement(
    status === 'loading'
      ? undefined
      : status === 'failed'
        ? `Couldn’t load ${failed.join(' and ')}.`
        : `My mentoring loaded: ${plural(pairs.data?.length ?? 0, 'pair')}, ${plural(programs.data?.length ?? 0, 'program')}.`,
  );

  const firstName = me.data?.displayName.split(' ')[0];
  return (
    <>
      <div className={styles.intro}>
        <ViewHeading>My mentoring</ViewHeading>
        <Text className={styles.lead}>
          {firstName ? `Hi ${firstName} — here’s your mentoring at a glance.` : 'Your pairs and programs at a glance.'}
        </Text>
      </div>
      <div className={styles.grid}>
        <Section title="Who am I" busy={me.loading} className={styles.profile}>
          {() => (
            <>
              {me.loading && <CardSkeletons count={1} label="Loading your profile" />}
              {me.error && <ErrorState error={me.error} what="your profile" onRetry={me.reload} />}
              {me.data && <WhoAmICard me={me.data} />}
            </>
          )}
        </Section>
        <Section title="My pairs" count={pairs.data?.length} busy={pairs.loading} className={styles.pairs}>
          {(headingId) => (
            <>
              {pairs.loading && <CardSkeletons count={2} label="Loading your pairs" />}
              {pairs.error && <ErrorState error={pairs.error} what="your pairs" onRetry={pairs.reload} />}
              {pairs.data && <PairList pairs={pairs.data} labelledBy={headingId} />}
            </>
          )}
        </Section>
        <Section title="Programs" count={programs.data?.length} busy={programs.loading} className={styles.programs}>
          {(headingId) => (
            <>
              {programs.loading && <CardSkeletons count={2} label="Loading programs" />}
              {programs.error && <ErrorState error={programs.error} what="programs" onRetry={programs.reload} />}
              {programs.data && <ProgramList programs={programs.data} labelledBy={headingId} />}
            </>
          )}
        </Section>
      </div>
    </>
  );
}
