// Shared by the package tests: paths, the engine, and the native CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
export const sampleShop = fileURLToPath(new URL('../../examples/sample-shop.csv', import.meta.url));
export const nativeCli = fileURLToPath(new URL('../../build/native/retention-kit', import.meta.url));
export const wasmCli = fileURLToPath(new URL('../../web/lib/cli.js', import.meta.url));

export function run(command, args, input) {
  const r = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const runNative = (args, input) => run(nativeCli, args, input);
export const runWasm = (args, input) => run(process.execPath, [wasmCli, ...args], input);

export const readBytes = (path) => new Uint8Array(readFileSync(path));
