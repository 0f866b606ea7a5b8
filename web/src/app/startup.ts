import { createApiClient, publicApi } from '../api/client';
import { Prefetch, type ApiQuery } from '../api/prefetch';
import type { Health } from '../api/types';
import { myActionItemsQuery } from '../action-items/useActionItems';
import { devTokenProvider, devTokenStore, type TokenProvider } from '../auth/tokenProvider';
import { meQuery } from '../me/MeContext';
import { pairsQuery } from '../pairs/usePairs';
import { programsQuery } from '../programs/usePrograms';
import { incomingRequestsQuery, outgoingRequestsQuery } from '../requests/RequestsContext';
import { isFramed } from '../teams/host';
import { matchPopupRoute, matchRoute, redirectRoot, type Route } from './routing';
import { preloadView } from './views';

// What the page asks the server for before React first renders, so that the answers and the
// view's chunk arrive while the rest of the app's code is still being parsed and run, instead of
// one after the other once the view has mounted.

export type Settled<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface Startup {
  /** GET /api/health (the auth mode), asked once; `result` is set once it has answered. */
  health: { promise: Promise<Health>; result?: Settled<Health> };
  /** The dev sign-in stored in this tab, and the first view's reads already sent with it. */
  signIn?: { token: string; provider: TokenProvider; prefetch: Prefetch };
  /** When to render first: see FIRST_RENDER_WAIT_MS. */
  ready: Promise<void>;
}

// The first render waits for /api/health and the view's chunk, which normally arrive while the
// rest of the code is still being run: rendering before them would paint a "starting" spinner or
// a loading placeholder only to render everything again straight after. Past this wait it renders
// those instead of a blank page. The view's data is not waited for: its sections have skeletons.
const FIRST_RENDER_WAIT_MS = 500;

/**
 * What the first paint shows: the signed-in person and their requests (header, nav), and on Home
 * its sections. Each request costs the busy main thread a few milliseconds to send and to take in,
 * so reads the first paint doesn't show (the bell's count, the dashboard's numbers) are left to
 * the components, which ask once they are on screen.
 */
function firstReads(route: Route): ApiQuery<unknown>[] {
  const shell = [meQuery, incomingRequestsQuery, outgoingRequestsQuery];
  return route.id === 'home' ? [...shell, pairsQuery, programsQuery, myActionItemsQuery] : shell;
}

function start(): Startup | null {
  redirectRoot();
  if (matchPopupRoute(window.location.pathname)) return null;

  const health: Startup['health'] = { promise: publicApi.health() };
  health.promise.then(
    (value) => (health.result = { ok: true, value }),
    (error: unknown) => (health.result = { ok: false, error: error instanceof Error ? error : new Error(String(error)) }),
  );

  // In Teams the token comes from the host once teams-js has started, so only the chunk is early.
  // With no sign-in stored, the page to come is the dev sign-in (or, outside dev mode, the short
  // "open it in Teams" page, which then loads on its own).
  const framed = isFramed();
  const token = framed ? null : devTokenStore.read();
  const route = matchRoute(window.location.pathname);
  const view = preloadView(framed || token ? route : 'signIn');
  const ready = Promise.race([
    Promise.allSettled([health.promise, view]).then(() => undefined),
    new Promise<void>((resolve) => window.setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
  ]);
  if (!token) return { health, ready };

  // Sent before /api/health has confirmed dev sign-in: they are used only if it does (AuthProvider),
  // and a stale token just costs each a 401, as failed answers are never served (api/prefetch.ts):
  // the view asks again, and its own 401 signs out as usual.
  const provider = devTokenProvider(token);
  const prefetch = new Prefetch(createApiClient({ getToken: () => token }));
  for (const query of firstReads(route)) prefetch.start(query);
  return { health, signIn: { token, provider, prefetch }, ready };
}

/** null on the pop-up pages, which neither sign in nor show a view. */
export const startup: Startup | null = start();
