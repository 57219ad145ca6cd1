// The worker's reply moves the per-customer columns to the page: transferred buffers, not copies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CUSTOMER_COLUMNS } from '../../web/lib/customers.js';
import { Response, resultReply } from '../../web/lib/protocol.js';

test('a RESULT reply transfers every column buffer and leaves the sender\'s arrays empty', async () => {
  const columns = Object.fromEntries(CUSTOMER_COLUMNS.map((name, i) => [name, new Int32Array([i, i + 1, i + 2])]));
  const { port1, port2 } = new MessageChannel();
  const received = new Promise((resolve) => {
    port2.onmessage = (event) => resolve(event.data);
  });
  const [message, transfer] = resultReply(7, { json: '{"summary":{}}', columns });
  assert.equal(transfer.length, CUSTOMER_COLUMNS.length);
  port1.postMessage(message, transfer);
  for (const name of CUSTOMER_COLUMNS) assert.equal(columns[name].buffer.byteLength, 0, `${name} was moved`);
  const data = await received;
  assert.equal(data.requestId, 7);
  assert.equal(data.type, Response.RESULT);
  assert.equal(data.data.report, '{"summary":{}}');
  CUSTOMER_COLUMNS.forEach((name, i) => assert.deepEqual([...data.data.columns[name]], [i, i + 1, i + 2]));
  port1.close();
  port2.close();
});
