// The dashboard's markup: every panel is in place (with its final size) before the first result, so
// nothing jumps when the numbers arrive. No inline styles or scripts (the page's CSP forbids them).
// Order: the answer first (summary, who your customers are, what to do), the set-up after (issue 10).
import { RANGE_PRESETS } from './date-range.js';
import { GLOSSARY } from './texts.js';

// A word with its plain explanation on hover and on keyboard focus (a tooltip, not a colour cue).
export const term = (text, key) =>
  `<span class="term" tabindex="0" data-term="${key}" aria-describedby="rk-term-${key}">${text}<span class="tip" role="tooltip" id="rk-term-${key}">${GLOSSARY[key]}</span></span>`;

const chartPanel = (name, title, note, extra = '') => `
  <section class="panel" data-panel="${name}" data-testid="panel-${name}" aria-labelledby="rk-${name}-h">
    <div class="panel-head"><h2 id="rk-${name}-h">${title}</h2>${extra}</div>
    <p class="note" data-note="${name}">${note}</p>
    <div class="chart" data-chart="${name}" data-testid="chart-${name}" tabindex="0" role="img" aria-label="${title}. Use the arrow keys to read the values."></div>
    <p class="chart-tip" data-tip="${name}" data-testid="chart-tip-${name}" aria-live="polite">&nbsp;</p>
    <details class="chart-data" data-testid="chart-data-${name}"><summary>The numbers as a table</summary>
      <div class="table-scroll" data-chart-table="${name}"></div></details>
  </section>`;

const tablePanel = (name, title, note, { wide = false, extra = '' } = {}) => `
  <section class="panel${wide ? ' wide' : ''}" data-panel="${name}" data-testid="panel-${name}" aria-labelledby="rk-${name}-h">
    <div class="panel-head"><h2 id="rk-${name}-h">${title}</h2>${extra}</div>
    <p class="note" data-note="${name}">${note}</p>
    <div class="table-scroll" data-body="${name}"></div>
  </section>`;

const numberInput = (name, label, { min = 0, step = 1, max } = {}) =>
  `<label class="field"><span>${label}</span><input type="number" name="${name}" min="${min}"${max ? ` max="${max}"` : ''} step="${step}" required aria-describedby="rk-err-${name}"><span class="field-error" id="rk-err-${name}" data-error="${name}"></span></label>`;

// A KPI card: label, value, the change against the previous period and against the same days last year.
// A rate's card also says the count it rests on (issue 10 point 6), under the value.
const card = (field, label, { rate = false } = {}) =>
  `<div class="card"><dt data-label="${field}">${label}</dt><dd data-field="${field}">–</dd>${rate ? `<dd class="delta count" data-count="${field}">&nbsp;</dd>` : ''}<dd class="delta" data-delta="${field}">&nbsp;</dd><dd class="delta" data-delta-year="${field}">&nbsp;</dd></div>`;

// Which orders to analyse: a preset counted back from the file's last order, or two dates (issue 10).
const rangeForm = `
    <form class="range" data-testid="date-range" aria-labelledby="rk-range-h" novalidate>
      <span id="rk-range-h" class="visually-hidden">Orders to analyse</span>
      <label class="field inline"><span class="visually-hidden">Period</span><select name="preset" data-testid="range-preset">
        ${Object.entries(RANGE_PRESETS).map(([value, text]) => `<option value="${value}">${text}</option>`).join('')}</select></label>
      <label class="field inline"><span>From</span><input type="date" name="from" data-testid="range-from" aria-describedby="rk-range-err"></label>
      <label class="field inline"><span>To</span><input type="date" name="to" data-testid="range-to" aria-describedby="rk-range-err"></label>
      <span class="field-error" id="rk-range-err" data-testid="range-error" role="alert"></span>
    </form>`;

export const TEMPLATE = `
<div class="rk" part="root" data-state="idle">
  <a class="skip-link" href="#rk-summary-h" data-testid="skip-link">Skip to results</a>
  <p class="banner" data-testid="sample-banner" hidden>You are looking at a <strong>sample shop</strong> made up for this demo.
    Choose your own order export to see your customers: it never leaves this browser.</p>

  <section class="panel wide input" aria-labelledby="rk-input-h">
    <h2 id="rk-input-h" class="visually-hidden">Order export</h2>
    <div class="drop-zone" data-testid="drop-zone">
      <p class="drop-text">Drop an order export here (or several, read as one), or</p>
      <input type="file" id="rk-file" class="visually-hidden" data-testid="file-input" aria-describedby="rk-file-hint" multiple
        accept=".csv,.txt,.tsv,.json,.ndjson,.jsonl,text/csv,text/plain,text/tab-separated-values,application/json">
      <label for="rk-file" class="button">Choose files…</label>
      <p class="hint" id="rk-file-hint">Shopify, WooCommerce, Stripe, Online Retail, or any CSV, text table, JSON or NDJSON file
        with a customer, an order date and an amount.</p>
    </div>
    <p class="privacy" data-testid="privacy"><strong>Your file never leaves this browser.</strong>
      It is analysed on this machine by a WebAssembly engine; nothing is uploaded.</p>
    <div class="status-row">
      <p class="status" data-testid="status" role="status" aria-live="polite">Choose or drop a file to analyse it.</p>
      <div class="progress-row" data-testid="progress-row">
        <progress data-testid="progress" max="1" aria-label="Analysis progress"></progress>
        <button type="button" class="button secondary" data-testid="cancel">Cancel</button>
      </div>
    </div>
    <p class="mapping-line is-empty" data-testid="mapping-line"><span data-testid="mapping-summary"></span>
      <button type="button" class="link" data-testid="change-mapping" aria-expanded="false" aria-controls="rk-mapping">Change</button>
      <button type="button" class="link" data-testid="show-rejected" hidden></button></p>
    <div class="error" data-testid="error" role="alert" hidden></div>
  </section>

  <section class="panel wide mapping" id="rk-mapping" data-panel="mapping" data-testid="panel-mapping" aria-labelledby="rk-mapping-h" hidden>
    <div class="panel-head"><h2 id="rk-mapping-h">Columns</h2><span class="badge" data-testid="preset"></span></div>
    <p class="note" data-testid="mapping-note">The engine detects which column holds the customer, the date and the amount. Change any of them and re-analyse.</p>
    <form class="mapping-form" data-testid="mapping-form">
      <div class="role-grid" data-testid="role-grid"></div>
      <details class="attributes-details"><summary>Customer attributes to profile (<span data-testid="attribute-count">0</span> chosen)</summary>
        <fieldset class="attributes"><legend class="visually-hidden">Customer attributes (profiles)</legend><div data-testid="attribute-list" class="checks"></div></fieldset></details>
      <div class="buttons"><button type="submit" class="button" data-testid="apply-mapping" disabled>Re-analyse with these columns</button></div>
    </form>
    <details class="preview" data-testid="preview-details">
      <summary>Preview of the first rows</summary>
      <div class="table-scroll preview-scroll"><table class="data preview-table" data-testid="preview"></table></div>
    </details>
  </section>

  <section class="panel wide summary" data-panel="summary" data-testid="panel-summary" aria-labelledby="rk-summary-h">
    <div class="panel-head"><h2 id="rk-summary-h" tabindex="-1">How your shop is doing</h2>${rangeForm}
      <div class="actions" data-testid="report-actions"><span class="note" data-testid="summary-period"></span><span class="note visually-hidden" data-testid="summary-note"></span>
        <button type="button" class="button secondary small" data-testid="download-report" disabled>Download report</button>
        <button type="button" class="button secondary small" data-testid="print-report" disabled>Print</button></div></div>
    <dl class="cards" data-testid="summary">
      ${card('customers', 'Customers')}
      ${card('orders', 'Orders')}
      ${card('revenue', 'Revenue')}
      ${card('aov', 'Average order value')}
      ${card('repeatRate', 'Bought more than once', { rate: true })}
      ${card('retention', 'Came back next month', { rate: true })}
    </dl>
    <p class="note history" data-testid="history-note" hidden></p>
    <div class="note unavailable" data-testid="unavailable-note" role="note" hidden></div>
  </section>

  <section class="panel" data-panel="rf" data-testid="panel-rf" aria-labelledby="rk-rf-h">
    <h2 id="rk-rf-h">Who are your customers?</h2>
    <p class="note">Rows: last order. Columns: number of orders. Select a cell for what to do next.</p>
    <div class="table-scroll rf-scroll"><table class="rf" data-testid="rf-matrix" role="grid">
      <caption class="visually-hidden">Customers by recency (rows) and number of orders (columns)</caption>
      <thead><tr><td class="rf-corner"><span>Last order ↓</span><span>Orders →</span></td></tr></thead>
      <tbody></tbody></table></div>
    <div class="advice" data-testid="rf-advice" aria-live="polite"><p class="note">Select a cell to read who these customers are and the recommended next step.</p></div>
  </section>

  <section class="panel" data-panel="segments" data-testid="panel-segments" aria-labelledby="rk-segments-h">
    <h2 id="rk-segments-h">What to do next, segment by segment</h2>
    <p class="note">Each customer gets ${term('RFM scores', 'rfm')} from 1 to 5; the segment rules (under Analysis settings) turn them into groups. Select a segment to list its customers.</p>
    <div class="table-scroll" data-body="segments"></div>
  </section>

  <section class="panel wide customers" data-panel="customers" data-testid="panel-customers" aria-labelledby="rk-customers-h">
    <div class="panel-head"><h2 id="rk-customers-h">Customers: <span data-testid="customers-title">select a cell or a segment</span></h2>
      <span class="note" data-testid="customers-count"></span></div>
    <div class="toolbar">
      <label class="field inline"><span>Search customers</span><input type="search" data-testid="customer-search" disabled></label>
      <button type="button" class="button" data-testid="export-segment" disabled>Download CSV</button>
      <button type="button" class="button secondary" data-testid="show-all" disabled>All customers</button>
    </div>
    <p class="vempty" data-testid="customers-empty">Select a cell of the matrix or a segment to list its customers here, sorted and searchable, and to download them as CSV.</p>
    <div class="vscroll table-scroll" data-testid="customer-scroll"><div class="vtable" role="table" data-testid="customer-table" aria-label="Customers">
      <div role="rowgroup" class="vhead"><div role="row" class="vrow head" data-testid="customer-head"></div></div>
      <div role="rowgroup" class="vbody" data-testid="customer-body" tabindex="0" aria-label="Customer rows (scroll with the arrow keys)"><div class="vspacer"></div></div>
    </div></div>
  </section>

  <section class="panel" data-panel="churn" data-testid="panel-churn" aria-labelledby="rk-churn-h">
    <h2 id="rk-churn-h">Who is about to leave?</h2>
    <p class="note" data-note="churn">Days since a customer's last order against their usual gap between orders.</p>
    <ul class="lights" data-testid="lights">
      <li class="light green"><span class="lamp" aria-hidden="true"></span><strong data-light="green">–</strong><span>Buying as usual</span><span class="share" data-light-share="green"></span></li>
      <li class="light amber"><span class="lamp" aria-hidden="true"></span><strong data-light="amber">–</strong><span>Overdue: worth a reminder</span><span class="share" data-light-share="amber"></span></li>
      <li class="light red"><span class="lamp" aria-hidden="true"></span><strong data-light="red">–</strong><span>Probably gone</span><span class="share" data-light-share="red"></span></li>
    </ul>
  </section>

  ${chartPanel('retention', 'Do customers come back?', `Of the customers who bought in a period, the share who bought again in the next one (${term('retention', 'retention')}).`,
    `<label class="field inline"><span>Period</span><select data-testid="retention-period"><option value="monthly">Month</option><option value="quarterly">Quarter</option><option value="yearly">Year</option></select></label>`)}
  ${chartPanel('repeat', 'How many orders make a regular?', 'Of the customers with n orders, the share who placed order n + 1.')}
  ${chartPanel('gaps', 'How long until the next order?', 'Days between one order and the next of the same customer.')}
  ${chartPanel('pareto', 'How much rests on a few customers?', `Share of revenue held by the customers who spent least, up to all of them (${term('concentration curve', 'concentration')}).`)}
  ${tablePanel('performance', 'This month and this year against last year', 'Revenue by customer group this month and this year so far, against the same days a year earlier.',
    { extra: `<label class="field inline"><span>Measure</span><select data-testid="performance-metric"><option value="revenue">Revenue</option><option value="orders">Orders</option><option value="customers">Customers</option></select></label>` })}
  ${tablePanel('cohorts', 'Do new customers stay?', 'Customers by the month of their first order (rows) and how many bought again each month after.',
    { wide: true, extra: `<label class="field inline"><span>Show</span><select data-testid="cohort-metric"><option value="customerShare">Share of the group</option><option value="customers">Customers</option><option value="revenuePerCustomer">Revenue per customer</option></select></label>` })}
  ${tablePanel('migration', 'Where did last year’s customers go?', 'Customer group a year ago (rows) against today (columns).', { wide: true })}
  ${tablePanel('products', 'What do they buy?', 'The five products with the most revenue in each group.',
    { extra: `<label class="field inline"><span>Group</span><select data-testid="products-group"></select></label>` })}
  ${tablePanel('attributes', 'Where are they?', `Customers and revenue per value, and how much more common each segment is there (${term('lift', 'lift')}).`,
    { wide: true, extra: `<label class="field inline"><span>Attribute</span><select data-testid="attribute-select"></select></label>` })}

  <section class="panel wide clv" data-panel="clv" data-testid="panel-clv" aria-labelledby="rk-clv-h" hidden>
    <h2 id="rk-clv-h">What are they worth from here on?</h2>
    <p class="note">${term('Chance they still buy from you', 'pAlive')} and the ${term('revenue expected', 'clv')} from each group over the coming months.</p>
    <dl class="cards" data-testid="clv-cards"></dl>
    <div class="table-scroll" data-body="clv-segments"></div>
    <details class="how" data-testid="how-computed"><summary>How this was computed</summary>
      <p class="note" data-testid="model-name"></p>
      <div class="table-scroll" data-body="clv-fit"></div></details>
  </section>

  <details class="panel wide settings" data-testid="settings">
    <summary><h2>Analysis settings</h2><span class="note">analysis date, recency and frequency bands, churn-risk lights, the period the cards compare, segment rules and their texts</span></summary>
    <form class="settings-form" data-testid="settings-form" novalidate>
      <fieldset><legend>Analysis date</legend>
        <label class="field"><span>As of</span><input type="date" name="asOf" data-testid="as-of" aria-describedby="rk-err-asOf"><span class="field-error" id="rk-err-asOf" data-error="asOf"></span></label>
        <p class="hint">Empty: the date of the latest order.</p></fieldset>
      <fieldset><legend>Recency and frequency bands</legend>
        ${numberInput('activeBelowDays', 'Active: last order fewer than … days ago', { min: 1 })}
        ${numberInput('lapsedAboveDays', 'Lapsed: last order more than … days ago', { min: 1 })}
        ${numberInput('multiOrders', 'Multi: at least … orders', { min: 2 })}
        ${numberInput('highValueOrders', 'High value: at least … orders', { min: 2 })}</fieldset>
      <fieldset><legend>Churn-risk lights</legend>
        <label class="field"><span>What sets the lights</span><select name="churnBasis" data-testid="churn-basis">
          <option value="pAlive">Chance they still buy</option>
          <option value="gaps">Their usual gap</option></select></label>
        ${numberInput('pAliveGreen', 'Chance they still buy: green from … %', { min: 0, max: 100 })}
        ${numberInput('pAliveAmber', 'Chance they still buy: amber from … %', { min: 0, max: 100 })}
        ${numberInput('green', 'Usual gap: green up to … ×', { min: 0, step: 0.1 })}
        ${numberInput('amber', 'Usual gap: amber up to … ×', { min: 0, step: 0.1 })}
        <p class="hint">The chance they still buy comes from the predicted-value model; where it cannot be fitted, the usual gap is used.</p></fieldset>
      <fieldset><legend>Changes on the summary cards</legend>
        ${numberInput('comparePeriodDays', 'Compare the last … days with the days before', { min: 1, max: 3660 })}
        <p class="hint">Used when no date range is chosen; with a range, the range is compared.</p></fieldset>
      <fieldset class="rules"><legend>Segment rules (RFM scores 1–5; the first match wins) and what each segment means</legend>
        <div class="table-scroll"><table class="data rules-table"><thead><tr><th scope="col">Segment</th>
          <th scope="col">R from</th><th scope="col">R to</th><th scope="col">F from</th><th scope="col">F to</th>
          <th scope="col">M from</th><th scope="col">M to</th><th scope="col">Not if active</th>
          <th scope="col">Who they are</th><th scope="col">Next step</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
          <tbody data-testid="rules-body"></tbody></table></div>
        <div class="buttons"><button type="button" class="button secondary" data-testid="add-rule">Add a rule</button>
          <button type="button" class="button secondary" data-testid="reset-rules">Default rules</button></div></fieldset>
      <p class="field-error" data-testid="settings-error" role="alert"></p>
      <div class="buttons"><button type="submit" class="button" data-testid="apply-settings" disabled>Re-analyse with these settings</button>
        <button type="button" class="button secondary" data-testid="reset-settings">Reset everything remembered</button></div>
      <p class="hint" data-testid="remembered-note">Settings, rules and columns are remembered in this browser for files with the same columns (never the data).</p>
    </form>
  </details>

  ${tablePanel('quality', 'Can you trust these numbers?', 'What the engine read, assumed and left out.', { wide: true })}
</div>`;
