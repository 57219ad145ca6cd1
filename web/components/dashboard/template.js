// The dashboard's markup: every panel is in place (with its final size) before the first result, so
// nothing jumps when the numbers arrive. No inline styles or scripts (the page's CSP forbids them).
const chartPanel = (name, title, note, extra = '') => `
  <section class="panel" data-panel="${name}" data-testid="panel-${name}" aria-labelledby="rk-${name}-h">
    <div class="panel-head"><h2 id="rk-${name}-h">${title}</h2>${extra}</div>
    <p class="note" data-note="${name}">${note}</p>
    <div class="chart" data-chart="${name}" role="img" aria-label="${title}"></div>
  </section>`;

const tablePanel = (name, title, note, { wide = false, extra = '' } = {}) => `
  <section class="panel${wide ? ' wide' : ''}" data-panel="${name}" data-testid="panel-${name}" aria-labelledby="rk-${name}-h">
    <div class="panel-head"><h2 id="rk-${name}-h">${title}</h2>${extra}</div>
    <p class="note" data-note="${name}">${note}</p>
    <div class="table-scroll" data-body="${name}"></div>
  </section>`;

const numberInput = (name, label, { min = 0, step = 1 } = {}) =>
  `<label class="field"><span>${label}</span><input type="number" name="${name}" min="${min}" step="${step}" required></label>`;

export const TEMPLATE = `
<div class="rk" part="root" data-state="idle">
  <section class="panel wide input" aria-labelledby="rk-input-h">
    <h2 id="rk-input-h" class="visually-hidden">Order export</h2>
    <div class="drop-zone" data-testid="drop-zone">
      <p class="drop-text">Drop an order export here, or</p>
      <input type="file" id="rk-file" class="visually-hidden" data-testid="file-input" aria-describedby="rk-file-hint"
        accept=".csv,.txt,.tsv,.json,.ndjson,.jsonl,text/csv,text/plain,text/tab-separated-values,application/json">
      <label for="rk-file" class="button">Choose a file…</label>
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
    <div class="error" data-testid="error" role="alert" hidden></div>
  </section>

  <section class="panel wide mapping" data-panel="mapping" data-testid="panel-mapping" aria-labelledby="rk-mapping-h">
    <div class="panel-head"><h2 id="rk-mapping-h">Columns</h2><span class="badge" data-testid="preset"></span></div>
    <p class="note" data-testid="mapping-note">The engine detects which column holds the customer, the date and the amount. Change any of them and re-analyse.</p>
    <form class="mapping-form" data-testid="mapping-form">
      <div class="role-grid" data-testid="role-grid"></div>
      <fieldset class="attributes"><legend>Customer attributes (profiles)</legend><div data-testid="attribute-list" class="checks"></div></fieldset>
      <button type="submit" class="button" data-testid="apply-mapping" disabled>Re-analyse with these columns</button>
    </form>
    <details class="preview" data-testid="preview-details">
      <summary>Preview of the first rows</summary>
      <div class="table-scroll preview-scroll"><table class="data preview-table" data-testid="preview"></table></div>
    </details>
  </section>

  <details class="panel wide settings" data-testid="settings">
    <summary><h2>Analysis settings</h2><span class="note">date, recency and frequency bands, churn-risk lights, segment rules</span></summary>
    <form class="settings-form" data-testid="settings-form">
      <fieldset><legend>Analysis date</legend>
        <label class="field"><span>As of</span><input type="date" name="asOf" data-testid="as-of"></label>
        <p class="hint">Empty: the date of the latest order.</p></fieldset>
      <fieldset><legend>Recency and frequency bands</legend>
        ${numberInput('activeBelowDays', 'Active: last order fewer than … days ago', { min: 1 })}
        ${numberInput('lapsedAboveDays', 'Lapsed: last order more than … days ago', { min: 1 })}
        ${numberInput('multiOrders', 'Multi: at least … orders', { min: 2 })}
        ${numberInput('highValueOrders', 'High value: at least … orders', { min: 2 })}</fieldset>
      <fieldset><legend>Churn-risk lights (× the customer's usual gap)</legend>
        ${numberInput('green', 'Green up to', { min: 0, step: 0.1 })}
        ${numberInput('amber', 'Amber up to', { min: 0, step: 0.1 })}</fieldset>
      <fieldset class="rules"><legend>Segment rules (RFM scores 1–5; the first match wins)</legend>
        <div class="table-scroll"><table class="data rules-table"><thead><tr><th scope="col">Segment</th>
          <th scope="col">R from</th><th scope="col">R to</th><th scope="col">F from</th><th scope="col">F to</th>
          <th scope="col">M from</th><th scope="col">M to</th><th scope="col">Not if active</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
          <tbody data-testid="rules-body"></tbody></table></div>
        <div class="buttons"><button type="button" class="button secondary" data-testid="add-rule">Add a rule</button>
          <button type="button" class="button secondary" data-testid="reset-rules">Default rules</button></div></fieldset>
      <div class="buttons"><button type="submit" class="button" data-testid="apply-settings" disabled>Re-analyse with these settings</button></div>
    </form>
  </details>

  <section class="panel wide summary" data-panel="summary" data-testid="panel-summary" aria-labelledby="rk-summary-h">
    <h2 id="rk-summary-h">Summary</h2>
    <dl class="cards" data-testid="summary">
      <div class="card"><dt>Customers</dt><dd data-field="customers">–</dd></div>
      <div class="card"><dt>Orders</dt><dd data-field="orders">–</dd></div>
      <div class="card"><dt>Revenue</dt><dd data-field="revenue">–</dd></div>
      <div class="card"><dt>Average order value</dt><dd data-field="aov">–</dd></div>
      <div class="card"><dt>Repeat purchase rate</dt><dd data-field="repeatRate">–</dd></div>
      <div class="card"><dt data-field="retentionLabel">Monthly retention</dt><dd data-field="retention">–</dd></div>
    </dl>
    <p class="note" data-testid="summary-note">&nbsp;</p>
  </section>

  <section class="panel" data-panel="rf" data-testid="panel-rf" aria-labelledby="rk-rf-h">
    <h2 id="rk-rf-h">Customers by recency and frequency</h2>
    <p class="note">Each cell: customers, their revenue and their share of all customers; darker holds more. Select a cell to list its customers.</p>
    <div class="table-scroll"><table class="rf" data-testid="rf-matrix">
      <caption class="visually-hidden">RF matrix: rows are recency, columns are frequency</caption>
      <thead><tr><td class="rf-corner"><span>Recency ↓</span><span>Frequency →</span></td></tr></thead>
      <tbody></tbody></table></div>
  </section>

  <section class="panel" data-panel="segments" data-testid="panel-segments" aria-labelledby="rk-segments-h">
    <h2 id="rk-segments-h">RFM segments</h2>
    <p class="note">Scores 1–5 for recency, frequency and money (5 = best fifth); each rule gives score ranges, the first match wins. Select a segment to list its customers.</p>
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
    <p class="vempty" data-testid="customers-empty">Select a cell of the RF matrix or a segment to list its customers here, sorted and searchable, and to download them as CSV.</p>
    <div class="vscroll"><div class="vtable" role="table" data-testid="customer-table" aria-label="Customers">
      <div role="rowgroup" class="vhead"><div role="row" class="vrow head" data-testid="customer-head"></div></div>
      <div role="rowgroup" class="vbody" data-testid="customer-body" tabindex="0" aria-label="Customer rows (scroll with the arrow keys)"><div class="vspacer"></div></div>
    </div></div>
  </section>

  <section class="panel" data-panel="churn" data-testid="panel-churn" aria-labelledby="rk-churn-h">
    <h2 id="rk-churn-h">Churn risk</h2>
    <p class="note" data-note="churn">Days since a customer's last order against their usual gap between orders.</p>
    <ul class="lights" data-testid="lights">
      <li class="light green"><span class="lamp" aria-hidden="true"></span><strong data-light="green">–</strong><span>Green: buying on rhythm</span><span class="share" data-light-share="green"></span></li>
      <li class="light amber"><span class="lamp" aria-hidden="true"></span><strong data-light="amber">–</strong><span>Amber: overdue</span><span class="share" data-light-share="amber"></span></li>
      <li class="light red"><span class="lamp" aria-hidden="true"></span><strong data-light="red">–</strong><span>Red: likely gone</span><span class="share" data-light-share="red"></span></li>
    </ul>
  </section>

  ${chartPanel('retention', 'Retention over time', 'Of the customers who bought in a period, the share who bought again in the next one.',
    `<label class="field inline"><span>Period</span><select data-testid="retention-period"><option value="monthly">Month</option><option value="quarterly">Quarter</option><option value="yearly">Year</option></select></label>`)}
  ${chartPanel('repeat', 'Repeat rate by order number', 'Of the customers with n orders, the share who placed an order n + 1: where loyalty starts.')}
  ${chartPanel('gaps', 'Days between orders', 'How long customers take to order again; past the dormancy line (90% of gaps are shorter) a customer is probably gone.')}
  ${chartPanel('pareto', 'Revenue concentration', 'Share of revenue held by the customers who spent least, up to all of them (Lorenz curve).')}
  ${tablePanel('performance', 'Period performance', 'Revenue by RF cell this month and this year so far, against the same days a year earlier.',
    { extra: `<label class="field inline"><span>Measure</span><select data-testid="performance-metric"><option value="revenue">Revenue</option><option value="orders">Orders</option><option value="customers">Customers</option></select></label>` })}
  ${tablePanel('cohorts', 'Cohorts', 'Customers by the month of their first order (rows) and how many bought again each month after.',
    { wide: true, extra: `<label class="field inline"><span>Show</span><select data-testid="cohort-metric"><option value="customerShare">Share of the cohort</option><option value="customers">Customers</option><option value="revenuePerCustomer">Revenue per customer</option></select></label>` })}
  ${tablePanel('migration', 'Segment migration', 'Where last year’s customers are now: RF cell a year ago (rows) against today (columns).', { wide: true })}
  ${tablePanel('products', 'Top products', 'The five products with the most revenue in each group.',
    { extra: `<label class="field inline"><span>Group</span><select data-testid="products-group"></select></label>` })}
  ${tablePanel('attributes', 'Customer profiles', 'Customers and revenue per value, and how much more (lift above 1) or less common each segment is there.',
    { wide: true, extra: `<label class="field inline"><span>Attribute</span><select data-testid="attribute-select"></select></label>` })}

  <section class="panel wide clv" data-panel="clv" data-testid="panel-clv" aria-labelledby="rk-clv-h" hidden>
    <h2 id="rk-clv-h">Predicted value</h2>
    <p class="note">P(alive) is the chance that a customer still buys from you; predicted CLV the revenue they are expected to bring over the model's horizon.</p>
    <dl class="cards" data-testid="clv-cards"></dl>
    <div class="clv-grid"><div class="table-scroll" data-body="clv-segments"></div><div class="table-scroll" data-body="clv-fit"></div></div>
  </section>

  ${tablePanel('quality', 'Data quality', 'What the engine read, assumed and left out: check this before trusting the numbers.', { wide: true })}
</div>`;
