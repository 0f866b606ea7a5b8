import { useState } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { publicApi } from '../api/client';
import type { DevTokenRequest, DevUser } from '../api/types';
import { useAsync } from '../api/useAsync';
import { Layout } from '../app/Layout';
import { ViewHeading } from '../app/ViewHeading';
import { useAnnouncement } from '../app/LiveRegion';
import { CardSkeletons, ErrorState, errorDetail, errorTitle } from '../app/states';
import { DemoUserGroups } from './DemoUserGroups';
import { EmailSignInForm } from './EmailSignInForm';
import { surface } from '../app/surface';

const useStyles = makeStyles({
  panel: {
    maxWidth: '760px',
    margin: '0 auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXL,
  },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, color: tokens.colorNeutralForeground2 },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    ...surface(tokens.borderRadiusXLarge),
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  cardTitle: { margin: 0 },
});

/** Dev-mode sign-in: pick a demo person, or type any work email. */
export default function SignInPage({ notice, onSignIn }: { notice?: string | undefined; onSignIn: (r: DevTokenRequest) => Promise<void> }) {
  const styles = useStyles();
  const users = useAsync('dev-users', (signal) => publicApi.devUsers(signal));
  const [pending, setPending] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<Error | null>(null);

  useAnnouncement(users.error ? 'Couldn’t load the demo people.' : signInError ? 'Sign-in failed.' : undefined);

  const signIn = async (request: DevTokenRequest) => {
    setPending(request.email);
    setSignInError(null);
    try {
      await onSignIn(request);
    } catch (error) {
      setSignInError(error as Error);
      setPending(null);
    }
  };

  return (
    <Layout>
      <div className={styles.panel}>
        <div className={styles.intro}>
          <ViewHeading>Sign in to Tandem</ViewHeading>
          <Text>
            This Tandem server runs in development mode, so you can sign in as any demo person — no password needed.
            In production, Microsoft Teams signs you in with your work account.
          </Text>
        </div>
        {notice && !signInError && (
          <MessageBar intent="warning">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {signInError && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Couldn’t sign you in — {errorTitle(signInError)}</MessageBarTitle>
              {errorDetail(signInError)}
            </MessageBarBody>
          </MessageBar>
        )}
        <section className={styles.card} aria-labelledby="demo-people" aria-busy={users.loading}>
          <Text as="h2" id="demo-people" size={500} weight="semibold" className={styles.cardTitle}>
            Sign in as
          </Text>
          {users.loading && <CardSkeletons count={2} label="Loading demo people" />}
          {users.error && <ErrorState error={users.error} what="the demo people" onRetry={users.reload} />}
          {users.data && (
            <DemoUserGroups users={users.data} pendingEmail={pending} onPick={(u: DevUser) => signIn(userRequest(u))} />
          )}
        </section>
        <section className={styles.card} aria-labelledby="any-email">
          <Text as="h2" id="any-email" size={500} weight="semibold" className={styles.cardTitle}>
            Or use any work email
          </Text>
          <EmailSignInForm busy={pending !== null} error={signInError} onSubmit={signIn} />
        </section>
      </div>
    </Layout>
  );
}

function userRequest(user: DevUser): DevTokenRequest {
  const request: DevTokenRequest = { email: user.email, displayName: user.displayName };
  if (user.department) request.department = user.department;
  return request;
}
