import { useEffect, useState } from 'react';
import { FluentProvider, makeStyles } from '@fluentui/react-components';
import { AuthGate } from '../auth/AuthGate';
import { AuthProvider } from '../auth/AuthProvider';
import { HostProvider } from '../teams/HostContext';
import { detectHost, type Host } from '../teams/host';
import { LiveRegionProvider } from './LiveRegion';
import { Shell } from './Shell';
import { StartingUp } from './states';
import { themes, useDocumentTheme, useThemeName } from './theme';

const useStyles = makeStyles({ root: { minHeight: '100vh' } });

let hostPromise: Promise<Host> | undefined;
/** Detect the host once per page load (StrictMode runs effects twice). */
function getHost(): Promise<Host> {
  hostPromise ??= detectHost();
  return hostPromise;
}

export function App() {
  const styles = useStyles();
  const [host, setHost] = useState<Host>();
  useEffect(() => {
    void getHost().then(setHost);
  }, []);
  const themeName = useThemeName(host);
  useDocumentTheme(themeName);

  return (
    <FluentProvider theme={themes[themeName]} className={styles.root}>
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
