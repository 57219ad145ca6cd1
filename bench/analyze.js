#!/usr/bin/env node
// Side by side on the same generated files, in one run, alternating (issue 11): our wasm CLI, our
// native CLI, DuckDB-WASM (RF matrix + NTILE RFM + cohorts in SQL) and PapaParse (parse +
// aggregate per customer in JS). Each run is its own process under /usr/bin/time, so CPU seconds
// (user + sys, what a shared machine cannot inflate much) and peak RSS are the kernel's.
// Usage: npm run bench [-- [--10m] [--reps N] [--only wasm,native,duckdb,papaparse]]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const reps = Number(flag('--reps', 3));
const only = flag('--only', 'wasm,native,duckdb,papaparse').split(',');
const sizes = [[1_000_000, 200_000]];
if (args.includes('--10m')) sizes.push([10_000_000, 2_000_000]);

mkdirSync('build/bench', { recursive: true });
const peers = 'build/bench/peers';
const pinned = readFileSync('bench/peers/package.json', 'utf8');
if (!existsSync(`${peers}/package.json`) || readFileSync(`${peers}/package.json`, 'utf8') !== pinned ||
    !existsSync(`${peers}/node_modules`)) {
  console.log(`installing the peers (bench/peers/package.json) into ${peers}`);
  rmSync(peers, { recursive: true, force: true });
  mkdirSync(peers, { recursive: true });
  copyFileSync('bench/peers/package.json', `${peers}/package.json`);
  const r = spawnSync('npm', ['install', '--prefix', peers, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm install of the benchmark peers failed');
}

const node = process.execPath;
const runners = {
  // `measure` adds each stage's seconds to the report (diagnostics.measured): ingest apart from analysis.
  wasm: (file) => [node, 'web/lib/cli.js', 'analyze', file, '--json', '--options', '{"measure":true}'],
  native: (file) => ['build/native/retention-kit', 'analyze', file, '--json', '--options', '{"measure":true}'],
  duckdb: (file) => [node, 'bench/duckdb-job.js', peers, file],
  papaparse: (file) => [node, 'bench/papaparse-job.js', peers, file],
};
const names = Object.keys(runners).filter((n) => only.includes(n));

// One process under /usr/bin/time: wall, CPU seconds, peak RSS, and the revenue it found (a check
// that every runner read the same file the same way).
function run(name, file) {
  const out = `build/bench/time-${process.pid}.txt`;  // one per benchmark process: two may run at once
  const [cmd, ...rest] = runners[name](file);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', out, cmd, ...rest], { maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr.toString().slice(-2000)}`);
  const [wall, user, sys, rssKb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  rmSync(out);
  const json = JSON.parse(r.stdout.toString());
  const revenue = Number(json.summary ? json.summary.revenue : json.revenue);
  const stages = json.diagnostics?.measured?.stages;
  return { wall, cpu: user + sys, rss: rssKb / 1024, revenue, stages: stages && Object.fromEntries(stages.map((st) => [st.name, st.seconds])) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
for (const [rows, customers] of sizes) {
  const file = `build/bench/orders-iso-${rows}-${customers}.csv`;
  if (!existsSync(file)) {
    console.log(`generating ${file}`);
    spawnSync(node, ['bench/generate-orders.js', rows, customers, file, 'iso'], { stdio: 'inherit' });
  }
  const mb = statSync(file).size / 1e6;
  const results = Object.fromEntries(names.map((n) => [n, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < names.length; i++) {  // a different runner starts each round
      const name = names[(i + rep) % names.length];
      results[name].push(run(name, file));
    }
  }
  console.log(`\nfile: ${file} (${mb.toFixed(1)} MB, ${rows} rows, up to ${customers} customers); median of ${reps}, alternating`);
  console.log('runner       CPU s   wall s   peak RSS MB   MB per CPU-s   revenue');
  const cpu = {};
  for (const name of names) {
    const rs = results[name];
    cpu[name] = median(rs.map((r) => r.cpu));
    const line = [name.padEnd(10), cpu[name].toFixed(2).padStart(7), median(rs.map((r) => r.wall)).toFixed(2).padStart(8),
      Math.max(...rs.map((r) => r.rss)).toFixed(0).padStart(13), (mb / cpu[name]).toFixed(1).padStart(14),
      `  ${rs[0].revenue.toFixed(2)}`];
    console.log(line.join(' '));
  }
  // Our stages, from the run with the median CPU (seconds: CPU natively, elapsed in wasm).
  for (const ours of ['wasm', 'native'].filter((n) => cpu[n])) {
    const { stages } = results[ours].find((r) => r.cpu === cpu[ours]);
    const parts = Object.entries(stages).map(([stage, sec]) => `${stage} ${sec.toFixed(2)}`).join(', ');
    console.log(`${ours} stages (s): ${parts}; ingest ${(mb / stages.read).toFixed(0)} MB/s`);
  }
  for (const ours of ['wasm', 'native'].filter((n) => cpu[n])) {
    for (const peer of ['duckdb', 'papaparse'].filter((n) => cpu[n]))
      console.log(`${peer} CPU / ${ours} CPU = ${(cpu[peer] / cpu[ours]).toFixed(2)}x`);
  }
}
if (existsSync('dist/wasm/retention-kit.wasm')) {
  const wasm = readFileSync('dist/wasm/retention-kit.wasm');
  console.log(`\nwasm size: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzip -9`);
}
