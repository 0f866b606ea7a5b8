import { useEffect, useId, useRef } from 'react';
import {
  Card,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Switch,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ActionError } from '../app/forms';
import { ClockIcon, InfoIcon } from '../app/icons';
import { useSearchParam } from '../app/routing';
import { CardSkeletons, ErrorState } from '../app/states';
import { PairToaster, useNotify } from '../app/toasts';
import { zoneLabel } from '../profile/TimeZoneField';
import type { NotificationGroupSetting, NotificationSettings } from './notifications.api';
import { useNotificationSettings } from './useNotificationSettings';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL, '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM } },
  head: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  title: { ...typographyStyles.subtitle1, margin: 0, ':focus': { outlineStyle: 'none' } },
  muted: { color: tokens.colorNeutralForeground2 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  // Lines the description up with the switch's label text.
  description: { color: tokens.colorNeutralForeground2, paddingLeft: '60px', '@media (max-width: 480px)': { paddingLeft: 0 } },
  facts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  fact: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', color: tokens.colorNeutralForeground2 },
  factIcon: { flexShrink: 0, marginTop: '1px' },
});

export const SETTINGS_SECTION = 'notifications';

/** "Notifications" on the profile page: a switch per group, quiet hours, the weekly budget, Teams. */
export function NotificationSettingsSection() {
  return (
    <PairToaster>
      <SettingsCard />
    </PairToaster>
  );
}

function SettingsCard() {
  const styles = useStyles();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const notify = useNotify();
  const { settings, saveError, toggle } = useNotificationSettings();
  const requested = useSearchParam('section') === SETTINGS_SECTION;
  const data = settings.data;

  // Opened from the bell or a Teams deep link: bring the section into view — once the sections
  // above it have loaded too (skeletons are aria-busy), or they would push it back down.
  const shown = useRef(false);
  useEffect(() => {
    if (!requested || !data || shown.current) return;
    let waited = 0;
    const timer = window.setInterval(() => {
      waited += 100;
      if (document.querySelector('main [aria-busy="true"]') && waited < 5_000) return;
      window.clearInterval(timer);
      shown.current = true;
      headingRef.current?.scrollIntoView({ block: 'start' });
      headingRef.current?.focus({ preventScroll: true });
    }, 100);
    return () => window.clearInterval(timer);
  }, [requested, data]);

  const onToggle = async (group: NotificationGroupSetting, enabled: boolean) => {
    const kept = await toggle(group, enabled);
    if (kept) notify({ title: `${group.label}: ${enabled ? 'on' : 'off'}`, body: 'Your notification settings are saved.' });
  };

  return (
    <Card className={styles.card} aria-labelledby={headingId} aria-busy={settings.loading}>
      <div className={styles.head}>
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.title}>
          Notifications
        </h2>
        <Text className={styles.muted}>
          Tandem sends a few timely nudges to keep your mentoring on track. They always appear under the bell at the top of
          Tandem. Choose which ones you get.
        </Text>
      </div>
      {settings.loading && !data && <CardSkeletons count={1} label="Loading your notification settings" />}
      {settings.error && !data && <ErrorState error={settings.error} what="your notification settings" onRetry={settings.reload} />}
      {data && (
        <>
          <ul className={styles.list} aria-label="Notification groups">
            {data.groups.map((group) => (
              <GroupSwitch key={group.group} group={group} onToggle={(enabled) => void onToggle(group, enabled)} />
            ))}
          </ul>
          <ActionError error={saveError} what="save that setting" />
          <Facts settings={data} />
          <TeamsStatus teams={data.teams} />
        </>
      )}
    </Card>
  );
}

function GroupSwitch({ group, onToggle }: { group: NotificationGroupSetting; onToggle: (enabled: boolean) => void }) {
  const styles = useStyles();
  const descriptionId = useId();
  return (
    <li className={styles.group}>
      <Switch
        label={group.label}
        checked={group.canDisable ? group.enabled : true}
        disabled={!group.canDisable}
        aria-describedby={descriptionId}
        onChange={(_, d) => onToggle(d.checked)}
      />
      <Text id={descriptionId} size={200} className={styles.description}>
        {group.description}
        {!group.canDisable && ' Always on: someone is waiting for your answer, or your mentoring pairs have changed.'}
      </Text>
    </li>
  );
}

function Facts({ settings }: { settings: NotificationSettings }) {
  const styles = useStyles();
  const zone = zoneLabel(settings.timeZone || 'UTC');
  return (
    <ul className={styles.facts}>
      <li className={styles.fact}>
        <span className={styles.factIcon}>
          <ClockIcon size={16} />
        </span>
        <Text size={200}>
          {`Quiet hours: nudges due between ${settings.quietHours.from} and ${settings.quietHours.until} in your time zone (${zone}) wait until ${settings.quietHours.until}. A reminder 15 minutes before a check-in still comes through.`}
        </Text>
      </li>
      <li className={styles.fact}>
        <span className={styles.factIcon}>
          <InfoIcon size={16} />
        </span>
        <Text size={200}>
          At most {settings.weeklyBudget} nudges a week reach you as Teams messages; the rest wait here. Check-in reminders and
          anything someone is waiting on aren’t counted.
        </Text>
      </li>
    </ul>
  );
}

function TeamsStatus({ teams }: { teams: NotificationSettings['teams'] }) {
  if (teams.installed) {
    return (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Tandem will also message you in Teams</MessageBarTitle>
          Each nudge reaches you once, as a chat message you can act on right there; it also stays here under the bell.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Notifications appear here in Tandem</MessageBarTitle>
        {teams.botConfigured
          ? 'To get them as Teams chat messages too, add the Tandem app in Teams: open Apps, search for “Tandem” and select Add.'
          : 'Teams chat messages from Tandem aren’t set up for your organisation yet — ask your Teams admin if you’d like them.'}
      </MessageBarBody>
    </MessageBar>
  );
}
