import { useEffect, useState, type ReactNode } from 'react';
import { Button, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Layout } from '../app/Layout';
import { useAnnouncement } from '../app/LiveRegion';
import { CheckCircleIcon, InfoIcon } from '../app/icons';
import { paths, type PopupRoute } from '../app/routing';
import { ErrorState } from '../app/states';
import { surface } from '../app/surface';
import { ViewHeading } from '../app/ViewHeading';
import { initializeAuthWindow } from '../teams/host';
import {
  authorizeRequestUrl,
  beginConsent,
  consentFailureMessage,
  encodeFailure,
  finishConsent,
  openedByTandem,
  outcomeFromRedirect,
  reportLeaving,
  reportOutcome,
  type ConsentOutcome,
} from './consent';
import { getConsentSettings } from './outlook.api';

// The two pages of the Outlook consent pop-up. They run without signing in to Tandem and without
// the Teams host around them (Teams opens them in its own authentication window).

const useStyles = makeStyles({
  panel: {
    boxSizing: 'border-box',
    maxWidth: '560px',
    margin: '0 auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    ...surface(tokens.borderRadiusXLarge),
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalL },
  },
  head: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  icon: { flexShrink: 0, marginTop: '4px', color: tokens.colorNeutralForeground2 },
  success: { color: tokens.colorPaletteGreenForeground1 },
  body: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  center: { display: 'flex', justifyContent: 'center', paddingTop: tokens.spacingVerticalXXXL },
});

export default function ConsentPages({ route }: { route: PopupRoute }) {
  return <Layout>{route === 'consent' ? <ConsentStart /> : <ConsentEnd />}</Layout>;
}

function Panel({ icon, title, children }: { icon?: ReactNode; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.panel}>
      <div className={styles.head}>
        {icon}
        <ViewHeading>{title}</ViewHeading>
      </div>
      {children}
    </div>
  );
}

/** A Close button; a window the script can't close (opened by hand) says so instead. */
function CloseButton({ onClose }: { onClose: () => Promise<unknown> | void }) {
  const styles = useStyles();
  const [stillOpen, setStillOpen] = useState(false);
  return (
    <div className={styles.actions}>
      <Button
        appearance="primary"
        onClick={() => {
          void Promise.resolve(onClose()).then(() => window.setTimeout(() => setStillOpen(true), 600));
        }}
      >
        Close
      </Button>
      {stillOpen && (
        <Text className={styles.body} role="status">
          Nothing else to do here — close this window or tab.
        </Text>
      )}
    </div>
  );
}

function Working({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.center} aria-busy="true">
      <Spinner label={label} labelPosition="below" />
    </div>
  );
}

/** Closes the pop-up the way its opener expects: Teams' notifyFailure/notifySuccess, or a message and window.close(). */
async function deliver(outcome: ConsentOutcome, opener: 'browser' | 'teams' | null): Promise<'delivered' | 'shown'> {
  if (opener !== 'browser') {
    const teams = await initializeAuthWindow();
    if (teams) {
      if (outcome.ok) teams.authentication.notifySuccess();
      else teams.authentication.notifyFailure(encodeFailure(outcome));
      return 'delivered';
    }
  }
  reportOutcome(outcome);
  // Closes a window a script opened; a tab someone opened by hand stays, showing the message.
  window.setTimeout(() => window.close(), 300);
  return 'shown';
}

type StartState = { kind: 'loading' } | { kind: 'disabled' } | { kind: 'failed'; error: Error } | { kind: 'redirecting' };

/** Where the redirect to Entra was decided, once per page load (StrictMode runs effects twice). */
let redirectStarted = false;

/** /auth/consent: fetch the consent settings and go to Entra's consent screen, or explain why not. */
function ConsentStart() {
  const styles = useStyles();
  const [state, setState] = useState<StartState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getConsentSettings(undefined, controller.signal).then(
      (settings) => {
        if (controller.signal.aborted) return;
        if (!settings.enabled || !settings.authorizeUrl || !settings.clientId) {
          setState({ kind: 'disabled' });
          return;
        }
        setState({ kind: 'redirecting' });
        if (redirectStarted) return;
        redirectStarted = true;
        const query = new URLSearchParams(window.location.search);
        const opener = openedByTandem() ? 'browser' : 'teams';
        const state = beginConsent(opener);
        if (opener === 'browser') reportLeaving();
        window.location.assign(
          authorizeRequestUrl(
            { authorizeUrl: settings.authorizeUrl, clientId: settings.clientId, scopes: settings.scopes ?? [] },
            { origin: window.location.origin, state, loginHint: query.get('loginHint') },
          ),
        );
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useAnnouncement(
    state.kind === 'disabled'
      ? 'Outlook isn’t set up for Tandem yet.'
      : state.kind === 'failed'
        ? 'Couldn’t open the Microsoft sign-in.'
        : undefined,
  );

  const close = () => deliver({ ok: false, reason: 'not-set-up' }, openedByTandem() ? 'browser' : 'teams');

  switch (state.kind) {
    case 'loading':
    case 'redirecting':
      return <Working label="Opening the Microsoft sign-in…" />;
    case 'failed':
      return (
        <Panel title="Couldn’t open the Microsoft sign-in">
          <ErrorState error={state.error} what="the Outlook settings" onRetry={() => setAttempt((n) => n + 1)} />
        </Panel>
      );
    case 'disabled':
      return (
        <Panel
          icon={
            <span className={styles.icon}>
              <InfoIcon size={24} />
            </span>
          }
          title="Outlook isn’t set up for Tandem yet"
        >
          <Text className={styles.body}>
            Your organisation hasn’t connected Tandem to Microsoft 365, so Tandem can’t add check-ins to Outlook
            calendars for now. Your check-ins are safe in Tandem, and you can still subscribe to your Tandem calendar
            from any check-in.
          </Text>
          <Text className={styles.body}>If you’d like Outlook sync, ask your IT admin to set it up for Tandem.</Text>
          <CloseButton onClose={close} />
        </Panel>
      );
  }
}

type EndState = { kind: 'working' } | { kind: 'done'; outcome: ConsentOutcome };

/** Entra's answer, read (and the pending request forgotten) once per page load. */
let finished: { outcome: ConsentOutcome; opener: 'browser' | 'teams' | null } | undefined;

function readRedirect() {
  if (!finished) {
    const search = window.location.search;
    const { matches, opener } = finishConsent(new URLSearchParams(search).get('state'));
    finished = { outcome: outcomeFromRedirect(search, matches), opener };
    // The code in the address bar is never used: drop it.
    window.history.replaceState(null, '', paths.consentEnd);
  }
  return finished;
}

/** /auth/consent-end: Entra sends the user back here; check `state` and tell whoever opened the pop-up. */
function ConsentEnd() {
  const styles = useStyles();
  const [state, setState] = useState<EndState>({ kind: 'working' });

  useEffect(() => {
    const { outcome, opener } = readRedirect();
    let live = true;
    void deliver(outcome, opener).then(() => {
      if (live) setState({ kind: 'done', outcome });
    });
    return () => {
      live = false;
    };
  }, []);

  useAnnouncement(state.kind === 'done' ? (state.outcome.ok ? 'Outlook is connected.' : 'Outlook wasn’t connected.') : undefined);

  if (state.kind === 'working') return <Working label="Finishing…" />;
  const { outcome } = state;
  if (outcome.ok) {
    return (
      <Panel
        icon={
          <span className={mergeClasses(styles.icon, styles.success)}>
            <CheckCircleIcon size={24} />
          </span>
        }
        title="Outlook is connected"
      >
        <Text className={styles.body}>Tandem can now add your check-ins to your Outlook calendar. You can close this window.</Text>
      </Panel>
    );
  }
  return (
    <Panel
      icon={
        <span className={styles.icon}>
          <InfoIcon size={24} />
        </span>
      }
      title="Outlook wasn’t connected"
    >
      <Text className={styles.body}>{consentFailureMessage(outcome.reason, outcome.description)}</Text>
      <Text className={styles.body}>Close this window to go back to Tandem.</Text>
      <CloseButton onClose={() => window.close()} />
    </Panel>
  );
}
