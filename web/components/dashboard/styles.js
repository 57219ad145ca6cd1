// The dashboard's styles, adopted into its shadow root as a constructed stylesheet (no inline <style>,
// so a page's CSP needs no 'unsafe-inline'). Theme it from outside with the --rk-* custom properties.
export const STYLES = `
:host {
  --rk-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  --rk-text: #1b1f2a;
  --rk-muted: #4d5666;
  --rk-bg: transparent;
  --rk-surface: #ffffff;
  --rk-border: #d3d8e0;
  --rk-grid: #e6e9ee;
  --rk-accent: #1f5fbf;
  --rk-accent-2: #b8561a;
  --rk-accent-text: #ffffff;
  --rk-heat: #1f5fbf;
  --rk-good: #1d7a36;
  --rk-warn: #a85c00;
  --rk-bad: #b42318;
  --rk-faded: #b7c8e4;
  --rk-radius: 12px;
  --rk-gap: 16px;
  display: block;
  font-family: var(--rk-font);
  color: var(--rk-text);
  background: var(--rk-bg);
  line-height: 1.45;
  container-type: inline-size;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.rk { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--rk-gap); }
@container (min-width: 900px) { .rk { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.panel { background: var(--rk-surface); border: 1px solid var(--rk-border); border-radius: var(--rk-radius); padding: 16px; min-width: 0; transition: opacity .2s; }
.panel.wide { grid-column: 1 / -1; }
.rk[data-state="loading"] .panel:not(.input) { opacity: .6; }
/* a panel still to be drawn for the results above it (drawn in the next few tasks) */
.rk .panel[aria-busy="true"] { opacity: .6; }
h2 { font-size: 1.1rem; margin: 0 0 4px; }
h3 { font-size: 1rem; margin: 16px 0 6px; }
.panel-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
.note, .hint { color: var(--rk-muted); font-size: .875rem; margin: 0 0 10px; }
.badge { background: var(--rk-grid); border-radius: 999px; padding: 2px 10px; font-size: .8rem; }
.warn { color: var(--rk-bad); }

/* controls */
.button { display: inline-flex; align-items: center; justify-content: center; min-height: 40px; padding: 8px 16px; border-radius: 8px; border: 1px solid var(--rk-accent);
  background: var(--rk-accent); color: var(--rk-accent-text); font: inherit; font-weight: 600; cursor: pointer; }
.button.secondary { background: var(--rk-surface); color: var(--rk-accent); }
.button.small { min-height: 32px; padding: 4px 10px; font-size: .85rem; }
.button:disabled { opacity: .5; cursor: not-allowed; }
button, input, select, summary, .vbody { outline-offset: 2px; }
:focus-visible { outline: 3px solid var(--rk-accent); }
input[type="file"]:focus-visible + label { outline: 3px solid var(--rk-accent); outline-offset: 2px; }
.field { display: grid; gap: 4px; font-size: .875rem; color: var(--rk-muted); }
.field.inline { display: inline-flex; align-items: center; gap: 8px; }
.field input, .field select, .rules-table input { font: inherit; color: var(--rk-text); background: var(--rk-surface); border: 1px solid var(--rk-border); border-radius: 6px; min-height: 36px; padding: 4px 8px; min-width: 0; }
.buttons, .toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-top: 12px; }
.toolbar { margin: 8px 0 12px; }
fieldset { border: 1px solid var(--rk-border); border-radius: 8px; margin: 0 0 12px; padding: 10px 12px; display: grid; gap: 10px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr)); }
legend { font-weight: 600; padding: 0 4px; max-width: 100%; white-space: normal; }
fieldset { min-width: 0; } /* a fieldset is min-content wide by default: the rules table would widen the page */
fieldset.rules, fieldset.attributes { display: block; }

/* input */
.drop-zone { border: 2px dashed var(--rk-border); border-radius: var(--rk-radius); padding: 20px; text-align: center; }
.drop-zone.is-over { border-color: var(--rk-accent); background: color-mix(in srgb, var(--rk-accent) 8%, var(--rk-surface)); }
.drop-text { margin: 0 0 8px; font-weight: 600; }
.drop-zone .hint { margin: 10px 0 0; }
.privacy { margin: 12px 0 0; font-size: .9rem; }
.status-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin-top: 8px; min-height: 44px; }
.status { margin: 0; flex: 1 1 240px; }
.progress-row { display: flex; align-items: center; gap: 8px; visibility: hidden; }
.progress-row.active { visibility: visible; }
progress { width: min(220px, 40vw); height: 10px; accent-color: var(--rk-accent); }
.error { margin-top: 8px; padding: 10px 12px; border-radius: 8px; background: color-mix(in srgb, var(--rk-bad) 10%, var(--rk-surface)); color: var(--rk-bad); border: 1px solid var(--rk-bad); }
.error strong { font-weight: 650; }

/* mapping and settings */
.role-grid { display: grid; gap: 10px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 170px), 1fr)); margin-bottom: 12px; }
.checks { display: flex; flex-wrap: wrap; gap: 4px 14px; max-height: 7.5em; overflow: auto; font-size: .875rem; }
.check { white-space: nowrap; }
.preview { margin-top: 12px; }
summary { cursor: pointer; }
.preview-scroll { max-height: 260px; }
details.settings > summary { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
details.settings > summary h2 { display: inline; }
details.settings > summary .note { margin: 0; }
.settings-form { margin-top: 12px; }
.rules-table input { width: 4.5em; }
.rules-table td:first-child input { width: 12em; }

/* cards */
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 168px), 1fr)); gap: 12px; margin: 4px 0 8px; }
.card { border: 1px solid var(--rk-border); border-radius: 8px; padding: 8px 16px; min-height: 80px; min-width: 0; container-type: inline-size; }
/* The value shrinks with its card (never wraps, never overflows): about 10 characters per card width. */
.card dd[data-field] { font-size: clamp(1rem, 15cqi, 1.5rem); }
.card dt { font-size: .8rem; color: var(--rk-muted); }
.card dd { margin: 4px 0 0; line-height: 1.2; font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; letter-spacing: -.01em; }
.card dd.delta { font-size: .75rem; line-height: 1.3; font-weight: 400; color: var(--rk-muted); white-space: normal; letter-spacing: 0; margin-top: 2px; }
.card dd.delta[data-tone="good"] { color: var(--rk-good); }
.card dd.delta[data-tone="bad"] { color: var(--rk-bad); }
/* A change resting on no base or on a handful of customers: said, but quiet. */
.card dd.delta[data-tone="muted"] { color: var(--rk-muted); font-style: italic; }
/* A rate's count sits with its value, in the text colour: part of the answer, not a footnote. */
.card dd.count { color: var(--rk-text); font-variant-numeric: tabular-nums; }

/* the date range in the summary's heading row (issue 10) */
.range { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; margin: 0 auto 0 0; }
[data-testid="summary-period"] { font-size: .8rem; }
.range .field input, .range .field select { min-height: 32px; padding: 2px 4px; }
/* The presets name their last day ("… of the file, to 30 Dec 2024"): the select is as wide as the chosen one. */
.range .field select { field-sizing: content; max-width: 100%; }
.range .field.inline { gap: 4px; }
.card dd.delta .size { white-space: nowrap; }

/* tables */
.table-scroll { overflow: auto; max-width: 100%; }
[data-body] { min-height: 120px; }
[data-body="quality"] { min-height: 160px; }
[data-body="cohorts"], [data-body="attributes"] { max-height: 520px; }
table.data { border-collapse: collapse; font-size: .85rem; width: 100%; font-variant-numeric: tabular-nums; }
table.data th, table.data td { padding: 5px 8px; border-bottom: 1px solid var(--rk-grid); text-align: left; white-space: nowrap; }
table.data thead th { position: sticky; top: 0; background: var(--rk-surface); color: var(--rk-muted); font-weight: 600; }
table.data .num { text-align: right; }
table.data tbody th { position: sticky; left: 0; background: var(--rk-surface); z-index: 1; }
table.data .rule { display: block; color: var(--rk-muted); font-size: .75rem; font-weight: 400; }
table.data .total { font-weight: 700; }
.heat { background: color-mix(in srgb, var(--rk-heat) calc(var(--heat, 0) * 62%), var(--rk-surface)); color: var(--rk-text); }
/* At most 62% of the heat colour: dark text keeps 4.5:1 on every shade (no white-on-light-blue). */
.heat.is-dark { color: var(--rk-text); }
.bar-cell { display: flex; align-items: center; gap: 6px; min-width: 150px; }
.bar { display: inline-block; height: 10px; width: calc(var(--value, 0) * 80px); min-width: 1px; background: var(--rk-accent); border-radius: 2px; }
.link { font: inherit; color: var(--rk-accent); background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; text-align: left; }
.link:disabled { color: var(--rk-muted); text-decoration: none; cursor: default; }

/* RF matrix */
table.rf { border-collapse: separate; border-spacing: 4px; width: 100%; table-layout: fixed; }
table.rf th { font-size: .85rem; text-align: center; font-weight: 600; }
table.rf th[scope="row"] { text-align: left; width: 6.5em; }
.rf-corner { font-size: .7rem; color: var(--rk-muted); width: 6.5em; }
.rf-corner span, .rf-name, .rf-rule { display: block; }
.rf-rule { font-weight: 400; color: var(--rk-muted); font-size: .75rem; }
.rf-cell { border-radius: 8px; padding: 0; height: 84px; }
.rf-button { all: unset; box-sizing: border-box; display: flex; flex-direction: column; align-items: center; justify-content: center; width: 100%; height: 100%; padding: 6px; border-radius: 8px; cursor: pointer; text-align: center; }
.rf-button:disabled { cursor: default; }
.rf-button:focus-visible { outline: 3px solid var(--rk-accent-2); }
.rf-customers { font-size: 1.3rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.rf-revenue, .rf-share { font-size: .75rem; white-space: nowrap; }
.rf-few { font-size: .7rem; font-style: italic; min-height: 1em; }
.rf-cell.is-small { background: repeating-linear-gradient(135deg, var(--rk-surface) 0 6px, var(--rk-grid) 6px 8px); }
.rf-cell.is-small .rf-customers { color: var(--rk-muted); }
.rf-cell.is-selected { box-shadow: inset 0 0 0 3px var(--rk-accent-2); }
@container (max-width: 560px) {
  .panel { padding: 12px; }
  table.rf { border-spacing: 3px; }
  table.rf th[scope="row"], .rf-corner { width: 4.6em; font-size: .75rem; }
  .rf-cell { height: 80px; }
  .rf-revenue, .rf-share { font-size: .68rem; }
  .rf-share-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
}

/* churn lights */
.lights { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.light { display: grid; grid-template-columns: 28px minmax(3.5em, auto) 1fr auto; align-items: center; gap: 10px; padding: 10px; border: 1px solid var(--rk-border); border-radius: 8px; min-height: 56px; }
.light strong { font-size: 1.3rem; font-variant-numeric: tabular-nums; }
.lamp { width: 24px; height: 24px; border-radius: 50%; }
.green .lamp { background: var(--rk-good); }
.amber .lamp { background: var(--rk-warn); }
.red .lamp { background: var(--rk-bad); }
.share { color: var(--rk-muted); font-size: .85rem; }

/* charts (uPlot's own rules, scoped here) */
.chart { height: 220px; width: 100%; overflow: hidden; border-radius: 4px; }
.chart:focus-visible { outline: 3px solid var(--rk-accent); }
.chart-tip { min-height: 1.45em; margin: 4px 0 0; font-size: .85rem; font-variant-numeric: tabular-nums; }
.chart-data { margin-top: 8px; font-size: .875rem; }
.chart-data > summary { color: var(--rk-accent); }
.uplot, .uplot * { box-sizing: border-box; }
.uplot { font-family: var(--rk-font); line-height: 1.5; width: min-content; }
.u-wrap { position: relative; user-select: none; }
.u-over, .u-under { position: absolute; }
.u-under { overflow: hidden; }
.uplot canvas { display: block; position: relative; width: 100%; height: 100%; }
.u-axis { position: absolute; }
.u-select { position: absolute; pointer-events: none; }
.u-cursor-x, .u-cursor-y, .u-cursor-pt { position: absolute; left: 0; top: 0; pointer-events: none; }
.u-axis.u-off, .u-select.u-off, .u-cursor-x.u-off, .u-cursor-y.u-off, .u-cursor-pt.u-off { display: none; }

/* customer table */
.vscroll { overflow-x: auto; }
.vtable { min-width: 1180px; font-size: .85rem; font-variant-numeric: tabular-nums; }
.vrow { display: grid; grid-template-columns: var(--columns, repeat(9, 1fr)); align-items: center; height: 32px; border-bottom: 1px solid var(--rk-grid); }
.vrow > div { padding: 0 8px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.vrow > div[data-key="id"] { user-select: all; }
.vrow .num { text-align: right; }
.vrow.head { border-bottom: 2px solid var(--rk-border); height: 48px; align-items: end; padding-bottom: 4px; }
.vrow.head > div { white-space: normal; overflow: visible; line-height: 1.2; }
.vbody { position: relative; height: 384px; overflow-y: auto; contain: strict; }
.vbody .vrow { position: absolute; left: 0; right: 0; top: 0; }
.vspacer { width: 1px; }
/* Before a selection, a note of the table's height takes its place (nothing moves when it appears). */
.vempty { height: 160px; margin: 0; padding: 0 16px; display: flex; align-items: center; justify-content: center; text-align: center; color: var(--rk-muted); border-top: 2px solid var(--rk-border); }
.customers:not([data-empty]) .vempty, .customers[data-empty] .vscroll { display: none; }
.sort { all: unset; cursor: pointer; font-weight: 600; color: var(--rk-muted); }
.sort:focus-visible { outline: 3px solid var(--rk-accent); }
[aria-sort="ascending"] .sort::after { content: " ▲"; }
[aria-sort="descending"] .sort::after { content: " ▼"; }
[role="columnheader"].num { text-align: right; }
.risk::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; vertical-align: -1px; }
.risk-green::before { background: var(--rk-good); }
.risk-amber::before { background: var(--rk-warn); }
.risk-red::before { background: var(--rk-bad); }

/* predicted value, data quality */
.clv-grid { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr)); gap: 8px 16px; margin: 0; }
.facts div { border-left: 3px solid var(--rk-border); padding-left: 8px; }
.facts div.warn { border-left-color: var(--rk-bad); }
.facts dt { font-size: .8rem; color: var(--rk-muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }

/* ---- issue 10: insight first, plain words, honest numbers ---- */
.skip-link { position: absolute; left: 8px; top: 8px; z-index: 10; padding: 8px 16px; border-radius: 8px; background: var(--rk-accent); color: var(--rk-accent-text); font-weight: 600; }
.skip-link:not(:focus) { width: 1px; height: 1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.rk { position: relative; }
.banner { grid-column: 1 / -1; margin: 0; padding: 8px 16px; border-radius: var(--rk-radius); background: #fff4d6; border: 1px solid #e2b54b; color: #4a3500; }
h2 { font-size: 1.125rem; font-weight: 650; letter-spacing: -.005em; }
#rk-summary-h:focus { outline: none; }
/* Once a file is read the input is one compact bar: the file button, the status, the reading. */
.rk:not([data-state="idle"]) .input { display: grid; grid-template-columns: auto minmax(0, 1fr); align-items: center; gap: 4px 16px; padding: 12px 16px; }
.rk:not([data-state="idle"]) .input > :not(.drop-zone, .status-row) { grid-column: 1 / -1; }
.rk:not([data-state="idle"]) .privacy { display: none; }
.drop-zone.compact { border: 0; padding: 0; text-align: left; }
.drop-zone.compact .drop-text, .drop-zone.compact .hint { display: none; }
.drop-zone.compact .button { min-height: 36px; padding: 4px 12px; }
.rk:not([data-state="idle"]) .status-row { margin: 0; min-height: 40px; }
.rk:not([data-state="idle"]) .progress-row:not(.active) { display: none; }
/* A file that could not be read: the error and the columns, not the previous file's empty panels. */
.rk[data-state="error"] > .panel:not(.input, .mapping) { display: none; }
.mapping-line.is-empty { visibility: hidden; }
.rk[data-state="idle"] .mapping-line.is-empty, .rk[data-state="error"] .mapping-line.is-empty { display: none; }
.mapping-line { min-height: 1.45em; margin: 0; font-size: .875rem; color: var(--rk-muted); display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.actions .note { margin: 0 8px 0 0; }
.error .next { font-weight: 400; }
.nowrap { white-space: nowrap; }
.is-small, td.is-small, th.is-small { color: var(--rk-muted); }
td.is-small { font-style: italic; }
.few { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 999px; border: 1px dashed var(--rk-muted); color: var(--rk-muted); font-size: .7rem; font-style: normal; }
.history { color: var(--rk-warn); font-weight: 600; }
.advice { margin-top: 12px; padding: 12px 16px; border-left: 4px solid var(--rk-accent); background: color-mix(in srgb, var(--rk-accent) 5%, var(--rk-surface)); border-radius: 0 8px 8px 0; min-height: 96px; }
.advice p { margin: 0 0 4px; font-size: .9rem; }
.advice .note { margin: 0; }
.segment-text { display: grid; gap: 2px; white-space: normal; min-width: 15rem; max-width: 36rem; }
.segment-text .who { font-weight: 400; font-size: .8rem; color: var(--rk-muted); }
.segment-text .action { font-weight: 400; font-size: .8rem; color: var(--rk-text); }
.segment-text .action strong { font-weight: 600; }
table.data tbody th.segment-cell { position: static; }
table.data td, table.data th { vertical-align: top; }
.term { text-decoration: underline dotted; text-underline-offset: 3px; cursor: help; position: relative; }
.term .tip { display: none; position: absolute; left: 0; top: 1.6em; z-index: 5; width: min(280px, 70vw); padding: 8px 12px; border-radius: 8px; background: var(--rk-text); color: #fff; font-size: .8rem; font-weight: 400; line-height: 1.4; text-decoration: none; white-space: normal; }
.term:hover .tip, .term:focus .tip, .term:focus-within .tip { display: block; }
.scroll-cue { display: none; margin: 0 0 4px; font-size: .8rem; color: var(--rk-muted); text-align: right; }
.scroll-cue[data-show] { display: block; }
.table-scroll[data-overflow] { background: linear-gradient(to left, var(--rk-surface) 30%, transparent) right / 24px 100% no-repeat local, linear-gradient(to left, rgba(0,0,0,.14), transparent) right / 10px 100% no-repeat scroll; }
.table-scroll:focus-visible { outline: 3px solid var(--rk-accent); }
.field-error { color: var(--rk-bad); font-size: .8rem; min-height: 0; }
.field-error:empty { display: none; }
[aria-invalid="true"] { border-color: var(--rk-bad) !important; box-shadow: 0 0 0 1px var(--rk-bad); }
.rules-table textarea { font: inherit; font-size: .8rem; width: 16em; min-height: 2.6em; border: 1px solid var(--rk-border); border-radius: 6px; padding: 4px 6px; }
tr.is-invalid input { border-color: var(--rk-bad); }
details.how { margin-top: 12px; }
details.how > summary, .attributes-details > summary { color: var(--rk-accent); font-size: .9rem; }
.model-error { color: var(--rk-text); }
.attributes-details { margin-bottom: 12px; }
@container (min-width: 1100px) {
  .rk > .summary .cards { grid-template-columns: repeat(6, minmax(0, 1fr)); }
}
@container (min-width: 600px) and (max-width: 1099.98px) {
  .rk > .summary .cards { grid-template-columns: repeat(3, minmax(0, 1fr)); }
}
@container (max-width: 560px) {
  .rk:not([data-state="idle"]) .input { grid-template-columns: minmax(0, 1fr); }
  .card { padding: 10px 12px; min-height: 72px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .banner { padding: 8px 12px; font-size: .875rem; }
  .rk:not([data-state="idle"]) .privacy { display: none; }
  .rf-few { font-size: .62rem; }
}

/* Print: the report a merchant hands on (summary, matrix, segments with actions, retention, cohorts). */
@media print {
  :host { color: #000; }
  .rk { display: block; }
  .panel { break-inside: avoid; border-color: #999; margin-bottom: 12px; padding: 12px; }
  .input, [data-panel="mapping"], .settings, .customers, .skip-link, .banner, .toolbar, form, select, .chart-tip, .chart-data > summary, .actions, .scroll-cue { display: none !important; }
  .chart-data { display: none; }
  .table-scroll { overflow: visible !important; max-height: none !important; }
  /* Paper does not scroll: wide tables wrap their cells and shrink instead of running off the page. */
  table.data { font-size: 7.5pt; }
  table.data th, table.data td { white-space: normal; padding: 2px 4px; }
  table.data thead th, table.data tbody th { position: static; }
  .segment-text { min-width: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
