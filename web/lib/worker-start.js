// Starts the engine's Web Worker: the package's own (found by bundlers), one at `workerUrl`, or, when
// either lives on another origin (a CDN), a same-origin blob worker that imports it: browsers only
// start workers from the page's origin, but a module worker may import from anywhere CORS allows.
import { prebundledPackageFile } from './package-files.js';

const pageOrigin = () => globalThis.location?.origin;

function isCrossOrigin(url) {
  return /^https?:$/.test(url.protocol) && pageOrigin() !== undefined && url.origin !== pageOrigin();
}

function blobWorker(url) {
  const source = new Blob([`import ${JSON.stringify(url.href)};\n`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(source);
  const worker = new Worker(blobUrl, { type: 'module' });
  // The worker has fetched its script once it answers or fails; the blob URL is not needed after that.
  const revoke = () => URL.revokeObjectURL(blobUrl);
  worker.addEventListener('message', revoke, { once: true });
  worker.addEventListener('error', revoke, { once: true });
  return { worker, url: url.href };
}

export function startWorker(workerUrl) {
  if (workerUrl !== undefined) {
    const url = new URL(String(workerUrl), globalThis.location?.href);
    return isCrossOrigin(url) ? blobWorker(url) : { worker: new Worker(url, { type: 'module' }), url: url.href };
  }
  // The package's own worker, next to this file. Only `new Worker(new URL('./worker.js', import.meta.url))`
  // may be written as bundlers look for it: elsewhere they would make `new URL(x, import.meta.url)` a
  // request for a bundled file (webpack: "Cannot find module"), so the base is a variable there.
  const moved = prebundledPackageFile('web/lib/worker.js');
  if (moved) return { worker: new Worker(moved, { type: 'module' }), url: moved.href };
  const here = import.meta.url;
  const own = new URL('worker.js', here);
  if (isCrossOrigin(own)) return blobWorker(own);
  return { worker: new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }), url: own.href };
}
