import { Suspense, lazy } from 'react';
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

// One chunk per view: each page's code (and the admin dashboard's later chart code) loads on first visit.
const HomePage = lazy(() => import('../me/HomePage'));
const FindMentorPage = lazy(() => import('../mentors/FindMentorPage'));
const RequestsPage = lazy(() => import('../requests/RequestsPage'));
const ProfilePage = lazy(() => import('../profile/ProfilePage'));
const PairPage = lazy(() => import('../pairs/PairPage').then((m) => ({ default: m.PairPage })));
const ProgramHealthPage = lazy(() => import('../admin/ProgramHealthPage'));
const MatchingPage = lazy(() => import('../match-runs/MatchingPage'));
const OrganisationDataPage = lazy(() => import('../directory/OrganisationDataPage'));

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
      return <HomePage />;
    case 'find':
      return <FindMentorPage />;
    case 'requests':
      return <RequestsPage />;
    case 'profile':
      return <ProfilePage />;
    case 'pair':
      // keyed so moving between pairs starts each page fresh
      return <PairPage key={route.pairId} pairId={route.pairId} />;
    case 'admin':
      return <ProgramHealthPage />;
    case 'matching':
      return <MatchingPage key={route.programId} programId={route.programId} />;
    case 'organisation':
      return <OrganisationDataPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
