// Small DOM and formatting helpers of the dashboard (display only: every number comes from the report).

// h('td', {class: 'x', text: '3', dataset: {recency: 'active'}, onclick}, child, ...): an element.
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

export const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
// Money in the file's currency (ISO 4217 code from the report's data quality), in the browser's locale;
// without a known single currency, plain amounts. setCurrency() switches it for the next render.
let moneyFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
let currencyCode = null;
export function setCurrency(code) {
  code = typeof code === 'string' ? code.trim().toUpperCase() : code; // Stripe writes "usd"
  const valid = typeof code === 'string' && /^[A-Z]{3}$/.test(code);
  try {
    moneyFormat = valid
      ? new Intl.NumberFormat(undefined, { style: 'currency', currency: code })
      : new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    currencyCode = valid ? code : null;
  } catch {
    currencyCode = null; // a code Intl does not know: plain amounts
  }
}
export const currency = () => currencyCode;
export const money = { format: (value) => moneyFormat.format(value) };
export const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

// Ratios are null when their base is 0 (report convention).
export const percent = (ratio) => (ratio === null || ratio === undefined ? '–' : percentFormat.format(ratio));
export const plural = (n, one, many = `${one}s`) => `${integer.format(n)} ${n === 1 ? one : many}`;
export const days = (n) => (n === null || n === undefined ? '–' : plural(Math.round(n * 10) / 10, 'day'));
export const isoDate = (daysSinceEpoch) => new Date(daysSinceEpoch * 86_400_000).toISOString().slice(0, 10);

export const RECENCY = { active: 'Active', churning: 'Churning', lapsed: 'Lapsed' };
export const FREQUENCY = { single: 'Single', multi: 'Multi', highValue: 'High value' };
// "active/single" -> "Active · single"
export const cellLabel = (cell) => {
  const [r, f] = cell.split('/');
  return f ? `${RECENCY[r] ?? r} · ${(FREQUENCY[f] ?? f).toLowerCase()}` : cell === 'new' ? 'New customers' : cell;
};

// The theme's colours, read from the custom properties at drawing time (canvas charts cannot use var()).
export function themeColor(host, name, fallback) {
  return getComputedStyle(host).getPropertyValue(name).trim() || fallback;
}
