// Issue 13: a file too large for the engine ends, in the dashboard, with the coded error in plain
// words and no crash, and the next file in the same page is analysed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RESULTS, READY_TIMEOUT, openSampleDashboard, waitReady } from './helpers.js';

let session;
let page;

before(async () => {
  session = await openSampleDashboard();
  page = session.page;
});
after(() => session?.close());

const dash = (selector) => page.locator('retention-dashboard').locator(selector);

test('a JSON document larger than the engine holds: the coded error in plain words, then the next file works', { timeout: READY_TIMEOUT + 240_000 }, async () => {
  // 1025 MiB built in the page (a Blob of one repeated 1 MiB part) and chosen through the file input.
  await page.evaluate(() => {
    const row = '{"customer":"a","date":"2024-01-01","amount":5},\n';
    const part = new TextEncoder().encode(row.repeat(Math.ceil((1 << 20) / row.length)).slice(0, 1 << 20));
    const file = new File(['[', ...Array.from({ length: 1025 }, () => part)], 'huge.json', { type: 'application/json' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const input = document.querySelector('retention-dashboard').shadowRoot.querySelector('[data-testid="file-input"]');
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('retention-dashboard').getAttribute('state') === 'error', null, { timeout: 180_000 });
  const error = await dash('[data-testid="error"]').textContent();
  assert.match(error, /This file could not be analysed\./);
  assert.match(error, /larger than 1024 MiB, the most the engine holds at once/);
  assert.match(error, /save it as NDJSON \(one object per line\) or CSV/);
  assert.match(error, /the file is 1.07 GB/); // a size a merchant reads
  assert.equal(await dash('[data-testid="sample-banner"]').isVisible(), false); // no sample on show
  await page.screenshot({ path: `${RESULTS}/limits-too-large.png` });

  await dash('[data-testid="file-input"]').setInputFiles({
    name: 'after.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customer,date,amount\na,2024-01-01,10\nb,2024-02-01,12\na,2024-03-01,5\n'),
  });
  await waitReady(page, 'after.csv');
  assert.deepEqual(session.errors, []);
});
