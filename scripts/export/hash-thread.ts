import {isMainThread, parentPort, workerData} from 'node:worker_threads'
import {startThread} from '../lib/thread.ts'
import {type HashedFile, hashFileAt} from './disk.ts'

/**
 * Hashes files on a thread of their own: a run with nothing to do, started without
 * a cache, reads and hashes every owned post while the main thread reads the
 * dataset. The same module is the thread's code.
 */
export function hashFilesElsewhere(paths: readonly string[]): Promise<HashedFile[]> {
  return new Promise((resolve, reject) => {
    const worker = startThread(new URL(import.meta.url), {workerData: paths})
    worker.once('message', (answers: HashedFile[]) => {
      resolve(answers)
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the hashing thread exited (${code})`))
    })
  })
}

if (!isMainThread && parentPort !== null) {
  const paths = workerData as string[]
  parentPort.postMessage(paths.map((path) => hashFileAt(path, undefined)))
}
