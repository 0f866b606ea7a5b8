import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { Button, Link, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ApiError } from '../api/client';
import { useApi } from '../api/ApiContext';
import { useAnnounce } from '../app/LiveRegion';
import { CalendarIcon, CheckCircleIcon, ClockIcon, DifferentIcon, InfoIcon, RotateIcon } from '../app/icons';
import type { Series } from '../meetings/meetings.api';
import { useHost } from '../teams/HostContext';
import { actionLabels, describeCalendar, outcomeAnnouncement, type SyncAction, type SyncTone, type Viewer } from './calendarStatus';
import { ConsentError, connectOutlook } from './consent';
import { syncSeriesNow } from './outlook.api';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  icon: { flexShrink: 0, display: 'inline-flex', marginTop: '1px' },
  synced: { color: tokens.colorPaletteGreenForeground1 },
  working: { color: tokens.colorNeutralForeground2 },
  waiting: { color: tokens.colorNeutralForeground2 },
  needsYou: { color: tokens.colorBrandForeground1 },
  problem: { color: tokens.colorStatusWarningForeground1 },
  tandemOnly: { color: tokens.colorNeutralForeground3 },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0, flexGrow: 1 },
  headline: { color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere', ':focus': { outlineStyle: 'none' } },
  secondary: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS },
  error: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteRedForeground1,
    overflowWrap: 'anywhere',
  },
  errorIcon: { flexShrink: 0, display: 'inline-flex', marginTop: '1px' },
});

const toneClass = {
  synced: 'synced',
  working: 'working',
  waiting: 'waiting',
  'needs-you': 'needsYou',
  problem: 'problem',
  'tandem-only': 'tandemOnly',
} as const satisfies Record<SyncTone, string>;

function ToneIcon({ tone }: { tone: SyncTone }) {
  switch (tone) {
    case 'synced':
      return <CheckCircleIcon />;
    case 'working':
      return <ClockIcon />;
    case 'waiting':
    case 'needs-you':
      return <InfoIcon />;
    case 'problem':
      return <DifferentIcon />;
    case 'tandem-only':
      return <CalendarIcon />;
  }
}

/** What a failed call says, in one sentence. */
function failureText(error: Error): string {
  if (error instanceof ConsentError) return error.message;
  if (error instanceof ApiError) return `Couldn’t update Outlook: ${error.detail ?? error.title}`;
  return `Couldn’t update Outlook: ${error.message}`;
}

interface Props {
  series: Series;
  /** Whose view this is, by first name (see Viewer). */
  viewer: Viewer;
  /** This occurrence's join link when it has its own; otherwise the series'. */
  joinUrl?: string | undefined;
  /** A sync call answered with the series: show it now (the caller refetches the pair's meetings too). */
  onSynced: (series: Series) => void;
  /** More for the "In Tandem only" state, e.g. the calendar-feed button. */
  tandemOnly?: ReactNode;
}

/**
 * Where a series stands in Outlook, in words (an icon beside them is decoration): synced with a
 * Teams join link, being added, waiting for the organiser, needing their permission, or failed —
 * with the organiser's button to act on it when `calendar.canSync`.
 */
export function CalendarSyncStatus({ series, viewer, joinUrl, onSynced, tandemOnly }: Props) {
  const styles = useStyles();
  const api = useApi();
  const host = useHost();
  const announce = useAnnounce();
  const id = useId();
  const headlineRef = useRef<HTMLSpanElement>(null);
  const [busy, setBusy] = useState<SyncAction | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const consent = useRef<AbortController | null>(null);
  useEffect(() => () => consent.current?.abort(), []);

  const { calendar } = series;
  const described = describeCalendar(calendar, viewer);
  const action = calendar.canSync ? described.action : undefined;
  const link = joinUrl ?? calendar.joinUrl;

  const run = async (what: SyncAction) => {
    setError(null);
    setBusy(what);
    try {
      // A pop-up that closed without a word may still have been granted (its message can be lost on
      // the way back), and a sync is harmless to re-run: so unless the user cancelled, sync anyway
      // and let the answer say whether Outlook still needs permission.
      let unconfirmed: ConsentError | null = null;
      if (what === 'connect') {
        const controller = new AbortController();
        consent.current = controller;
        try {
          await connectOutlook(host, {}, { signal: controller.signal });
        } catch (e) {
          if (!(e instanceof ConsentError) || e.reason !== 'cancelled' || controller.signal.aborted) throw e;
          unconfirmed = e;
        } finally {
          consent.current = null;
        }
      }
      const next = await syncSeriesNow(api, series.id);
      onSynced(next);
      if (unconfirmed && next.calendar.problem === 'consent-required') throw unconfirmed;
      announce(outcomeAnnouncement(next.calendar, viewer));
      // The button may be gone now (synced): keep the keyboard on the status it changed.
      window.setTimeout(() => {
        if (!document.activeElement || document.activeElement === document.body) headlineRef.current?.focus();
      }, 0);
    } catch (e) {
      const failure = e instanceof Error ? e : new Error(String(e));
      setError(failure);
      announce(failureText(failure));
    } finally {
      setBusy(null);
    }
  };

  const openJoin = (event: MouseEvent<HTMLAnchorElement>) => {
    if (host.kind !== 'teams' || !link) return;
    // Inside Teams the join link opens in Teams itself rather than in a browser tab.
    event.preventDefault();
    host.openLink(link).catch(() => window.open(link, '_blank', 'noopener,noreferrer'));
  };

  return (
    <div className={styles.root}>
      <span className={mergeClasses(styles.icon, styles[toneClass[described.tone]])}>
        <ToneIcon tone={described.tone} />
      </span>
      <div className={styles.body}>
        <Text
          ref={headlineRef}
          id={`${id}-status`}
          tabIndex={-1}
          weight={described.tone === 'needs-you' || described.tone === 'problem' ? 'semibold' : 'regular'}
          className={styles.headline}
        >
          {described.headline}
        </Text>
        {described.secondary && (
          <Text size={200} className={styles.secondary}>
            {described.secondary}
          </Text>
        )}
        {(action || link || (calendar.status === 'not-connected' && tandemOnly)) && (
          <div className={styles.actions}>
            {action && (
              <Button
                size="small"
                appearance={described.tone === 'needs-you' ? 'primary' : 'secondary'}
                icon={busy ? <Spinner size="extra-tiny" /> : action === 'retry' || action === 'update' ? <RotateIcon /> : <CalendarIcon />}
                // Busy: stays readable and keeps focus (a disabled button would drop it); clicks wait.
                aria-disabled={busy !== null ? true : undefined}
                aria-describedby={`${id}-status${error ? ` ${id}-error` : ''}`}
                onClick={() => {
                  if (busy === null) void run(action);
                }}
              >
                {busy ? actionLabels[busy].busy : actionLabels[action].idle}
              </Button>
            )}
            {busy === 'connect' && host.kind === 'browser' && (
              <Button size="small" appearance="subtle" onClick={() => consent.current?.abort()}>
                Cancel
              </Button>
            )}
            {calendar.status === 'not-connected' && tandemOnly}
            {link && (
              <Link href={link} target="_blank" rel="noreferrer" onClick={openJoin}>
                Join in Teams
              </Link>
            )}
          </div>
        )}
        {error && (
          <Text size={200} id={`${id}-error`} className={styles.error}>
            <span className={styles.errorIcon}>
              <DifferentIcon size={16} />
            </span>
            <span>{failureText(error)}</span>
          </Text>
        )}
      </div>
    </div>
  );
}
