import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, with the flags this closed network needs (no background calls home). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface DevUser {
  email: string;
  displayName: string;
  persona: 'admin' | 'mentor' | 'mentee' | 'employee';
}

/** The demo people the sign-in picker offers, with a lookup by persona. */
export async function demoUsers(baseUrl: string): Promise<{ all: DevUser[]; first(persona: DevUser['persona']): DevUser }> {
  const response = await fetch(`${baseUrl}/api/dev/users`);
  if (response.status !== 200) throw new Error(`GET /api/dev/users answered ${response.status}`);
  const all = (await response.json()) as DevUser[];
  return {
    all,
    first(persona) {
      const user = all.find((u) => u.persona === persona);
      if (!user) throw new Error(`The seed has no demo user with persona "${persona}"`);
      return user;
    },
  };
}

/** For building a RegExp that matches `text` literally (names with dots, brackets…). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
