import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/**
 * Serves the built web app on the same origin as the API. Vite's hashed assets never
 * change, so they are cached for a year and sent compressed; index.html is always revalidated.
 */
export function webApp(distDir: string): Router {
  const router = Router();
  const root = path.resolve(distDir);
  const index = path.join(root, 'index.html');

  // App Service on Linux doesn't compress for us (the app's entry is ~560 KB, ~160 KB gzip), and
  // compressing per request would cost CPU on every first visit: the build writes .br and .gz
  // copies of each asset (web/vite.config.mts) and browsers get the smallest they accept.
  router.use(
    '/assets',
    expressStaticGzip(path.join(root, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      serveStatic: { immutable: true, maxAge: '365d', index: false, fallthrough: false },
    }),
  );
  router.use(express.static(root, { index: false, maxAge: 0 }));
  // Every extension-less path outside /api loads the app, which routes /tab and /admin
  // and shows its own friendly "not found" for the rest.
  router.get(/^\/(?!api(\/|$))[^.]*$/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send(`The web app has not been built (looked in ${root}). Run "npm run build:web", or "npm start" which builds everything.`);
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
