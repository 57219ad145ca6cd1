// The embedding example as a second page of the demo build: dist/demo/embed/ (built after the demo).
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import demo from '../../web/demo/vite.config.js';

export default mergeConfig(
  demo,
  defineConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    build: { outDir: fileURLToPath(new URL('../../dist/demo/embed', import.meta.url)) },
  }),
);
