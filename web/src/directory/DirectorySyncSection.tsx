import { useId } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { DetailList, type Detail } from '../app/DetailList';
import { ActionError } from '../app/forms';
import { RotateIcon } from '../app/icons';
import { onFirstUse } from '../app/onFirstUse';
import { absoluteTime, relativeTime } from '../app/relativeTime';
import { EmptyState } from '../app/states';
import { surface } from '../app/surface';
import type { DirectoryStatus, DirectoryTenantStatus } from './directory.api';
import { explainSyncError, modeLabel, phaseLabel, syncOffExplanation } from './labels';
import type { SyncNow } from './useDirectory';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingVerticalM,
  },
  mode: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, maxWidth: '70ch', minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  action: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: tokens.spacingVerticalXS },
  tenants: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  tenant: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    ...surface(),
  },
  tenantTitle: { ...typographyStyles.body1Strong, margin: 0, overflowWrap: 'anywhere' },
  detail: { display: 'block', whiteSpace: 'normal', marginTop: tokens.spacingVerticalXXS },
  // Fluent centres a spinner in its box; in a list of values it starts where the text does.
  spinner: { justifyContent: 'flex-start' },
  raw: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

const counts = onFirstUse(() => new Intl.NumberFormat());

const WEEK = 7 * 24 * 3_600_000;

/** "5 min ago · 12 Mar 2026, 14:03"; past a week just the date and time; or "Never". */
function When({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) return <>Never</>;
  const recent = now - new Date(iso).getTime() < WEEK;
  return (
    <time dateTime={iso}>
      {recent ? `${relativeTime(iso, now)} · ` : ''}
      {absoluteTime(iso)}
    </time>
  );
}

/** The error is still news: no successful round since it happened. */
function currentError(tenant: DirectoryTenantStatus): string | null {
  if (!tenant.lastError) return null;
  if (!tenant.lastSuccessAt || !tenant.lastErrorAt) return tenant.lastError;
  return new Date(tenant.lastErrorAt).getTime() >= new Date(tenant.lastSuccessAt).getTime() ? tenant.lastError : null;
}

function TenantCard({ tenant, now, only }: { tenant: DirectoryTenantStatus; now: number; only: boolean }) {
  const styles = useStyles();
  const error = currentError(tenant);
  const problem = error ? explainSyncError(error) : null;
  const running = tenant.phase !== 'idle';
  const items: Detail[] = [
    {
      term: 'Status',
      value: running ? (
        <Spinner className={styles.spinner} size="extra-tiny" labelPosition="after" label={phaseLabel[tenant.phase]} />
      ) : problem ? (
        'Last sync failed'
      ) : tenant.lastSuccessAt ? (
        'Up to date'
      ) : (
        'Not synced yet'
      ),
    },
    { term: 'Last successful sync', value: <When iso={tenant.lastSuccessAt} now={now} /> },
    { term: 'Last full sync', value: <When iso={tenant.lastFullSyncAt} now={now} /> },
  ];
  if (tenant.lastSuccessAt) {
    items.push({
      term: 'Last round',
      value: `${counts().format(tenant.usersSeen)} ${tenant.usersSeen === 1 ? 'person' : 'people'} seen, ${counts().format(
        tenant.usersChanged,
      )} changed, ${counts().format(tenant.usersDeparted)} departed`,
    });
  }
  return (
    <li className={styles.tenant} data-tenant={tenant.tenantId}>
      <h3 className={styles.tenantTitle}>
        {only ? `Microsoft Entra tenant ${tenant.tenantId}` : `Tenant ${tenant.tenantId}`}
      </h3>
      <DetailList items={items} />
      {problem && error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{problem.summary}</MessageBarTitle>
            <span className={styles.detail}>{problem.action}</span>
            <span className={styles.detail}>
              Details{tenant.lastErrorAt ? ` (${absoluteTime(tenant.lastErrorAt)})` : ''}: <span className={styles.raw}>{error}</span>
            </span>
          </MessageBarBody>
        </MessageBar>
      )}
    </li>
  );
}

/** The sync's mode, "Sync now", and each tenant's last rounds and errors. */
export function DirectorySyncSection({ status, sync, now }: { status: DirectoryStatus; sync: SyncNow; now: number }) {
  const styles = useStyles();
  const offId = useId();
  const off = status.mode === 'off';
  const mode = modeLabel[status.mode];
  const busy = sync.starting || sync.syncing;

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <div className={styles.mode}>
          <Text weight="semibold">Mode: {mode.label}</Text>
          <Text className={styles.muted}>{mode.explanation}</Text>
        </div>
        <div className={styles.action}>
          <Button
            appearance="primary"
            icon={busy ? <Spinner size="tiny" /> : <RotateIcon />}
            disabledFocusable={off || busy}
            aria-describedby={off ? offId : undefined}
            onClick={() => void sync.start()}
          >
            {sync.starting ? 'Starting…' : sync.syncing ? 'Syncing…' : 'Sync now'}
          </Button>
        </div>
      </div>

      {off && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody id={offId}>{syncOffExplanation}</MessageBarBody>
        </MessageBar>
      )}
      <ActionError error={sync.error} what="start a sync" />

      {status.tenants.length > 0 ? (
        <ul className={styles.tenants} aria-label="Tenants">
          {status.tenants.map((tenant) => (
            <TenantCard key={tenant.tenantId} tenant={tenant} now={now} only={status.tenants.length === 1} />
          ))}
        </ul>
      ) : (
        !off && (
          <EmptyState title="No sync has run yet">
            The first sync reads the directory in full; after that only changes are read. Select “Sync now” to start it rather
            than wait for the next scheduled run.
          </EmptyState>
        )
      )}
    </div>
  );
}
