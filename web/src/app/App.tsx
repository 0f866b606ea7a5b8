import { Suspense, lazy, useEffect, useState } from 'react';
import { FluentProvider } from '@fluentui/react-components';
import { AuthGate } from '../auth/AuthGate';
import { AuthProvider } from '../auth/AuthProvider';
import { HostProvider } from '../teams/HostContext';
import { detectHost, isFramed, type Host } from '../teams/host';
import { LiveRegionProvider } from './LiveRegion';
import { matchPopupRoute, matchRoute, navigate, subPagePath, type PopupRoute } from './routing';
import { Shell } from './Shell';
import { StartingUp } from './states';
import { themes, useDocumentTheme, useThemeName } from './theme';

// FluentProvider's own classes are copied onto every portal's mount node (dialogs, drawers,
// popovers), so it gets no full-height style of ours: that would paint an opaque page-sized
// layer behind every dialog's backdrop. The page's height and background come from Layout.

// The Outlook consent pop-up's pages: their own chunk, outside the sign-in (docs/outlook-sync.md).
const ConsentPages = lazy(() => import('../outlook/ConsentPages'));

let hostPromise: Promise<Host> | undefined;
/** Detect the host once per page load (StrictMode runs effects twice). */
function getHost(): Promise<Host> {
  hostPromise ??= detectHost();
  return hostPromise;
}

let deepLinkFollowed = false;
/** A Teams deep link to a pair (`subEntityId` "pairs/<id>") opens that pair's page on start, once. */
function followDeepLink(host: Host): void {
  if (deepLinkFollowed || host.kind !== 'teams') return;
  deepLinkFollowed = true;
  const to = subPagePath(host.context.subPageId);
  if (to && matchRoute(window.location.pathname).id === 'home') navigate(to, { replace: true });
}

export function App() {
  const popup = matchPopupRoute(window.location.pathname);
  return popup ? <PopupApp route={popup} /> : <TabApp />;
}

/** The tab and the dashboard: host, sign-in, then the shell. */
function TabApp() {
  // Outside a frame there is no host to wait for: the first render goes straight to sign-in.
  const [host, setHost] = useState<Host | undefined>(() => (isFramed() ? undefined : { kind: 'browser' }));
  const detecting = host === undefined;
  useEffect(() => {
    if (!detecting) return;
    void getHost().then((detected) => {
      followDeepLink(detected);
      setHost(detected);
    });
  }, [detecting]);
  const themeName = useThemeName(host);
  useDocumentTheme(themeName);

  return (
    <FluentProvider theme={themes[themeName]}>
      <LiveRegionProvider>
        {host ? (
          <HostProvider host={host}>
            <AuthProvider host={host}>
              <AuthGate>
                <Shell />
              </AuthGate>
            </AuthProvider>
          </HostProvider>
        ) : (
          <StartingUp />
        )}
      </LiveRegionProvider>
    </FluentProvider>
  );
}

/** A page that runs in a pop-up window: no sign-in, no Teams tab host. */
function PopupApp({ route }: { route: PopupRoute }) {
  const themeName = useThemeName(undefined);
  useDocumentTheme(themeName);
  return (
    <FluentProvider theme={themes[themeName]}>
      <LiveRegionProvider>
        <Suspense fallback={<StartingUp />}>
          <ConsentPages route={route} />
        </Suspense>
      </LiveRegionProvider>
    </FluentProvider>
  );
}
