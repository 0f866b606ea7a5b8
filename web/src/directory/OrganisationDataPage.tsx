import { useCallback, useEffect, useState } from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { isApiError } from '../api/client';
import { NotAdminNotice } from '../admin/NotAdminNotice';
import { AppLink } from '../app/AppLink';
import { plural } from '../app/format';
import { useAnnounce, useAnnouncement } from '../app/LiveRegion';
import { useNow } from '../app/relativeTime';
import { paths } from '../app/routing';
import { Section } from '../app/Section';
import { CardSkeletons, ErrorState } from '../app/states';
import { PairToaster, useNotify } from '../app/toasts';
import { ViewHeading } from '../app/ViewHeading';
import { isAdmin, useMe } from '../me/MeContext';
import { useReportViewStatus, type ViewStatus } from '../teams/HostContext';
import { DirectoryImportSection } from './DirectoryImportSection';
import { DirectorySyncSection } from './DirectorySyncSection';
import { explainSyncError } from './labels';
import { PeopleCounts } from './PeopleCounts';
import { useDirectoryStatus, useSyncNow, type SyncOutcome } from './useDirectory';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL, minWidth: 0 },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '80ch' },
});

/**
 * /admin/organisation — where Tandem's picture of the organisation comes from: the Entra ID
 * directory sync (status, errors, "Sync now") and the CSV import. Admins only.
 */
export default function OrganisationDataPage() {
  return (
    <PairToaster>
      <OrganisationData />
    </PairToaster>
  );
}

function OrganisationData() {
  const styles = useStyles();
  const me = useMe();
  const admin = isAdmin(me.data);
  const status = useDirectoryStatus({ enabled: admin });
  const forbidden = (me.data !== undefined && !admin) || isApiError(status.error, 403);
  const error = forbidden ? undefined : (me.error ?? status.error);
  const announce = useAnnounce();
  const notify = useNotify();
  const now = useNow(status.data !== undefined);

  const finished = useCallback(
    (outcome: SyncOutcome) => {
      if (outcome.kind === 'not-started') {
        notify({
          title: 'The sync hasn’t started yet',
          body: 'Another sync may still be running on one of Tandem’s servers. This page shows the next round when it starts.',
          intent: 'warning',
        });
        return;
      }
      if (outcome.kind === 'failed') {
        const first = outcome.failed[0];
        notify({
          title: 'Directory sync failed',
          body: first?.lastError ? explainSyncError(first.lastError).summary : undefined,
          intent: 'error',
          timeout: 10_000,
        });
        return;
      }
      const seen = outcome.tenants.reduce((n, t) => n + t.usersSeen, 0);
      const changed = outcome.tenants.reduce((n, t) => n + t.usersChanged, 0);
      const departed = outcome.tenants.reduce((n, t) => n + t.usersDeparted, 0);
      notify({
        title: 'Directory sync finished',
        body: `${plural(seen, 'person', 'people')} seen, ${changed} changed, ${departed} departed.`,
      });
    },
    [notify],
  );
  const sync = useSyncNow(status, finished);
  const start = sync.start;
  const startAndSay = useCallback(async () => {
    const started = await start();
    if (started) announce('Directory sync started. This page follows it and tells you when it has finished.');
    return started;
  }, [start, announce]);

  const viewStatus: ViewStatus = forbidden || status.data ? 'ready' : error ? 'failed' : 'loading';
  useReportViewStatus(viewStatus, 'Couldn’t load organisation data');
  const [firstLoad, setFirstLoad] = useState<string>();
  useEffect(() => {
    if (firstLoad) return;
    if (forbidden) setFirstLoad('Organisation data is only available to program admins.');
    else if (status.data) setFirstLoad(`Organisation data loaded: ${plural(status.data.people.total, 'person', 'people')} in Tandem.`);
    else if (error) setFirstLoad('Couldn’t load organisation data.');
  }, [forbidden, status.data, error, firstLoad]);
  useAnnouncement(firstLoad);

  const data = status.data;
  const loading = !forbidden && !data && !error;

  return (
    <div className={styles.page}>
      <div className={styles.header}>
        {!forbidden && <AppLink href={paths.admin}>← Back to Program health</AppLink>}
        <ViewHeading>Organisation data</ViewHeading>
        {!forbidden && (
          <Text className={styles.lead}>
            Who people are, their department and their manager. Matching uses reporting lines to keep people out of their own
            management chain, and the dashboard’s department breakdowns and small-group suppression depend on them. Tandem reads
            them from Microsoft Entra ID and keeps them in step; a CSV file fills the gaps.
          </Text>
        )}
      </div>

      {forbidden && <NotAdminNotice />}
      {error && <ErrorState error={error} what="organisation data" onRetry={me.error ? me.reload : status.reload} />}

      {!forbidden && !error && (
        <>
          <Section title="Directory sync" busy={loading}>
            {() =>
              data ? (
                <DirectorySyncSection status={data} sync={{ ...sync, start: startAndSay }} now={now} />
              ) : (
                <CardSkeletons count={1} label="Loading the directory sync status" />
              )
            }
          </Section>
          <Section title="People in Tandem" busy={loading}>
            {() => (data ? <PeopleCounts people={data.people} /> : <CardSkeletons count={1} label="Loading people counts" />)}
          </Section>
          {data && (
            <Section title="Import people from a CSV file">{() => <DirectoryImportSection onApplied={status.reload} />}</Section>
          )}
        </>
      )}
    </div>
  );
}
