// The per-customer table that comes with a report: columns the engine computed, copied out of the
// wasm heap, and segment export from the CSV lines the engine rendered (so the bytes equal the
// native CLI's). No analytics here: this only picks the lines of one RF cell or RFM segment.
import { RetentionError } from './errors.js';
import { idRankSteps } from './id-order.js';
import { finish } from './radix-sort.js';

// The columns that cross from the engine (and from the Web Worker, as transferred buffers).
export const CUSTOMER_COLUMNS = Object.freeze([
  'idBytes', 'idOffsets', 'firstOrder', 'lastOrder', 'recencyDays', 'frequency', 'monetary',
  'r', 'f', 'm', 'rfCell', 'segment', 'churnRisk', 'csvBytes', 'csvOffsets',
  'pAlive', 'expectedPurchases', 'expectedOrderValue', 'clv', 'nextOrder',
]);

// Predicted-value columns (issues 5, 9): empty in the core when no model ran or it failed.
const VALUE_COLUMNS = ['pAlive', 'expectedPurchases', 'expectedOrderValue', 'clv', 'nextOrder'];

export const CHURN_RISK_NAMES = Object.freeze(['green', 'amber', 'red']);

// Keeps a leading U+FEFF of an id or a line: the text is exactly the engine's bytes.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

// Ids as strings, decoded once: one decode for all when every id is ASCII (byte offsets = string offsets).
function decodeIds(bytes, offsets) {
  const ids = new Array(offsets.length - 1);
  const all = utf8.decode(bytes);
  const ascii = all.length === bytes.length;
  for (let i = 0; i < ids.length; i++) {
    ids[i] = ascii ? all.slice(offsets[i], offsets[i + 1]) : utf8.decode(bytes.subarray(offsets[i], offsets[i + 1]));
  }
  return ids;
}

// Whether each id contains `needle` (already lower case), as ids[i].toLowerCase().includes(needle):
// 1 or 0 per customer. ASCII ids and an ASCII needle are compared as bytes, without a string per id
// (a first search of millions of ids would otherwise decode them all); anything else on the decoded ids.
function matchIds(bytes, offsets, asciiIds, needle, decoded) {
  const n = offsets.length - 1;
  const out = new Uint8Array(n);
  if (!asciiIds || !/^[\x00-\x7f]*$/.test(needle)) {
    const ids = decoded();
    for (let i = 0; i < n; i++) out[i] = ids[i].toLowerCase().includes(needle) ? 1 : 0;
    return out;
  }
  const want = Array.from(needle, (ch) => ch.charCodeAt(0));
  const lower = (b) => (b >= 65 && b <= 90 ? b + 32 : b);
  for (let i = 0; i < n; i++) {
    const last = offsets[i + 1] - want.length;
    search: for (let at = offsets[i]; at <= last; at++) {
      for (let k = 0; k < want.length; k++) if (lower(bytes[at + k]) !== want[k]) continue search;
      out[i] = 1;
      break;
    }
  }
  return out;
}

function allAscii(bytes) {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

function segmentNames(report) {
  const { recency, frequency } = report.rfMatrix;
  return {
    rfCellNames: recency.flatMap((r) => frequency.map((f) => `${r}/${f}`)),
    segmentNames: report.rfm.segments.map((segment) => segment.name),
  };
}

// The CSV bytes of one RF cell ("active/single" ...) or RFM segment ("Champions" ...): the header
// line, then the lines of its customers. Same message as the core's for an unknown name.
export function segmentCsvBytes(report, columns, name) {
  const { rfCellNames, segmentNames: rfmNames } = segmentNames(report);
  const cell = rfCellNames.indexOf(name);
  const segment = rfmNames.indexOf(name);
  if (cell < 0 && segment < 0) {
    const known = [...rfCellNames, ...rfmNames].join(', ');
    throw new RetentionError(`unknown segment '${name}'; the segments are ${known}`, { code: 'invalid_options' });
  }
  const [labels, wanted] = cell >= 0 ? [columns.rfCell, cell] : [columns.segment, segment];
  const { csvBytes: bytes, csvOffsets: offsets } = columns;
  const lines = [[0, offsets[1]]];
  for (let i = 0; i < labels.length; i++) if (labels[i] === wanted) lines.push([offsets[i + 1], offsets[i + 2]]);
  const out = new Uint8Array(lines.reduce((size, [start, end]) => size + end - start, 0));
  let at = 0;
  for (const [start, end] of lines) {
    out.set(bytes.subarray(start, end), at);
    at += end - start;
  }
  return out;
}

// Gives the parsed report its per-customer table and segment export, as properties that are not
// enumerable: the report's own fields (and JSON.stringify(report)) stay exactly the core's document.
export function attachCustomers(report, columns) {
  const { rfCellNames, segmentNames: rfmNames } = segmentNames(report);
  let ids;
  let asciiIds;
  let ranks;
  const customers = {
    length: columns.recencyDays.length,
    get id() {
      ids ??= decodeIds(columns.idBytes, columns.idOffsets);
      return ids;
    },
    // One id without decoding them all: a table shows a screenful of a million customers (issue 11).
    idAt(i) {
      const { idBytes: bytes, idOffsets: offsets } = columns;
      return ids ? ids[i] : utf8.decode(bytes.subarray(offsets[i], offsets[i + 1]));
    },
    // Each id's place in code point order, computed once from the bytes: for sorting by id.
    idRanks() {
      return finish(customers.idRankSteps());
    },
    // The same in steps (a generator that returns the ranks), for a page that must stay responsive.
    *idRankSteps() {
      ranks ??= yield* idRankSteps(columns.idBytes, columns.idOffsets);
      return ranks;
    },
    idsContaining(needle) {
      asciiIds ??= allAscii(columns.idBytes);
      return matchIds(columns.idBytes, columns.idOffsets, asciiIds, needle, () => customers.id);
    },
    firstOrder: columns.firstOrder,
    lastOrder: columns.lastOrder,
    recencyDays: columns.recencyDays,
    frequency: columns.frequency,
    monetary: columns.monetary,
    r: columns.r,
    f: columns.f,
    m: columns.m,
    rfCell: columns.rfCell,
    segment: columns.segment,
    churnRisk: columns.churnRisk,
    ...Object.fromEntries(VALUE_COLUMNS.filter((name) => columns[name]?.length).map((name) => [name, columns[name]])),
    rfCellNames,
    segmentNames: rfmNames,
    churnRiskNames: CHURN_RISK_NAMES,
  };
  Object.defineProperties(report, {
    customers: { value: Object.freeze(customers) },
    exportSegment: { value: (name) => utf8.decode(segmentCsvBytes(report, columns, name)) },
  });
  return report;
}
