// Server rendering, bundled (vite.ssr.config.js: every dependency inlined): the server renders the RF
// matrix with the engine and imports the page's component (which must not touch the DOM there).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { createEngine } from 'retention-kit';
import 'retention-kit/dashboard';

// The bundle no longer sits next to the package's wasm: say where it is (README, "Server rendering").
const wasmUrl = createRequire(import.meta.url).resolve('retention-kit/retention-kit.wasm');

export async function render(file) {
  const engine = await createEngine({ wasmUrl });
  const report = await engine.analyze(await readFile(file));
  return `<table data-rf='${JSON.stringify(report.rfMatrix.customers)}'></table>`;
}

if (process.argv[2]) console.log(await render(process.argv[2]));
