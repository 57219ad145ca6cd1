// Where the engine's wasm comes from, what a failed load says, and that a dead engine is replaced
// on the next call (Node entry; the browser's worker and blob paths run in tests/integration/).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createEngine, RetentionError } from '../../web/lib/node.js';
import { moduleCache } from '../../web/lib/module-cache.js';
import { loadModule } from '../../web/lib/node-module.js';
import { fixture, root } from './helpers.js';

const WASM = readFileSync(`${root}dist/wasm/retention-kit.wasm`);
const GENERIC = readFileSync(fixture('generic-orders.csv'));
const GENERIC_RF = [[0, 2, 1], [0, 0, 0], [1, 0, 0]]; // tests/package/cli.test.js: the same fixture

// A server whose answers are given in order, one per request; the last repeats.
async function serve(answers) {
  const requests = [];
  const server = createServer((request, response) => {
    requests.push(request.url);
    const [status, type, body] = answers[Math.min(requests.length, answers.length) - 1];
    response.writeHead(status, { 'content-type': type });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/assets/retention-kit.wasm`;
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

test('wasmUrl as a path, a file: URL or an http URL loads the engine', async () => {
  const server = await serve([[200, 'application/wasm', WASM]]);
  try {
    const path = `${root}dist/wasm/retention-kit.wasm`;
    for (const wasmUrl of [path, pathToFileURL(path), server.url]) {
      const engine = await createEngine({ wasmUrl });
      assert.deepEqual((await engine.analyze(GENERIC)).rfMatrix.customers, GENERIC_RF, String(wasmUrl));
    }
    assert.deepEqual(server.requests, ['/assets/retention-kit.wasm']);
  } finally {
    await server.close();
  }
});

test('a missing wasm file names the path', async () => {
  const engine = await createEngine({ wasmUrl: '/no/such/retention-kit.wasm' });
  const error = await rejection(engine.analyze(GENERIC));
  assert.ok(error instanceof RetentionError);
  assert.equal(error.code, 'wasm_load_failed');
  assert.equal(error.message, "could not load the engine's WebAssembly from /no/such/retention-kit.wasm: no such file");
});

test('an HTTP error names the URL and the status, and the next call loads the wasm again', async () => {
  const server = await serve([[503, 'text/plain', 'busy'], [200, 'application/wasm', WASM]]);
  try {
    const engine = await createEngine({ wasmUrl: server.url });
    const error = await rejection(engine.analyze(GENERIC));
    assert.equal(error.code, 'wasm_load_failed');
    assert.equal(error.message, `could not load the engine's WebAssembly from ${server.url}: HTTP 503 Service Unavailable`);
    assert.deepEqual((await engine.analyze(GENERIC)).rfMatrix.customers, GENERIC_RF);
    assert.equal(server.requests.length, 2);
  } finally {
    await server.close();
  }
});

test('a server that sends the wasm as application/octet-stream (no streaming compile) still loads it', async () => {
  const server = await serve([[200, 'application/octet-stream', WASM]]);
  try {
    const engine = await createEngine({ wasmUrl: server.url });
    assert.deepEqual((await engine.analyze(GENERIC)).rfMatrix.customers, GENERIC_RF);
  } finally {
    await server.close();
  }
});

test('preload resolves once the wasm is loaded; a failed preload rejects with the load error and analyze tries again', async () => {
  const server = await serve([[503, 'text/plain', 'busy'], [200, 'application/wasm', WASM]]);
  try {
    const engine = await createEngine({ wasmUrl: server.url });
    const error = await rejection(engine.preload());
    assert.equal(error.code, 'wasm_load_failed');
    assert.equal(error.message, `could not load the engine's WebAssembly from ${server.url}: HTTP 503 Service Unavailable`);
    assert.equal(await engine.preload(), undefined);
    assert.equal(server.requests.length, 2);
    assert.deepEqual((await engine.analyze(GENERIC)).rfMatrix.customers, GENERIC_RF);
    assert.equal(server.requests.length, 2, 'analyze runs on the preloaded module');
  } finally {
    await server.close();
  }
});

test('a page instead of the wasm (a wrong URL behind a catch-all route) says so, not "expected magic word"', async () => {
  const server = await serve([[200, 'text/html', '<!doctype html><title>app</title>']]);
  try {
    const engine = await createEngine({ wasmUrl: server.url });
    const error = await rejection(engine.analyze(GENERIC));
    assert.equal(error.code, 'wasm_load_failed');
    assert.equal(error.message, `${server.url} did not return the engine's WebAssembly (HTTP 200, text/html): check wasmUrl`);
  } finally {
    await server.close();
  }
});

test('a module that trapped is dropped: the next call runs on a new one', async () => {
  const modules = moduleCache(() => loadModule());
  const first = await modules.get();
  // Reading past the end of wasm memory traps (WebAssembly.RuntimeError), as running out of it does.
  const error = await rejection(
    modules.run((Module) => Module.append(JSON.parse(Module.open('{}')).handle, 0xffff0000, 1 << 20)),
  );
  assert.equal(error.code, 'engine_failed');
  assert.match(error.message, /^the engine stopped \(memory access out of bounds\) with \d+ MiB of memory in use/);
  const second = await modules.get();
  assert.notEqual(second, first);
  const opened = JSON.parse(second.open('{}'));
  assert.equal(typeof opened.handle, 'number');
  second.close(opened.handle);
});

test('RetentionErrorCode in index.d.ts is exactly the codes the core and the package raise', () => {
  const types = readFileSync(`${root}web/lib/index.d.ts`, 'utf8');
  const union = /export type RetentionErrorCode =([\s\S]+?);\n/.exec(types)[1];
  const declared = new Set([...union.matchAll(/\| '([a-z_]+)'/g)].map((m) => m[1]));
  const core = [...readFileSync(`${root}src/errors.cpp`, 'utf8').matchAll(/return "([a-z_]+)";/g)].map((m) => m[1]);
  const js = ['load-wasm.js', 'node-module.js', 'module-cache.js', 'client.js', 'session.js', 'customers.js'].flatMap((file) =>
    [...readFileSync(`${root}web/lib/${file}`, 'utf8').matchAll(/code: '([a-z_]+)'/g)].map((m) => m[1]),
  );
  assert.deepEqual([...declared].sort(), [...new Set([...core.filter((code) => code !== 'ok'), ...js])].sort());
});
