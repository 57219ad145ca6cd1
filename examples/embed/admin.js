// An admin panel embedding the dashboard. In an app: `import 'retention-kit/dashboard';` (this example's
// Vite config maps that name to the package's source in this repository).
import 'retention-kit/dashboard';
import ordersUrl from '../sample-shop.csv?url';

const dashboard = document.getElementById('dashboard');
const activity = document.getElementById('activity');

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} · ${text}`;
  activity.prepend(item);
}

dashboard.addEventListener('analyzed', ({ detail }) => log(`Analysed ${detail.name}: ${detail.report.summary.customers} customers.`));
dashboard.addEventListener('error', ({ detail }) => log(`Could not analyse ${detail.name}: ${detail.error.message}`));
dashboard.addEventListener('segment-export', ({ detail }) => log(`Exported ${detail.customers} customers of ${detail.name}.`));
let lastDecile = -1;
dashboard.addEventListener('progress', ({ detail }) => {
  const decile = Math.floor((detail.fraction ?? 0) * 10);
  if (decile !== lastDecile && decile % 5 === 0) log(`Reading: ${decile * 10}%`);
  lastDecile = decile;
});

// The panel's own data: here the bundled sample shop, fetched from this origin like a store's export endpoint.
const response = await fetch(ordersUrl);
dashboard.analyze(await response.blob(), { name: 'acme-orders.csv' }).catch(() => {}); // errors show in the dashboard
