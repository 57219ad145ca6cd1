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
// Money in the file's currency, in the browser's locale: an ISO 4217 code from the report's data quality
// with Intl's own symbol; a symbol several currencies share ("$", "¥", "kr": the core keeps it as written
// rather than guess which dollar) placed where the locale puts a currency sign; without a single currency,
// plain amounts. setCurrency() switches it for the next render.
const plainMoney = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
let moneyFormat = plainMoney;
let currencyCode = null;
function symbolFormat(symbol) {
  // XXX is ISO's "no currency": the locale's layout with a placeholder sign, replaced by the file's symbol.
  const layout = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'XXX', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return { format: (value) => layout.formatToParts(value).map((part) => (part.type === 'currency' ? symbol : part.value)).join('') };
}
export function setCurrency(code) {
  code = typeof code === 'string' ? code.trim() : null;
  const iso = code && /^[A-Za-z]{3}$/.test(code) ? code.toUpperCase() : null; // Stripe writes "usd"
  currencyCode = null;
  moneyFormat = plainMoney;
  try {
    if (iso) moneyFormat = new Intl.NumberFormat(undefined, { style: 'currency', currency: iso });
    else if (code && code.length <= 4 && !/[\d\s]/.test(code)) moneyFormat = symbolFormat(code);
    else return;
    currencyCode = iso ?? code;
  } catch {
    moneyFormat = plainMoney; // a code Intl does not know: plain amounts
  }
}
export const currency = () => currencyCode;
export const money = { format: (value) => moneyFormat.format(value) };
export const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

// Ratios are null when their base is 0 (report convention).
export const percent = (ratio) => (ratio === null || ratio === undefined ? '–' : percentFormat.format(ratio));
// A rate with the count it rests on, always visible (issue 10 point 6): "34% (112 of 330)".
export const rateOf = (part, whole) => (whole > 0 ? `${percentFormat.format(part / whole)} (${integer.format(part)} of ${integer.format(whole)})` : '–');
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
// Reading the computed style after the DOM changed costs a style and layout update: the colours of a host
// are read together, once per task (a theme that changes is seen by the next drawing task).
const THEME_COLORS = ['--rk-accent', '--rk-muted', '--rk-grid', '--rk-faded', '--rk-warn', '--rk-bad', '--rk-surface'];
const themes = new Map(); // host -> Map(name -> value), for the current task
export function themeColor(host, name, fallback) {
  let theme = themes.get(host);
  if (!theme) {
    if (!themes.size) setTimeout(() => themes.clear(), 0);
    const style = getComputedStyle(host);
    theme = new Map(THEME_COLORS.map((key) => [key, style.getPropertyValue(key).trim()]));
    themes.set(host, theme);
  }
  if (!theme.has(name)) theme.set(name, getComputedStyle(host).getPropertyValue(name).trim());
  return theme.get(name) || fallback;
}
