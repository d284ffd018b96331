import {spawn} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {answer} from '../../scripts/ci/anything-to-do.ts'
import {
  type Doc,
  exportRun,
  findDoc,
  ROOT,
  removeTempDirs,
  SAMPLE_NDJSON,
  sampleDocs,
  sourcesWithoutPackages,
  tempDir,
} from '../export/helpers.ts'
import {type ContentLake, startContentLake} from '../support/content-lake.ts'

/**
 * The scheduled run's first step: is there anything to export? It must answer
 * from the blog's manifest and one listing query, with nothing installed.
 */

const TOKEN = 'sk-read-anything-to-do-0123456789abcdef'

let lake: ContentLake
let blog: string

function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    SANITY_STUDIO_PROJECT_ID: lake.projectId,
    SANITY_STUDIO_DATASET: lake.dataset,
    SANITY_API_READ_TOKEN: TOKEN,
    SANITY_API_HOST: lake.url,
    ...extra,
  }
}

/** A blog as the last export left it: the sample dataset, which the lake also serves. */
async function exportedBlog(): Promise<string> {
  const dir = tempDir('anything-blog')
  const run = await exportRun(['--source', SAMPLE_NDJSON, '--blog', dir, '--dataset', lake.dataset])
  expect(run.exitCode).toBe(0)
  return dir
}

beforeAll(async () => {
  lake = await startContentLake({documents: sampleDocs(), token: TOKEN})
  blog = await exportedBlog()
})

afterAll(async () => {
  await lake.close()
  removeTempDirs()
})

function runScript(
  cwd: string,
  args: string[],
  extra: Record<string, string>,
): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(cwd, 'scripts/ci/anything-to-do.ts'), ...args], {
      cwd,
      // Only what a runner has: no NODE_PATH, no package on the way up from `cwd`.
      env: {PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...extra},
      timeout: 60_000,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.on('error', reject)
    child.on('close', (status) => resolve({status, stdout, stderr}))
  })
}

describe('anything to export?', () => {
  it('answers no, with nothing installed, when nothing changed since the last export', async () => {
    const copy = sourcesWithoutPackages()
    expect(existsSync(join(copy, 'node_modules'))).toBe(false)
    const outputs = tempDir('gh')
    const output = join(outputs, 'output')
    const summary = join(outputs, 'summary')
    writeFileSync(output, '')
    writeFileSync(summary, '')
    const before = lake.requests.length
    const result = await runScript(copy, [blog], {
      ...(env() as Record<string, string>),
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    })
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(
      'Nothing to export: nothing was published, changed or deleted since the last export.\n',
    )
    expect(result.status).toBe(0)
    expect(readFileSync(output, 'utf8')).toBe('export=false\n')
    expect(readFileSync(summary, 'utf8')).toBe(
      '## ✅ Nothing to export: nothing was published, changed or deleted since the last export.\n',
    )
    // One request: the listing.
    expect(lake.requests.slice(before).map((request) => request.path.split('?')[0])).toEqual([
      `/v2025-02-19/data/query/${lake.dataset}`,
    ])
  })

  it('answers yes when a post is published, changed or deleted', async () => {
    const changed = findDoc(sampleDocs(), 'post-url-shortener')
    await lake.mutate([{patch: {id: changed._id, set: {title: 'A new title'}}}])
    expect(await answer(blog, env(), ROOT)).toEqual({
      export: true,
      reason: '1 post published or changed (url-shortener)',
    })
    await lake.mutate([
      {delete: {id: 'post-distributed-cache'}},
      {
        create: {
          ...(structuredClone(findDoc(sampleDocs(), 'post-notification-fanout')) as Doc),
          _id: 'post-webhooks',
          slug: {_type: 'slug', current: 'webhooks'},
        },
      },
    ])
    expect(await answer(blog, env(), ROOT)).toEqual({
      export: true,
      reason:
        '2 posts published or changed (url-shortener, webhooks), 1 post deleted or unpublished (distributed-cache)',
    })
  })

  it('answers yes when the blog repo lost or changed an exported file', async () => {
    const dir = await exportedBlog()
    const quiet = await startContentLake({documents: sampleDocs(), token: TOKEN})
    const quietEnv = env({SANITY_API_HOST: quiet.url, SANITY_STUDIO_PROJECT_ID: quiet.projectId})
    try {
      expect((await answer(dir, quietEnv, ROOT)).export).toBe(false)
      const post = join(dir, 'content/posts/url-shortener.md')
      writeFileSync(post, `${readFileSync(post, 'utf8')}\nA line added by hand.\n`)
      expect(await answer(dir, quietEnv, ROOT)).toEqual({
        export: true,
        reason: 'content/posts/url-shortener.md is missing or was edited in the blog repo',
      })
    } finally {
      await quiet.close()
    }
  })

  it('answers yes when the exporter renders differently, or has never exported', async () => {
    const dir = await exportedBlog()
    const manifestFile = join(dir, '.sanity-export.json')
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      documents: Record<string, {options: string}>
    }
    const entry = manifest.documents['post-url-shortener']
    if (entry === undefined) throw new Error('the export did not record the post')
    entry.options = 'an-older-converter'
    writeFileSync(manifestFile, JSON.stringify(manifest))
    expect(await answer(dir, env(), ROOT)).toEqual({
      export: true,
      reason:
        'the converter or the site options changed since the last export (1 post to render again)',
    })
    expect(await answer(tempDir('empty-blog'), env(), ROOT)).toEqual({
      export: true,
      reason: 'the blog has no export manifest yet',
    })
  })

  it('answers yes, to be safe, when the Content Lake cannot be asked', async () => {
    const dir = await exportedBlog()
    expect(await answer(dir, env({SANITY_API_READ_TOKEN: 'sk-wrong'}), ROOT)).toEqual({
      export: true,
      reason: `could not tell (HTTP 401 from ${new URL(lake.url).host}); exporting to find out`,
    })
    const closed = await startContentLake({documents: []})
    const url = closed.url
    await closed.close()
    const down = await answer(dir, env({SANITY_API_HOST: url}), ROOT)
    expect(down).toEqual({
      export: true,
      reason: 'could not tell (fetch failed); exporting to find out',
    })
  })
})
