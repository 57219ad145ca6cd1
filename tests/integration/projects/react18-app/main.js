// React 18 passes only strings to custom elements: `options` and the listener go through a ref, as
// the README shows.
import { createElement as h, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'retention-kit/dashboard';

// Changes the RF matrix, so a matrix equal to the CLI's with the same options proves they arrived.
export const OPTIONS = { rfThresholds: { activeBelowDays: 400, lapsedAboveDays: 800 } };

function App() {
  const ref = useRef(null);
  const [rf, setRf] = useState(null);
  useEffect(() => {
    const dashboard = ref.current;
    const onAnalyzed = (event) => setRf(event.detail.report.rfMatrix.customers);
    dashboard.addEventListener('analyzed', onAnalyzed);
    dashboard.options = OPTIONS;
    dashboard.setAttribute('src', './generic-orders.csv'); // after the options: one analysis, with them
    return () => dashboard.removeEventListener('analyzed', onAnalyzed);
  }, []);
  return h('main', null, h('retention-dashboard', { ref }), rf && h('output', { id: 'from-event' }, JSON.stringify(rf)));
}

createRoot(document.getElementById('root')).render(h(App));
