// retention-kit/dashboard on a server (server rendering imports it): no DOM, so nothing is defined,
// and nothing throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('importing the dashboard in plain Node neither throws nor defines an element', async () => {
  assert.equal(typeof globalThis.HTMLElement, 'undefined');
  const { RetentionDashboard } = await import('../../web/components/retention-dashboard.js');
  assert.equal(typeof RetentionDashboard, 'function');
  assert.ok(RetentionDashboard.observedAttributes.includes('wasm-url'), 'the engine settings are attributes');
  assert.equal(typeof globalThis.customElements, 'undefined');
});
