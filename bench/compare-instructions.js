#!/usr/bin/env node
// Our native CLI against an earlier build of itself by instructions executed (valgrind's cachegrind):
// the same count run after run, where CPU seconds on a shared machine swing by 10% from one minute to
// the next and hide a change worth a few percent. Prints each build's total, the ratio, and the
// functions whose counts changed most. Instructions are not time (cache misses and the wasm build's
// own code are not in them): a change found here is then confirmed with bench/compare-builds.js.
// Usage: node bench/compare-instructions.js OTHER_CHECKOUT FILE [--top N]
//   OTHER_CHECKOUT: a built checkout (e.g. `git worktree add ../before <commit>`, then its build).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 12;
const [other, file] = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--top'));
if (!other || !file) {
  console.error('usage: node bench/compare-instructions.js OTHER_CHECKOUT FILE [--top N]');
  process.exit(2);
}
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('valgrind is needed: apt-get install valgrind');
  process.exit(2);
}

// Instructions per function of one run (cachegrind's out file: `fn=` lines, then `line count` lines).
function countInstructions(checkout) {
  const out = resolve(`build/bench/cachegrind-${process.pid}.out`);
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', `--cachegrind-out-file=${out}`,
    `${checkout}/build/native/retention-kit`, 'analyze', resolve(file), '--json'],
  // The CLI re-executes itself to ask for huge pages, which valgrind cannot follow.
  { env: { ...process.env, RETENTION_KIT_HUGE_PAGES: '0' }, stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${checkout}: ${r.stderr.toString().slice(-2000)}`);
  const byFunction = new Map();
  let fn = '';
  let total = 0;
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (line.startsWith('fn=')) fn = line.slice(3);
    else if (/^\d/.test(line)) {
      const count = Number(line.split(' ')[1]);
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + count);
      total += count;
    }
  }
  rmSync(out);
  return { total, byFunction };
}

const before = countInstructions(resolve(other));
const now = countInstructions(resolve('.'));
const millions = (n) => (n / 1e6).toFixed(1).padStart(9);
console.log(`before ${resolve(other)}: ${millions(before.total)} M instructions`);
console.log(`now    ${resolve('.')}: ${millions(now.total)} M instructions`);
console.log(`now / before = ${(now.total / before.total).toFixed(4)} (native CLI on ${file})`);
const names = new Set([...before.byFunction.keys(), ...now.byFunction.keys()]);
const changes = [...names].map((name) => [name, before.byFunction.get(name) ?? 0, now.byFunction.get(name) ?? 0])
  .filter(([, b, n]) => Math.abs(n - b) >= 50000)  // below that: the runs' own few differences
  .sort((a, b) => Math.abs(b[2] - b[1]) - Math.abs(a[2] - a[1])).slice(0, top);
console.log('\nlargest changes (M instructions: before -> now):');
for (const [name, b, n] of changes) console.log(`${millions(b)} -> ${millions(n)}  ${name.slice(0, 110)}`);
