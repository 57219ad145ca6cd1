// React 19 sets properties on custom elements (so `options` arrives as an object) and listens to
// events through lowercase on* props (onanalyzed -> 'analyzed'), as the README shows.
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'retention-kit/dashboard';

// Changes the RF matrix, so a matrix equal to the CLI's with the same options proves they arrived.
export const OPTIONS = { rfThresholds: { activeBelowDays: 400, lapsedAboveDays: 800 } };

function App() {
  const [rf, setRf] = useState(null);
  return h(
    'main',
    null,
    h('retention-dashboard', {
      src: './generic-orders.csv',
      options: OPTIONS,
      onanalyzed: (event) => setRf(event.detail.report.rfMatrix.customers),
    }),
    rf && h('output', { id: 'from-event' }, JSON.stringify(rf)),
  );
}

createRoot(document.getElementById('root')).render(h(App));
