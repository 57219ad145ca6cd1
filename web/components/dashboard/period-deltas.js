// The summary cards' changes against the previous period and the same period last year (issue 10):
// display only, every number is the core's report.comparison.
import { integer, money, plural } from './dom.js';
import { SMALL_SAMPLE } from './texts.js';

// The cards with a change, and how a difference in each is written.
const KPIS = {
  customers: { key: 'customers', count: (d) => integer.format(Math.abs(d)) },
  orders: { key: 'orders', count: (d) => integer.format(Math.abs(d)) },
  revenue: { key: 'revenue', count: (d) => money.format(Math.abs(d)) },
  aov: { key: 'averageOrderValue', count: (d) => money.format(Math.abs(d)) },
  repeatRate: { key: 'repeatRate', points: true },
};

const percentChange = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const pointsFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const sign = (value) => (value > 0 ? '+' : value < 0 ? '−' : '±');
const arrow = (value) => (value > 0 ? '▲' : value < 0 ? '▼' : '●');

// "previous 90 days", "same days last year": the period a change is against, in plain words.
function periodName(comparison, which) {
  if (which === 'samePeriodLastYear') return 'same days last year';
  return `previous ${plural(comparison.previousPeriod.days, 'day')}`;
}

// One line of a card: {text, tone, title}. tone: good, bad, or muted (no base, or too few customers).
export function deltaLine(comparison, which, card) {
  const { key, count, points } = KPIS[card];
  const period = comparison[which];
  const name = periodName(comparison, which);
  if (!period.available) {
    const missing = which === 'samePeriodLastYear' ? 'Last year is not in the file' : `The ${name} are not in the file`;
    return { text: missing, tone: 'muted', title: period.reason };
  }
  const now = comparison.current[key];
  const before = period[key];
  const change = points ? period.change.repeatRatePoints : period.change[key];
  if (change === null || now === null || before === null) {
    return { text: `No ${key === 'repeatRate' ? 'customers' : 'orders'} in the ${name} to compare with`, tone: 'muted', title: '' };
  }
  const few = period.customers < SMALL_SAMPLE;
  const size = points
    ? `${sign(change)}${pointsFormat.format(Math.abs(change) * 100)} pts`
    : `${sign(change)}${percentChange.format(Math.abs(change))} (${sign(now - before)}${count(now - before)})`;
  const tone = few ? 'muted' : Math.abs(change) < 0.005 ? '' : change > 0 ? 'good' : 'bad';
  return {
    text: `${arrow(change)} ${size} vs ${name}${few ? ' (few customers)' : ''}`,
    tone,
    title: `${period.from} to ${period.to}: ${plural(period.customers, 'customer')}, ${plural(period.orders, 'order')}`,
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

// What the changes compare, for the line under the heading.
export function comparisonNote(comparison) {
  if (!comparison) return '';
  const { current } = comparison;
  return comparison.basis === 'lastDays'
    ? `Changes: the last ${plural(current.days, 'day')} (to ${current.to}) against the ${plural(current.days, 'day')} before and the same days last year.`
    : `Changes: ${current.from} to ${current.to} against the ${plural(current.days, 'day')} before and the same days last year.`;
}
