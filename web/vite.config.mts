import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { compileHints } from './vite-plugins/compile-hints.mts';
import { griffelAot } from './vite-plugins/griffel-aot.mts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));
const apiTarget = process.env.TANDEM_API_URL ?? 'http://localhost:3978';

// One HTML entry point (web/index.html). The Express server answers /tab and /admin
// with dist/web/index.html; route views are split into their own chunks with React.lazy.
export default defineConfig({
  root: webRoot,
  base: '/',
  // Brotli and gzip copies of every asset, served by the API server (api/src/http/web-app.ts).
  plugins: [react(), griffelAot({ root: webRoot }), compileHints(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    // No public source maps: use `npm run dev:web` to debug.
    sourcemap: false,
    // Few files per page: each one costs the busy main thread time to ask for, take in and compile
    // (more than its size), and the automatic split made a dozen small shared ones per view.
    //  - app: everything index.html's script needs, in that one file;
    //  - common: the pieces most views share (Fluent's card, field, motion and focus helpers and a
    //    few of the app's small building blocks), instead of one tiny file each.
    // Only how the code is cut into files changes; views still load on first visit (React.lazy).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'] },
            {
              name: 'common',
              test: /node_modules[\\/]@fluentui[\\/]react-(badge|card|field|icons|motion|tabster|utilities)[\\/]|web[\\/]src[\\/](app[\\/](DetailList|LinkButton|Section)\.tsx|(pairs|programs|requests)[\\/]labels\.ts)$/,
            },
          ],
        },
      },
    },
    // That one file (React, the Fluent UI parts the shell uses, the shell) is about 560 KB, 160 KB gzip.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
});
