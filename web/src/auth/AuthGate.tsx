import { Suspense, useMemo, type ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { createApiClient } from '../api/client';
import { ApiProvider } from '../api/ApiContext';
import { startup } from '../app/startup';
import { Layout } from '../app/Layout';
import { ViewHeading } from '../app/ViewHeading';
import { ErrorState, StartingUp } from '../app/states';
import { openInTeamsPage as OpenInTeamsPage, signInPage as SignInPage } from '../app/views';
import { useAuth } from './AuthProvider';
import type { TokenProvider } from './tokenProvider';

const EXPIRED = 'Your sign-in has expired (or the server restarted). Choose who to sign in as again.';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '760px', margin: '0 auto' },
});

function Unavailable({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const styles = useStyles();
  return (
    <Layout>
      <div className={styles.stack}>
        <ViewHeading>Tandem isn’t available right now</ViewHeading>
        <ErrorState error={error} what="Tandem" onRetry={onRetry} />
      </div>
    </Layout>
  );
}

/** Shows the sign-in step the auth state calls for; once signed in, renders `children` with an API client. */
export function AuthGate({ children }: { children: ReactNode }) {
  const { state, signIn, signOut, retry } = useAuth();
  switch (state.status) {
    case 'starting':
      return <StartingUp />;
    case 'unavailable':
      return <Unavailable error={state.error} onRetry={retry} />;
    case 'open-in-teams':
      return (
        <Suspense fallback={<StartingUp />}>
          <OpenInTeamsPage />
        </Suspense>
      );
    case 'signed-out':
      return (
        <Suspense fallback={<StartingUp />}>
          <SignInPage notice={state.notice} onSignIn={signIn} />
        </Suspense>
      );
    case 'signed-in':
      return (
        <SignedIn provider={state.provider} signOut={signOut}>
          {children}
        </SignedIn>
      );
  }
}

interface SignedInProps {
  provider: TokenProvider;
  signOut: (notice?: string) => void;
  children: ReactNode;
}

/** A 401 in dev mode drops the stored token and returns to the picker; in Teams the error is shown in place. */
function SignedIn({ provider, signOut, children }: SignedInProps) {
  const client = useMemo(
    () =>
      createApiClient({
        getToken: provider.getToken,
        onUnauthorized: provider.kind === 'dev' ? () => signOut(EXPIRED) : undefined,
      }),
    [provider, signOut],
  );
  const early = startup?.signIn;
  return (
    <ApiProvider client={client} prefetch={early?.provider === provider ? early.prefetch : undefined}>
      {children}
    </ApiProvider>
  );
}
