// Row indexes sorted by unsigned 32-bit key words in linear time, ties by index: an LSD radix sort
// (11 bits a pass) of the index, then of each key word from the least significant, skipping the
// digits every row shares. A generator of steps of at most 2^16 rows, so that a page can give its
// main thread back between them (issue 11: at two million customers one pass took 40 ms, the first
// one, before V8 optimised it, 225 ms).
const DIGIT = 11;
const MASK = (1 << DIGIT) - 1;

const BLOCK = 1 << 16; // rows a step: a pass over millions of rows is many steps

function countDigits(by, shift, count, begin, end) {
  for (let k = begin; k < end; k++) count[((by[k] >>> shift) & MASK) + 1]++;
}

// Moves rows [begin, end) of the columns `source` to their places in `target`.
function scatter(by, shift, next, source, target, begin, end) {
  const [s0, s1, s2, s3] = source;
  const [t0, t1, t2, t3] = target;
  if (source.length === 3) {
    for (let k = begin; k < end; k++) {
      const at = next[(by[k] >>> shift) & MASK]++;
      t0[at] = s0[k];
      t1[at] = s1[k];
      t2[at] = s2[k];
    }
  } else if (source.length === 4) {
    for (let k = begin; k < end; k++) {
      const at = next[(by[k] >>> shift) & MASK]++;
      t0[at] = s0[k];
      t1[at] = s1[k];
      t2[at] = s2[k];
      t3[at] = s3[k];
    }
  } else {
    for (let k = begin; k < end; k++) {
      const at = next[(by[k] >>> shift) & MASK]++;
      for (let c = 0; c < source.length; c++) target[c][at] = source[c][k];
    }
  }
}

// One stable pass, in steps of BLOCK rows: the rows of `from` into `to` by the digit at `shift` of
// `from.words[word]`, or of the index when `word` is -1.
function* pass(from, to, word, shift) {
  const count = new Uint32Array(MASK + 2);
  const by = word < 0 ? from.index : from.words[word];
  const n = by.length;
  for (let begin = 0; begin < n; begin += BLOCK) {
    countDigits(by, shift, count, begin, Math.min(n, begin + BLOCK));
    yield;
  }
  for (let b = 0; b <= MASK; b++) count[b + 1] += count[b];
  const source = [from.index, ...from.words];
  const target = [to.index, ...to.words];
  for (let begin = 0; begin < n; begin += BLOCK) {
    scatter(by, shift, count, source, target, begin, Math.min(n, begin + BLOCK));
    yield;
  }
}

// The bits in which values[begin, end) differ from values[0], added to `bits`.
function differing(values, begin, end, bits) {
  for (let k = begin; k < end; k++) bits |= values[k] ^ values[0];
  return bits >>> 0;
}

function ascendingBetween(order, begin, end) {
  for (let k = Math.max(begin, 1); k < end; k++) if (order[k] < order[k - 1]) return false;
  return true;
}

// Sorts `order` (row indexes) in place by `words` (Uint32Arrays, most significant first, words[w][k]
// belonging to order[k]), ties by index, and the words with it. Yields after each pass.
export function* radixSortSteps(order, words) {
  const n = order.length;
  let ascending = true;
  const bits = words.map(() => 0);
  let indexBits = 0;
  // Scans in steps too: a first call runs unoptimised, and one scan of millions took 100 ms.
  for (let begin = 0; begin < n; begin += BLOCK) {
    const end = Math.min(n, begin + BLOCK);
    ascending = ascending && ascendingBetween(order, begin, end);
    indexBits = differing(order, begin, end, indexBits);
    words.forEach((w, k) => (bits[k] = differing(w, begin, end, bits[k])));
    yield;
  }
  // Copies and scratch columns one a step: each is megabytes.
  let from = { index: order.slice(), words: [] };
  let to = { index: new Uint32Array(n), words: [] };
  yield;
  for (const w of words) {
    from.words.push(w.slice());
    to.words.push(new Uint32Array(n));
    yield;
  }
  // The passes, least significant first: by index first (unless already so), so that the stable
  // passes by key leave ties by index.
  const passes = [];
  const digits = (word, differ) => {
    for (let shift = 0; shift < 32; shift += DIGIT) if ((differ >>> shift) & MASK) passes.push([word, shift]);
  };
  if (!ascending) digits(-1, indexBits);
  for (let word = words.length - 1; word >= 0; word--) digits(word, bits[word]);
  for (const [word, shift] of passes) {
    yield* pass(from, to, word, shift);
    [from, to] = [to, from];
  }
  order.set(from.index);
  words.forEach((w, k) => w.set(from.words[k]));
}

// Runs a generator of steps to its end; its return value.
export function finish(steps) {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
