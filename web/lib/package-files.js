// Where the package's own files are when Vite's dev server has moved this code: it bundles installed
// packages into node_modules/.vite/deps/, where `new URL('./worker.js', import.meta.url)` points at
// nothing (vitejs/vite#8427). From there the package sits at ../../retention-kit/ in the usual
// node_modules layout, which the dev server serves as it is.
export const VITE_DEPS = '/node_modules/.vite/deps/';

// The URL of `path` (relative to the package root) when this code runs from .vite/deps, else undefined.
export function prebundledPackageFile(path) {
  const here = import.meta.url; // a variable, not new URL(x, import.meta.url), which bundlers rewrite
  if (!here.includes(VITE_DEPS)) return undefined;
  return new URL(`../../retention-kit/${path}`, here);
}
