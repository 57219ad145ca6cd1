// Row indexes sorted by a numeric key, exactly, ties by index, in linear time: each key's 64 bits
// made to order as unsigned words, then a radix sort (web/lib/radix-sort.js). In steps, so that the
// customer table gives the page's main thread back between them (issue 11).
import { radixSortSteps } from '../../lib/radix-sort.js';

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer); // little-endian: words[1] holds the sign and exponent
const KEYS_A_STEP = 1 << 16;

// Sorts `order` (a Uint32Array of row indexes) in place by keyOf(i), ascending (-0 as 0, NaN last).
export function* sortSteps(order, keyOf) {
  const n = order.length;
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const key = keyOf(order[k]);
    bits[0] = key === 0 ? 0 : key;
    let h = words[1];
    let l = words[0];
    if (Number.isNaN(key)) {
      h = 0xffffffff;
      l = 0xffffffff;
    } else if (h >>> 31) { // negative: larger magnitudes first
      h = ~h;
      l = ~l;
    } else {
      h |= 0x80000000;
    }
    high[k] = h >>> 0;
    low[k] = l >>> 0;
    if (k % KEYS_A_STEP === KEYS_A_STEP - 1) yield;
  }
  yield* radixSortSteps(order, [high, low]);
}
