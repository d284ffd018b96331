import {cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {
  cliEnv,
  handWrittenBlog,
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
})
