// <retention-dashboard>: the whole dashboard as one element, for the demo page and for admin panels.
//
//   <retention-dashboard src="orders.csv" options='{"churnRisk":{"green":2}}'></retention-dashboard>
//   dashboard.file = someFileOrBlob;          // analyses it (also: await dashboard.analyze(blob, {name}))
//   dashboard.addEventListener('analyzed', (e) => e.detail.report);
//
// Attributes: src (a same-origin URL to analyse) and name (the file name to show for it), options (JSON of the engine's AnalyzeOptions), as-of,
// sample (a banner says the page shows a sample shop), currency (ISO 4217 code when the file names none, or only a sign such as "$" that several currencies share),
// and where the engine is (createEngine's settings): wasm-url, worker-url, worker="false".
// Properties: file, options, engine (createEngine's settings), report (read-only), state.
// Methods: analyze(input, {name}), cancel(), downloadReport({includeCustomers}).
// Safe to import on a server: the element is defined only where customElements exists.
// Events (bubbling, composed): progress {fraction, bytesLoaded, bytesTotal}, analyzed {report, name, seconds}
// (the first screen shows the results: summary, RF matrix, segments), drawn {report, name} (every panel is
// drawn; until then the element has the `drawing` attribute), error {error, name},
// segment-export {name, csv, customers} (cancelable: preventDefault() stops the download).
// Themeable with CSS custom properties (--rk-accent, --rk-text, --rk-surface ...; see README).
import { createEngine } from '../lib/index.js';
import { CustomerTable } from './dashboard/customer-table.js';
import { enhance, rfKeys } from './dashboard/a11y.js';
import { cellLabel, h, integer, plural, setCurrency } from './dashboard/dom.js';
import { explain } from './dashboard/messages.js';
import { showUnavailable, unavailablePanels } from './dashboard/unavailable.js';
import * as panels from './dashboard/panels.js';
import { fillRange, rangeText, readRange } from './dashboard/date-range.js';
import { filesName, filesNote, firstFile } from './dashboard/files.js';
import { forgetAll, layoutKey, recall, remember } from './dashboard/persist.js';
import { readPreview } from './dashboard/preview.js';
import { reportHtml } from './dashboard/report-file.js';
import { SEGMENT_TEXTS } from './dashboard/texts.js';
import { STYLES } from './dashboard/styles.js';
import { TEMPLATE } from './dashboard/template.js';

// Column roles the mapping step offers (attributes are ticked separately); true = the engine needs it.
const ROLES = [
  ['customer', 'Customer (id or email)', true],
  ['date', 'Order date', true],
  ['amount', 'Order amount'],
  ['quantity', 'Quantity'],
  ['unitPrice', 'Unit price'],
  ['refund', 'Refunded amount'],
  ['order', 'Order id'],
  ['product', 'Product'],
  ['status', 'Payment status'],
  ['currency', 'Currency'],
];
// The roles of a per-customer summary (issue 14).
const SUMMARY_ROLES = [
  ['customer', 'Customer (id or email)', true],
  ['firstOrder', 'First order date', true],
  ['lastOrder', 'Last order date', true],
  ['orders', 'Number of orders', true],
  ['revenue', 'Revenue', true],
  ['orderDays', 'Days with an order'],
  ['countedRevenue', 'Revenue of the orders (before refunds)'],
  ['repeatRevenue', 'Revenue after the first order day'],
];
const PRESETS = { 'customer-summary': 'Customer summary', shopify: 'Shopify', stripe: 'Stripe', woocommerce: 'WooCommerce', 'online-retail': 'Online Retail', cdnow: 'CDNOW', generic: 'Generic' };

let sheet; // one constructed stylesheet shared by every dashboard (not an inline <style>: CSP-friendly)

// On a server (no DOM) the class still exists, for imports and types, but is never defined as an element.
const ElementBase = globalThis.HTMLElement ?? class {};
const ENGINE_ATTRIBUTES = { 'wasm-url': 'wasmUrl', 'worker-url': 'workerUrl', worker: 'worker' };
// The panels below the first screen are drawn in tasks of about this long (a long task is 50 ms).
const DRAW_BUDGET_MS = 16;
// The core computes after the file is read; a computation longer than this is said in the status line.
const COMPUTING_NOTE_MS = 200;
// The engine starts at the page's first idle time after the element is connected, or after this long.
const WARM_UP_WITHIN_MS = 500;

// Runs `callback` in a task after the next frame is painted (in a page not shown: in the next task).
function afterPaint(callback) {
  if (document.visibilityState === 'hidden') setTimeout(callback, 0);
  else requestAnimationFrame(() => setTimeout(callback, 0));
}

export class RetentionDashboard extends ElementBase {
  static observedAttributes = ['src', 'options', 'as-of', 'sample', 'currency', ...Object.keys(ENGINE_ATTRIBUTES)];

  #root;
  #engine; // Promise<Engine>, created when the page is first idle or on first use
  #engineSettings = null; // createEngine's settings from the engine property (null: from the attributes)
  #options = {}; // from the options attribute or property
  #overrides = {}; // from the mapping step and the settings form
  #source = null; // {blob, name} of the report on screen (or of the failed run)
  #report = null;
  #controller = null;
  #selection = null; // the RF cell or segment listed in the customer table ('' = everyone)
  #detected = {}; // the mapping the mapping step started from
  #table;
  #rerun = 0;
  #layout = null; // the localStorage key of the file's column layout (persist.js)
  #mappingOpen = false; // the user asked to see the column mapping
  #pending = []; // the panels still to draw for the report on screen: [panel name, draw]
  #drawTicket = 0; // bumped by each report and by an error: stale drawing tasks stop
  #beforePrint = () => this.#drawAll();
  #computing = 0; // the timer that says the core is computing (after the file is read)

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(STYLES);
    this.#root.adoptedStyleSheets = [sheet];
    this.#root.innerHTML = TEMPLATE;
    this.#table = new CustomerTable(this.#find('panel-customers'));
    this.#table.clear('select a cell or a segment');
    panels.buildRfMatrix(this.#root, (name) => this.#select(name));
    panels.renderSegmentPlaceholder(this.#root);
    rfKeys(this.#find('rf-matrix'));
    enhance(this.#root);
    this.#wire();
  }

  connectedCallback() {
    // With a src the analysis starts at once: lay out as loading from the first paint (no jump).
    this.#setState(this.#report ? 'ready' : this.hasAttribute('src') ? 'loading' : 'idle');
    if (this.hasAttribute('src')) this.#find('drop-zone').classList.add('compact');
    this.#find('sample-banner').hidden = !this.hasAttribute('sample');
    if (this.hasAttribute('src') && !this.#source && !this.#controller) this.#loadSrc();
    this.#warmUpWhenIdle();
    window.addEventListener('beforeprint', this.#beforePrint);
  }

  disconnectedCallback() {
    this.cancel();
    window.removeEventListener('beforeprint', this.#beforePrint);
  }

  attributeChangedCallback(name, previous, value) {
    if (previous === value) return;
    if (name in ENGINE_ATTRIBUTES) {
      if (!this.#engineSettings) this.#replaceEngine();
      return;
    }
    if (name === 'src') {
      if (this.isConnected && value) {
        // The analysis starts now: lay out as loading before the first paint (nothing jumps later).
        if (!this.#report) this.#setState('loading');
        this.#find('drop-zone').classList.add('compact');
        this.#loadSrc();
      }
      return;
    }
    if (name === 'sample') {
      this.#find('sample-banner').hidden = value === null;
      return;
    }
    try {
      this.#options = name === 'options' ? parseOptions(value) : this.#options;
    } catch (error) {
      this.#showError(new Error(`The options attribute is not valid JSON: ${error.message}`), 'options');
      return;
    }
    this.#scheduleRerun();
  }

  // The file on screen (the first of several: see files).
  get file() {
    return firstFile(this.#source?.blob) ?? null;
  }

  set file(blob) {
    if (blob) this.#run(blob, blob.name ?? 'the file', { newFile: true });
  }

  // Several files analysed as one (issue 14): overlapping exports count each order once.
  get files() {
    const input = this.#source?.blob;
    return input ? [input].flat() : [];
  }

  set files(list) {
    const blobs = [...(list ?? [])];
    if (blobs.length === 1) this.file = blobs[0];
    else if (blobs.length) this.#run(blobs, filesName(blobs), { newFile: true });
  }

  get options() {
    return structuredClone(this.#options);
  }

  set options(value) {
    this.#options = structuredClone(value ?? {});
    this.#scheduleRerun();
  }

  // createEngine's settings ({wasmUrl, workerUrl, worker}); the attributes give them too.
  get engine() {
    return { ...(this.#engineSettings ?? this.#engineAttributes()) };
  }

  set engine(settings) {
    this.#engineSettings = settings ? { ...settings } : null;
    this.#replaceEngine();
  }

  get report() {
    return this.#report;
  }

  get state() {
    return this.getAttribute('state') ?? 'idle';
  }

  // Resolves with the report, or null when the analysis was cancelled; rejects with the engine's error.
  async analyze(input, { name } = {}) {
    const outcome = await this.#run(input instanceof Blob ? input : new Blob([input]), name ?? input?.name ?? 'the data', { newFile: true });
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  cancel() {
    this.#controller?.abort();
  }

  // The results on screen as one self-contained HTML file (aggregates only; the customer list only
  // with {includeCustomers: true}). Returns the HTML; `download: false` skips the download.
  downloadReport({ includeCustomers = false, download = true } = {}) {
    if (!this.#report) return null;
    this.#drawAll(); // every panel, also those not drawn yet
    const base = this.#source.name.replace(/\.[^.]+$/, '');
    const html = reportHtml(this.#root, { title: `Customer report: ${this.#source.name}`, includeCustomers });
    if (download) {
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      const link = h('a', { href: url, download: `${base.replace(/[^\p{L}\p{N}_-]+/gu, '-')}-report.html`, hidden: true });
      this.#root.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }
    return html;
  }

  // ---- running ----------------------------------------------------------------------------------------

  #engineAttributes() {
    const settings = {};
    for (const [attribute, key] of Object.entries(ENGINE_ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value !== null) settings[key] = key === 'worker' ? value !== 'false' : value;
    }
    return settings;
  }

  // An engine with the new settings replaces the old one, which is closed (a run on it ends as cancelled).
  #replaceEngine() {
    const old = this.#engine;
    this.#engine = undefined;
    old?.then((engine) => setTimeout(() => engine.close(), 0)).catch(() => {});
    if (this.isConnected) this.#warmUpWhenIdle();
  }

  // Issue 11: the engine's worker starts and the wasm downloads and compiles while the user picks a
  // file, so that the pick finds them ready. Idle time first: settings given right after the element
  // is connected are then in place. A failure is not shown here: the analysis loads again and shows it.
  #warmUpWhenIdle() {
    const warmUp = () => {
      if (!this.isConnected) return;
      this.#engine ??= createEngine(this.engine);
      this.#engine.then((engine) => engine.preload()).catch(() => {});
    };
    if (globalThis.requestIdleCallback) requestIdleCallback(warmUp, { timeout: WARM_UP_WITHIN_MS });
    else setTimeout(warmUp, 0);
  }

  #effectiveOptions() {
    const asOf = this.getAttribute('as-of') || undefined;
    const columns = { ...this.#options.columns, ...this.#overrides.columns };
    return { ...this.#options, ...(asOf ? { asOf } : {}), ...this.#overrides, columns };
  }

  #scheduleRerun() {
    if (!this.#source) return;
    const ticket = ++this.#rerun;
    queueMicrotask(() => ticket === this.#rerun && this.#run(this.#source.blob, this.#source.name));
  }

  async #loadSrc() {
    const src = this.getAttribute('src');
    const name = this.getAttribute('name') || decodeURIComponent(new URL(src, document.baseURI).pathname.split('/').pop() || src);
    try {
      const response = await fetch(src);
      if (!response.ok) throw new Error(`Could not load ${name} (HTTP ${response.status}).`);
      this.#run(await response.blob(), name, { newFile: true });
    } catch (error) {
      this.#showError(error, name);
    }
  }

  // Runs one analysis; resolves with the report, null when cancelled or superseded, or the Error.
  async #run(blob, name, { newFile = false } = {}) {
    let layout = this.#layout; // the file's column layout, adopted once its analysis succeeds
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (newFile) {
      // Another file has other columns and dates; the bands, lights and rules carry over, unless this
      // browser remembers what the user chose for files with these columns (persist.js).
      delete this.#overrides.columns;
      delete this.#overrides.asOf;
      delete this.#overrides.from;
      delete this.#overrides.to;
      this.#mappingOpen = false;
      layout = null;
      try {
        layout = layoutKey((await readPreview(firstFile(blob))).header);
      } catch {} // no header to key on: nothing remembered
      if (this.#controller !== controller) return null;
      const remembered = recall(layout);
      if (remembered) this.#overrides = { ...this.#overrides, ...structuredClone(remembered) };
    }
    this.#setState('loading');
    this.#find('drop-zone').classList.add('compact');
    this.#find('error').hidden = true;
    this.#status(`Analysing ${name}…`);
    this.#progress(0);
    const started = performance.now();
    try {
      this.#engine ??= createEngine(this.engine);
      const engine = await this.#engine;
      const report = await engine.analyze(blob, {
        ...this.#effectiveOptions(),
        signal: controller.signal,
        onProgress: (fraction, detail) => {
          if (this.#controller !== controller) return;
          // Read to the end: the core now computes (for a large file, seconds): say so, bar indeterminate;
          // only if it takes a while (a small file's results come sooner: no text flashes by, and the page
          // does not redraw while the worker computes).
          const computing = fraction === 1;
          this.#progress(fraction);
          clearTimeout(this.#computing);
          if (computing) {
            this.#computing = setTimeout(() => {
              if (this.#controller !== controller) return;
              this.#progress(undefined);
              this.#status(`Read ${name}; computing segments, retention and predicted value…`);
            }, COMPUTING_NOTE_MS);
          }
          this.#emit('progress', { fraction, ...detail });
        },
      });
      if (this.#controller !== controller) return null;
      const seconds = (performance.now() - started) / 1000;
      this.#source = { blob, name };
      this.#layout = layout;
      this.#report = report;
      this.#find('settings-error').textContent = '';
      this.#render(report);
      const rejected = report.summary.rowsRejected;
      this.#status(`Analysed ${name} in this browser: ${integer.format(report.summary.customers)} customers in ${seconds.toFixed(1)} s.${rejected ? ` ${plural(rejected, 'row')} could not be read.` : ''}${filesNote(report)}${rangeText(report)}`);
      this.#setState('ready');
      this.#emit('analyzed', { report, name, seconds });
      return report;
    } catch (error) {
      if (this.#controller !== controller) return null;
      if (error?.code === 'invalid_options' && this.#report && blob === this.#source?.blob) {
        // A setting the engine refused: said next to the settings; the results on screen stay.
        const { detail, next } = explain(error);
        this.#find('settings-error').textContent = `${detail} ${next}`;
        this.#find('settings').open = true;
        this.#status(`The settings were not applied: ${detail} The results shown are still the previous ones.`);
        this.#setState('ready');
        return error;
      }
      if (error?.code === 'no_orders' && (this.#overrides.from || this.#overrides.to)) {
        // A period without orders: said next to the dates. The results on screen stay, with their period;
        // a new file whose remembered period it does not cover is shown whole instead.
        delete this.#overrides.from;
        delete this.#overrides.to;
        if (this.#report && blob === this.#source?.blob) {
          const { from, to } = this.#report.dateRange;
          Object.assign(this.#overrides, { from: from ?? undefined, to: to ?? undefined });
          remember(this.#layout, this.#overrides);
          fillRange(this.#find('date-range'), this.#report);
          this.#find('range-error').textContent = 'No orders in that period: choose other dates.';
          this.#status(`No orders of ${name} in that period. The results shown are still the previous ones.`);
          this.#setState('ready');
          return error;
        }
        this.#controller = null;
        this.#layout = layout;
        const whole = await this.#run(blob, name);
        if (whole && !(whole instanceof Error)) {
          this.#status(`${this.#find('status').textContent} The remembered period has no orders in this file: all of them are shown.`);
        }
        return whole;
      }
      if (error?.name === 'AbortError') {
        this.#status(`Cancelled the analysis of ${name}.${this.#report ? ` The results shown are still those of ${this.#source.name}.` : ''}`);
        this.#setState(this.#report ? 'ready' : 'idle');
        return null;
      }
      this.#source = { blob, name };
      this.#layout = layout;
      this.#showError(error, name);
      return error;
    } finally {
      if (this.#controller === controller) {
        clearTimeout(this.#computing);
        this.#controller = null;
        this.#find('progress-row').classList.remove('active');
      }
    }
  }

  #showError(error, name) {
    const { title, detail, next } = explain(error);
    const box = this.#find('error');
    box.replaceChildren(h('strong', { text: title }), ' ', detail, next ? h('span', { class: 'next', text: ` ${next}` }) : '');
    box.hidden = false;
    this.#find('mapping-line').classList.add('is-empty');
    for (const id of ['download-report', 'print-report']) this.#find(id).disabled = true;
    this.#status(`Could not analyse ${name}.`);
    this.#report = null;
    this.#stopDrawing();
    panels.clearPanels(this.#root);
    this.#table.clear('select a cell or a segment');
    this.#selection = null;
    this.#setState('error');
    this.#emit('error', { error, name });
    // The reading is in doubt: the column mapping opens (unless the file is not an order export at all).
    if (this.#source) {
      this.#fillMapping(null);
      this.#showMapping(error?.code === 'missing_column' || error?.code === 'no_orders');
    }
  }

  // The mapping panel opens on doubt or when asked; otherwise it is one line ("Read as ... Change").
  #showMapping(open) {
    this.#mappingOpen = open;
    this.#find('panel-mapping').hidden = !open;
    this.#find('change-mapping').setAttribute('aria-expanded', String(open));
    this.#find('change-mapping').textContent = open ? 'Hide columns' : 'Change';
  }

  // "Read as a Shopify orders export: Email, Created at, Total." and the rejected rows, on one line.
  #renderReading(report) {
    const c = report.columns;
    const layout = { shopify: 'a Shopify orders export', stripe: 'a Stripe payments export', woocommerce: 'a WooCommerce orders export',
      'online-retail': 'an Online Retail invoice file', cdnow: 'a CDNOW file', generic: 'an order file' }[c.preset] ?? `a ${c.preset} file`;
    const amount = c.amount ?? (c.quantity && c.unitPrice ? `${c.quantity} × ${c.unitPrice}` : '');
    this.#find('mapping-summary').textContent = c.preset === 'customer-summary'
      ? `Read ${this.#source.name} as a customer summary: customer “${c.customer}”, first order “${c.firstOrder}”, last order “${c.lastOrder}”, orders “${c.orders}”, revenue “${c.revenue}”.`
      : `Read ${this.#source.name} as ${layout}: customer “${c.customer}”, date “${c.date}”, amount “${amount}”.`;
    this.#find('mapping-line').classList.remove('is-empty');
    const rejected = report.summary.rowsRejected;
    const link = this.#find('show-rejected');
    link.hidden = !rejected;
    link.textContent = rejected ? `${plural(rejected, 'row')} could not be read: see which` : '';
    for (const id of ['download-report', 'print-report']) this.#find(id).disabled = false;
  }

  // ---- rendering --------------------------------------------------------------------------------------

  // The first screen (the reading line, the summary cards, the RF matrix and the segments) is drawn in
  // the task that received the report, and 'analyzed' fires there; the panels below it follow in later
  // tasks, a few at a time and after the first screen is painted, so no task holds the main thread long
  // (issue 11). A panel still to draw is aria-busy (dimmed, as while loading) and the element carries the
  // `drawing` attribute; 'drawn' fires once the last panel is drawn. Nothing here reads the layout.
  #render(report) {
    const root = this.#root;
    const ticket = ++this.#drawTicket;
    // Money in the file's currency; several currencies are flagged (data quality) and shown without a symbol.
    const currencies = report.dataQuality.currencies ?? [];
    // A shared sign ("$") from the amounts yields to the page's own ISO code, which says which dollar.
    const single = currencies.length === 1 ? currencies[0].currency : null;
    const given = this.getAttribute('currency');
    const singleIsCode = single !== null && /^[A-Za-z]{3}$/.test(single);
    setCurrency(currencies.length > 1 ? null : singleIsCode ? single : given ?? single);
    this.#find('drop-zone').classList.add('compact');
    this.#renderReading(report);
    this.#showMapping(this.#mappingOpen);
    panels.renderSummary(root, report);
    fillRange(this.#find('date-range'), report);
    // A summary has no orders to choose days of (issue 14).
    this.#find('date-range').hidden = report.input?.format === 'customers';
    panels.renderRf(root, report.rfMatrix);
    panels.renderSegments(root, report, (name) => this.#select(name));
    // A customer summary leaves these empty (issue 14): they are hidden, with why, not drawn empty.
    const missing = unavailablePanels(report);
    showUnavailable(root, report);
    enhance(root);
    this.#find('show-all').disabled = false;
    // The rest, in the page's order (what comes into view first is drawn first). [panel, draw]
    const later = [
      ['churn', () => panels.renderChurn(root, report.churnRisk)],
      ['customers', () => {
        const { rfCellNames, segmentNames } = report.customers;
        if (this.#selection === '' || rfCellNames.includes(this.#selection) || segmentNames.includes(this.#selection)) this.#select(this.#selection, { scroll: false });
        else this.#table.clear('select a cell or a segment');
      }],
      ['retention', () => !missing.has('retention') && panels.renderRetention(root, this, report, this.#value('retention-period'))],
      ['repeat', () => panels.renderRepeat(root, this, report)],
      ['gaps', () => !missing.has('gaps') && panels.renderGaps(root, this, report)],
      ['pareto', () => panels.renderPareto(root, this, report)],
      ['performance', () => !missing.has('performance') && panels.renderPerformance(root, report, this.#value('performance-metric'))],
      ['cohorts', () => !missing.has('cohorts') && panels.renderCohorts(root, report, this.#value('cohort-metric'))],
      ['migration', () => !missing.has('migration') && panels.renderMigration(root, report)],
      ['products', () => {
        if (missing.has('products')) return;
        panels.fillProductGroups(root, report);
        panels.renderProducts(root, report, this.#value('products-group'));
      }],
      ['attributes', () => {
        panels.fillAttributes(root, report);
        panels.renderAttributes(root, report, Number(this.#value('attribute-select')));
      }],
      ['clv', () => {
        try {
          panels.renderClv(root, report);
        } catch (error) {
          // The model section is new (issue 5): a shape this panel does not know hides it, never the rest.
          root.querySelector('[data-panel="clv"]').hidden = true;
          console.warn('retention-dashboard: could not show the model section', error);
        }
      }],
      ['quality', () => panels.renderQuality(root, report)],
      [null, () => this.#fillSettings(report)],
      [null, () => this.#fillMapping(report)],
    ];
    for (const [name] of later) if (name) root.querySelector(`[data-panel="${name}"]`)?.setAttribute('aria-busy', 'true');
    this.toggleAttribute('drawing', true);
    this.#pending = later;
    afterPaint(() => this.#drawSome(ticket));
  }

  // Draws the pending panels for about one frame's budget, then yields to the page until the next task.
  #drawSome(ticket) {
    if (ticket !== this.#drawTicket) return; // a newer report, or an error, took over
    // At least one panel per task (none when a download or a print has drawn them all already).
    const until = performance.now() + DRAW_BUDGET_MS;
    let drawn = 0;
    while (this.#pending.length && (drawn++ === 0 || performance.now() < until)) this.#drawNext();
    if (this.#pending.length) setTimeout(() => this.#drawSome(ticket), 0);
    else afterPaint(() => this.#drawn(ticket));
  }

  #drawNext() {
    const [name, draw] = this.#pending.shift();
    draw();
    if (name) this.#root.querySelector(`[data-panel="${name}"]`)?.removeAttribute('aria-busy');
  }

  // Every panel is drawn (and painted): said once, with the report it shows.
  #drawn(ticket) {
    if (ticket !== this.#drawTicket) return;
    this.removeAttribute('drawing');
    this.#emit('drawn', { report: this.#report, name: this.#source.name });
  }

  // Draws what is still pending now (before a download, a print, or an error clears the panels).
  #drawAll() {
    while (this.#pending.length) this.#drawNext();
  }

  // Stops drawing the previous report's panels (an error or the next report replaces them).
  #stopDrawing() {
    this.#drawTicket++;
    this.#pending = [];
    for (const node of this.#root.querySelectorAll('[data-panel][aria-busy]')) node.removeAttribute('aria-busy');
    this.removeAttribute('drawing');
  }

  // Lists the customers of an RF cell or RFM segment; '' lists everyone.
  #select(name, { scroll = true } = {}) {
    const c = this.#report?.customers;
    if (!c) return;
    this.#selection = name;
    const cell = c.rfCellNames.indexOf(name);
    const segment = c.segmentNames.indexOf(name);
    const select = name === '' ? null : cell >= 0 ? (i) => c.rfCell[i] === cell : (i) => c.segment[i] === segment;
    this.#table.show(c, { title: name === '' ? 'all customers' : cell >= 0 ? cellLabel(name) : name, select });
    if (cell >= 0) {
      const [r, f] = name.split('/');
      const rf = this.#report.rfMatrix;
      panels.renderAdvice(this.#root, name, rf.customers[rf.recency.indexOf(r)][rf.frequency.indexOf(f)]);
    }
    for (const node of this.#root.querySelectorAll('[data-testid="rf-cell"]')) node.classList.toggle('is-selected', `${node.dataset.recency}/${node.dataset.frequency}` === name);
    this.#find('export-segment').disabled = name === '';
    this.#find('export-segment').textContent = name === '' ? 'Download CSV' : `Download ${cell >= 0 ? cellLabel(name) : name} as CSV`;
    if (scroll) this.#find('panel-customers').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  #exportSelection() {
    const name = this.#selection;
    if (!this.#report || !name) return;
    const csv = this.#report.exportSegment(name);
    const customers = Math.max(0, csv.split('\r\n').length - 2); // header + rows, the last line ends in CRLF
    const allowed = this.dispatchEvent(new CustomEvent('segment-export', { detail: { name, csv, customers }, bubbles: true, composed: true, cancelable: true }));
    if (!allowed) return;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = h('a', { href: url, download: `${name.replace(/[^\p{L}\p{N}_-]+/gu, '-')}.csv`, hidden: true });
    this.#root.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.#status(`Downloaded ${integer.format(customers)} customers of ${name}.`);
  }

  // ---- the mapping step -------------------------------------------------------------------------------

  async #fillMapping(report) {
    const source = this.#source;
    let preview = { header: [], rows: [] };
    try {
      preview = await readPreview(firstFile(source.blob), report ? { format: report.dataQuality.format, delimiter: report.dataQuality.delimiter } : {});
    } catch {} // the preview is a convenience; the analysis does not depend on it
    if (source !== this.#source) return;
    const mapped = report?.columns ?? { ...this.#options.columns, ...this.#overrides.columns };
    const header = [...preview.header];
    for (const value of Object.values(mapped).flat()) if (typeof value === 'string' && value && !header.includes(value) && value !== mapped.preset) header.push(value);
    const preset = this.#find('preset');
    preset.textContent = report ? `${PRESETS[report.columns.preset] ?? report.columns.preset} layout` : '';
    preset.hidden = !report;
    this.#find('mapping-note').textContent = report
      ? `Detected in ${source.name}. Change any role and re-analyse; the file is read again from this browser's memory.`
      : `Choose the columns of ${source.name} for the roles below and re-analyse.`;
    this.#find('role-grid').replaceChildren(
      ...(report?.input?.format === 'customers' ? SUMMARY_ROLES : ROLES).map(([role, label, required]) => {
        const current = mapped[role] ?? '';
        const options = header.map((name) => h('option', { value: name, text: name, selected: name === current }));
        // Optional roles can always be switched off (sent as `false`), even when detected.
        if (!required || !current) options.unshift(h('option', { value: '', text: required ? '— choose —' : '— not used —', selected: !current }));
        return h('label', { class: 'field' }, h('span', { text: label }), h('select', { name: role, dataset: { testid: `role-${role}` } }, options));
      }),
    );
    const attributes = mapped.attributes ?? [];
    this.#find('attribute-list').replaceChildren(
      ...header.map((name) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: name, checked: attributes.includes(name) }), ` ${name}`)),
    );
    this.#find('attribute-count').textContent = String(attributes.length);
    this.#find('apply-mapping').disabled = false;
    this.#detected = mapped;
    const table = this.#find('preview');
    table.replaceChildren(
      h('thead', {}, h('tr', {}, preview.header.map((name) => h('th', { scope: 'col', text: name })))),
      h('tbody', {}, preview.rows.map((row) => h('tr', {}, row.map((value) => h('td', { text: value }))))),
    );
  }

  #applyMapping() {
    const form = this.#find('mapping-form');
    const columns = { ...this.#overrides.columns };
    for (const select of form.querySelectorAll('select')) {
      const detected = this.#detected[select.name] ?? '';
      if (select.value === detected) continue;
      columns[select.name] = select.value || false; // false: the core does not look for this role
    }
    const ticked = [...form.querySelectorAll('input[type="checkbox"]:checked')].map((box) => box.value);
    if (ticked.join('\n') !== (this.#detected.attributes ?? []).join('\n')) columns.attributes = ticked;
    this.#overrides.columns = columns;
    remember(this.#layout, this.#overrides);
    this.#run(this.#source.blob, this.#source.name);
  }

  // ---- the settings form ------------------------------------------------------------------------------

  #fillSettings(report) {
    const form = this.#find('settings-form');
    form.elements.asOf.value = this.#overrides.asOf ?? '';
    form.elements.asOf.title = `Empty: ${report.summary.asOf ?? 'the latest order'}`;
    for (const [key, value] of Object.entries(report.rfMatrix.thresholds)) form.elements[key].value = value;
    form.elements.green.value = report.churnRisk.multipliers.green;
    form.elements.amber.value = report.churnRisk.multipliers.amber;
    // The basis asked for (the report says the one used: gaps when no model fitted), thresholds as percentages.
    form.elements.churnBasis.value = this.#overrides.churnRisk?.basis ?? 'pAlive';
    const percentOf = (p) => Math.round(p * 1000) / 10;
    form.elements.pAliveGreen.value = percentOf(report.churnRisk.pAlive.green);
    form.elements.pAliveAmber.value = percentOf(report.churnRisk.pAlive.amber);
    form.elements.comparePeriodDays.value = this.#overrides.comparePeriodDays ?? (report.comparison?.basis === 'lastDays' ? report.comparison.current.days : 90);
    this.#find('rules-body').replaceChildren(...report.rfm.segments.filter((s) => s.rules).map((s) => ruleRow(s.name, s.rules, s)));
    this.#find('apply-settings').disabled = false;
  }

  // Checks the settings in place: each field says what is wrong next to it; nothing is re-run until fixed.
  #validateSettings() {
    const form = this.#find('settings-form');
    const say = (name, text) => {
      const input = form.elements[name];
      input.setAttribute('aria-invalid', String(Boolean(text)));
      const slot = form.querySelector(`[data-error="${name}"]`);
      if (slot) slot.textContent = text;
      return !text;
    };
    const number = (name) => Number(form.elements[name].value);
    let ok = true;
    for (const name of ['activeBelowDays', 'lapsedAboveDays', 'multiOrders', 'highValueOrders', 'pAliveGreen', 'pAliveAmber', 'green', 'amber', 'comparePeriodDays']) {
      const input = form.elements[name];
      const min = Number(input.min);
      const text = input.value === '' ? 'Enter a number.'
        : !Number.isFinite(number(name)) ? 'Enter a number.'
        : number(name) < min ? `At least ${min}.`
        : input.max !== '' && number(name) > Number(input.max) ? `At most ${input.max}.`
        : input.step === '1' && !Number.isInteger(number(name)) ? 'Enter a whole number.' : '';
      ok = say(name, text) && ok;
    }
    if (ok && number('lapsedAboveDays') < number('activeBelowDays')) ok = say('lapsedAboveDays', 'Must be at least the active limit.') && ok;
    if (ok && number('highValueOrders') <= number('multiOrders')) ok = say('highValueOrders', 'Must be more than the multi limit.') && ok;
    if (ok && number('amber') < number('green')) ok = say('amber', 'Must be at least the green limit.') && ok;
    if (ok && number('pAliveAmber') > number('pAliveGreen')) ok = say('pAliveAmber', 'Must not be above the green limit.') && ok;
    const asOf = form.elements.asOf.value;
    ok = say('asOf', asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? 'Enter a date.' : '') && ok;
    const names = new Set();
    for (const row of this.#find('rules-body').rows) {
      const inputs = [...row.querySelectorAll('input')];
      const name = inputs[0].value.trim();
      const scores = inputs.slice(1, 7).map((input) => Number(input.value));
      const problem = !name ? 'Give the segment a name.'
        : names.has(name) ? `The name “${name}” is used twice.`
        : scores.some((v) => !Number.isInteger(v) || v < 1 || v > 5) ? `${name}: scores go from 1 to 5.`
        : scores[0] > scores[1] || scores[2] > scores[3] || scores[4] > scores[5] ? `${name}: “from” must not be above “to”.` : '';
      names.add(name);
      row.classList.toggle('is-invalid', Boolean(problem));
      if (problem) {
        ok = false;
        this.#find('settings-error').textContent = problem;
        return false;
      }
    }
    this.#find('settings-error').textContent = ok ? '' : 'Some settings need a fix: see the messages next to them.';
    return ok;
  }

  #applySettings() {
    const form = this.#find('settings-form');
    if (!this.#validateSettings()) return;
    const number = (name) => Number(form.elements[name].value);
    this.#overrides.asOf = form.elements.asOf.value || undefined;
    this.#overrides.rfThresholds = Object.fromEntries(['activeBelowDays', 'lapsedAboveDays', 'multiOrders', 'highValueOrders'].map((k) => [k, number(k)]));
    this.#overrides.churnRisk = {
      basis: form.elements.churnBasis.value,
      pAliveGreen: number('pAliveGreen') / 100,
      pAliveAmber: number('pAliveAmber') / 100,
      green: number('green'),
      amber: number('amber'),
    };
    this.#overrides.comparePeriodDays = number('comparePeriodDays');
    this.#overrides.segments = [...this.#find('rules-body').rows].map((row) => {
      const inputs = [...row.querySelectorAll('input')];
      const [name, rLo, rHi, fLo, fHi, mLo, mHi] = inputs.map((input) => input.value);
      const outsideActiveBand = row.querySelector('input[type="checkbox"]').checked;
      const rule = { name: name.trim(), r: [Number(rLo), Number(rHi)], f: [Number(fLo), Number(fHi)], m: [Number(mLo), Number(mHi)], outsideActiveBand };
      // The texts travel with the rule (the core passes them to the report), unless they are the defaults.
      const [description, action] = [...row.querySelectorAll('textarea')].map((area) => area.value.trim());
      const defaults = SEGMENT_TEXTS[rule.name] ?? {};
      if (description && description !== defaults.who) rule.description = description;
      if (action && action !== defaults.action) rule.action = action;
      return rule;
    });
    remember(this.#layout, this.#overrides);
    if (this.#source) this.#run(this.#source.blob, this.#source.name);
  }

  // Re-analyses the file in memory with the chosen period (issue 10), remembered with the other settings.
  #applyRange() {
    const form = this.#find('date-range');
    const range = readRange(form, this.#report?.dateRange.lastOrder);
    const error = this.#find('range-error');
    error.textContent = range.error ?? '';
    for (const input of [form.elements.from, form.elements.to]) input.setAttribute('aria-invalid', String(Boolean(range.error)));
    if (range.error) return;
    form.elements.from.value = range.from ?? '';
    form.elements.to.value = range.to ?? '';
    if ((range.from ?? undefined) === this.#overrides.from && (range.to ?? undefined) === this.#overrides.to) return;
    this.#overrides.from = range.from ?? undefined;
    this.#overrides.to = range.to ?? undefined;
    remember(this.#layout, this.#overrides);
    if (this.#source) this.#run(this.#source.blob, this.#source.name);
  }

  // ---- wiring -----------------------------------------------------------------------------------------

  #wire() {
    const input = this.#find('file-input');
    input.addEventListener('change', () => {
      if (input.files.length) this.files = [...input.files];
      input.value = ''; // picking the same file again re-runs it
    });
    const zone = this.#find('drop-zone');
    const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
    zone.addEventListener('dragover', (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      zone.classList.add('is-over');
    });
    zone.addEventListener('dragleave', (event) => !zone.contains(event.relatedTarget) && zone.classList.remove('is-over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('is-over');
      if (event.dataTransfer.files.length) this.files = [...event.dataTransfer.files];
    });
    this.#find('cancel').addEventListener('click', () => this.cancel());
    this.#find('date-range').addEventListener('change', (event) => {
      // A date typed in makes the period custom; a preset fills the dates.
      if (event.target.type === 'date') this.#find('range-preset').value = 'custom';
      this.#applyRange();
    });
    this.#find('date-range').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#applyRange();
    });
    this.#find('mapping-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#applyMapping();
    });
    this.#find('settings-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#applySettings();
    });
    this.#find('add-rule').addEventListener('click', () => {
      const row = ruleRow('New segment', { r: [1, 5], f: [1, 5], m: [1, 5] });
      this.#find('rules-body').append(row);
      row.querySelector('input').focus();
    });
    this.#find('reset-rules').addEventListener('click', () => {
      delete this.#overrides.segments;
      remember(this.#layout, this.#overrides);
      if (this.#source) this.#run(this.#source.blob, this.#source.name);
    });
    this.#find('reset-settings').addEventListener('click', () => {
      forgetAll();
      this.#overrides = {};
      this.#status('Forgot the remembered settings, rules and columns; back to the defaults.');
      if (this.#source) this.#run(this.#source.blob, this.#source.name);
    });
    this.#find('settings-form').addEventListener('input', (event) => {
      if (event.target.getAttribute('aria-invalid') === 'true') this.#validateSettings();
    });
    this.#find('change-mapping').addEventListener('click', () => {
      this.#showMapping(!this.#mappingOpen);
      if (this.#mappingOpen) this.#find('role-customer')?.focus();
    });
    this.#find('show-rejected').addEventListener('click', () => {
      const target = this.#root.getElementById('rk-rejected');
      target?.scrollIntoView({ block: 'start' });
      target?.focus({ preventScroll: true });
    });
    this.#find('skip-link').addEventListener('click', (event) => {
      // In a shadow root a fragment link does not move the focus: do it here.
      event.preventDefault();
      const heading = this.#root.getElementById('rk-summary-h');
      heading.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    });
    this.#find('download-report').addEventListener('click', () => this.downloadReport());
    this.#find('print-report').addEventListener('click', () => window.print());
    this.#find('export-segment').addEventListener('click', () => this.#exportSelection());
    this.#find('show-all').addEventListener('click', () => this.#select(''));
    const redraw = {
      'retention-period': (r, v) => panels.renderRetention(this.#root, this, r, v),
      'performance-metric': (r, v) => panels.renderPerformance(this.#root, r, v),
      'cohort-metric': (r, v) => panels.renderCohorts(this.#root, r, v),
      'products-group': (r, v) => panels.renderProducts(this.#root, r, v),
      'attribute-select': (r, v) => panels.renderAttributes(this.#root, r, Number(v)),
    };
    for (const [testid, draw] of Object.entries(redraw)) {
      this.#find(testid).addEventListener('change', (event) => this.#report && draw(this.#report, event.target.value));
    }
  }

  #find(testid) {
    return this.#root.querySelector(`[data-testid="${testid}"]`);
  }

  #value(testid) {
    return this.#find(testid).value;
  }

  #status(text) {
    this.#find('status').textContent = text;
  }

  #progress(fraction) {
    this.#find('progress-row').classList.add('active');
    const bar = this.#find('progress');
    if (fraction === undefined) bar.removeAttribute('value');
    else bar.value = fraction;
  }

  #setState(state) {
    this.setAttribute('state', state);
    this.#root.firstElementChild.dataset.state = state;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function parseOptions(text) {
  if (!text) return {};
  const value = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('expected an object');
  return value;
}

// One editable row of the segment rules: name, R, F and M from/to scores, "only outside the active band",
// then who the segment's customers are and the next step (the rule's own texts, else texts.js).
function ruleRow(name, rules, segment = {}) {
  const score = (label, value) => h('td', {}, h('input', { type: 'number', min: '1', max: '5', step: '1', required: true, value: String(value), 'aria-label': label }));
  const row = h('tr', {}, h('td', {}, h('input', { type: 'text', required: true, value: name, 'aria-label': 'Segment name' })));
  for (const key of ['r', 'f', 'm']) {
    row.append(score(`${name}: ${key.toUpperCase()} from`, rules[key][0]), score(`${name}: ${key.toUpperCase()} to`, rules[key][1]));
  }
  row.append(h('td', {}, h('input', { type: 'checkbox', checked: Boolean(rules.outsideActiveBand), 'aria-label': `${name}: only customers outside the active band` })));
  const defaults = SEGMENT_TEXTS[name] ?? {};
  const text = (label, value) => h('td', {}, h('textarea', { rows: '2', 'aria-label': label, dataset: { testid: 'rule-text' } }, value ?? ''));
  row.append(text(`${name}: who they are`, segment.description || defaults.who), text(`${name}: next step`, segment.action || defaults.action));
  row.append(h('td', {}, h('button', { type: 'button', class: 'button secondary small', text: 'Remove', 'aria-label': `Remove ${name}`, onclick: () => row.remove() })));
  return row;
}

if (globalThis.customElements && !customElements.get('retention-dashboard')) {
  customElements.define('retention-dashboard', RetentionDashboard);
}
