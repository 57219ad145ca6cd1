#!/usr/bin/env node
// Runs every libFuzzer target of tests/fuzz (built by scripts/build-sanitize.sh into build/fuzz)
// for N seconds each and fails on any finding (a crash, a sanitizer report, a broken invariant, a
// timeout, a leak or running out of the memory limit).
//
//   node scripts/fuzz.js --seconds 600            (npm run fuzz -- --seconds 600)
//   node scripts/fuzz.js --seconds 3 --targets parsers,json
//
// Seeds: tests/fixtures (the files every input target starts from) and tests/fuzz/seeds/<target>.
// What a run learns is kept in build/fuzz-corpus/<target> (not committed); a finding is written to
// build/fuzz-findings/ and its path printed. The last line sums up: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGETS = ['parsers', 'engine', 'json', 'options', 'chunks'];
// Which seed folders each target starts from.
const SEEDS = {
  parsers: [], // structured input: it needs no seed
  engine: ['tests/fixtures', 'tests/fuzz/seeds/summaries'],
  json: ['tests/fixtures'],
  options: ['tests/fuzz/seeds/options', 'tests/fixtures'],
  chunks: ['tests/fixtures', 'tests/fuzz/seeds/summaries'],
};

function parseArgs(argv) {
  const args = { seconds: 60, targets: TARGETS };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seconds') args.seconds = Number(argv[++i]);
    else if (argv[i] === '--targets') args.targets = argv[++i].split(',');
    else throw new Error(`unknown argument ${argv[i]} (use --seconds N [--targets a,b])`);
  }
  if (!(args.seconds > 0)) throw new Error('--seconds needs a positive number');
  for (const t of args.targets) if (!TARGETS.includes(t)) throw new Error(`unknown target ${t} (${TARGETS.join(', ')})`);
  return args;
}

function runTarget(target, seconds) {
  const binary = `${root}build/fuzz/fuzz_${target}`;
  if (!existsSync(binary)) return Promise.resolve({ target, ok: false, note: `${binary} is missing: run scripts/build-sanitize.sh` });
  const corpus = `${root}build/fuzz-corpus/${target}`;
  const findings = `${root}build/fuzz-findings/`;
  mkdirSync(corpus, { recursive: true });
  mkdirSync(findings, { recursive: true });
  const seeds = SEEDS[target].map((d) => `${root}${d}`).filter((d) => existsSync(d) && readdirSync(d).length > 0);
  const args = [
    corpus,
    ...seeds,
    `-max_total_time=${seconds}`,
    '-max_len=8192',
    '-timeout=20',
    '-rss_limit_mb=2560',
    '-print_final_stats=1',
    `-artifact_prefix=${findings}${target}-`,
  ];
  return new Promise((resolve) => {
    const child = spawn(binary, args, {
      cwd: root,
      env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', UBSAN_OPTIONS: 'print_stacktrace=1' },
    });
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
      if (log.length > 4_000_000) log = log.slice(-1_000_000);
    });
    child.stdout.on('data', (d) => {
      log += d;
    });
    child.on('close', (code, signal) => {
      const execs = Number(/stat::number_of_executed_units:\s*(\d+)/.exec(log)?.[1] ?? 0);
      const perSecond = Number(/stat::average_exec_per_sec:\s*(\d+)/.exec(log)?.[1] ?? 0);
      const pulses = [...log.matchAll(/cov: (\d+) ft: (\d+) corp: (\d+)/g)];
      const last = pulses[pulses.length - 1];
      const ok = code === 0 && !signal;
      const artifact = /Test unit written to (\S+)/.exec(log)?.[1];
      resolve({
        target,
        ok,
        execs,
        perSecond,
        cov: last ? Number(last[1]) : 0,
        ft: last ? Number(last[2]) : 0,
        corpus: last ? Number(last[3]) : 0,
        note: ok ? '' : `exit ${code ?? signal}${artifact ? `, reproducer ${artifact}` : ''}\n${log.slice(-6000)}`,
      });
    });
  });
}

const args = parseArgs(process.argv.slice(2));
let passed = 0;
let failed = 0;
for (const target of args.targets) {
  const r = await runTarget(target, args.seconds);
  const figures = `${r.execs ?? 0} execs (${r.perSecond ?? 0}/s), cov ${r.cov ?? 0}, ft ${r.ft ?? 0}, corpus ${r.corpus ?? 0}`;
  console.log(`fuzz_${target}: ${r.ok ? 'ok' : 'FINDING'} in ${args.seconds} s: ${figures}`);
  if (!r.ok) console.log(r.note);
  if (r.ok) passed++;
  else failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
