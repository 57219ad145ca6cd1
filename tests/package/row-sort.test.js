// The dashboard table's radix sort of row indexes against a comparator sort by (key, index).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortByIntegerKey } from '../../web/components/dashboard/row-sort.js';

function reference(order, keyOf) {
  return Array.from(order).sort((a, b) => Math.round(keyOf(a)) - Math.round(keyOf(b)) || a - b);
}

test('rows sort by integer key, ties by index, from any starting order, negative keys and all', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 60; round++) {
    const n = Math.floor(random() * 5000);
    const spread = [3, 1000, 2 ** 30][round % 3];
    const keys = Array.from({ length: 3 * n + 1 }, () => Math.floor((random() - 0.5) * 2 * spread) + (round % 4 === 0 ? 0.4 : 0));
    // A subset of rows (a segment), in ascending order or shuffled (a table sorted by another column before).
    const rows = Array.from({ length: n }, () => Math.floor(random() * keys.length));
    const order = Uint32Array.from(round % 2 ? rows : [...new Set(rows)].sort((a, b) => a - b));
    const expected = reference(order, (i) => keys[i]);
    assert.equal(sortByIntegerKey(order, (i) => keys[i]), true);
    assert.deepEqual(Array.from(order), expected, `round ${round}`);
  }
});

test('a key beyond +-2^31 (or not a number) leaves the order to the comparator', () => {
  const order = Uint32Array.from([2, 0, 1]);
  assert.equal(sortByIntegerKey(order, (i) => (i === 1 ? 2 ** 31 : i)), false);
  assert.equal(sortByIntegerKey(order, (i) => (i === 1 ? Number.NaN : i)), false);
  assert.deepEqual(Array.from(order), [2, 0, 1]);
  assert.equal(sortByIntegerKey(order, (i) => -i), true);
  assert.deepEqual(Array.from(order), [2, 1, 0]);
});
