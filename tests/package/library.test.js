// The core library never prints and never aborts (as simdjson's build checks): only the CLI writes
// to stdout/stderr, and errors are values. Checked on the native static libraries with nm.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { root } from './helpers.js';

const FORBIDDEN = ['printf', 'puts', 'fputs', 'fprintf', 'fwrite', 'putchar', 'perror', 'abort', 'exit', '_exit', 'std::cout', 'std::cerr'];

for (const library of ['libretention_core.a', 'libretention_simdjson.a']) {
  test(`${library} calls no printing or aborting function`, () => {
    const nm = spawnSync('nm', ['-C', `${root}build/native/${library}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(nm.status, 0, nm.stderr);
    const undefinedSymbols = new Set(nm.stdout.split('\n').map((line) => line.trim().split(/\s+/)).filter((f) => f[0] === 'U').map((f) => f.slice(1).join(' ')));
    assert.ok(undefinedSymbols.size > 0, 'nm listed the library');
    assert.deepEqual(FORBIDDEN.filter((name) => undefinedSymbols.has(name)), []);
  });
}
