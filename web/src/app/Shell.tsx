import { Suspense } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { MeProvider, isAdmin, useMe } from '../me/MeContext';
import { NotificationBell } from '../notifications/NotificationBell';
import { RequestsProvider, pendingIncoming, useRequests } from '../requests/RequestsContext';
import { Layout } from './Layout';
import { NavTabs } from './NavTabs';
import { NotFoundPage } from './NotFoundPage';
import { useRoute } from './routing';
import { CardSkeletons } from './states';
import { UserChip } from './UserChip';
import { views } from './views';

/** The signed-in app: header with nav and the signed-in person, and the current view. */
export function Shell() {
  return (
    <MeProvider>
      <RequestsProvider>
        <SignedInLayout />
      </RequestsProvider>
    </MeProvider>
  );
}

function SignedInLayout() {
  const me = useMe();
  const requests = useRequests();
  const { state, signOut } = useAuth();
  const canSwitchUser = state.status === 'signed-in' && state.provider.kind === 'dev';
  return (
    <Layout
      nav={<NavTabs isAdmin={isAdmin(me.data)} waitingRequests={pendingIncoming(requests).length} />}
      headerEnd={
        <>
          <NotificationBell />
          <UserChip me={me.data} onSwitchUser={canSwitchUser ? () => signOut() : undefined} />
        </>
      }
    >
      <Suspense fallback={<CardSkeletons count={2} label="Loading" />}>
        <CurrentView />
      </Suspense>
    </Layout>
  );
}

function CurrentView() {
  const route = useRoute();
  switch (route.id) {
    case 'home':
      return <views.home />;
    case 'find':
      return <views.find />;
    case 'requests':
      return <views.requests />;
    case 'profile':
      return <views.profile />;
    case 'pair':
      // keyed so moving between pairs starts each page fresh
      return <views.pair key={route.pairId} pairId={route.pairId} />;
    case 'admin':
      return <views.admin />;
    case 'matching':
      return <views.matching key={route.programId} programId={route.programId} />;
    case 'organisation':
      return <views.organisation />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
