// The demo page: the dashboard component, opened on the bundled sample shop. Everything runs in this
// browser (the engine lives in a Web Worker); nothing is uploaded.
import 'retention-kit/dashboard';
import sampleUrl from '../../examples/sample-shop.csv?url';

const dashboard = document.getElementById('dashboard');
// The sample is fetched from this page's own origin (connect-src 'self').
dashboard.setAttribute('name', 'sample-shop.csv');
dashboard.setAttribute('src', sampleUrl);
