// Nothing for retention-kit: the package must work with Vite's defaults. base './' for any folder.
import { defineConfig } from 'vite';

export default defineConfig({ base: './', logLevel: 'warn' });
