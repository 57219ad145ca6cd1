// Several files dropped or chosen at once are analysed as one (issue 14): their names for the status
// line, and what the engine said about orders met in more than one of them.
import { integer, plural } from './dom.js';

// The first file of an input (one Blob, or several): its header keys the remembered settings.
export const firstFile = (input) => (Array.isArray(input) ? input[0] : input);

// "a.csv", "a.csv and b.csv", "a.csv, b.csv and c.csv".
export function filesName(blobs) {
  const names = blobs.map((blob, i) => blob.name || `file ${i + 1}`);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

// " Read as one: 12 orders were in more than one file and are counted once (30 rows)." or ''.
export function filesNote(report) {
  const q = report.dataQuality;
  if (!(q.files > 1)) return '';
  const duplicates = q.duplicateOrders
    ? `${plural(q.duplicateOrders, 'order')} ${q.duplicateOrders === 1 ? 'was' : 'were'} in more than one file and ${q.duplicateOrders === 1 ? 'is' : 'are'} counted once (${plural(q.duplicateRows, 'row')} skipped)`
    : 'no order was in more than one file';
  return ` ${integer.format(q.files)} files read as one: ${duplicates}.`;
}
