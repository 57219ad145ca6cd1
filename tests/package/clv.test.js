// Predicted customer value (issue 5): the native and the wasm CLI print the same model section,
// byte for byte, whatever the model options; a file the models cannot use still gives a report.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runNative, runWasm, sampleShop } from './helpers.js';

const cases = {
  'BG/NBD with a holdout': { calibrationEnd: '2024-06-30' },
  'Pareto/NBD with a holdout': { model: 'pareto-nbd', calibrationEnd: '2024-06-30' },
  'Pareto/NBD in days, penalised, 6 months at 2%': {
    model: 'pareto-nbd', timeUnit: 'days', penalty: 0.001, horizonMonths: 6, monthlyDiscountRate: 0.02,
  },
};

describe('native CLI == wasm CLI for the model section', () => {
  for (const [name, clv] of Object.entries(cases)) {
    test(name, () => {
      const args = ['analyze', sampleShop, '--json', '--options', JSON.stringify({ clv })];
      const native = runNative(args);
      const wasm = runWasm(args);
      assert.equal(native.status, 0, native.stderr);
      assert.equal(wasm.stdout, native.stdout);
      const model = JSON.parse(wasm.stdout).model;
      assert.equal(model.model, clv.model ?? 'bgnbd');
      assert.equal(model.error, undefined);
      assert.equal(model.transactions.convergence.converged, true);
      assert.equal(model.validation?.byFrequency.length ?? 8, 8);
    });
  }
});

test('customers who never came back: the report has the model section with its reason, no NaN', () => {
  const once = 'customer,date,amount\na,2024-01-01,10\nb,2024-01-05,20\nc,2024-02-01,5\n';
  const native = runNative(['analyze', '-', '--json'], once);
  const wasm = runWasm(['analyze', '-', '--json'], once);
  assert.equal(wasm.status, 0);
  assert.equal(wasm.stdout, native.stdout);
  assert.equal(JSON.parse(wasm.stdout).model.error,
    'every customer bought on a single day only: the models need customers who came back');
});
