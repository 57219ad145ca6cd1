// The demo page: the dashboard component, opened on the bundled sample shop. Everything runs in this
// browser (the engine lives in a Web Worker); nothing is uploaded.
import 'retention-kit/dashboard';
import sampleUrl from '../../examples/sample-shop.csv?url';

const dashboard = document.getElementById('dashboard');
// The sample is fetched from this page's own origin (connect-src 'self').
dashboard.setAttribute('name', 'sample-shop.csv');
dashboard.setAttribute('sample', ''); // a banner says these are made-up customers
// The banner goes once the merchant's own file is read, or fails to be: the sample is no longer shown.
for (const type of ['analyzed', 'error']) {
  dashboard.addEventListener(type, (event) => event.detail.name !== 'sample-shop.csv' && dashboard.removeAttribute('sample'));
}
dashboard.setAttribute('src', sampleUrl);
