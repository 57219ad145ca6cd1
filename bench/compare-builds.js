#!/usr/bin/env node
// Our engine against an earlier build of itself, on one file, in one run: the two CLIs alternate, each
// run its own process under /usr/bin/time, and the medians of CPU seconds (user + sys) are compared.
// What a change gained, apart from the peers' own drift (bench/analyze.js compares with the peers).
// Usage: node bench/compare-builds.js OTHER_CHECKOUT FILE [--reps N] [--native]
//   OTHER_CHECKOUT: a built checkout (e.g. `git worktree add ../before <commit>`, then its build).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const [other, file] = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--reps'));
if (!other || !file) {
  console.error('usage: node bench/compare-builds.js OTHER_CHECKOUT FILE [--reps N] [--native]');
  process.exit(2);
}
const reps = Number(flag('--reps', 5));
const native = args.includes('--native');
const checkouts = { before: resolve(other), now: resolve('.') };
const command = (dir) =>
  native ? [`${dir}/build/native/retention-kit`] : [process.execPath, `${dir}/web/lib/cli.js`];

const out = resolve(`build/bench/compare-${process.pid}.txt`);
const cpu = { before: [], now: [] };
for (let rep = 0; rep < reps; rep++) {
  for (const side of rep % 2 ? ['now', 'before'] : ['before', 'now']) {
    const [cmd, ...rest] = command(checkouts[side]);
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', out, cmd, ...rest, 'analyze', resolve(file), '--json'],
      { cwd: checkouts[side], stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`${side} failed: ${r.stderr.toString().slice(-2000)}`);
    const [user, sys] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpu[side].push(user + sys);
  }
}
rmSync(out);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
for (const side of ['before', 'now'])
  console.log(`${side.padEnd(7)} ${checkouts[side]}: CPU s ${cpu[side].map((s) => s.toFixed(2)).join(' ')}, median ${median(cpu[side]).toFixed(2)}`);
console.log(`now / before = ${(median(cpu.now) / median(cpu.before)).toFixed(3)} (${native ? 'native' : 'wasm'} CLI, ${reps} runs each, alternating)`);
