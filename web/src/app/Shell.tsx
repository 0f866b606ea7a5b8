import { Suspense, lazy } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { MeProvider, isAdmin, useMe } from '../me/MeContext';
import { Layout } from './Layout';
import { NavTabs } from './NavTabs';
import { NotFoundPage } from './NotFoundPage';
import { useRoute } from './routing';
import { CardSkeletons } from './states';
import { UserChip } from './UserChip';

// One chunk per view: the admin dashboard (and its later chart code) loads only on /admin.
const MyMentoringPage = lazy(() => import('../me/MyMentoringPage'));
const ProgramHealthPage = lazy(() => import('../admin/ProgramHealthPage'));

/** The signed-in app: header with nav and the signed-in person, and the current view. */
export function Shell() {
  return (
    <MeProvider>
      <SignedInLayout />
    </MeProvider>
  );
}

function SignedInLayout() {
  const me = useMe();
  const { state, signOut } = useAuth();
  const canSwitchUser = state.status === 'signed-in' && state.provider.kind === 'dev';
  return (
    <Layout
      nav={<NavTabs isAdmin={isAdmin(me.data)} />}
      headerEnd={<UserChip me={me.data} onSwitchUser={canSwitchUser ? () => signOut() : undefined} />}
    >
      <Suspense fallback={<CardSkeletons count={2} label="Loading" />}>
        <CurrentView />
      </Suspense>
    </Layout>
  );
}

function CurrentView() {
  switch (useRoute()) {
    case 'tab':
      return <MyMentoringPage />;
    case 'admin':
      return <ProgramHealthPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
