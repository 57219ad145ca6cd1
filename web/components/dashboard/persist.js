// Settings, segment rules and the column mapping remembered per file layout (its header) in this
// browser's localStorage: never the data, only what the user chose. A page that blocks storage
// (privacy mode, sandboxed frames) simply remembers nothing.
const PREFIX = 'retention-kit:layout:';

// The layout key: the header's column names (a Shopify export is remembered for every Shopify export).
export const layoutKey = (header) => (header?.length ? PREFIX + header.map((name) => String(name).trim().toLowerCase()).join('\u001f') : null);

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function recall(key) {
  if (!key) return null;
  try {
    const value = JSON.parse(storage()?.getItem(key) ?? 'null');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

// Keeps only what the user set: the column mapping, asOf, the date range, the bands, the lights and the rules.
export function remember(key, overrides) {
  if (!key) return;
  const { columns, asOf, from, to, rfThresholds, churnRisk, segments } = overrides;
  const kept = Object.fromEntries(Object.entries({ columns, asOf, from, to, rfThresholds, churnRisk, segments }).filter(([, v]) => v !== undefined));
  try {
    if (Object.keys(kept).length) storage()?.setItem(key, JSON.stringify(kept));
    else storage()?.removeItem(key);
  } catch {} // quota or blocked storage: nothing is remembered
}

// Forgets every layout this dashboard remembered.
export function forgetAll() {
  const store = storage();
  if (!store) return;
  try {
    for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
  } catch {}
}
