import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTestApp, type TestApp } from './app';

export interface TestServer {
  baseUrl: string;
  app: TestApp;
  close(): Promise<void>;
}

/**
 * The real app on a real port over a fresh SQLite file, serving the built web app
 * from dist/web (run `npm run build:web` first). Dev sign-in; demo data when asked.
 */
export async function startTestServer(options: { seed?: boolean; now?: string } = {}): Promise<TestServer> {
  const app = await createTestApp({
    seed: options.seed ?? true,
    now: options.now ?? new Date().toISOString(),
    env: { WEB_DIST_DIR: path.resolve(__dirname, '../../dist/web') },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.http.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
