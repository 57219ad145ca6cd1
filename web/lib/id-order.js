// Each customer's place among the ids in code point order (the order of their UTF-8 bytes; for ASCII
// ids the order of JavaScript's string comparison), from the ids' bytes without decoding them: a
// comparator sort of two million decoded ids held a page for 7.4 s (issue 11).
import { radixSortSteps } from './radix-sort.js';

const WORD_BYTES = 8;
const FEW = 48; // runs this short are finished with a comparator
const ROWS_A_STEP = 1 << 16; // rows of short runs, or of words read, between two steps

// Compares ids a and b from byte `depth` on.
function compareFrom(bytes, offsets, a, b, depth) {
  const aEnd = offsets[a + 1];
  const bEnd = offsets[b + 1];
  let x = offsets[a] + depth;
  let y = offsets[b] + depth;
  for (; x < aEnd && y < bEnd; x++, y++) if (bytes[x] !== bytes[y]) return bytes[x] - bytes[y];
  return aEnd - x - (bEnd - y) || a - b;
}

// Sorts rows[start, end) by their ids, all of which share their first `depth` bytes: by the next 8
// bytes (zero after an id's end) and how many of them the id has (9: more follow), then each run of
// ids still alike 8 bytes further on. Yields between steps.
function* sortRun(bytes, offsets, rows, start, end, depth, pending) {
  const n = end - start;
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  const left = new Uint32Array(n);
  const order = rows.slice(start, end);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const from = offsets[i] + depth;
    const remaining = offsets[i + 1] - from;
    let h = 0;
    let l = 0;
    if (remaining >= WORD_BYTES) {
      h = (bytes[from] << 24) | (bytes[from + 1] << 16) | (bytes[from + 2] << 8) | bytes[from + 3];
      l = (bytes[from + 4] << 24) | (bytes[from + 5] << 16) | (bytes[from + 6] << 8) | bytes[from + 7];
    } else {
      for (let j = 0; j < remaining; j++) {
        if (j < 4) h |= bytes[from + j] << (24 - 8 * j);
        else l |= bytes[from + j] << (56 - 8 * j);
      }
    }
    high[k] = h >>> 0;
    low[k] = l >>> 0;
    left[k] = Math.min(remaining, WORD_BYTES + 1);
    if (k % ROWS_A_STEP === ROWS_A_STEP - 1) yield;
  }
  yield* radixSortSteps(order, [high, low, left]);
  rows.set(order, start);
  for (let k = 0; k < n; ) {
    let e = k + 1;
    while (e < n && high[e] === high[k] && low[e] === low[k] && left[e] === left[k]) e++;
    if (e - k > 1 && left[k] > WORD_BYTES) pending.push([start + k, start + e, depth + WORD_BYTES]);
    k = e;
  }
}

// rank[i]: the place of id i, by bytes, equal ids by index; in steps (the generator returns it).
export function* idRankSteps(bytes, offsets) {
  const n = offsets.length - 1;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  const pending = [[0, n, 0]];
  let done = 0; // rows of short runs sorted since the last step
  while (pending.length) {
    const [start, end, depth] = pending.pop();
    if (end - start > FEW) {
      yield* sortRun(bytes, offsets, rows, start, end, depth, pending);
      continue;
    }
    const run = rows.subarray(start, end);
    run.set(Array.from(run).sort((a, b) => compareFrom(bytes, offsets, a, b, depth)));
    if ((done += end - start) >= ROWS_A_STEP) {
      done = 0;
      yield;
    }
  }
  const rank = new Uint32Array(n);
  for (let k = 0; k < n; k++) rank[rows[k]] = k;
  return rank;
}
