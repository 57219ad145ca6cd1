#!/usr/bin/env node
// Holdout validation of the transaction models (issue 9: the default is chosen by this): each model is
// fitted on the orders up to a calibration end and predicts every customer's purchases up to asOf;
// the native CLI's validation section gives the totals and the per-customer errors.
//   node bench/holdout.js            CDNOW (tests/data/cdnow) and a 50,000-customer BG/NBD simulation
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = `${root}/build/native/retention-kit`;
const simulated = `${root}/build/bench/btyd-50000.csv`;
if (!existsSync(simulated)) {
  mkdirSync(dirname(simulated), { recursive: true });
  execFileSync('node', [`${root}/bench/generate-btyd.js`, '50000', simulated]);
}
const sets = [
  { name: 'CDNOW master (23,570 customers, weeks)', file: `${root}/tests/data/cdnow/CDNOW_master.txt`, calibrationEnd: '1997-09-30' },
  { name: 'BG/NBD simulation (50,000 customers, days to 2023-12-31)', file: simulated, calibrationEnd: '2022-12-31' },
];
const models = ['mbgnbd', 'bgnbd', 'pareto-nbd'];

const fixed = (v, digits) => v.toFixed(digits);
for (const set of sets) {
  console.log(`\n${set.name}, calibration to ${set.calibrationEnd}`);
  console.log('model       holdout actual  predicted  error%   MAE/customer  RMSE/customer  LL(calibration)  fit s');
  for (const model of models) {
    const options = JSON.stringify({ clv: { model, calibrationEnd: set.calibrationEnd } });
    const started = process.hrtime.bigint();
    const report = JSON.parse(execFileSync(cli, ['analyze', set.file, '--json', '--options', options], { maxBuffer: 1 << 28 }));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const v = report.model.validation;
    if (v.error) {
      console.log(`${model.padEnd(11)} ${v.error}`);
      continue;
    }
    const error = (100 * (v.total.predicted - v.total.actual)) / v.total.actual;
    console.log(`${model.padEnd(11)} ${fixed(v.total.actual, 0).padStart(14)} ${fixed(v.total.predicted, 1).padStart(10)} ${fixed(error, 2).padStart(6)}` +
      `   ${fixed(v.perCustomer.meanAbsoluteError, 4).padStart(12)}  ${fixed(v.perCustomer.rootMeanSquareError, 4).padStart(13)}` +
      `  ${fixed(v.transactions.logLikelihood, 1).padStart(15)}  ${fixed(seconds, 2).padStart(5)}`);
    console.log(`            by frequency 0..7+: actual ${v.byFrequency.map((b) => fixed(b.actual, 3)).join(' ')}`);
    console.log(`                                predicted ${v.byFrequency.map((b) => fixed(b.predicted, 3)).join(' ')}`);
  }
}
