import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { isApiError } from '../api/client';
import { useAnnouncement } from '../app/LiveRegion';
import { Section } from '../app/Section';
import { ViewHeading } from '../app/ViewHeading';
import { plural } from '../app/format';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { isAdmin, useMe } from '../me/MeContext';
import { useReportViewStatus, type ViewStatus } from '../teams/HostContext';
import { HealthSummary } from './HealthSummary';
import { NotAdminNotice } from './NotAdminNotice';
import { ProgramHealthTable } from './ProgramHealthTable';
import { useAdminPrograms } from './useAdminPrograms';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  lead: { color: tokens.colorNeutralForeground2 },
});

/** /admin — program health for L&D admins; a polite explanation for everyone else. */
export default function ProgramHealthPage() {
  const styles = useStyles();
  const me = useMe();
  const admin = isAdmin(me.data);
  const programs = useAdminPrograms({ enabled: admin });
  const forbidden = (me.data !== undefined && !admin) || isApiError(programs.error, 403);
  const error = forbidden ? undefined : (me.error ?? programs.error);

  const status: ViewStatus = forbidden || programs.data ? 'ready' : error ? 'failed' : 'loading';
  useReportViewStatus(status, 'Couldn’t load program health');
  useAnnouncement(
    forbidden
      ? 'Program health is only available to program admins.'
      : programs.data
        ? `Program health loaded: ${plural(programs.data.length, 'program')}.`
        : error
          ? 'Couldn’t load program health.'
          : undefined,
  );

  return (
    <div className={styles.page}>
      <div className={styles.intro}>
        <ViewHeading>Program health</ViewHeading>
        {!forbidden && (
          <Text className={styles.lead}>Enrolment and pairing across every mentoring program.</Text>
        )}
      </div>
      {forbidden ? (
        <NotAdminNotice />
      ) : (
        <Section title="Programs" count={programs.data?.length} busy={status === 'loading'}>
          {() => (
            <>
              {status === 'loading' && <CardSkeletons count={2} label="Loading program health" />}
              {error && (
                <ErrorState error={error} what="program health" onRetry={me.error ? me.reload : programs.reload} />
              )}
              {programs.data?.length === 0 && (
                <EmptyState title="No programs yet">Programs you create appear here with their enrolment and pairs.</EmptyState>
              )}
              {programs.data && programs.data.length > 0 && (
                <>
                  <HealthSummary programs={programs.data} />
                  <ProgramHealthTable programs={programs.data} />
                </>
              )}
            </>
          )}
        </Section>
      )}
    </div>
  );
}
