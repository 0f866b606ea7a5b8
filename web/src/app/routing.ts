import { useSyncExternalStore, type MouseEvent } from 'react';

// A tiny router: the path is the state, history.pushState changes it, and a
// "tandem:navigate" event (plus popstate) tells subscribers to re-read it.

export type RouteId = 'tab' | 'admin' | 'notFound';

const NAVIGATE_EVENT = 'tandem:navigate';
let navigationCount = 0;

export const paths = { tab: '/tab', admin: '/admin' } as const;

export function matchRoute(pathname: string): RouteId {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === paths.tab) return 'tab';
  if (path === paths.admin) return 'admin';
  return 'notFound';
}

/** `/` is an alias for `/tab`: rewrite it in place before the first render. */
export function redirectRoot(): void {
  if (window.location.pathname === '/' || window.location.pathname === '/index.html') {
    const { search, hash } = window.location;
    window.history.replaceState(window.history.state, '', paths.tab + search + hash);
  }
}

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  noteViewChange();
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

export function useRoute(): RouteId {
  return matchRoute(usePathname());
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
