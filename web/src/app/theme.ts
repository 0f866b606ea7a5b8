import { useEffect, useState, useSyncExternalStore } from 'react';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { Host, HostThemeName } from '../teams/host';

export type ThemeName = 'light' | 'dark' | 'highContrast';

export const themes: Record<ThemeName, Theme> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  highContrast: teamsHighContrastTheme,
};

const hostThemes: Record<HostThemeName, ThemeName> = {
  default: 'light',
  dark: 'dark',
  contrast: 'highContrast',
};

const DARK = '(prefers-color-scheme: dark)';
const FORCED = '(forced-colors: active)';

function subscribeToMedia(onChange: () => void): () => void {
  const queries = [window.matchMedia(DARK), window.matchMedia(FORCED)];
  queries.forEach((q) => q.addEventListener('change', onChange));
  return () => queries.forEach((q) => q.removeEventListener('change', onChange));
}

function themeFromMedia(): ThemeName {
  if (window.matchMedia(FORCED).matches) return 'highContrast';
  return window.matchMedia(DARK).matches ? 'dark' : 'light';
}

/**
 * The theme to render with: the Teams host theme (live) inside Teams,
 * otherwise the browser's forced-colors / prefers-color-scheme settings (live).
 */
export function useThemeName(host: Host | undefined): ThemeName {
  const mediaTheme = useSyncExternalStore(subscribeToMedia, themeFromMedia, () => 'light' as const);
  const [hostTheme, setHostTheme] = useState<ThemeName | undefined>(undefined);

  useEffect(() => {
    if (host?.kind !== 'teams') return;
    setHostTheme(hostThemes[host.theme]);
    host.onThemeChange((next) => setHostTheme(hostThemes[next]));
  }, [host]);

  return host?.kind === 'teams' && hostTheme ? hostTheme : mediaTheme;
}

/** Paints the document behind the app (overscroll, short pages) with the theme's page colour. */
export function useDocumentTheme(name: ThemeName): void {
  useEffect(() => {
    const theme = themes[name];
    const root = document.documentElement;
    root.style.colorScheme = name === 'light' ? 'light' : 'dark';
    document.body.style.backgroundColor = theme.colorNeutralBackground3;
    document.body.style.color = theme.colorNeutralForeground1;
  }, [name]);
}
