// Row indexes sorted by an integer key, ties by index, in linear time: an LSD radix sort (11 bits a
// pass) of the index, then of the key, skipping the digits every row shares. At two million customers
// Float64Array.sort of packed keys held the page's main thread for about 0.4 s (issue 11).
const DIGIT = 11;
const MASK = (1 << DIGIT) - 1;

// One stable pass: the (index, key) pairs from `from` to `to` by the digit at `shift` of the key, or
// of the index when `byIndex`.
function pass(from, to, shift, byIndex) {
  const count = new Uint32Array(MASK + 2);
  const { index, key } = from;
  const sorted = byIndex ? index : key;
  const n = index.length;
  for (let k = 0; k < n; k++) count[((sorted[k] >>> shift) & MASK) + 1]++;
  for (let b = 0; b <= MASK; b++) count[b + 1] += count[b];
  for (let k = 0; k < n; k++) {
    const at = count[(sorted[k] >>> shift) & MASK]++;
    to.index[at] = index[k];
    to.key[at] = key[k];
  }
}

// The bits in which the values differ.
function differing(values) {
  let bits = 0;
  for (let k = 1; k < values.length; k++) bits |= values[k] ^ values[0];
  return bits >>> 0;
}

// Sorts `order` (a Uint32Array of row indexes) in place by Math.round(keyOf(i)), ties by index.
// False, `order` unchanged, when a key is not within +-2^31: the caller then uses a comparator.
export function sortByIntegerKey(order, keyOf) {
  const n = order.length;
  const key = new Uint32Array(n);
  let ascending = true;
  for (let k = 0; k < n; k++) {
    const value = Math.round(keyOf(order[k]));
    if (!(Math.abs(value) < 2 ** 31)) return false;
    key[k] = value + 2 ** 31; // unsigned, in the same order
    if (k && order[k] < order[k - 1]) ascending = false;
  }
  let from = { index: Uint32Array.from(order), key };
  let to = { index: new Uint32Array(n), key: new Uint32Array(n) };
  const run = (shift, byIndex) => {
    pass(from, to, shift, byIndex);
    [from, to] = [to, from];
  };
  // By index first (unless already so), so that the stable passes by key leave ties by index.
  const indexBits = ascending ? 0 : differing(from.index);
  for (let shift = 0; shift < 32; shift += DIGIT) if ((indexBits >>> shift) & MASK) run(shift, true);
  const keyBits = differing(key);
  for (let shift = 0; shift < 32; shift += DIGIT) if ((keyBits >>> shift) & MASK) run(shift, false);
  order.set(from.index);
  return true;
}
