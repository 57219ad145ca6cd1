// The engine's errors told to a merchant: what is wrong, where, and what to do next. The core's own
// sentence stays (it names the column or line); this adds the headline and the next step for the page,
// in place of the developer hints (option names, CLI flags) that the core writes for programmers.
const NEXT_STEP = {
  missing_column: 'Open “Change” next to the columns, pick the column that holds it, and re-analyse. If this is not an order export, export your orders instead.',
  empty_input: 'The file is empty. Export your orders again and choose the new file.',
  no_data_rows: 'The file has a header but no orders. Export a period that has orders.',
  no_orders: 'No row had a positive amount, so there is no order to analyse. Check that the amount column is the order total.',
  unterminated_quote: 'A quoted field never ends. Open the file in a spreadsheet, save it as CSV again, and retry.',
  invalid_json: 'The JSON is not valid. Export the orders as CSV instead, or fix the file at the line named.',
  not_text: 'This is not a text file (it may be a spreadsheet). Save it as CSV (UTF-8) and retry.',
  rejected_row: 'Fix the row named, or switch off strict mode to skip such rows.',
  invalid_options: 'Check the settings marked below and re-analyse.',
  out_of_memory: 'Export a shorter date range (or split the file by date) and choose the parts together.',
};

// "1074790401 bytes" as a merchant reads a file size: "1.07 GB".
const readableSize = (text) => text.replace(/\b(\d{4,}) bytes\b/g, (_, digits) => {
  const bytes = Number(digits);
  const [unit, scale] = bytes >= 1e9 ? ['GB', 1e9] : bytes >= 1e6 ? ['MB', 1e6] : ['kB', 1e3];
  return `${(bytes / scale).toLocaleString(undefined, { maximumFractionDigits: bytes >= 1e9 ? 2 : 1 })} ${unit}`;
});

// Strips the programmer's hint ("; name it with the columns.date (CLI --date) option") from a core message.
const plain = (message) => String(message ?? '').replace(/;\s*name it with the .*? option\.?$/, '').replace(/^invalid options: /, '');

// {title, detail, next} for an error thrown by the engine (or a plain Error).
export function explain(error) {
  const code = error?.code;
  // A missing column is about the header: its line number tells a merchant nothing.
  const detail = readableSize(plain(error?.message ?? error)).replace(code === 'missing_column' ? /^line \d+:\s*/i : /^$/, '');
  const line = error?.line > 0 && code !== 'missing_column' && !/\bline \d+/i.test(detail) ? ` (line ${error.line})` : '';
  // A message that names the right export already says what to do (SPEC: wrong exports are recognised).
  const selfExplaining = /export \(|drop that file here/i.test(detail);
  const title = code === 'missing_column'
    ? selfExplaining ? 'This file has no orders.' : 'A column the analysis needs was not found.'
    : 'This file could not be analysed.';
  return { title, detail: `${detail.charAt(0).toUpperCase()}${detail.slice(1)}${line}${/[.!?]$/.test(detail) ? '' : '.'}`, next: selfExplaining ? '' : NEXT_STEP[code] ?? '' };
}
