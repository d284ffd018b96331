import {cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {
  cliEnv,
  files,
  handWrittenBlog,
  LOCK,
  manifestProblems,
  ROOT,
  readManifestFile,
  removeTempDirs,
  runCli,
  tempDir,
} from './helpers.ts'

/**
 * Faults found by the reliability tests, each pinned by the smallest run that shows
 * it, through the CLI as a person runs it (with fsync on, as the in-process tests
 * have it off).
 */

const SAMPLE = join(ROOT, 'sample-data')

function dataset(filter: (line: string) => boolean): string {
  const dir = tempDir('dataset')
  cpSync(join(SAMPLE, 'images'), join(dir, 'images'), {recursive: true})
  const lines = readFileSync(join(SAMPLE, 'production.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && filter(line))
  const file = join(dir, 'data.ndjson')
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

afterAll(removeTempDirs)

describe('regressions', () => {
  it('a run that deletes a post (and so its image folder) finishes and records the deletion', () => {
    const cache = tempDir('cache')
    const blog = handWrittenBlog('delete')
    const all = dataset(() => true)
    const without = dataset((line) => !line.includes('"_id":"post-url-shortener"'))
    expect(runCli(['--source', all, '--blog', blog], cliEnv(cache)).status).toBe(0)
    expect(existsSync(join(blog, 'static/images/url-shortener'))).toBe(true)

    const run = runCli(['--source', without, '--blog', blog], cliEnv(cache))
    expect({status: run.status, stderr: run.stderr}).toEqual({status: 0, stderr: ''})
    expect(existsSync(join(blog, 'content/posts/url-shortener.md'))).toBe(false)
    expect(existsSync(join(blog, 'static/images/url-shortener'))).toBe(false)
    expect(Object.keys(readManifestFile(blog).documents)).not.toContain('post-url-shortener')
    expect(manifestProblems(blog)).toEqual([])
  })

  it('lock files left by a run killed while taking the lock are removed by the next run', () => {
    const cache = tempDir('cache')
    const blog = handWrittenBlog('lock-temps')
    // A pid above the kernel's limit never runs; the test runner's own pid does.
    const dead = 2 ** 22 + 4242
    const lockInfo = JSON.stringify({pid: dead, host: 'any', startedAt: '2025-10-01T09:00:00Z'})
    // Killed after writing its lock under a private name, before linking it into place;
    // and killed after moving a stale lock aside, before removing it.
    writeFileSync(join(blog, `${LOCK}.sanity-export-tmp-${dead}`), lockInfo)
    writeFileSync(join(blog, `${LOCK}.sanity-export-tmp-stale-${dead}`), lockInfo)
    // A run that is taking the lock right now: its file must stay.
    const live = `${LOCK}.sanity-export-tmp-${process.pid}`
    writeFileSync(join(blog, live), lockInfo)

    const run = runCli(['--source', dataset(() => true), '--blog', blog], cliEnv(cache))
    expect({status: run.status, stderr: run.stderr}).toEqual({status: 0, stderr: ''})
    expect(files(blog).filter((path) => path.startsWith(LOCK))).toEqual([live])
  })
})
