// Builds with webpack's Node API (no webpack-cli) and the plainest configuration; the page and the
// data file are copied beside the bundle.
import { copyFileSync, mkdirSync } from 'node:fs';
import webpack from 'webpack';

const dist = new URL('./dist/', import.meta.url);
const compiler = webpack({
  mode: 'production',
  entry: './main.js',
  output: { path: new URL(dist).pathname, filename: 'main.js', clean: true },
});
compiler.run((error, stats) => {
  if (error || stats.hasErrors()) {
    console.error(error ?? stats.toString('errors-only'));
    process.exitCode = 1;
  }
  compiler.close(() => {});
  mkdirSync(dist, { recursive: true });
  copyFileSync(new URL('./index.html', import.meta.url), new URL('index.html', dist));
  copyFileSync(new URL('./public/generic-orders.csv', import.meta.url), new URL('generic-orders.csv', dist));
});
