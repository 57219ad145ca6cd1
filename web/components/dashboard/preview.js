// The first rows of a file, for the column-mapping step only: the engine reads the whole file in its
// worker; this reads the first 64 KB on the page to show the header and a few rows.
const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 8;

// Resolves with {header: string[], rows: string[][]}. `format` and `delimiter` are the report's
// dataQuality values when an analysis has run; otherwise they are guessed here.
export async function readPreview(blob, { format, delimiter } = {}) {
  const truncated = blob.size > PREVIEW_BYTES;
  let text = new TextDecoder('utf-8').decode(await blob.slice(0, PREVIEW_BYTES).arrayBuffer());
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.trimStart()[0];
  format ??= start === '[' || start === '{' ? (isJsonLine(text) ? 'ndjson' : 'json') : 'csv';
  if (format === 'json' || format === 'ndjson') return fromObjects(format === 'ndjson' ? ndjsonObjects(text) : arrayObjects(text));
  const records = format === 'text' || delimiter === 'whitespace' ? whitespaceRecords(text) : csvRecords(text, delimiterChar(delimiter, text));
  if (truncated && records.length > PREVIEW_ROWS + 1) records.length = PREVIEW_ROWS + 1;
  else if (truncated) records.pop(); // the last record may be cut at the 64 KB boundary
  const [header = [], ...rows] = records;
  return { header, rows: rows.slice(0, PREVIEW_ROWS) };
}

function isJsonLine(text) {
  const line = text.trimStart().split('\n', 1)[0].trim();
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

function fromObjects(objects) {
  const header = [...new Set(objects.flatMap((object) => Object.keys(object)))];
  const show = (value) => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return { header, rows: objects.map((object) => header.map((key) => show(object[key]))) };
}

function ndjsonObjects(text) {
  const objects = [];
  for (const line of text.split('\n')) {
    if (objects.length === PREVIEW_ROWS) break;
    try {
      const value = JSON.parse(line);
      if (value && typeof value === 'object' && !Array.isArray(value)) objects.push(value);
    } catch {}
  }
  return objects;
}

// The first objects of the first array in a JSON document (an array of objects, or an object holding one).
function arrayObjects(text) {
  const objects = [];
  let depth = 0;
  let inString = false;
  let objectStart = -1;
  let arrayDepth = -1;
  for (let i = 0; i < text.length && objects.length < PREVIEW_ROWS; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (c === '[' && arrayDepth < 0) arrayDepth = depth + 1;
      else if (c === '{' && depth === arrayDepth) objectStart = i;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (c === '}' && depth === arrayDepth && objectStart >= 0) {
        try {
          objects.push(JSON.parse(text.slice(objectStart, i + 1)));
        } catch {}
        objectStart = -1;
      }
    }
  }
  return objects;
}

function delimiterChar(delimiter, text) {
  if (delimiter === 'tab') return '\t';
  if (delimiter && delimiter !== 'auto') return delimiter;
  const firstLine = text.split('\n', 1)[0];
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

function whitespaceRecords(text) {
  return text.split(/\r?\n/).filter((line) => line.trim()).slice(0, PREVIEW_ROWS + 2).map((line) => line.trim().split(/\s+/));
}

// RFC 4180 records (quoted fields, doubled quotes, quoted newlines), at most PREVIEW_ROWS + 2.
function csvRecords(text, delimiter) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length < PREVIEW_ROWS + 2; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) records.push([...record, field]);
  return records;
}
