// What `npm run export` runs. Node compiles TypeScript anew in every process and
// render thread, and loading its compiler alone costs more than a run with nothing
// to do; its compile cache keeps the compiled modules (in the OS temp dir, keyed by
// content) between runs. This file is JavaScript so that it can enable the cache
// before the first TypeScript module loads; render threads inherit it.
import {enableCompileCache} from 'node:module'

enableCompileCache()
await import('./export.ts')
