// Each panel of the dashboard drawn from the report (display only: the numbers are the engine's).
import { barChart, destroyChart, histogram, lineChart } from './charts.js';
import { FREQUENCY, RECENCY, cellLabel, days, decimal, h, integer, money, percent, plural } from './dom.js';
import { comparisonNote, renderPeriodDeltas } from './period-deltas.js';
import { RF_CELL_TEXTS, SEGMENT_TEXTS, SMALL_SAMPLE, segmentTexts } from './texts.js';

const MAX_COHORTS = 36; // months shown in the cohort triangle (the latest ones)
const MAX_ATTRIBUTE_VALUES = 15;

// A data table: headers are strings; a cell is a string, a node, or {text, class, heat, scope}.
function table(headers, rows, { caption, rowHeaders = true } = {}) {
  const cell = (value, j) => {
    const spec = value !== null && typeof value === 'object' && !(value instanceof Node) ? value : { text: value };
    const header = rowHeaders && j === 0;
    const node = h(header ? 'th' : 'td', { class: spec.class, scope: header ? 'row' : undefined });
    if (spec.node) node.append(spec.node);
    else node.textContent = spec.text ?? '';
    if (spec.heat !== undefined) heat(node, spec.heat);
    return node;
  };
  return h(
    'table',
    { class: 'data' },
    caption ? h('caption', { class: 'visually-hidden', text: caption }) : null,
    // A column of numbers has its header on the right too.
    h('thead', {}, h('tr', {}, headers.map((text, j) => h('th', { scope: 'col', text, class: /\bnum\b/.test(rows[0]?.[j]?.class) ? 'num' : undefined })))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map(cell)))),
  );
}

// Heatmap colour: --heat 0..1 mixes the theme's heat colour into the surface; dark cells get light text.
function heat(node, value) {
  const v = Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
  node.classList.add('heat');
  node.style.setProperty('--heat', v.toFixed(3));
  node.classList.toggle('is-dark', v > 0.55);
}

const body = (root, name) => root.querySelector(`[data-body="${name}"]`);
const note = (root, name) => root.querySelector(`[data-note="${name}"]`);
const chart = (root, name) => root.querySelector(`[data-chart="${name}"]`);
const field = (root, name) => root.querySelector(`[data-field="${name}"]`);
const orNone = (value, format) => (value === null || value === undefined ? '–' : format(value));

// ---- summary ------------------------------------------------------------------------------------------

// The last complete month (the month of asOf is still running).
function lastCompleteMonth(monthly, asOf) {
  const running = asOf?.slice(0, 7);
  return [...monthly].reverse().find((p) => p.period !== running && p.retentionRate !== null);
}

const delta = (node, text, tone) => {
  node.textContent = text || '\u00a0';
  node.dataset.tone = tone ?? '';
};

// "+12%" against a named earlier value; tone good/bad for the direction (never colour alone: the sign says it).
function change(now, before) {
  if (!(before > 0)) return { text: now > 0 ? 'new' : '–', tone: '' };
  const ratio = (now - before) / before;
  return { text: `${ratio >= 0 ? '+' : '−'}${percent(Math.abs(ratio))}`, tone: ratio > 0.005 ? 'good' : ratio < -0.005 ? 'bad' : '' };
}

export function renderSummary(root, report) {
  const { summary: s, retention } = report;
  field(root, 'customers').textContent = integer.format(s.customers);
  field(root, 'orders').textContent = integer.format(s.orders);
  field(root, 'revenue').textContent = money.format(s.revenue);
  field(root, 'aov').textContent = s.orders > 0 ? money.format(s.revenue / s.orders) : '–';
  field(root, 'repeatRate').textContent = percent(retention.repeatPurchaseRate);
  const first = retention.repeatRateByOrderNumber[0];
  const d = (name) => root.querySelector(`[data-delta="${name}"]`);
  const count = (name) => root.querySelector(`[data-count="${name}"]`);
  // Every rate shows the count it rests on (issue 10 point 6), not only on hover.
  const small = (n) => (n < SMALL_SAMPLE ? ', few' : '');
  // "758 of 1,500" never breaks apart (no number wraps); the word after it may.
  const countOf = (part, whole) => `${integer.format(part)}\u00a0of\u00a0${plural(whole, 'customer')}`;
  delta(count('repeatRate'), first ? `${countOf(first.repeated, first.customers)}${small(first.customers)}` : '', first && first.customers < SMALL_SAMPLE ? 'muted' : '');
  const month = lastCompleteMonth(retention.monthly, s.asOf);
  root.querySelector('[data-label="retention"]').textContent = month ? `Came back, ${month.period}` : 'Came back next month';
  field(root, 'retention').textContent = month ? percent(month.retentionRate) : '–';
  const previous = month ? retention.monthly[retention.monthly.indexOf(month) - 1] : null;
  delta(count('retention'), month ? `${countOf(month.retained, month.start)}${small(month.start)}` : '', month && month.start < SMALL_SAMPLE ? 'muted' : '');
  delta(d('retention'), previous?.retentionRate != null ? `was ${percent(previous.retentionRate)} in ${previous.period}` : '');
  // Period over period (issue 10): the core's comparison against the previous period and last year.
  // A customer summary has no order dates to compare periods with (issue 14): no change is shown.
  const noPeriods = report.input?.unavailableSections?.some((u) => u.section === 'comparison');
  const comparison = noPeriods ? null : report.comparison;
  renderPeriodDeltas(root, comparison, delta);
  const parts = [
    s.asOf ? `As of ${s.asOf}` : null,
    s.firstOrder ? `orders from ${s.firstOrder} to ${s.lastOrder}` : null,
    `${plural(s.rowsRead, 'row')} read, ${integer.format(s.rowsRejected)} rejected`,
  ];
  root.querySelector('[data-testid="summary-note"]').textContent = `${parts.filter(Boolean).join(' · ')}.`;
  // The rows read and rejected are in the status line and the data quality; here, what the changes compare.
  const period = root.querySelector('[data-testid="summary-period"]');
  period.textContent = [s.asOf ? `As of ${s.asOf}` : '', comparisonNote(comparison)].filter(Boolean).join(' · ');
  period.title = comparisonNote(comparison, { full: true });
  // Too little history for rates and curves: say so instead of drawing empty or broken charts.
  const spanDays = s.firstOrder ? (Date.parse(s.lastOrder) - Date.parse(s.firstOrder)) / 86_400_000 : 0;
  const history = root.querySelector('[data-testid="history-note"]');
  history.hidden = spanDays >= 60 && s.customers >= SMALL_SAMPLE;
  history.textContent = spanDays < 60
    ? `Not enough history yet: the orders span ${days(spanDays)}. Retention, gaps between orders and cohorts need a few months of orders to mean something.`
    : `Only ${plural(s.customers, 'customer')}: treat every rate below as a first impression.`;
}

// ---- RF matrix ----------------------------------------------------------------------------------------

export function buildRfMatrix(root, onSelect) {
  const headRow = root.querySelector('[data-testid="rf-matrix"] thead tr');
  for (const [key, label] of Object.entries(FREQUENCY)) {
    headRow.append(h('th', { scope: 'col', dataset: { frequency: key } }, h('span', { class: 'rf-name', text: label }), h('span', { class: 'rf-rule', dataset: { rule: key } })));
  }
  const tbody = root.querySelector('[data-testid="rf-matrix"] tbody');
  for (const [recency, label] of Object.entries(RECENCY)) {
    const row = h('tr', {}, h('th', { scope: 'row', dataset: { recency } }, h('span', { class: 'rf-name', text: label }), h('span', { class: 'rf-rule', dataset: { rule: recency } })));
    for (const frequency of Object.keys(FREQUENCY)) {
      const name = `${recency}/${frequency}`;
      const button = h('button', { type: 'button', class: 'rf-button', disabled: true, onclick: () => onSelect(name) },
        h('span', { class: 'rf-customers', dataset: { testid: 'rf-customers' }, text: '–' }),
        h('span', { class: 'visually-hidden', text: ` customers, ${cellLabel(name)}` }),
        h('span', { class: 'rf-revenue' }), h('span', { class: 'rf-share' }), h('span', { class: 'rf-few' }));
      row.append(h('td', { class: 'rf-cell', dataset: { testid: 'rf-cell', recency, frequency } }, button));
    }
    tbody.append(row);
  }
  renderThresholds(root, { activeBelowDays: 90, lapsedAboveDays: 365, multiOrders: 2, highValueOrders: 3 });
}

function renderThresholds(root, t) {
  const { activeBelowDays: active, lapsedAboveDays: lapsed, multiOrders: multi, highValueOrders: high } = t;
  const rules = {
    active: `< ${days(active)}`,
    churning: `${integer.format(active)}–${days(lapsed)}`,
    lapsed: `> ${days(lapsed)}`,
    single: multi > 2 ? `1–${plural(multi - 1, 'order')}` : '1 order',
    multi: high - 1 > multi ? `${integer.format(multi)}–${plural(high - 1, 'order')}` : plural(multi, 'order'),
    highValue: `${integer.format(high)}+ orders`,
  };
  for (const node of root.querySelectorAll('[data-rule]')) node.textContent = rules[node.dataset.rule] ?? '';
}

export function renderRf(root, rf) {
  const maxShare = Math.max(...rf.share.flat(), 0);
  const total = rf.customers.flat().reduce((sum, n) => sum + n, 0); // the base every share is of
  rf.recency.forEach((recency, i) =>
    rf.frequency.forEach((frequency, j) => {
      const cell = root.querySelector(`[data-testid="rf-cell"][data-recency="${recency}"][data-frequency="${frequency}"]`);
      if (!cell) return;
      const count = rf.customers[i][j];
      cell.dataset.customers = String(count);
      const few = count > 0 && count < SMALL_SAMPLE;
      cell.classList.toggle('is-small', few);
      // A handful of customers is muted: no strong colour for a weak signal.
      heat(cell, few ? 0 : maxShare > 0 ? rf.share[i][j] / maxShare : 0);
      const button = cell.firstChild;
      button.disabled = count === 0;
      button.querySelector('.rf-customers').textContent = integer.format(count);
      button.querySelector('.rf-revenue').textContent = money.format(rf.revenue[i][j]);
      button.querySelector('.rf-share').replaceChildren(percent(rf.share[i][j]), h('span', { class: 'rf-share-label', text: ` of ${integer.format(total)}` }));
      button.querySelector('.rf-few').textContent = few ? 'few customers' : '';
    }),
  );
  renderThresholds(root, rf.thresholds);
}

function clearRf(root) {
  for (const cell of root.querySelectorAll('[data-testid="rf-cell"]')) {
    delete cell.dataset.customers;
    heat(cell, 0);
    cell.firstChild.disabled = true;
    cell.querySelector('.rf-customers').textContent = '–';
    cell.querySelector('.rf-revenue').textContent = '';
    cell.querySelector('.rf-share').textContent = '';
    cell.querySelector('.rf-few').textContent = '';
    cell.classList.remove('is-small');
  }
}

// Who the customers of an RF cell are and the next step (texts.js), shown under the matrix.
export function renderAdvice(root, name, count) {
  const texts = RF_CELL_TEXTS[name];
  const box = root.querySelector('[data-testid="rf-advice"]');
  if (!texts) {
    box.replaceChildren(h('p', { class: 'note', text: 'Select a cell to read who these customers are and the recommended next step.' }));
    return;
  }
  box.replaceChildren(
    h('p', { class: 'advice-title' }, h('strong', { text: `${cellLabel(name)}: ${plural(count, 'customer')}` }), count > 0 && count < SMALL_SAMPLE ? h('span', { class: 'few', text: ' few customers' }) : null),
    h('p', { class: 'who', text: texts.who }),
    h('p', { class: 'action' }, h('strong', { text: 'Next step: ' }), texts.action),
  );
}

// ---- segments and churn -------------------------------------------------------------------------------

const ruleText = (rules) => (rules
  ? ['r', 'f', 'm'].map((k) => `${k.toUpperCase()} ${rules[k][0]}–${rules[k][1]}`).join(' · ') + (rules.outsideActiveBand ? ' · not if active' : '')
  : 'no rule matched');

// Before the first report the default segments are drawn with their texts and no numbers, so the
// panel has its final height and nothing below it jumps when the results arrive.
export function renderSegmentPlaceholder(root) {
  const segments = Object.keys(SEGMENT_TEXTS).map((name) => ({ name, customers: 0, share: null, revenue: null, rules: null }));
  renderSegments(root, { rfm: { segments } }, () => {});
}

export function renderSegments(root, report, onSelect) {
  const segments = report.rfm.segments;
  const max = Math.max(...segments.map((s) => s.customers), 1);
  body(root, 'segments').replaceChildren(
    table(
      ['Segment, who they are, next step', 'Customers', 'Revenue'],
      segments.map((s) => {
        const bar = h('span', { class: 'bar' });
        bar.style.setProperty('--value', (s.customers / max).toFixed(3));
        const few = s.customers > 0 && s.customers < SMALL_SAMPLE;
        const texts = segmentTexts(s);
        return [
          { class: `segment-cell${few ? ' is-small' : ''}`, node: h('span', { class: 'segment-text' },
            h('button', { type: 'button', class: 'link', dataset: { testid: 'segment', segment: s.name }, disabled: s.customers === 0, text: s.name, title: ruleText(s.rules), onclick: () => onSelect(s.name) }),
            texts.who ? h('span', { class: 'who', dataset: { testid: 'segment-who' }, text: texts.who }) : null,
            texts.action ? h('span', { class: 'action', dataset: { testid: 'segment-action' } }, h('strong', { text: 'Next step: ' }), texts.action) : null) },
          { class: few ? 'is-small' : '', node: h('span', { class: 'bar-cell' }, bar, h('span', { class: 'nowrap', text: s.share === null ? '–' : `${integer.format(s.customers)} (${percent(s.share)})` }), few ? h('span', { class: 'few', text: 'few' }) : null) },
          { text: s.revenue === null ? '–' : money.format(s.revenue), class: 'num' },
        ];
      }),
      { caption: 'RFM segments, what they mean and what to do' },
    ),
  );
}

export function renderChurn(root, churn) {
  const total = churn.green + churn.amber + churn.red;
  for (const light of ['green', 'amber', 'red']) {
    root.querySelector(`[data-light="${light}"]`).textContent = integer.format(churn[light]);
    root.querySelector(`[data-light-share="${light}"]`).textContent = total ? `${percent(churn[light] / total)} of ${integer.format(total)}` : '';
  }
  const { green, amber } = churn.multipliers;
  const clamped = churn.clampedByPAlive ? ` ${integer.format(churn.clampedByPAlive)} shown amber: their gap and their chance of buying again disagreed.` : '';
  note(root, 'churn').textContent =
    churn.basis === 'pAlive'
      ? `The chance the customer still buys from you: green from ${percent(churn.pAlive.green)}, amber from ${percent(churn.pAlive.amber)}, red below.`
      : `Days since the last order against the customer's usual gap (one-time buyers: ${days(churn.singleOrderExpectedGapDays)}, ` +
        `within which 9 in 10 second orders came): green up to ${decimal.format(green)}×, amber up to ${decimal.format(amber)}×, red beyond.` +
        clamped;
}

// ---- charts -------------------------------------------------------------------------------------------

// "2024-03", "2024-Q1", "2024" -> seconds since 1970 at the period's first day (UTC).
function periodStart(period) {
  const [year, part] = period.split('-');
  const month = !part ? 0 : part.startsWith('Q') ? (Number(part.slice(1)) - 1) * 3 : Number(part) - 1;
  return Date.UTC(Number(year), month, 1) / 1000;
}

// The period that holds asOf is still running: "2024-03", "2024-Q1" or "2024" of asOf.
function runningPeriod(period, asOf) {
  if (!asOf) return null;
  const [y, m] = asOf.split('-');
  return period === 'monthly' ? `${y}-${m}` : period === 'quarterly' ? `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}` : y;
}

// The numbers behind a chart, as a table in the chart's disclosure (for screen readers and the curious).
function chartTable(root, name, headers, rows, caption) {
  root.querySelector(`[data-chart-table="${name}"]`).replaceChildren(table(headers, rows, { caption }));
}

export function renderRetention(root, host, report, period) {
  const series = report.retention[period];
  const running = runningPeriod(period, report.summary.asOf);
  const rate = (p) => (p.retentionRate === null ? null : p.retentionRate * 100);
  const isPartial = (p) => p.period === running;
  lineChart(chart(root, 'retention'), host, {
    x: series.map((p) => periodStart(p.period)),
    time: true,
    series: [
      { label: 'Retention rate', values: series.map((p) => (isPartial(p) ? null : rate(p))) },
      { label: 'Period still running', values: series.map((p) => (isPartial(p) ? rate(p) : null)), partial: true },
    ],
    yLabel: 'Came back',
    percentAxis: true,
    describe: (i) => {
      const p = series[i];
      return `${p.period}: ${percent(p.retentionRate)} came back (${integer.format(p.retained)} of ${integer.format(p.start)})${isPartial(p) ? ', period still running' : ''}${p.start < SMALL_SAMPLE ? ', few customers' : ''}.`;
    },
  });
  const partial = series.find(isPartial);
  note(root, 'retention').textContent = `Of the customers who bought in a period, the share who bought again in the next one.${partial ? ` ${partial.period} is still running (to ${report.summary.asOf}): its point is hollow, not a drop.` : ''}`;
  chartTable(root, 'retention', ['Period', 'Customers at start', 'Came back', 'Rate'],
    series.map((p) => [p.period + (isPartial(p) ? ' (running)' : ''), { text: integer.format(p.start), class: 'num' }, { text: integer.format(p.retained), class: 'num' },
      { text: percent(p.retentionRate), class: `num${p.start < SMALL_SAMPLE ? ' is-small' : ''}` }]), 'Retention by period');
}

export function renderRepeat(root, host, report) {
  const rows = report.retention.repeatRateByOrderNumber;
  barChart(chart(root, 'repeat'), host, {
    labels: rows.map((r) => String(r.orders)),
    values: rows.map((r) => (r.rate === null ? null : r.rate * 100)),
    weak: rows.map((r) => r.customers < SMALL_SAMPLE),
    xLabel: 'After order number',
    yLabel: 'Bought again',
    percentAxis: true,
    describe: (i) => `After order ${rows[i].orders}: ${percent(rows[i].rate)} bought again (${integer.format(rows[i].repeated)} of ${plural(rows[i].customers, 'customer')})${rows[i].customers < SMALL_SAMPLE ? ', few customers' : ''}.`,
  });
  const weakFrom = rows.find((r) => r.customers > 0 && r.customers < SMALL_SAMPLE);
  note(root, 'repeat').textContent = `Of the customers with n orders, the share who placed order n + 1.${weakFrom ? ` Faded bars rest on fewer than ${SMALL_SAMPLE} customers (from order ${weakFrom.orders}).` : ''}`;
  chartTable(root, 'repeat', ['Orders', 'Customers', 'Bought again', 'Rate'],
    rows.map((r) => [String(r.orders), { text: integer.format(r.customers), class: 'num' }, { text: integer.format(r.repeated), class: 'num' },
      { text: percent(r.rate), class: `num${r.customers < SMALL_SAMPLE ? ' is-small' : ''}` }]), 'Repeat rate by order number');
}

export function renderGaps(root, host, report) {
  const { gaps, dormancyThresholdDays: dormant } = report.retention;
  const { binDays, counts } = gaps.histogram;
  note(root, 'gaps').textContent = gaps.count
    ? `${plural(gaps.count, 'repeat order')}: half came within ${days(gaps.median)}, 3 in 4 within ${days(gaps.p75)}. ` +
      `After ${days(dormant)} without an order (9 in 10 come back sooner) a customer is probably gone.`
    : 'Not enough history yet: no customer has ordered twice.';
  const enough = gaps.count > 0 && dormant > 0;
  histogram(chart(root, 'gaps'), host, {
    starts: counts.map((_, i) => i * binDays),
    binWidth: binDays,
    counts,
    xLabel: 'Days between orders',
    yLabel: 'Orders',
    lines: enough ? [{ x: Math.min(dormant, counts.length * binDays), label: `probably gone after ${Math.round(dormant)} days`, color: '--rk-bad' }] : [],
    describe: (i) => `${integer.format(i * binDays)}–${days((i + 1) * binDays)}: ${plural(counts[i], 'repeat order')}.`,
  });
  chartTable(root, 'gaps', ['Days between orders', 'Repeat orders'],
    counts.map((n, i) => [`${integer.format(i * binDays)}–${integer.format((i + 1) * binDays)}`, { text: integer.format(n), class: 'num' }]), 'Days between orders');
}

export function renderPareto(root, host, report) {
  const { lorenz, top20RevenueShare, topCustomers } = report.pareto;
  note(root, 'pareto').textContent =
    top20RevenueShare === null
      ? 'No revenue yet.'
      : `Your top 20% of customers (${integer.format(topCustomers)} of ${integer.format(report.pareto.customers)}) bring ${percent(top20RevenueShare)} of revenue. ` +
        'The further the curve sags below the diagonal, the more revenue depends on a few customers.';
  lineChart(chart(root, 'pareto'), host, {
    x: lorenz.map((_, i) => i),
    series: [
      { label: 'Share of revenue', values: lorenz.map((v) => (v === null ? null : v * 100)) },
      { label: 'Equal spending', values: lorenz.map((_, i) => i), dashed: true },
    ],
    xLabel: 'Customers, least spending first (%)',
    yLabel: 'Revenue',
    percentAxis: true,
    yRange: [0, 100],
    describe: (i) => `The ${i}% of customers who spent least hold ${percent(lorenz[i])} of revenue.`,
  });
  chartTable(root, 'pareto', ['Customers who spent least', 'Their share of revenue'],
    lorenz.filter((_, i) => i % 10 === 0).map((v, k) => [`${k * 10}%`, { text: percent(v), class: 'num' }]), 'Revenue concentration');
}

// ---- tables -------------------------------------------------------------------------------------------


export function renderPerformance(root, report, metric) {
  const { monthToDate: mtd, yearToDate: ytd } = report.performance;
  const previous = `previous${metric[0].toUpperCase()}${metric.slice(1)}`;
  const format = metric === 'revenue' ? (v) => money.format(v) : (v) => integer.format(v);
  const rf = report.rfMatrix;
  const rows = [];
  const totals = [0, 0, 0, 0];
  rf.recency.forEach((r, i) =>
    rf.frequency.forEach((f, j) => {
      const values = [mtd[metric][i][j], mtd[previous][i][j], ytd[metric][i][j], ytd[previous][i][j]];
      values.forEach((v, k) => (totals[k] += v));
      rows.push([cellLabel(`${r}/${f}`), ...cellsOf(values)]);
    }),
  );
  function cellsOf([m, mp, y, yp]) {
    return [{ text: format(m), class: 'num' }, { text: format(mp), class: 'num' }, { text: change(m, mp).text, class: 'num' },
      { text: format(y), class: 'num' }, { text: format(yp), class: 'num' }, { text: change(y, yp).text, class: 'num' }];
  }
  rows.push([{ text: 'All customers', class: 'total' }, ...cellsOf(totals)]);
  note(root, 'performance').textContent =
    `Month to date ${mtd.from} – ${mtd.to} against ${mtd.previousFrom} – ${mtd.previousTo}; year to date from ${ytd.from}. Customers are grouped by recency and orders at the end of each span.`;
  body(root, 'performance').replaceChildren(
    table(['Customer group', 'Month to date', 'A year before', 'Change', 'Year to date', 'A year before', 'Change'], rows, { caption: `Period performance: ${metric}` }),
  );
}

export function renderCohorts(root, report, metric) {
  const c = report.cohorts;
  const first = Math.max(0, c.months.length - MAX_COHORTS);
  const months = c.months.slice(first);
  const width = months.length;
  const values = c[metric].slice(first);
  const max = Math.max(0, ...values.flatMap((row) => row.slice(1)).filter((v) => v !== null));
  // A share shows the customers it counts: "34% (12)" of the cohort's size in the second column.
  const format = metric === 'customerShare'
    ? (v, i, k) => (v === null ? '–' : `${percent(v)} (${integer.format(c.customers[first + i][k])})`)
    : metric === 'revenuePerCustomer' ? (v) => orNone(v, money.format) : (v) => integer.format(v);
  const rows = months.map((month, i) => [
    month,
    { text: integer.format(c.size[first + i]), class: 'num' },
    ...Array.from({ length: width }, (_, k) => {
      if (k >= values[i].length) return { text: '', class: 'empty' };
      const v = values[i][k];
      // A cohort of a handful of customers gives 0% or 100% by chance: muted, never a dark cell.
      if (c.size[first + i] < SMALL_SAMPLE && k > 0) return { text: format(v, i, k), class: 'num is-small' };
      return { text: format(v, i, k), class: 'num', heat: k === 0 || v === null || max === 0 ? 0 : v / max };
    }),
  ]);
  const omitted = [first ? `Only the latest ${MAX_COHORTS} cohorts are shown.` : '', c.customersOmitted ? `${plural(c.customersOmitted, 'customer')} from earlier months are left out.` : '']
    .filter(Boolean).join(' ');
  note(root, 'cohorts').textContent =
    `Customers by the month of their first order (rows) and the months after it (columns: 0 = the first month). Rows of fewer than ${SMALL_SAMPLE} customers are faded. ${omitted}`.trim();
  body(root, 'cohorts').replaceChildren(
    table(['First order', 'Customers', ...Array.from({ length: width }, (_, k) => `+${k}`)], rows, { caption: 'Cohort triangle' }),
  );
}

export function renderMigration(root, report) {
  const m = report.migration;
  const max = Math.max(0, ...m.customers.flat());
  const rows = m.fromCells.map((from, i) => [
    from === 'new' ? `New since ${m.from}` : cellLabel(from),
    ...m.customers[i].map((v) => ({ text: integer.format(v), class: 'num', heat: max ? v / max : 0 })),
  ]);
  note(root, 'migration').textContent = `Customer group on ${m.from} (rows) against ${m.to} (columns); "new" customers had not ordered by ${m.from}.`;
  body(root, 'migration').replaceChildren(table([`${m.from} ↓ / ${m.to} →`, ...m.toCells.map(cellLabel)], rows, { caption: 'Segment migration' }));
}

export function fillProductGroups(root, report) {
  const select = root.querySelector('[data-testid="products-group"]');
  const top = report.topProducts;
  select.disabled = !top;
  select.replaceChildren(
    ...(top
      ? [
          h('optgroup', { label: 'Recency and orders' }, top.byRfCell.map((g) => h('option', { value: `cell:${g.cell}`, text: cellLabel(g.cell) }))),
          h('optgroup', { label: 'Segments' }, top.bySegment.map((g) => h('option', { value: `segment:${g.segment}`, text: g.segment }))),
        ]
      : []),
  );
  // Open on the best customers' favourites.
  if (top) select.value = 'segment:Champions';
  if (top && !select.value) select.selectedIndex = 0;
}

export function renderProducts(root, report, group) {
  const top = report.topProducts;
  if (!top) {
    note(root, 'products').textContent = 'This file has no product column (map one under Columns to see the best sellers per segment).';
    body(root, 'products').replaceChildren();
    return;
  }
  const [kind, name] = [group.slice(0, group.indexOf(':')), group.slice(group.indexOf(':') + 1)];
  const found = kind === 'cell' ? top.byRfCell.find((g) => g.cell === name) : top.bySegment.find((g) => g.segment === name);
  const products = found?.products ?? [];
  note(root, 'products').textContent = 'The five products with the most revenue in each group.';
  body(root, 'products').replaceChildren(
    products.length
      ? table(['Product', 'Revenue', 'Customers'], products.map((p) => [p.product, { text: money.format(p.revenue), class: 'num' }, { text: integer.format(p.customers), class: 'num' }]), { caption: 'Top products' })
      : h('p', { class: 'note', text: 'No orders in this group.' }),
  );
}

export function fillAttributes(root, report) {
  const select = root.querySelector('[data-testid="attribute-select"]');
  select.disabled = report.attributes.length === 0;
  select.replaceChildren(...report.attributes.map((a, i) => h('option', { value: String(i), text: a.attribute })));
}

export function renderAttributes(root, report, index) {
  const profile = report.attributes[index];
  if (!profile) {
    note(root, 'attributes').textContent = 'No attribute columns (country, channel …) in this file: tick some under Columns to profile customers by them.';
    body(root, 'attributes').replaceChildren();
    return;
  }
  const segments = report.rfm.segments.filter((s) => s.customers > 0).map((s) => s.name);
  const values = profile.values.slice(0, MAX_ATTRIBUTE_VALUES);
  const rows = values.map((v) => {
    const bySegment = new Map(v.segments.map((s) => [s.segment, s]));
    return [
      v.value,
      { text: integer.format(v.customers), class: 'num' },
      { text: money.format(v.revenue), class: 'num' },
      { text: orNone(v.averageMonetary, money.format), class: 'num' },
      ...segments.map((name) => {
        const group = bySegment.get(name);
        const lift = group?.lift ?? null;
        // Over-represented segments are shaded: lift 1 (as common as overall) is blank, 2 and above full;
        // a lift resting on fewer than SMALL_SAMPLE customers is muted and shows its count instead of colour.
        if (lift !== null && group.customers < SMALL_SAMPLE) return { text: `${decimal.format(lift)} (${integer.format(group.customers)})`, class: 'num is-small' };
        return { text: lift === null ? '–' : decimal.format(lift), class: 'num', heat: lift === null ? 0 : lift - 1 };
      }),
    ];
  });
  const left = [profile.valuesOmitted ? `${plural(profile.valuesOmitted, 'rarer value')} not listed.` : '', profile.customersWithoutValue ? `${plural(profile.customersWithoutValue, 'customer')} without a value.` : '']
    .filter(Boolean).join(' ');
  const more = profile.values.length > MAX_ATTRIBUTE_VALUES ? ` The ${MAX_ATTRIBUTE_VALUES} values with the most customers are shown.` : '';
  note(root, 'attributes').textContent = `Lift: how much more common a segment is among these customers than overall (1 = as common). Faded values rest on fewer than ${SMALL_SAMPLE} customers (their count in brackets).${more} ${left}`.trim();
  body(root, 'attributes').replaceChildren(
    table([profile.attribute, 'Customers', 'Revenue', 'Average spent', ...segments.map((s) => `${s} (lift)`)], rows, { caption: `Customer profile by ${profile.attribute}` }),
  );
}

// ---- predicted value (the lifetime-value models of issue 5) -------------------------------------------

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const readable = (key) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
const numberText = (v) => (Math.abs(v) >= 1000 || Number.isInteger(v) ? decimal.format(v) : v.toPrecision(4));

// One fitted model: parameters (as {name: value} or names + parameters arrays), standard errors, fit.
function fitRows(name, fit) {
  if (!fit || typeof fit !== 'object') return [];
  if (fit.error) return [[name, { text: fit.error, class: 'warn' }]];
  const params = Array.isArray(fit.parameters)
    ? Object.fromEntries((fit.names ?? []).map((n, i) => [n, fit.parameters[i]]))
    : fit.parameters ?? {};
  const errors = Array.isArray(fit.standardErrors)
    ? Object.fromEntries((fit.names ?? []).map((n, i) => [n, fit.standardErrors[i]]))
    : fit.standardErrors ?? {};
  const rows = Object.entries(params).filter(([, v]) => isNumber(v))
    .map(([p, v]) => [`${name}: ${p}`, `${numberText(v)}${isNumber(errors[p]) ? ` ± ${numberText(errors[p])}` : ''}`]);
  const details = { logLikelihood: fit.logLikelihood, ...(fit.convergence ?? {}), customers: fit.customers };
  for (const [key, value] of Object.entries(details)) {
    if (isNumber(value)) rows.push([`${name}: ${readable(key)}`, numberText(value)]);
    else if (typeof value === 'boolean' || typeof value === 'string') rows.push([`${name}: ${readable(key)}`, String(value === true ? 'yes' : value === false ? 'no' : value)]);
  }
  return rows;
}

export function renderClv(root, report) {
  const panel = root.querySelector('[data-panel="clv"]');
  const model = report.model;
  panel.hidden = !model;
  if (!model) return;
  const prediction = model.prediction ?? {};
  const cards = [];
  const card = (label, text) => cards.push(h('div', { class: 'card' }, h('dt', { text: label }), h('dd', { text })));
  // Model names and fit statistics stay behind "How this was computed"; a model that could not run is a
  // plain sentence (model.message; the technical reason stays in the fit table), never a KPI card.
  const names = { 'pareto-nbd': 'Pareto/NBD', bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD' };
  const spend = model.spendModel === 'shrunk-mean'
    ? "each customer's average order, pulled toward the shop's average (too few repeat orders for Gamma-Gamma)"
    : 'Gamma-Gamma for how much they spend';
  root.querySelector('[data-testid="model-name"]').textContent =
    `Model: ${names[model.model] ?? model.model} for how often customers buy, ${spend}; fitted to this file by maximum likelihood.`;
  if (isNumber(prediction.meanPAlive)) card('Still buying from you (average chance)', percent(prediction.meanPAlive));
  if (isNumber(prediction.expectedPurchases)) card(`Orders expected, next ${model.horizonMonths} months`, integer.format(prediction.expectedPurchases));
  if (isNumber(prediction.clv)) card(`Revenue expected, next ${model.horizonMonths} months`, money.format(prediction.clv));
  const plain = model.message ?? model.error;
  const failed = plain ? h('p', { class: 'note model-error', dataset: { testid: 'model-error' }, text: `No prediction for this file: ${plain}` }) : null;
  const spendNote = model.spendMessage ? h('p', { class: 'note', dataset: { testid: 'model-spend-note' }, text: model.spendMessage }) : null;
  root.querySelector('[data-testid="clv-cards"]').replaceChildren(...cards);
  const notes = [failed, spendNote].filter(Boolean);
  for (const old of root.querySelectorAll('[data-testid="model-error"], [data-testid="model-spend-note"]')) if (!notes.includes(old)) old.remove();
  root.querySelector('[data-testid="clv-cards"]').after(...notes);

  // Means per RF cell and RFM segment, as the core computed them.
  const segmentRows = [];
  for (const [groups, label] of [[prediction.bySegment ?? [], (g) => g.segment], [prediction.byRfCell ?? [], (g) => cellLabel(g.cell)]]) {
    for (const g of groups) {
      if (!g.customers) continue;
      segmentRows.push([label(g), { text: integer.format(g.customers), class: 'num' },
        { text: isNumber(g.meanPAlive) ? percent(g.meanPAlive) : '–', class: 'num' },
        { text: isNumber(g.meanClv) ? money.format(g.meanClv) : '–', class: 'num' }]);
    }
  }
  body(root, 'clv-segments').replaceChildren(
    segmentRows.length ? table(['Group', 'Customers', 'Chance they still buy', 'Revenue expected per customer'], segmentRows, { caption: 'Predicted value by segment' }) : '',
  );
  const fit = [...fitRows('Purchases', model.transactions), ...fitRows('Spend', model.spend)];
  if (model.error) fit.push(['Technical detail', { text: model.error, class: 'warn' }]);
  const total = model.validation?.total;
  if (total && isNumber(total.actual) && isNumber(total.predicted)) {
    fit.push(['Holdout: actual purchases', numberText(total.actual)], ['Holdout: predicted purchases', numberText(total.predicted)]);
  }
  body(root, 'clv-fit').replaceChildren(fit.length ? table(['Model fit', 'Value'], fit, { caption: 'Model parameters and fit' }) : '');
}

// ---- data quality -------------------------------------------------------------------------------------

// Where the currency came from, in a merchant's words: a column, or the symbol written with the amounts.
function currencyNote(code, column) {
  if (column) return `${code} (from the “${column}” column)`;
  if (/^[A-Z]{3}$/.test(code)) return `${code} (from the symbol written with the amounts)`;
  return `“${code}” as written with the amounts (several currencies use this sign, so no currency code is assumed)`;
}

// The values the core refused as impossible (SPEC 3, model/plausibility): what was found, how many,
// where they are listed, and what to do.
function implausibleNotes(found, asOf) {
  if (!found) return [];
  const listed = (n) => `${n === 1 ? 'Its line is' : 'Their lines are'} listed under “Rows with problems” below.`;
  const notes = [];
  if (found.amountsAboveLimit) notes.push(['Amounts too large to be real', `${plural(found.amountsAboveLimit, 'row')} had an amount above ${integer.format(found.amountLimit)} for one row, more likely an order number or a product code than money, and ${found.amountsAboveLimit === 1 ? 'was' : 'were'} left out. ${listed(found.amountsAboveLimit)} Check that the amount column is the right one (Change, at the top), or correct the file.`]);
  if (found.datesBefore1970) notes.push(['Dates before 1970', `${plural(found.datesBefore1970, 'row')} dated before 1970 (a typo in the year?) ${found.datesBefore1970 === 1 ? 'was' : 'were'} left out. ${listed(found.datesBefore1970)} Correct the year in the file and load it again.`]);
  if (found.rowsBeyondSumLimit) notes.push(['Amounts too large to add up', `${plural(found.rowsBeyondSumLimit, 'row')} left out: the amounts before ${found.rowsBeyondSumLimit === 1 ? 'it' : 'them'} already add up to more than can be counted exactly. Check that the amount column holds money.`]);
  if (found.farFutureOrders) notes.push(['Orders far in the future', `${plural(found.farFutureOrders, 'order')} dated more than a year after all the others (the first on ${found.firstFarFutureDate}) ${found.farFutureOrders === 1 ? 'was' : 'were'} set aside, so the analysis looks from ${asOf}, the last order before ${found.farFutureOrders === 1 ? 'it' : 'them'}. Correct the year if it is a typo, or set the analysis date in Settings to include ${found.farFutureOrders === 1 ? 'it' : 'them'}.`]);
  return notes;
}

export function renderQuality(root, report) {
  const q = report.dataQuality;
  const s = report.summary;
  const items = [
    ['File', `${q.format.toUpperCase()}${q.delimiter ? `, separated by ${q.delimiter === '\t' ? 'tabs' : `“${q.delimiter}”`}` : ''}, ${q.encoding}${q.encoding === 'windows-1252' ? ' (converted to UTF-8)' : ''}`],
    ['Dates', `${q.dates.format}${q.dates.dayMonthOrder ? `, ${q.dates.dayMonthOrder}` : ''}${q.dates.ambiguous ? ` (ambiguous: ${plural(q.dates.ambiguousRows, 'row')} fit both orders; month first assumed)` : ''}`],
    ['Decimal separator', q.decimalSeparator.value ? `“${q.decimalSeparator.value}”${q.decimalSeparator.assumed ? ' (assumed)' : ''}` : '–'],
    ['Rows', `${integer.format(s.rowsRead)} read, ${integer.format(s.rowsRejected)} rejected, ${integer.format(s.rowsWithoutCustomer)} without a customer, ${integer.format(s.rowsExcluded)} excluded by status`],
  ];
  const warn = [];
  if (q.mixedCurrencies) warn.push(['Mixed currencies', q.currencies.map((c) => `${c.currency} (${plural(c.rows, 'row')})`).join(', ')]);
  else if (q.currencies.length) items.push(['Currency', currencyNote(q.currencies[0].currency, report.columns?.currency)]);
  if (q.excludedStatuses.length) items.push(['Excluded statuses', q.excludedStatuses.map((x) => `${x.status} (${plural(x.rows, 'row')})`).join(', ')]);
  if (q.ordersMergedFromRows) items.push(['Line items', `${plural(q.rowsMerged, 'row')} merged into ${plural(q.ordersMergedFromRows, 'order')}`]);
  if (q.ordersWithSeveralCustomers) warn.push(['Shared order ids', `${plural(q.ordersWithSeveralCustomers, 'order id')} used by several customers${q.sharedOrderIds.length ? `: ${q.sharedOrderIds.join(', ')}` : ''}`]);
  if (q.outliers.orders) items.push(['Unusually large orders', `${plural(q.outliers.orders, 'order')} above ${money.format(q.outliers.threshold)}; largest ${q.outliers.largestOrders.slice(0, 3).map((o) => `${money.format(o.amount)} (${o.customer}, ${o.date})`).join(', ')}`]);
  if (s.customersWithoutOrders) items.push(['Left out', `${plural(s.customersWithoutOrders, 'customer')} with only refunds or cancellations`]);
  if (s.ordersAfterAsOf) warn.push(['After the analysis date', `${plural(s.ordersAfterAsOf, 'order')} dated after ${s.asOf} ignored`]);
  warn.push(...implausibleNotes(q.implausible, s.asOf));
  if (report.cohorts.customersOmitted) warn.push(['Cohorts', `${plural(report.cohorts.customersOmitted, 'customer')} before the earliest cohort month shown`]);
  const list = h('dl', { class: 'facts', dataset: { testid: 'data-quality' } },
    [...warn.map(([k, v]) => [k, v, 'warn']), ...items].map(([k, v, cls]) => h('div', { class: cls }, h('dt', { text: k }), h('dd', { text: v }))));
  const { warnings, warningsOmitted } = report.diagnostics;
  const rejected = warnings.length
    ? [h('h3', { text: 'Rows with problems' }),
      table(['Line', 'Column', 'Problem'], warnings.map((w) => [String(w.line), w.column || '–', w.message]), { caption: 'Rejected rows' }),
      warningsOmitted ? h('p', { class: 'note', text: `… and ${plural(warningsOmitted, 'more row')}.` }) : null]
    : [h('p', { class: 'note', text: 'No row was rejected.' })];
  const diagnostics = h('div', { id: 'rk-rejected', tabindex: '-1', dataset: { testid: 'diagnostics' } }, ...rejected.filter(Boolean));
  body(root, 'quality').replaceChildren(list, diagnostics);
}

// ---- clearing (a new file is loading, or it failed) ---------------------------------------------------

export function clearPanels(root) {
  clearRf(root);
  for (const node of root.querySelectorAll('[data-field]')) node.textContent = '–';
  root.querySelector('[data-label="retention"]').textContent = 'Came back next month';
  for (const node of root.querySelectorAll('[data-delta], [data-delta-year]')) delta(node, '');
  root.querySelector('[data-testid="summary-period"]').textContent = '';
  root.querySelector('[data-testid="history-note"]').hidden = true;
  for (const node of root.querySelectorAll('[data-chart-table]')) node.replaceChildren();
  for (const node of root.querySelectorAll('[data-tip]')) node.textContent = '\u00a0';
  renderAdvice(root, null, 0);
  for (const node of root.querySelectorAll('[data-light], [data-light-share]')) node.textContent = node.dataset.light ? '–' : '';
  root.querySelector('[data-testid="summary-note"]').textContent = '\u00a0';
  for (const node of root.querySelectorAll('[data-body]')) node.replaceChildren();
  renderSegmentPlaceholder(root);
  for (const node of root.querySelectorAll('[data-chart]')) destroyChart(node);
  root.querySelector('[data-panel="clv"]').hidden = true;
  for (const old of root.querySelectorAll('[data-testid="model-error"]')) old.remove();
}
