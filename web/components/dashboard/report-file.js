// "Download report": the results on screen as one self-contained HTML file a merchant can hand on.
// Only the aggregates shown are kept: the forms, the file's rows and the customer list are left out
// (the customer list only when asked for). Charts become images; the styles travel inside the file.
import { STYLES } from './styles.js';

const LEFT_OUT = [
  '.input', '[data-panel="mapping"]', '.settings', '.skip-link', '.banner', '.toolbar', '.chart-tip',
  'form', 'select', 'input', '[data-testid="preview-details"]', '.actions button', '.scroll-cue', '.chart-data',
];

// The report's HTML for the results inside `root` (the dashboard's shadow root), titled `title`.
export function reportHtml(root, { title, includeCustomers = false }) {
  const page = root.querySelector('.rk').cloneNode(true);
  // Charts: a canvas is not copied with its pixels, so each becomes an image of itself.
  const canvases = [...root.querySelectorAll('.chart canvas')];
  [...page.querySelectorAll('.chart canvas')].forEach((copy, i) => {
    const image = document.createElement('img');
    image.src = canvases[i].toDataURL('image/png');
    image.alt = canvases[i].closest('.chart')?.getAttribute('aria-label') ?? 'Chart';
    image.className = 'chart-image';
    copy.replaceWith(image);
  });
  for (const node of page.querySelectorAll('.u-over, .u-under, .u-cursor-x, .u-cursor-y, .u-select, .u-axis')) node.remove();
  for (const selector of LEFT_OUT) for (const node of page.querySelectorAll(selector)) node.remove();
  if (!includeCustomers) page.querySelector('[data-panel="customers"]')?.remove();
  else for (const node of page.querySelectorAll('.vspacer')) node.remove();
  for (const node of page.querySelectorAll('details')) node.open = node.classList.contains('how');
  for (const node of page.querySelectorAll('[hidden]')) node.remove();
  for (const node of page.querySelectorAll('[disabled]')) node.removeAttribute('disabled');
  page.dataset.state = 'report';
  const styles = STYLES.replaceAll(':host', '.rk-host');
  return `<!doctype html>
<html lang="${document.documentElement.lang || 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${styles}
body { margin: 0; padding: 24px; background: #f4f6f8; }
.report-title { font: 600 1.5rem/1.3 system-ui, sans-serif; margin: 0 0 4px; }
.report-meta { font: .875rem/1.4 system-ui, sans-serif; color: #4d5666; margin: 0 0 16px; }
.chart-image { width: 100%; height: auto; display: block; }
</style>
</head>
<body>
<div class="rk-host">
<h1 class="report-title">${escapeHtml(title)}</h1>
<p class="report-meta">Made with retention-kit on ${new Date().toISOString().slice(0, 10)}. Analysed in the browser; this file holds only the figures shown.</p>
${page.outerHTML}
</div>
</body>
</html>
`;
}

const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
