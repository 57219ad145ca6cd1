// Issue 10 point 10 and issue 14 point 3 in the built demo (dist/demo), Debian's Chromium: the date
// range changes the numbers as the native CLI computes them with --from/--to, the cards show the
// changes against the previous period and last year, the range survives a reload, two overlapping
// halves of a file dropped together give the one file's numbers, axe-core is clean on the new
// controls, and nothing is clipped at 390, 1024 and 1440 px.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { RESULTS, assertSameOrigin, axeViolations, cliReport, clippedWithoutCue, openSampleDashboard, pageRfMatrix, repo, waitDrawn, waitReady } from './helpers.js';

const SAMPLE = repo('examples/sample-shop.csv');
const HEIGHT = { 390: 844, 1024: 768, 1440: 900 };
let session;
let page;

before(async () => {
  session = await openSampleDashboard();
  page = session.page;
});
after(() => session?.close());

const dash = (selector) => page.locator(selector);
const digits = (text) => text.replace(/[^\d]/g, '');
const card = async (name) => digits(await dash(`[data-testid="summary"] [data-field="${name}"]`).textContent());
const delta = (name, year = false) => dash(`[data-testid="summary"] [${year ? 'data-delta-year' : 'data-delta'}="${name}"]`).textContent();

// The date range of the next analysis (ending on `to`, when given: typing two dates analyses after
// each), listened for before the action that causes it.
async function nextAnalysis(action, to) {
  await page.evaluate((wanted) => {
    window.__nextAnalysis = new Promise((resolve) => {
      const dashboard = document.querySelector('retention-dashboard');
      const listener = (e) => {
        if (wanted && e.detail.report.dateRange.to !== wanted) return;
        dashboard.removeEventListener('analyzed', listener);
        resolve(e.detail.report.dateRange);
      };
      dashboard.addEventListener('analyzed', listener);
    });
  }, to);
  await action();
  const range = await page.evaluate(() => window.__nextAnalysis);
  await waitDrawn(page); // the panels below the first screen too
  return range;
}

// The summary cards and the RF matrix equal the native CLI's report for the same arguments.
async function assertShows(expected) {
  assert.equal(await card('customers'), String(expected.summary.customers));
  assert.equal(await card('orders'), String(expected.summary.orders));
  assert.equal(await card('revenue'), digits(expected.summary.revenue.toFixed(2)));
  assert.deepEqual(await pageRfMatrix(page), expected.rfMatrix.customers);
}

// The change a card shows, as the core computed it: the arrow, the whole percent and the count.
function expectedLine(comparison, which, key) {
  const period = comparison[which];
  const change = period.change[key];
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '●';
  const count = Math.abs(comparison.current[key] - period[key]);
  const name = which === 'previousPeriod' ? 'previous' : 'last year';
  return new RegExp(`^${arrow}\\s[+−±]${Math.round(Math.abs(change) * 100)}%\\s\\([+−±]${count}\\) vs ${name}$`);
}
// The period a card's line compares with, named in full on hover.
const deltaTitle = (name, year = false) => dash(`[data-testid="summary"] [${year ? 'data-delta-year' : 'data-delta'}="${name}"]`).getAttribute('title');

test('the cards show the change against the previous 90 days and last year, as the core computes it', async () => {
  const full = cliReport(SAMPLE);
  assert.equal(full.comparison.basis, 'lastDays');
  await assertShows(full);
  for (const key of ['customers', 'orders']) {
    assert.match(await delta(key), expectedLine(full.comparison, 'previousPeriod', key));
    assert.match(await delta(key, true), expectedLine(full.comparison, 'samePeriodLastYear', key));
  }
  assert.match(await delta('repeatRate'), /^[▲▼●]\s[+−±][\d.]+\spts vs previous$/);
  const previous = full.comparison.previousPeriod;
  assert.match(await deltaTitle('revenue'), new RegExp(`^${previous.from} to ${previous.to}: .* then, .* now \\(\\d+ customers, \\d+ orders\\)$`));
  assert.equal(await dash('[data-testid="summary-period"]').textContent(), `As of ${full.summary.asOf} · changes: last 90 days`);
  assert.equal(await dash('[data-testid="range-preset"]').inputValue(), 'all');
});

test('a preset and custom dates re-analyse with the numbers of the native CLI with --from/--to', async () => {
  const lastOrder = cliReport(SAMPLE).dateRange.lastOrder;
  // The presets say they count back from the file's last order, not from today.
  const lastDay = await page.evaluate((iso) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso)), lastOrder);
  assert.equal(await dash('[data-testid="range-preset"] option[value="last90"]').textContent(), `Last 90 days of the file, to ${lastDay}`);
  assert.equal(await dash('[data-testid="range-preset"] option[value="last365"]').textContent(), `Last 12 months of the file, to ${lastDay}`);
  let range = await nextAnalysis(() => dash('[data-testid="range-preset"]').selectOption('last90'));
  const from90 = new Date(Date.parse(lastOrder) - 89 * 86_400_000).toISOString().slice(0, 10);
  assert.deepEqual([range.from, range.to], [from90, lastOrder]);
  await assertShows(cliReport(SAMPLE, '--from', from90, '--to', lastOrder));
  assert.match(await delta('customers'), /vs previous$/);
  assert.equal(await dash('[data-testid="summary-period"]').textContent(), `As of ${lastOrder} · changes: these 90 days`);
  assert.match(await dash('[data-testid="status"]').textContent(), new RegExp(`Only orders from ${from90} to ${lastOrder}: \\d+ orders outside left out`));

  range = await nextAnalysis(async () => {
    await dash('[data-testid="range-from"]').fill('2024-04-01');
    await dash('[data-testid="range-to"]').fill('2024-06-30');
    await dash('[data-testid="range-to"]').dispatchEvent('change');
  }, '2024-06-30');
  assert.deepEqual([range.from, range.to], ['2024-04-01', '2024-06-30']);
  const quarter = cliReport(SAMPLE, '--from', '2024-04-01', '--to', '2024-06-30');
  await assertShows(quarter);
  assert.equal(await dash('[data-testid="range-preset"]').inputValue(), 'custom');
  assert.match(await delta('orders'), expectedLine(quarter.comparison, 'previousPeriod', 'orders'));
  assert.match(await delta('orders', true), expectedLine(quarter.comparison, 'samePeriodLastYear', 'orders'));

  // A start after the end is said next to the dates; nothing is re-run.
  await dash('[data-testid="range-from"]').fill('2024-08-01');
  await dash('[data-testid="range-from"]').dispatchEvent('change');
  assert.equal(await dash('[data-testid="range-error"]').textContent(), 'The start date is after the end date.');
  assert.equal(await dash('[data-testid="range-from"]').getAttribute('aria-invalid'), 'true');
  await assertShows(quarter);
  await dash('[data-testid="range-from"]').fill('2024-04-01');

  // A period without orders is said next to the dates; the results and their period stay.
  await page.evaluate(() => {
    const root = document.querySelector('retention-dashboard').shadowRoot;
    root.querySelector('[data-testid="range-from"]').value = '2019-01-01';
    root.querySelector('[data-testid="range-to"]').value = '2019-12-31';
  });
  await dash('[data-testid="range-to"]').dispatchEvent('change');
  await page.waitForFunction(() => document.querySelector('retention-dashboard').shadowRoot
    .querySelector('[data-testid="range-error"]').textContent === 'No orders in that period: choose other dates.', null, { timeout: 20_000 });
  await assertShows(quarter);
  assert.deepEqual([await dash('[data-testid="range-from"]').inputValue(), await dash('[data-testid="range-to"]').inputValue()], ['2024-04-01', '2024-06-30']);
});

test('the period is remembered for the file layout across a reload, and All time forgets it', async () => {
  await page.reload();
  await waitReady(page, 'sample-shop.csv');
  assert.equal(await dash('[data-testid="range-from"]').inputValue(), '2024-04-01');
  assert.equal(await dash('[data-testid="range-to"]').inputValue(), '2024-06-30');
  await assertShows(cliReport(SAMPLE, '--from', '2024-04-01', '--to', '2024-06-30'));
  const stored = await page.evaluate(() => Object.values(localStorage).join(''));
  assert.match(stored, /"from":"2024-04-01","to":"2024-06-30"/);
});

test('the new controls: axe-core clean, nothing clipped, screenshots at 390, 1024 and 1440 px', async () => {
  for (const width of [390, 1024, 1440]) {
    await page.setViewportSize({ width, height: HEIGHT[width] });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${RESULTS}/date-range-${width}.png` });
    await dash('[data-panel="summary"]').screenshot({ path: `${RESULTS}/date-range-summary-${width}.png` });
    assert.deepEqual(await clippedWithoutCue(page), [], `nothing clipped at ${width} px`);
    // No number on a card wraps: each value is one line.
    const wrapped = await page.evaluate(() =>
      [...document.querySelector('retention-dashboard').shadowRoot.querySelectorAll('.card dd[data-field]')]
        .filter((node) => node.getClientRects().length > 1 || node.scrollWidth > node.clientWidth + 1).map((node) => node.dataset.field));
    assert.deepEqual(wrapped, [], `no card value wraps at ${width} px`);
  }
  assert.deepEqual(await axeViolations(page), []);
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('two overlapping halves of the sample dropped together give the one file\'s numbers', async () => {
  await nextAnalysis(() => dash('[data-testid="range-preset"]').selectOption('all'));
  assert.doesNotMatch(await page.evaluate(() => Object.values(localStorage).join('')), /"from"|"to"/, 'All time forgets the dates');
  const [header, ...rows] = readFileSync(SAMPLE, 'utf8').trim().split('\n');
  const cut = (a, b) => `${[header, ...rows.slice(a, b)].join('\n')}\n`;
  const overlap = [Math.floor(rows.length * 0.4), Math.floor(rows.length * 0.6)];
  const halves = [['sample-first.csv', cut(0, overlap[1])], ['sample-second.csv', cut(overlap[0], rows.length)]];
  const transfer = await page.evaluateHandle((files) => {
    const data = new DataTransfer();
    for (const [name, text] of files) data.items.add(new File([text], name, { type: 'text/csv' }));
    return data;
  }, halves);
  await dash('[data-testid="drop-zone"]').dispatchEvent('drop', { dataTransfer: transfer });
  await waitReady(page, 'sample-first.csv and sample-second.csv');
  await assertShows(cliReport(SAMPLE));
  const duplicates = overlap[1] - overlap[0];
  assert.match(await dash('[data-testid="status"]').textContent(),
    new RegExp(`2 files read as one: ${duplicates} orders were in more than one file and are counted once \\(${duplicates} rows skipped\\)`));
  await page.screenshot({ path: `${RESULTS}/date-range-two-files.png` });

  // The file picker takes several files too.
  await nextAnalysis(() => dash('[data-testid="file-input"]').setInputFiles(halves.map(([name, text]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) }))));
  await assertShows(cliReport(SAMPLE));
  assertSameOrigin(session);
  assert.deepEqual(session.errors, []);
});

test('a remembered period without orders in the file: all its orders are shown, and the status says so', async () => {
  const header = readFileSync(SAMPLE, 'utf8').split('\n')[0].split(',');
  await page.evaluate((names) => {
    const key = `retention-kit:layout:${names.map((n) => n.trim().toLowerCase()).join('\u001f')}`;
    localStorage.setItem(key, JSON.stringify({ from: '2019-01-01', to: '2019-12-31' }));
  }, header);
  await page.reload();
  await waitReady(page, 'sample-shop.csv');
  assert.match(await dash('[data-testid="status"]').textContent(), /The remembered period has no orders in this file: all of them are shown\./);
  await assertShows(cliReport(SAMPLE));
  assert.equal(await dash('[data-testid="range-preset"]').inputValue(), 'all');
});
