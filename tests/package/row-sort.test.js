// The dashboard table's sorts against comparator sorts: rows by a numeric key (web/components/
// dashboard/row-sort.js, on web/lib/radix-sort.js) and customers by id (web/lib/id-order.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortSteps } from '../../web/components/dashboard/row-sort.js';
import { idRankSteps } from '../../web/lib/id-order.js';
import { finish, radixSortSteps } from '../../web/lib/radix-sort.js';

const idRanks = (bytes, offsets) => finish(idRankSteps(bytes, offsets));
const sortRows = (order, keyOf) => finish(sortSteps(order, keyOf));

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

// Ascending, -0 equal to 0, NaN after everything, ties by index.
function reference(order, keyOf) {
  const rank = (x) => (Number.isNaN(x) ? Infinity : x);
  return Array.from(order).sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
    return (rank(x) < rank(y) ? -1 : rank(x) > rank(y) ? 1 : 0) || a - b;
  });
}

test('rows sort by any number exactly, ties by index, from any starting order', () => {
  const specials = [0, -0, Infinity, -Infinity, Number.NaN, 1e-300, -1e-300, 2 ** 53, -(2 ** 60), 0.1, 0.1 + 2 ** -56];
  for (let round = 0; round < 80; round++) {
    const n = Math.floor(random() * 5000);
    const kind = round % 5;
    const keys = Array.from({ length: 3 * n + 1 }, () => {
      const x = (random() - 0.5) * 2;
      if (kind === 0) return Math.round(x * 3); // many ties
      if (kind === 1) return Math.round(x * 2 ** 40); // integers past 32 bits
      if (kind === 2) return x; // probabilities and the like: distinct fractions
      if (kind === 3) return Math.round(x * 1e6) / 100; // money
      return specials[Math.floor(random() * specials.length)];
    });
    // A subset of rows (a segment), in ascending order or shuffled (a table sorted by another column before).
    const rows = Array.from({ length: n }, () => Math.floor(random() * keys.length));
    const order = Uint32Array.from(round % 2 ? rows : [...new Set(rows)].sort((a, b) => a - b));
    const expected = reference(order, (i) => keys[i]);
    sortRows(order, (i) => keys[i]);
    assert.deepEqual(Array.from(order), expected, `round ${round}`);
  }
});

test('a sort in steps gives what it gives at once, and leaves the order alone until its last step', () => {
  const n = 600000;
  const keys = Float64Array.from({ length: n }, () => random());
  const order = Uint32Array.from({ length: n }, (_, i) => n - 1 - i);
  const steps = sortSteps(order, (i) => keys[i]);
  let count = 0;
  while (!steps.next().done) {
    count++;
    if (count === 2) assert.equal(order[0], n - 1);
  }
  assert.ok(count > 3, `${count} steps`);
  const once = Uint32Array.from({ length: n }, (_, i) => n - 1 - i);
  sortRows(once, (i) => keys[i]);
  assert.deepEqual(order, once);
  for (let k = 1; k < n; k++) assert.ok(keys[order[k - 1]] <= keys[order[k]]);
});

test('the radix sort orders by several words, most significant first, and moves the words with the rows', () => {
  const n = 3000;
  const high = Uint32Array.from({ length: n }, () => Math.floor(random() * 4));
  const low = Uint32Array.from({ length: n }, () => Math.floor(random() * 2 ** 32));
  const order = Uint32Array.from({ length: n }, (_, i) => (i * 7919) % n);
  const expected = Array.from(order.keys()).sort((a, b) => high[a] - high[b] || low[a] - low[b] || order[a] - order[b]);
  const pairs = expected.map((k) => [order[k], high[k], low[k]]);
  finish(radixSortSteps(order, [high, low]));
  assert.deepEqual(Array.from(order), pairs.map(([row]) => row));
  assert.deepEqual(Array.from(high), pairs.map(([, h]) => h));
  assert.deepEqual(Array.from(low), pairs.map(([, , l]) => l));
});

// The ids as the engine hands them over: UTF-8 bytes and offsets.
function packed(ids) {
  const parts = ids.map((id) => Buffer.from(id, 'utf8'));
  const offsets = new Uint32Array(ids.length + 1);
  parts.forEach((part, i) => (offsets[i + 1] = offsets[i] + part.length));
  return { bytes: new Uint8Array(Buffer.concat(parts)), offsets, parts };
}

test('ids rank in the order of their bytes (code points), ties by index, whatever their length and shared prefix', () => {
  const alphabet = ['a', 'b', 'A', '0', '9', '-', '@', '.', '\u0000', 'é', 'ß', '\u{1F600}', '\uFFFD'];
  for (let round = 0; round < 40; round++) {
    const n = [10, 200, 3000][round % 3];
    const prefix = ['', 'customer-0000', 'C', 'x'.repeat(17)][round % 4];
    const ids = Array.from({ length: n }, () => {
      let id = prefix;
      for (let k = Math.floor(random() * 14); k > 0; k--) id += alphabet[Math.floor(random() * (round % 2 ? 5 : alphabet.length))];
      return id;
    });
    if (n > 10) ids.push(ids[3], ids[3] + '\u0000', ids[7].slice(0, -1)); // a repeat, a NUL after, a cut
    const { bytes, offsets, parts } = packed(ids);
    const byBytes = ids.map((_, i) => i).sort((a, b) => Buffer.compare(parts[a], parts[b]) || a - b);
    const rank = idRanks(bytes, offsets);
    const sorted = new Array(ids.length);
    rank.forEach((place, i) => (sorted[place] = i));
    assert.deepEqual(sorted, byBytes, `round ${round}`);
    if (round % 2) { // ASCII only: as JavaScript compares the strings
      const byStrings = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
      assert.deepEqual(sorted, byStrings, `round ${round}`);
    }
  }
});

test('the id ranks in steps are the ranks at once, in bounded steps', () => {
  const ids = Array.from({ length: 200000 }, (_, i) => `customer-${String((i * 7919) % 200000).padStart(7, '0')}`);
  const { bytes, offsets } = packed(ids);
  const steps = idRankSteps(bytes, offsets);
  let count = 0;
  let step;
  while (!(step = steps.next()).done) count++;
  assert.ok(count > 10, `${count} steps`);
  assert.deepEqual(step.value, idRanks(bytes, offsets));
  assert.equal(step.value[0], 0);
  assert.equal(step.value[1], 7919);
});
