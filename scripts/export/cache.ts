import {mkdir, readFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {writeFileAtomic} from '../lib/atomic.ts'
import {sha256} from '../lib/hash.ts'

/**
 * A machine-local cache that only makes runs faster: losing it, or finding it
 * stale, costs time and never changes what is written. It lives outside the blog
 * repo so it can never be committed.
 */
export function cacheDir(env: Record<string, string | undefined>): string {
  const explicit = env['SANITY_EXPORT_CACHE_DIR']
  if (explicit) return explicit
  const base = env['XDG_CACHE_HOME'] || join(homedir(), '.cache')
  return join(base, 'hugo-blog-export')
}

function cacheFile(dir: string, kind: string, key: string): string {
  return join(dir, kind, `${sha256(key).slice(0, 32)}.json`)
}

export async function readCache(dir: string, kind: string, key: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(cacheFile(dir, kind, key), 'utf8'))
  } catch {
    return undefined
  }
}

export async function writeCache(
  dir: string,
  kind: string,
  key: string,
  value: unknown,
): Promise<void> {
  const file = cacheFile(dir, kind, key)
  try {
    await mkdir(join(dir, kind), {recursive: true})
    writeFileAtomic(file, JSON.stringify(value), {fsync: false})
  } catch {
    // A read-only home or a full disk only makes the next run slower.
  }
}
