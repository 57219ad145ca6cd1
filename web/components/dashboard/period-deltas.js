// The summary cards' changes against the previous period and the same period last year (issue 10):
// display only, every number is the core's report.comparison.
import { integer, money, plural } from './dom.js';
import { SMALL_SAMPLE } from './texts.js';

// The cards with a change, and how a difference in each is written.
const KPIS = {
  customers: { key: 'customers', count: (d) => integer.format(Math.abs(d)) },
  orders: { key: 'orders', count: (d) => integer.format(Math.abs(d)) },
  revenue: { key: 'revenue', money: true },
  aov: { key: 'averageOrderValue', money: true },
  repeatRate: { key: 'repeatRate', points: true },
};

const percentChange = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const pointsFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const sign = (value) => (value > 0 ? '+' : value < 0 ? '−' : '±');
const arrow = (value) => (value > 0 ? '▲' : value < 0 ? '▼' : '●');

// "previous", "last year": the period a change is against, named in full in the line above the cards.
const periodName = (which) => (which === 'samePeriodLastYear' ? 'last year' : 'previous');

// One line of a card: {text, tone, title}. tone: good, bad, or muted (no base, or too few customers).
export function deltaLine(comparison, which, card) {
  const { key, count, points, money: amount } = KPIS[card];
  const period = comparison[which];
  const name = periodName(which);
  if (!period.available) {
    const missing = which === 'samePeriodLastYear' ? 'Last year is not in the file' : `The previous ${plural(period.days, 'day')} are not in the file`;
    return { text: missing, tone: 'muted', title: period.reason };
  }
  const now = comparison.current[key];
  const before = period[key];
  const change = points ? period.change.repeatRatePoints : period.change[key];
  if (change === null || now === null || before === null) {
    return { text: `None ${which === 'samePeriodLastYear' ? 'last year' : 'before'} to compare with`, tone: 'muted', title: `${period.from} to ${period.to}: no orders` };
  }
  const few = period.customers < SMALL_SAMPLE;
  // Counts of customers and orders beside the percentage; amounts of money only in the title (they would wrap).
  const size = points
    ? `${sign(change)}${pointsFormat.format(Math.abs(change) * 100)} pts`
    : `${sign(change)}${percentChange.format(Math.abs(change))}${count ? ` (${sign(now - before)}${count(now - before)})` : ''}`;
  const was = amount ? `${money.format(before)} then, ${money.format(now)} now` : points ? `${percentChange.format(before)} then` : `${integer.format(before)} then`;
  const tone = few ? 'muted' : Math.abs(change) < 0.005 ? '' : change > 0 ? 'good' : 'bad';
  return {
    // The arrow, change and count never break apart (no number wraps).
    text: `${`${arrow(change)} ${size}`.replaceAll(' ', '\u00a0')} vs ${name}${few ? ' (few customers)' : ''}`,
    tone,
    title: `${period.from} to ${period.to}: ${was} (${plural(period.customers, 'customer')}, ${plural(period.orders, 'order')})`,
  };
}

// Writes both lines of every card that has a change; `set(node, text, tone)` is the summary's writer.
export function renderPeriodDeltas(root, comparison, set) {
  for (const card of Object.keys(KPIS)) {
    for (const [which, attribute] of [['previousPeriod', 'data-delta'], ['samePeriodLastYear', 'data-delta-year']]) {
      const node = root.querySelector(`[${attribute}="${card}"]`);
      if (!node) continue;
      if (!comparison) {
        set(node, '');
        continue;
      }
      const line = deltaLine(comparison, which, card);
      set(node, line.text, line.tone);
      node.title = line.title;
    }
  }
}

// What the changes compare: "changes: last 90 days" beside the heading, in full on hover.
export function comparisonNote(comparison, { full = false } = {}) {
  if (!comparison) return '';
  const days = plural(comparison.current.days, 'day');
  const span = comparison.basis === 'lastDays' ? `last ${days}` : `these ${days}`;
  if (!full) return `changes: ${span}`;
  return `Changes over the ${span}${comparison.basis === 'lastDays' ? ` (to ${comparison.current.to})` : ''} against the previous ${days} and the same days last year`;
}
