// <retention-dashboard>: the whole dashboard as one element, for the demo page and for admin panels.
//
//   <retention-dashboard src="orders.csv" options='{"churnRisk":{"green":2}}'></retention-dashboard>
//   dashboard.file = someFileOrBlob;          // analyses it (also: await dashboard.analyze(blob, {name}))
//   dashboard.addEventListener('analyzed', (e) => e.detail.report);
//
// Attributes: src (a same-origin URL to analyse) and name (the file name to show for it), options (JSON of the engine's AnalyzeOptions), as-of,
// and where the engine is (createEngine's settings): wasm-url, worker-url, worker="false".
// Properties: file, options, engine (createEngine's settings), report (read-only), state. Methods: analyze(input, {name}), cancel().
// Safe to import on a server: the element is defined only where customElements exists.
// Events (bubbling, composed): progress {fraction, bytesLoaded, bytesTotal}, analyzed {report, name, seconds},
// error {error, name}, segment-export {name, csv, customers} (cancelable: preventDefault() stops the download).
// Themeable with CSS custom properties (--rk-accent, --rk-text, --rk-surface ...; see README).
import { createEngine } from '../lib/index.js';
import { CustomerTable } from './dashboard/customer-table.js';
import { cellLabel, h, integer } from './dashboard/dom.js';
import * as panels from './dashboard/panels.js';
import { readPreview } from './dashboard/preview.js';
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
const PRESETS = { shopify: 'Shopify', stripe: 'Stripe', woocommerce: 'WooCommerce', 'online-retail': 'Online Retail', cdnow: 'CDNOW', generic: 'Generic' };

let sheet; // one constructed stylesheet shared by every dashboard (not an inline <style>: CSP-friendly)

// On a server (no DOM) the class still exists, for imports and types, but is never defined as an element.
const ElementBase = globalThis.HTMLElement ?? class {};
const ENGINE_ATTRIBUTES = { 'wasm-url': 'wasmUrl', 'worker-url': 'workerUrl', worker: 'worker' };

export class RetentionDashboard extends ElementBase {
  static observedAttributes = ['src', 'options', 'as-of', ...Object.keys(ENGINE_ATTRIBUTES)];

  #root;
  #engine; // Promise<Engine>, created on first use
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
    this.#wire();
  }

  connectedCallback() {
    this.#setState(this.#report ? 'ready' : 'idle');
    if (this.hasAttribute('src') && !this.#source && !this.#controller) this.#loadSrc();
  }

  disconnectedCallback() {
    this.cancel();
  }

  attributeChangedCallback(name, previous, value) {
    if (previous === value) return;
    if (name in ENGINE_ATTRIBUTES) {
      if (!this.#engineSettings) this.#replaceEngine();
      return;
    }
    if (name === 'src') {
      if (this.isConnected && value) this.#loadSrc();
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

  get file() {
    return this.#source?.blob ?? null;
  }

  set file(blob) {
    if (blob) this.#run(blob, blob.name ?? 'the file', { newFile: true });
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

  // ---- running ----------------------------------------------------------------------------------------

  #engineAttributes() {
    const settings = {};
    for (const [attribute, key] of Object.entries(ENGINE_ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value !== null) settings[key] = key === 'worker' ? value !== 'false' : value;
    }
    return settings;
  }

  // The next analysis starts an engine with the new settings; the old one is closed (a run on it ends as cancelled).
  #replaceEngine() {
    const old = this.#engine;
    this.#engine = undefined;
    old?.then((engine) => setTimeout(() => engine.close(), 0)).catch(() => {});
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
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (newFile) {
      // Another file has other columns and dates; the bands, lights and rules carry over.
      delete this.#overrides.columns;
      delete this.#overrides.asOf;
    }
    this.#setState('loading');
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
          // Read to the end: the core now computes (for a large file, seconds): say so, bar indeterminate.
          const computing = fraction === 1;
          this.#progress(computing ? undefined : fraction);
          if (computing) this.#status(`Read ${name}; computing segments, retention and predicted value…`);
          this.#emit('progress', { fraction, ...detail });
        },
      });
      if (this.#controller !== controller) return null;
      const seconds = (performance.now() - started) / 1000;
      this.#source = { blob, name };
      this.#report = report;
      this.#render(report);
      this.#status(`Analysed ${name}: ${integer.format(report.summary.customers)} customers in ${seconds.toFixed(1)} s.`);
      this.#setState('ready');
      this.#emit('analyzed', { report, name, seconds });
      return report;
    } catch (error) {
      if (this.#controller !== controller) return null;
      if (error?.name === 'AbortError') {
        this.#status(`Cancelled the analysis of ${name}.${this.#report ? ` The results shown are still those of ${this.#source.name}.` : ''}`);
        this.#setState(this.#report ? 'ready' : 'idle');
        return null;
      }
      this.#source = { blob, name };
      this.#showError(error, name);
      return error;
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.#find('progress-row').classList.remove('active');
      }
    }
  }

  #showError(error, name) {
    const line = error?.line > 0 && !/\bline \d+/i.test(error.message) ? ` (line ${error.line})` : '';
    const box = this.#find('error');
    box.textContent = `${error?.message ?? error}${line}`;
    box.hidden = false;
    this.#status(`Could not analyse ${name}.`);
    this.#report = null;
    panels.clearPanels(this.#root);
    this.#table.clear('select a cell or a segment');
    this.#selection = null;
    this.#setState('error');
    this.#emit('error', { error, name });
    if (this.#source) this.#fillMapping(null);
  }

  // ---- rendering --------------------------------------------------------------------------------------

  #render(report) {
    const root = this.#root;
    panels.renderSummary(root, report);
    panels.renderRf(root, report.rfMatrix);
    panels.renderSegments(root, report, (name) => this.#select(name));
    panels.renderChurn(root, report.churnRisk);
    panels.renderRetention(root, this, report, this.#value('retention-period'));
    panels.renderRepeat(root, this, report);
    panels.renderGaps(root, this, report);
    panels.renderPareto(root, this, report);
    panels.renderPerformance(root, report, this.#value('performance-metric'));
    panels.renderCohorts(root, report, this.#value('cohort-metric'));
    panels.renderMigration(root, report);
    panels.fillProductGroups(root, report);
    panels.renderProducts(root, report, this.#value('products-group'));
    panels.fillAttributes(root, report);
    panels.renderAttributes(root, report, Number(this.#value('attribute-select')));
    try {
      panels.renderClv(root, report);
    } catch (error) {
      // The model section is new (issue 5): a shape this panel does not know hides it, never the rest.
      root.querySelector('[data-panel="clv"]').hidden = true;
      console.warn('retention-dashboard: could not show the model section', error);
    }
    panels.renderQuality(root, report);
    this.#fillSettings(report);
    this.#fillMapping(report);
    const { rfCellNames, segmentNames } = report.customers;
    if (this.#selection === '' || rfCellNames.includes(this.#selection) || segmentNames.includes(this.#selection)) this.#select(this.#selection, { scroll: false });
    else this.#table.clear('select a cell or a segment');
    this.#find('show-all').disabled = false;
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
      preview = await readPreview(source.blob, report ? { format: report.dataQuality.format, delimiter: report.dataQuality.delimiter } : {});
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
      ...ROLES.map(([role, label, required]) => {
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
    this.#find('rules-body').replaceChildren(...report.rfm.segments.filter((s) => s.rules).map((s) => ruleRow(s.name, s.rules)));
    this.#find('apply-settings').disabled = false;
  }

  #applySettings() {
    const form = this.#find('settings-form');
    if (!form.reportValidity()) return;
    const number = (name) => Number(form.elements[name].value);
    this.#overrides.asOf = form.elements.asOf.value || undefined;
    this.#overrides.rfThresholds = Object.fromEntries(['activeBelowDays', 'lapsedAboveDays', 'multiOrders', 'highValueOrders'].map((k) => [k, number(k)]));
    this.#overrides.churnRisk = { green: number('green'), amber: number('amber') };
    this.#overrides.segments = [...this.#find('rules-body').rows].map((row) => {
      const inputs = [...row.querySelectorAll('input')];
      const [name, rLo, rHi, fLo, fHi, mLo, mHi] = inputs.map((input) => input.value);
      const outsideActiveBand = inputs.at(-1).checked;
      return { name: name.trim(), r: [Number(rLo), Number(rHi)], f: [Number(fLo), Number(fHi)], m: [Number(mLo), Number(mHi)], outsideActiveBand };
    });
    if (this.#source) this.#run(this.#source.blob, this.#source.name);
  }

  // ---- wiring -----------------------------------------------------------------------------------------

  #wire() {
    const input = this.#find('file-input');
    input.addEventListener('change', () => {
      if (input.files[0]) this.file = input.files[0];
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
      if (event.dataTransfer.files[0]) this.file = event.dataTransfer.files[0];
    });
    this.#find('cancel').addEventListener('click', () => this.cancel());
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
      if (this.#source) this.#run(this.#source.blob, this.#source.name);
    });
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

// One editable row of the segment rules: name, R, F and M from/to scores, then "only outside the active band".
function ruleRow(name, rules) {
  const score = (label, value) => h('td', {}, h('input', { type: 'number', min: '1', max: '5', step: '1', required: true, value: String(value), 'aria-label': label }));
  const row = h('tr', {}, h('td', {}, h('input', { type: 'text', required: true, value: name, 'aria-label': 'Segment name' })));
  for (const key of ['r', 'f', 'm']) {
    row.append(score(`${name}: ${key.toUpperCase()} from`, rules[key][0]), score(`${name}: ${key.toUpperCase()} to`, rules[key][1]));
  }
  row.append(h('td', {}, h('input', { type: 'checkbox', checked: Boolean(rules.outsideActiveBand), 'aria-label': `${name}: only customers outside the active band` })));
  row.append(h('td', {}, h('button', { type: 'button', class: 'button secondary small', text: 'Remove', 'aria-label': `Remove ${name}`, onclick: () => row.remove() })));
  return row;
}

if (globalThis.customElements && !customElements.get('retention-dashboard')) {
  customElements.define('retention-dashboard', RetentionDashboard);
}
