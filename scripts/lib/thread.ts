import {Worker, type WorkerOptions} from 'node:worker_threads'

/**
 * A worker thread running the module at `url`, with Node's compile cache enabled
 * first: a thread does not inherit the cache that scripts/export.mjs enables, and
 * without it every thread loads the TypeScript compiler and compiles its modules
 * anew, which took longer than the work of a small thread. The bootstrap is
 * JavaScript so that it runs before any TypeScript does.
 */
export function startThread(url: URL, options: WorkerOptions = {}): Worker {
  const bootstrap = `require('node:module').enableCompileCache();import(${JSON.stringify(url.href)})`
  return new Worker(bootstrap, {...options, eval: true})
}
