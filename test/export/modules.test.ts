import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {SUPPORTED_TYPES} from '../../converter/index.ts'
import {applyPlan} from '../../scripts/export/apply.ts'
import {HELP, parseCli, UsageError} from '../../scripts/export/cli.ts'
import {commitMessage, credentialConfig} from '../../scripts/export/commit.ts'
import {unifiedDiff} from '../../scripts/export/diff.ts'
import {acquireLock, LOCK_FILE, LockedError, STALE_AFTER_MS} from '../../scripts/export/lock.ts'
import {
  emptyManifest,
  isSafeRelativePath,
  type Manifest,
  type ManifestEntry,
  ManifestError,
  parseManifest,
  sameManifest,
  serializeManifest,
} from '../../scripts/export/manifest.ts'
import type {DocReport, Plan} from '../../scripts/export/plan.ts'
import {aliasFor, EXPORTED_TYPES} from '../../scripts/export/render.ts'
import {parseRetryAfter, RetryableError, withRetries} from '../../scripts/export/retry.ts'
import {
  removeEmptyDirectories,
  removeStaleTempFiles,
  syncFileSystem,
  TEMP_MARKER,
  writeFileAtomic,
} from '../../scripts/lib/atomic.ts'
import {scrub} from '../../scripts/lib/git.ts'
import {removeTempDirs, tempDir} from './helpers.ts'

afterAll(removeTempDirs)

describe('cli', () => {
  it('reads every flag', () => {
    expect(
      parseCli([
        '--source',
        'live',
        '--blog',
        '../blog',
        '--layout',
        'bundle',
        '--config',
        'other.config.ts',
        '--project',
        'abc123',
        '--dataset',
        'staging',
        '--api-host',
        'http://127.0.0.1:3333/',
        '--asset-host',
        'http://127.0.0.1:4444',
        '--timeout',
        '2.5',
        '--retries',
        '0',
        '--only',
        'url-shortener',
        '--force',
        '--push',
        '--json',
        '--verify',
        '--hugo',
        '/opt/hugo/bin/hugo',
      ]),
    ).toEqual({
      help: false,
      source: 'live',
      blog: '../blog',
      layout: 'bundle',
      config: 'other.config.ts',
      project: 'abc123',
      dataset: 'staging',
      apiHost: 'http://127.0.0.1:3333',
      assetHost: 'http://127.0.0.1:4444',
      timeoutMs: 2500,
      retries: 0,
      only: 'url-shortener',
      dryRun: false,
      check: false,
      force: true,
      commit: true,
      hooks: true,
      push: true,
      json: true,
      buildCheck: true,
      hugo: '/opt/hugo/bin/hugo',
    })
    // --no-hooks skips the blog's commit hooks; the build check is its own switch.
    expect(parseCli(['--commit', '--no-hooks'])).toMatchObject({
      commit: true,
      hooks: false,
      buildCheck: false,
    })
    expect(parseCli(['--verify', '--no-hooks'])).toMatchObject({hooks: false, buildCheck: true})
  })

  it('rejects bad usage with a message that names the flag', () => {
    const message = (argv: string[]) => {
      try {
        parseCli(argv)
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError)
        return (error as Error).message
      }
      return 'no error'
    }
    expect(message(['--layout', 'folder'])).toBe(
      '--layout must be "file" or "bundle", got "folder"',
    )
    expect(message(['--retries', '1.5'])).toBe(
      '--retries must be a whole number of at least 0, got "1.5"',
    )
    expect(message(['--api-host', 'ftp://x'])).toBe(
      '--api-host must use http or https, got "ftp://x"',
    )
    expect(message(['--commit', '--dry-run'])).toBe(
      '--commit and --push cannot be combined with --dry-run or --check',
    )
    expect(message(['--hugo', '/usr/bin/hugo'])).toBe(
      '--hugo names the Hugo for --verify; add --verify',
    )
    expect(message(['stray'])).toBe('unexpected argument "stray" (options start with --)')
    expect(message(['--bogus'])).toContain("Unknown option '--bogus'")
  })

  it('documents the exit codes in --help', () => {
    expect(HELP).toContain(
      [
        'Exit codes:',
        '  0  done (or nothing to do)',
        '  1  some documents failed or conflict, or --check found changes',
        '  2  usage or configuration error',
      ].join('\n'),
    )
    expect(HELP).toContain(
      [
        '  6  a file could not be written (disk full, read-only, no permission);',
        '     the next run, once that is fixed, picks up where this one stopped',
        '  7  --verify: some posts break the Hugo build (or make it warn); they were held',
        '     back, not written, committed or pushed, and the rest was exported',
        "  8  --verify: the site does not build with this Hugo even without the run's",
      ].join('\n'),
    )
  })
})

describe('manifest', () => {
  const manifest: Manifest = {
    ...emptyManifest('production'),
    revision: 'abc',
    since: '2025-01-01T00:00:00Z',
    documents: {
      b: {
        type: 'systemDesignPost',
        updatedAt: '2025-01-02T00:00:00Z',
        slug: 'beta',
        path: 'content/posts/beta.md',
        rev: 'r2',
        options: 'o',
        sha256: 'h2',
        assets: [
          {path: 'static/images/beta/z.png', sha256: 'z', size: 2},
          {path: 'static/images/beta/a.png', sha256: 'a', size: 1},
        ],
        previousSlugs: ['old'],
      },
      a: {
        type: 'post',
        updatedAt: null,
        slug: 'alpha',
        path: 'content/posts/alpha.md',
        rev: 'r1',
        options: 'o',
        sha256: 'h1',
        assets: [],
        previousSlugs: [],
      },
    },
  }

  it('serializes stably (ids and assets sorted) and reads back what it wrote', () => {
    const text = serializeManifest(manifest)
    expect(Object.keys(JSON.parse(text).documents)).toEqual(['a', 'b'])
    expect(JSON.parse(text).documents.b.assets.map((asset: {path: string}) => asset.path)).toEqual([
      'static/images/beta/a.png',
      'static/images/beta/z.png',
    ])
    expect(serializeManifest(parseManifest(text))).toBe(text)
    expect(sameManifest(parseManifest(text), manifest)).toBe(true)
    expect(sameManifest({...manifest, since: null}, manifest)).toBe(false)
  })

  it('refuses a manifest that points outside the blog or into .git', () => {
    for (const path of [
      '../outside.md',
      '/etc/passwd',
      'content/../../x',
      '.git/config',
      'content/.git',
      'a//b',
      'a/',
      './a',
      'a/./b',
      '',
      'a\\b',
      'a\0b',
    ]) {
      const text = serializeManifest({
        ...manifest,
        documents: {a: {...(manifest.documents['a'] as ManifestEntry), path}},
      })
      expect(() => parseManifest(text)).toThrow(
        new ManifestError(
          `documents["a"].path must be a relative path inside the blog, got "${path}"`,
        ),
      )
    }
    expect(() => parseManifest('<<<<<<< HEAD')).toThrow(ManifestError)
    for (const path of ['content/posts/.gitignore', 'static/.well-known/x', 'a/..b/c.md'])
      expect(isSafeRelativePath(path)).toBe(true)
  })

  it('fills in the hints an older manifest lacks, and drops keys it does not know', () => {
    const entry = manifest.documents['a'] as ManifestEntry
    const {type: _type, updatedAt: _updatedAt, ...older} = entry
    const text = JSON.stringify({
      ...manifest,
      documents: {a: {...older, note: 'written by hand'}},
    })
    const read = parseManifest(text)
    expect(read.documents['a']?.type).toBe('')
    expect(read.documents['a']?.updatedAt).toBe(null)
    expect(JSON.parse(serializeManifest(read)).documents.a).toEqual({
      ...entry,
      type: '',
      updatedAt: null,
    })
  })

  it('names the entry and field of a bad value', () => {
    const bad = (documents: unknown) => () =>
      parseManifest(JSON.stringify({...manifest, documents}))
    const entry = manifest.documents['a'] as ManifestEntry
    expect(bad({a: {...entry, rev: 3}})).toThrow(
      new ManifestError('documents["a"].rev must be a string'),
    )
    expect(bad({a: {...entry, assets: [{path: 'static/x.png', sha256: 'h', size: -1}]}})).toThrow(
      new ManifestError('documents["a"].assets[0].size must be a byte count'),
    )
    expect(bad({a: {...entry, assets: [{path: 'static/../x.png', sha256: 'h', size: 1}]}})).toThrow(
      new ManifestError(
        'documents["a"].assets[0].path must be a relative path inside the blog, got "static/../x.png"',
      ),
    )
    expect(bad({a: 'entry'})).toThrow(new ManifestError('documents["a"] must be an object'))
    expect(bad({a: {...entry, publishDate: 20260316}})).toThrow(
      new ManifestError('documents["a"].publishDate must be a string'),
    )
  })

  it('records a post’s schedule only when it has one, and notices when it changes', () => {
    const scheduled: Manifest = {
      ...manifest,
      documents: {
        ...manifest.documents,
        a: {
          ...(manifest.documents['a'] as ManifestEntry),
          publishDate: '2026-03-16T09:00:00+05:30',
          expiryDate: '2026-04-01T00:00:00-07:00',
        },
      },
    }
    const text = serializeManifest(scheduled)
    const {a, b} = JSON.parse(text).documents
    expect(Object.keys(a).slice(-3)).toEqual(['previousSlugs', 'publishDate', 'expiryDate'])
    expect(Object.keys(b)).not.toContain('publishDate')
    expect(serializeManifest(parseManifest(text))).toBe(text)
    expect(sameManifest(scheduled, manifest)).toBe(false)
    const moved = {
      ...scheduled,
      documents: {
        ...scheduled.documents,
        a: {...(scheduled.documents['a'] as ManifestEntry), expiryDate: '2026-04-02T00:00:00Z'},
      },
    }
    expect(sameManifest(moved, scheduled)).toBe(false)
    expect(sameManifest(parseManifest(text), scheduled)).toBe(true)
  })
})

describe('unifiedDiff', () => {
  it('shows a change with three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n'
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\n'
    expect(unifiedDiff('x.md', before, after)).toBe(
      '--- a/x.md\n+++ b/x.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n',
    )
    expect(unifiedDiff('x.md', undefined, 'new\n')).toBe(
      '--- /dev/null\n+++ b/x.md\n@@ -0,0 +1,1 @@\n+new\n',
    )
    expect(unifiedDiff('x.md', 'old\n', undefined)).toBe(
      '--- a/x.md\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-old\n',
    )
    expect(unifiedDiff('x.md', 'same\n', 'same\n')).toBe('')
  })

  it('gives hunks that turn the old text into the new one', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd')
    fc.assert(
      fc.property(fc.array(line, {maxLength: 30}), fc.array(line, {maxLength: 30}), (a, b) => {
        const before = a.map((x) => `${x}\n`).join('')
        const after = b.map((x) => `${x}\n`).join('')
        const diff = unifiedDiff('f', before, after)
        if (before === after) return diff === ''
        return applyDiff(a, diff).join('') === b.map((x) => `${x}\n`).join('')
      }),
    )
  })
})

/** Applies a unified diff produced above to the old lines. */
function applyDiff(old: readonly string[], diff: string): string[] {
  const out: string[] = []
  let index = 0
  for (const line of diff.split('\n').slice(2)) {
    const hunk = /^@@ -(\d+),(\d+) /.exec(line)
    if (hunk) {
      const start = Number(hunk[2]) === 0 ? Number(hunk[1]) : Number(hunk[1]) - 1
      while (index < start) out.push(`${old[index++]}\n`)
    } else if (line.startsWith(' ')) {
      out.push(`${line.slice(1)}\n`)
      index++
    } else if (line.startsWith('-')) index++
    else if (line.startsWith('+')) out.push(`${line.slice(1)}\n`)
  }
  while (index < old.length) out.push(`${old[index++]}\n`)
  return out
}

describe('withRetries', () => {
  it('backs off, honours a longer Retry-After, and stops after the allowed attempts', async () => {
    const delays: number[] = []
    let attempts = 0
    const failing = withRetries(
      async () => {
        attempts += 1
        throw new RetryableError('HTTP 503', attempts === 2 ? 5000 : undefined)
      },
      {
        attempts: 4,
        baseDelayMs: 100,
        maxDelayMs: 10_000,
        sleep: async (ms) => void delays.push(ms),
      },
    )
    await expect(failing).rejects.toThrow(new RetryableError('HTTP 503 (gave up after 4 attempts)'))
    expect(delays).toEqual([100, 5000, 400])
  })

  it('does not retry other errors, and refuses to wait longer than allowed', async () => {
    let attempts = 0
    const policy = {attempts: 4, baseDelayMs: 1, maxDelayMs: 1000, sleep: async () => {}}
    await expect(
      withRetries(async () => {
        attempts += 1
        throw new Error('HTTP 401')
      }, policy),
    ).rejects.toThrow('HTTP 401')
    expect(attempts).toBe(1)
    await expect(
      withRetries(async () => {
        throw new RetryableError('HTTP 429', 120_000)
      }, policy),
    ).rejects.toThrow('HTTP 429 (the server asked to wait 120 s, longer than the 1 s allowed)')
  })

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('soon', now)).toBe(undefined)
    expect(parseRetryAfter(null, now)).toBe(undefined)
  })
})

describe('lock', () => {
  it('lets one run in and tells the second who holds the lock', async () => {
    const dir = tempDir('lock')
    const lock = await acquireLock(dir)
    expect(lock.recovered).toBe(false)
    await expect(acquireLock(dir)).rejects.toThrow(LockedError)
    await lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    const again = await acquireLock(dir)
    await again.release()
    expect(readdirSync(dir)).toEqual([])
  })

  it('takes over a lock whose process is gone, or which is too old', async () => {
    const dir = tempDir('stale')
    const write = (info: object) => writeFileSync(join(dir, LOCK_FILE), JSON.stringify(info))
    write({pid: 999_999_999, host: hostname(), startedAt: new Date().toISOString()})
    const dead = await acquireLock(dir, {isAlive: () => false})
    expect(dead.recovered).toBe(true)
    await dead.release()

    const now = Date.now()
    write({
      pid: process.pid,
      host: 'elsewhere',
      startedAt: new Date(now - STALE_AFTER_MS - 1).toISOString(),
    })
    const old = await acquireLock(dir, {now: () => now})
    expect(old.recovered).toBe(true)
    await old.release()

    write({pid: process.pid, host: 'elsewhere', startedAt: new Date(now).toISOString()})
    await expect(acquireLock(dir, {now: () => now})).rejects.toThrow(
      `another export (pid ${process.pid} on elsewhere, started ${new Date(now).toISOString()}) is running on this blog dir`,
    )
  })
})

describe('atomic files', () => {
  it('replaces a file whole and leaves no temp file', async () => {
    const dir = tempDir('atomic')
    const target = join(dir, 'post.md')
    writeFileSync(target, 'old')
    writeFileAtomic(target, 'new content')
    expect(readFileSync(target, 'utf8')).toBe('new content')
    expect(readdirSync(dir)).toEqual(['post.md'])
  })

  it('removes only temp files, and only empty folders', async () => {
    const dir = tempDir('clean')
    mkdirSync(join(dir, 'content/posts/bundle'), {recursive: true})
    const leftover = join(dir, 'content/posts', `.a.md${TEMP_MARKER}123-1`)
    writeFileSync(leftover, 'partial')
    writeFileSync(join(dir, 'content/posts/keep.md'), 'mine')
    expect(await removeStaleTempFiles(join(dir, 'content'), true)).toEqual([leftover])
    expect(readdirSync(join(dir, 'content/posts')).sort()).toEqual(['bundle', 'keep.md'])
    await removeEmptyDirectories(join(dir, 'content/posts/bundle'), join(dir, 'content/posts'))
    expect(readdirSync(join(dir, 'content/posts'))).toEqual(['keep.md'])
    await removeEmptyDirectories(join(dir, 'content/posts'), join(dir, 'content'))
    expect(readdirSync(join(dir, 'content'))).toEqual(['posts'])
  })

  it('flushes a file system that holds the path, and says so when it cannot', async () => {
    expect(await syncFileSystem(tempDir('flush'))).toBe(true)
    expect(await syncFileSystem(join(tempDir('flush'), 'not-there'))).toBe(false)
  })
})

describe('applying a plan', () => {
  const plan: Plan = {
    reports: [],
    writes: [
      {path: 'static/images/a/x.png', content: 'png', sha256: 'h', kind: 'asset', documentId: 'a'},
      {path: 'content/posts/a.md', content: 'post', sha256: 'h', kind: 'markdown', documentId: 'a'},
    ],
    deletes: [],
    manifest: emptyManifest('production'),
  }
  const apply = async (fileSystemFlushes: boolean) => {
    const blogDir = tempDir('apply')
    const log: string[] = []
    await applyPlan(plan, {
      blogDir,
      contentDir: 'content/posts',
      fsync: true,
      onStep: (step) => log.push(`${step.kind} ${step.path}`),
      flush: {
        fileSystem: async (path) => {
          log.push(`flush file system ${path === blogDir ? 'blog' : path}`)
          return fileSystemFlushes
        },
        file: async (path) => void log.push(`flush ${path.slice(blogDir.length + 1)}`),
      },
    })
    return log
  }

  it('flushes everything once, after the files and before the manifest', async () => {
    expect(await apply(true)).toEqual([
      'write static/images/a/x.png',
      'write content/posts/a.md',
      'flush file system blog',
      'sync .',
      'manifest .sanity-export.json',
    ])
  })

  it('flushes file by file where the file system cannot be flushed whole', async () => {
    expect(await apply(false)).toEqual([
      'write static/images/a/x.png',
      'write content/posts/a.md',
      'flush file system blog',
      'flush static/images/a/x.png',
      'flush content/posts/a.md',
      'sync .',
      'manifest .sanity-export.json',
    ])
  })
})

describe('commit helpers', () => {
  const report = (
    status: DocReport['status'],
    slug: string,
    extra: Partial<DocReport> = {},
  ): DocReport => ({
    id: `post-${slug}`,
    slug,
    path: `content/posts/${slug}.md`,
    status,
    warnings: [],
    ...extra,
  })

  it('lists the posts by change with dataset and revision trailers', () => {
    expect(
      commitMessage(
        [
          report('created', 'new-post'),
          report('updated', 'moved', {previousPath: 'content/posts/old.md'}),
          report('deleted', 'gone'),
          report('unchanged', 'same'),
          report('failed', 'broken'),
        ],
        {dataset: 'production', revision: '0123abcd', source: 'live'},
      ),
    ).toBe(
      [
        'Export posts from Sanity: 1 created, 1 updated, 1 deleted',
        '',
        'Created:',
        '- new-post: content/posts/new-post.md',
        '',
        'Updated:',
        '- moved: content/posts/moved.md (moved from content/posts/old.md)',
        '',
        'Deleted:',
        '- gone: content/posts/gone.md',
        '',
        'Sanity-Dataset: production',
        'Sanity-Revision: 0123abcd',
        'Sanity-Source: live',
        '',
      ].join('\n'),
    )
  })

  it('names the posts an earlier run left uncommitted that the commit carries along', () => {
    expect(
      commitMessage(
        [report('unchanged', 'same')],
        {dataset: 'production', revision: null, source: 'file'},
        ['content/posts/new-post.md', 'content/posts/gone.md'],
      ),
    ).toBe(
      [
        'Export posts from Sanity: 2 from an earlier run',
        '',
        'Written or deleted by an earlier run, not committed then:',
        '- content/posts/new-post.md',
        '- content/posts/gone.md',
        '',
        'Sanity-Dataset: production',
        'Sanity-Revision: unknown',
        'Sanity-Source: file',
        '',
      ].join('\n'),
    )
  })

  it('hands git the token through a helper that reads it from the environment', () => {
    const token = 'ghp_secretvalue123'
    const config = credentialConfig(token)
    expect(config.join('\n')).not.toContain(token)
    const result = spawnSync(
      'git',
      [...config.flatMap((entry) => ['-c', entry]), 'credential', 'fill'],
      {
        input: 'protocol=https\nhost=github.com\n\n',
        encoding: 'utf8',
        env: {...process.env, GITHUB_TOKEN: token, GIT_TERMINAL_PROMPT: '0'},
      },
    )
    expect(result.stdout).toBe(
      `protocol=https\nhost=github.com\nusername=x-access-token\npassword=${token}\n`,
    )
    expect(credentialConfig(undefined)).toEqual([])
    expect(scrub(`fatal: https://x-access-token:${token}@github.com`, [token])).toBe(
      'fatal: https://x-access-token:***@github.com',
    )
  })
})

describe('types and aliases', () => {
  it('queries exactly the types the converter renders', () => {
    expect(EXPORTED_TYPES).toEqual(SUPPORTED_TYPES)
  })

  it('writes aliases relative to the base URL, as Hugo resolves them', () => {
    expect(aliasFor(DEFAULT_SITE, 'old-slug')).toBe('/posts/old-slug/')
  })
})
