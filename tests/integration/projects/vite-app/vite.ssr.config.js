// A server bundle with every dependency inlined (ssr.noExternal), as edge and serverless deploys use.
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  ssr: { noExternal: true },
  build: { ssr: 'render.js', outDir: 'dist-server', emptyOutDir: true },
});
