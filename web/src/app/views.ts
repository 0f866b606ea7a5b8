import { lazyView } from './lazyView';
import type { Route } from './routing';

// One chunk per view: each page's code (and the admin dashboard's later chart code) loads on first visit.
export const views = {
  home: lazyView(() => import('../me/HomePage')),
  find: lazyView(() => import('../mentors/FindMentorPage')),
  requests: lazyView(() => import('../requests/RequestsPage')),
  profile: lazyView(() => import('../profile/ProfilePage')),
  pair: lazyView<{ pairId: string }>(() => import('../pairs/PairPage').then((m) => ({ default: m.PairPage }))),
  admin: lazyView(() => import('../admin/ProgramHealthPage')),
  matching: lazyView(() => import('../match-runs/MatchingPage')),
  organisation: lazyView(() => import('../directory/OrganisationDataPage')),
};

// The pages before sign-in, needed only by people not signed in yet.
export const signInPage = lazyView(() => import('../auth/SignInPage'));
export const openInTeamsPage = lazyView(() => import('../auth/OpenInTeamsPage'));

/** Starts loading the chunk of the view `route` shows, if it has one of its own; settles when it is in (or failed). */
export function preloadView(route: Route | 'signIn'): Promise<void> {
  if (route !== 'signIn' && route.id === 'notFound') return Promise.resolve();
  return (route === 'signIn' ? signInPage : views[route.id]).preload().then(
    () => undefined,
    () => {
      // The view's first render asks again, and that one's failure shows.
    },
  );
}
