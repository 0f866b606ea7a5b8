import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { Router } from 'express';

/**
 * Serves the built web app on the same origin as the API. Vite's hashed assets never
 * change, so they are cached for a year; index.html is always revalidated. Both are gzip
 * compressed for browsers that accept it.
 */
export function webApp(distDir: string): Router {
  const router = Router();
  const root = path.resolve(distDir);
  const index = path.join(root, 'index.html');

  // App Service on Linux doesn't compress for us: the app's entry is ~560 KB, ~160 KB gzip.
  router.use(compression());
  router.use(
    '/assets',
    express.static(path.join(root, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
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
