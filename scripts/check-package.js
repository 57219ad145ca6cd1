#!/usr/bin/env node
// Runs before `npm pack` / `npm publish` (prepack): a package without its built wasm module would
// install fine and fail only when a user calls createEngine(), so packing stops here instead.
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm"
const problems = [];
for (const file of ['dist/wasm/retention-kit.wasm', 'dist/wasm/retention-kit.mjs', 'LICENSE']) {
  if (!existsSync(new URL(file, root))) problems.push(`${file} is missing`);
}
const wasm = new URL('dist/wasm/retention-kit.wasm', root);
if (existsSync(wasm) && !WASM_MAGIC.every((byte, i) => readFileSync(wasm)[i] === byte)) {
  problems.push('dist/wasm/retention-kit.wasm is not a WebAssembly module');
}
if (problems.length) {
  console.error(`retention-kit: not packing: ${problems.join('; ')}. Run \`npm run build\` first.`);
  process.exit(1);
}
