// Many merchants' files on one server (issue 14): a fixed pool of worker_threads, one engine (one wasm
// instance) per worker, files queued and given to whichever worker is free. Memory stays bounded by
// the pool size: each worker holds one analysis at a time, and files are streamed from disk.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export function createPool({ size = availableParallelism(), resourceLimits } = {}) {
  const queue = [];
  const idle = [];
  const workers = [];
  const pending = new Map(); // worker -> {resolve, reject}

  const next = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop();
      const job = queue.shift();
      pending.set(worker, job);
      worker.postMessage({ paths: job.paths, options: job.options });
    }
  };

  for (let i = 0; i < size; i++) {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { resourceLimits });
    worker.on('message', ({ json, error }) => {
      const job = pending.get(worker);
      pending.delete(worker);
      if (error) job.reject(Object.assign(new Error(error.message), error));
      else job.resolve(json);
      idle.push(worker);
      next();
    });
    worker.on('error', (error) => {
      pending.get(worker)?.reject(error);
      pending.delete(worker);
    });
    workers.push(worker);
    idle.push(worker);
  }

  return {
    // Resolves with the report as JSON text (one file, or several analysed as one).
    analyze(paths, options = {}) {
      return new Promise((resolve, reject) => {
        queue.push({ paths: [paths].flat(), options, resolve, reject });
        next();
      });
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}
