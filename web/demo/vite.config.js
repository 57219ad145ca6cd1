// Vite config of the demo page: `npx vite build --config web/demo/vite.config.js` -> dist/demo.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs: the built page works from any folder of any static server.
  base: './',
  // Nothing to copy from a public/ folder.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/demo', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Never inline assets as data: URLs; the page fetches the sample under `connect-src 'self'`.
    assetsInlineLimit: 0,
  },
  // Pages import the dashboard by its package name, as an app that installed retention-kit would.
  resolve: { alias: { 'retention-kit/dashboard': fileURLToPath(new URL('../components/retention-dashboard.js', import.meta.url)) } },
  // The engine's Web Worker is a module worker that imports the Emscripten ES module.
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    // The page imports web/lib, dist/wasm and examples/ from outside its root.
    fs: { allow: [repoRoot] },
  },
});
