import { useSyncExternalStore, type MouseEvent } from 'react';

// A tiny router: the URL is the state, history.pushState changes it, and a
// "tandem:navigate" event (plus popstate) tells subscribers to re-read it.

export type Route =
  | { id: 'home' }
  | { id: 'find' }
  | { id: 'requests' }
  | { id: 'profile' }
  | { id: 'pair'; pairId: string }
  | { id: 'admin' }
  | { id: 'matching'; programId: string }
  | { id: 'organisation' }
  | { id: 'notFound' };

export type RouteId = Route['id'];

const NAVIGATE_EVENT = 'tandem:navigate';
let navigationCount = 0;

export const paths = {
  tab: '/tab',
  find: '/tab/find',
  requests: '/tab/requests',
  profile: '/tab/profile',
  admin: '/admin',
  /** Organisation data: the directory sync and the CSV import of people (docs/directory.md). */
  organisation: '/admin/organisation',
  /** The Outlook consent pop-up: no sign-in, works without the Teams host (docs/outlook-sync.md). */
  consent: '/auth/consent',
  consentEnd: '/auth/consent-end',
} as const;

/** Pages that run in a pop-up window, before and without any sign-in. */
export type PopupRoute = 'consent' | 'consentEnd';

export function matchPopupRoute(pathname: string): PopupRoute | null {
  const path = pathname.replace(/\/+$/, '');
  if (path === paths.consent) return 'consent';
  if (path === paths.consentEnd) return 'consentEnd';
  return null;
}

const SUB_PAGE_PAIR = /^pairs\/([0-9A-Za-z-]{1,64})(?:\/meetings\/[0-9A-Za-z-]{1,64})?$/;

/** The profile opened at its Notifications settings. */
export const notificationSettingsPath = `${paths.profile}?section=notifications`;

/**
 * Where a Teams deep link's subEntityId (`context.page.subPageId`) points in the tab:
 * "pairs/<pairId>" (and "pairs/<pairId>/meetings/<meetingId>") → the pair page, "requests" →
 * Requests, "settings/notifications" → the notification settings; null for anything else.
 */
export function subPagePath(subPageId: string | undefined): string | null {
  const id = subPageId?.trim().replace(/\/+$/, '');
  if (!id) return null;
  if (id === 'requests') return paths.requests;
  if (id === 'settings/notifications') return notificationSettingsPath;
  const pair = SUB_PAGE_PAIR.exec(id);
  return pair?.[1] ? pairPath(pair[1]) : null;
}

/** `/tab/pairs/{pairId}` — the pair page. */
export function pairPath(pairId: string): string {
  return `/tab/pairs/${encodeURIComponent(pairId)}`;
}

/** `/admin/programs/{programId}/matching` — an admin's whole-program matching for one program. */
export function matchingPath(programId: string): string {
  return `/admin/programs/${encodeURIComponent(programId)}/matching`;
}

/** Find a mentor, optionally for one program (`?program=`). */
export function findPath(programId?: string | null): string {
  return programId ? `${paths.find}?program=${encodeURIComponent(programId)}` : paths.find;
}

/** The profile, optionally opened at one program's enrolment (`?program=`). */
export function profilePath(programId?: string | null): string {
  return programId ? `${paths.profile}?program=${encodeURIComponent(programId)}` : paths.profile;
}

const PAIR = /^\/tab\/pairs\/([^/]+)$/;
const MATCHING = /^\/admin\/programs\/([^/]+)\/matching$/;

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === paths.tab) return { id: 'home' };
  if (path === paths.find) return { id: 'find' };
  if (path === paths.requests) return { id: 'requests' };
  if (path === paths.profile) return { id: 'profile' };
  if (path === paths.admin) return { id: 'admin' };
  if (path === paths.organisation) return { id: 'organisation' };
  const pair = PAIR.exec(path);
  if (pair?.[1]) {
    try {
      return { id: 'pair', pairId: decodeURIComponent(pair[1]) };
    } catch {
      return { id: 'notFound' };
    }
  }
  const matching = MATCHING.exec(path);
  if (matching?.[1]) {
    try {
      return { id: 'matching', programId: decodeURIComponent(matching[1]) };
    } catch {
      return { id: 'notFound' };
    }
  }
  return { id: 'notFound' };
}

/** `/` is an alias for `/tab`: rewrite it in place before the first render. */
export function redirectRoot(): void {
  if (window.location.pathname === '/' || window.location.pathname === '/index.html') {
    const { search, hash } = window.location;
    window.history.replaceState(window.history.state, '', paths.tab + search + hash);
  }
}

/**
 * Goes to `to` (a path with an optional query). `replace` swaps the current history entry and
 * keeps focus where it is: use it for in-view changes such as a picker writing `?program=`.
 */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) {
    window.history.replaceState(window.history.state, '', to);
  } else {
    window.history.pushState(null, '', to);
    noteViewChange();
  }
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Records that the user moved to another view (navigation, signing in or out), so its heading takes focus. */
export function noteViewChange(): void {
  navigationCount += 1;
}

/** True once the user has moved between views (not on the initial page load). */
export function hasNavigated(): boolean {
  return navigationCount > 0;
}

function subscribe(onChange: () => void): () => void {
  const onPop = () => {
    noteViewChange();
    onChange();
  };
  window.addEventListener('popstate', onPop);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onPop);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The query string, e.g. "?program=…" (empty when there is none). */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/** One query parameter of the current URL, or null. */
export function useSearchParam(name: string): string | null {
  return new URLSearchParams(useSearch()).get(name);
}

/** Writes one query parameter in place (no new history entry, no focus move). */
export function setSearchParam(name: string, value: string | null): void {
  const params = new URLSearchParams(window.location.search);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const query = params.toString();
  navigate(window.location.pathname + (query ? `?${query}` : ''), { replace: true });
}

export function useRoute(): Route {
  const pathname = usePathname();
  return matchRoute(pathname);
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return (
    event.button === 0 &&
    !event.defaultPrevented &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey &&
    (!event.currentTarget.target || event.currentTarget.target === '_self')
  );
}

/** onClick for same-app anchors: keeps the real href (open in new tab works) but navigates in place. */
export function handleLinkClick(event: MouseEvent<HTMLAnchorElement>): void {
  if (!isPlainLeftClick(event)) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}
