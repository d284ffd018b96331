import {spawn, spawnSync} from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {hostname} from 'node:os'
import {join} from 'node:path'
import {create as createTar} from 'tar'
import {afterAll, describe, expect, it} from 'vitest'
import {acquireLock} from '../../scripts/export/lock.ts'
import {TEMP_MARKER} from '../../scripts/lib/atomic.ts'
import {
  type Doc,
  exportRun,
  findDoc,
  removeTempDirs,
  SAMPLE_IMAGES,
  SAMPLE_NDJSON,
  sampleDocs,
  tempDir,
  writeDataset,
} from '../export/helpers.ts'
import {
  CLI,
  cliEnv,
  files,
  HAND_WRITTEN_POST,
  handWrittenBlog,
  LOCK,
  manifestProblems,
  ROOT,
  readManifestFile,
  runCli,
  tree,
} from './helpers.ts'

/**
 * What the exporter did wrong when attacked as a hostile user and a hostile
 * environment would attack it, each pinned by the smallest run that shows it. The
 * runs are in-process unless the process itself matters (exit codes of crashes,
 * kills, left-over files).
 */

afterAll(removeTempDirs)

interface DocLine {
  id: string
  slug: string | null
  path: string | null
  previousPath?: string
  reason?: string
  field?: string
}

const LISTS = ['created', 'updated', 'deleted', 'failed', 'conflicts'] as const

type Summary = {exitCode: number; commit: unknown; gitError: string | null} & Record<
  (typeof LISTS)[number],
  DocLine[]
>

/** The sample dataset with `change` applied to copies of its documents. */
function dataset(change: (docs: Doc[]) => Doc[] = (docs) => docs): string {
  return writeDataset(tempDir('dataset'), change(structuredClone(sampleDocs())))
}

function renamed(docs: Doc[], id: string, slug: string): Doc[] {
  const doc = findDoc(docs, id)
  doc['slug'] = {_type: 'slug', current: slug}
  doc._rev = `${doc._rev}-renamed`
  return docs
}

async function exportJson(args: readonly string[]): Promise<Summary> {
  const run = await exportRun([...args, '--json'])
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout) as Summary
}

/** Each document the run changed or could not, by id: what happened to it. */
const statuses = (summary: Summary) =>
  Object.fromEntries(LISTS.flatMap((list) => summary[list].map((doc) => [doc.id, list])))

describe('--only after a rename', () => {
  it('finds the post by its old slug and moves it, keeping the old address as an alias', async () => {
    const blog = handWrittenBlog('only-old-slug')
    expect((await exportRun(['--source', dataset(), '--blog', blog])).exitCode).toBe(0)
    const source = dataset((docs) => renamed(docs, 'post-url-shortener', 'short-links'))

    const summary = await exportJson([
      '--source',
      source,
      '--blog',
      blog,
      '--only',
      'url-shortener',
    ])
    expect({exitCode: summary.exitCode, statuses: statuses(summary)}).toEqual({
      exitCode: 0,
      statuses: {'post-url-shortener': 'updated'},
    })
    expect(existsSync(join(blog, 'content/posts/url-shortener.md'))).toBe(false)
    const moved = readFileSync(join(blog, 'content/posts/short-links.md'), 'utf8')
    expect(moved).toContain('aliases: ["/posts/url-shortener/"]\n')
    expect(readManifestFile(blog).documents['post-url-shortener']).toMatchObject({
      path: 'content/posts/short-links.md',
      previousSlugs: ['url-shortener'],
    })
    expect(manifestProblems(blog)).toEqual([])
  })
})

const POSTS = [
  'distributed-cache',
  'distributed-rate-limiter',
  'notification-fanout',
  'url-shortener',
]
/** Where a sample post is written: the Hugo draft is a bundle, so that its images are not deployed. */
const postFile = (slug: string) =>
  slug === 'notification-fanout' ? `content/posts/${slug}/index.md` : `content/posts/${slug}.md`
const withoutPost = (id: string) => (docs: Doc[]) => docs.filter((doc) => doc._id !== id)

describe('symbolic links out of the blog dir', () => {
  it('writes no post through a posts folder that links elsewhere', async () => {
    const blog = handWrittenBlog('posts-link')
    const elsewhere = tempDir('elsewhere')
    renameSync(join(blog, 'content/posts'), join(elsewhere, 'posts'))
    symlinkSync(join(elsewhere, 'posts'), join(blog, 'content/posts'))

    const summary = await exportJson(['--source', dataset(), '--blog', blog])
    expect(summary.exitCode).toBe(1)
    expect(summary.failed.map(({id, reason}) => ({id, reason}))).toEqual(
      POSTS.map((slug) => ({
        id: `post-${slug}`,
        reason: `${postFile(slug)} was not written: content/posts is a symbolic link to ${join(elsewhere, 'posts')}, outside the blog dir; nothing is written through it`,
      })),
    )
    expect(files(elsewhere)).toEqual(['posts/welcome.md'])
    expect(files(blog).filter((path) => path.startsWith('static/'))).toEqual([])
  })

  it('removes nothing through an image folder that links elsewhere', async () => {
    const blog = handWrittenBlog('images-link')
    expect((await exportRun(['--source', dataset(), '--blog', blog])).exitCode).toBe(0)
    const elsewhere = tempDir('elsewhere')
    const images = join(blog, 'static/images/url-shortener')
    cpSync(images, elsewhere, {recursive: true})
    const before = tree(elsewhere)
    renameSync(images, join(tempDir('moved'), 'images'))
    symlinkSync(elsewhere, images)

    const unpublished = dataset(withoutPost('post-url-shortener'))
    const summary = await exportJson(['--source', unpublished, '--blog', blog])
    expect(summary.exitCode).toBe(1)
    const [image] = readdirSync(elsewhere)
    expect(summary.failed.map(({id, reason}) => ({id, reason}))).toEqual([
      {
        id: 'post-url-shortener',
        reason: `static/images/url-shortener/${image} was not removed: static/images/url-shortener is a symbolic link to ${elsewhere}, outside the blog dir; nothing is written through it`,
      },
    ])
    expect(tree(elsewhere)).toEqual(before)
    expect(existsSync(join(blog, 'content/posts/url-shortener.md'))).toBe(true)
    expect(Object.keys(readManifestFile(blog).documents)).toContain('post-url-shortener')
  })
})

describe('a file where a folder belongs', () => {
  it('fails only the post whose image folder is a file', async () => {
    const blog = handWrittenBlog('image-folder-file')
    mkdirSync(join(blog, 'static/images'), {recursive: true})
    writeFileSync(join(blog, 'static/images/url-shortener'), 'not a folder\n')

    const summary = await exportJson(['--source', dataset(), '--blog', blog])
    expect(summary.exitCode).toBe(1)
    expect(summary.failed.map(({id}) => id)).toEqual(['post-url-shortener'])
    expect(summary.failed[0]?.reason).toMatch(
      /^static\/images\/url-shortener\/[0-9a-f]{40}-1200x630\.png was not written: static\/images\/url-shortener is a file where a folder belongs; move it away and run again$/,
    )
    expect(summary.created.map(({id}) => id)).toEqual(
      ['distributed-cache', 'distributed-rate-limiter', 'notification-fanout'].map(
        (s) => `post-${s}`,
      ),
    )
    expect(manifestProblems(blog, [HAND_WRITTEN_POST, 'static/images/url-shortener'])).toEqual([])
  })

  it('fails every post when the posts folder is a file, and exports them once it is a folder', async () => {
    const blog = tempDir('posts-file')
    mkdirSync(join(blog, 'content'))
    writeFileSync(join(blog, 'content/posts'), 'not a folder\n')
    const source = dataset()

    const summary = await exportJson(['--source', source, '--blog', blog])
    expect(summary.exitCode).toBe(1)
    expect(summary.failed.map(({reason}) => reason)).toEqual(
      POSTS.map(
        (slug) =>
          `${postFile(slug)} was not written: content/posts is a file where a folder belongs; move it away and run again`,
      ),
    )
    expect(readdirSync(join(blog, 'content'))).toEqual(['posts'])

    renameSync(join(blog, 'content/posts'), join(blog, 'posts-was-here'))
    const again = await exportJson(['--source', source, '--blog', blog])
    expect({exitCode: again.exitCode, created: again.created.length}).toEqual({
      exitCode: 0,
      created: 4,
    })
  })
})

describe('an address a hand-written post already has', () => {
  const cases: Record<string, [path: string, frontMatter: string]> = {
    'a page bundle of the same name': ['content/posts/url-shortener/index.md', ''],
    'a file named in other letters': ['content/posts/URL-Shortener.md', ''],
    'a slug in its front matter': ['content/posts/my-notes.md', 'slug: url-shortener\n'],
    'a url in its front matter': ['content/posts/elsewhere.md', 'url: /posts/url-shortener/\n'],
    'a slug in TOML front matter': [
      'content/posts/toml-notes.md',
      '+++\nslug = "url-shortener"\n+++\n',
    ],
  }
  for (const [name, [path, frontMatter]] of Object.entries(cases)) {
    it(`is a collision: ${name}`, async () => {
      const blog = handWrittenBlog('address')
      mkdirSync(join(blog, path, '..'), {recursive: true})
      const text = frontMatter.startsWith('+++')
        ? `${frontMatter}\nMine.\n`
        : `---\ntitle: "Mine"\n${frontMatter}---\n\nMine.\n`
      writeFileSync(join(blog, path), text)

      const summary = await exportJson(['--source', dataset(), '--blog', blog])
      expect(summary.exitCode).toBe(1)
      expect(summary.failed).toEqual([
        {
          id: 'post-url-shortener',
          slug: 'url-shortener',
          path: null,
          reason: `content/posts/url-shortener.md would have the address /posts/url-shortener/, which ${path} already has (a hand-written post?); it was not written`,
          field: 'slug.current',
        },
      ])
      expect(summary.created).toHaveLength(3)
      expect(existsSync(join(blog, 'content/posts/url-shortener.md'))).toBe(false)
      expect(readFileSync(join(blog, path), 'utf8')).toBe(text)
    })
  }
})

describe('an exported image deleted by hand', () => {
  it('is noticed by --check and put back by the next run', async () => {
    const blog = handWrittenBlog('image-deleted')
    const source = dataset()
    expect((await exportRun(['--source', source, '--blog', blog])).exitCode).toBe(0)
    const folder = join(blog, 'static/images/url-shortener')
    const [image] = readdirSync(folder)
    const path = join(folder, String(image))
    const bytes = readFileSync(path)
    rmSync(path)

    const check = await exportJson(['--source', source, '--blog', blog, '--check'])
    expect({exitCode: check.exitCode, statuses: statuses(check)}).toEqual({
      exitCode: 1,
      statuses: {'post-url-shortener': 'updated'},
    })
    const run = await exportJson(['--source', source, '--blog', blog])
    expect({exitCode: run.exitCode, statuses: statuses(run)}).toEqual({
      exitCode: 0,
      statuses: {'post-url-shortener': 'updated'},
    })
    expect(readFileSync(path).equals(bytes)).toBe(true)
    expect(manifestProblems(blog)).toEqual([])
  })
})

describe('a published id that starts with drafts', () => {
  it('is exported: only drafts. and versions. mark a draft or a version', async () => {
    const source = dataset((docs) => {
      const doc = structuredClone(findDoc(docs, 'post-url-shortener'))
      doc._id = 'draftsman-guide'
      doc['slug'] = {_type: 'slug', current: 'draftsman-guide'}
      const draft = {...structuredClone(doc), _id: 'drafts.draftsman-guide'}
      return [...docs, doc, draft]
    })
    const summary = await exportJson(['--source', source, '--blog', handWrittenBlog('drafts')])
    expect({exitCode: summary.exitCode, created: summary.created.map(({id}) => id)}).toEqual({
      exitCode: 0,
      created: ['draftsman-guide', ...POSTS.map((slug) => `post-${slug}`)],
    })
  })
})

describe('two lines with one _id', () => {
  it('are refused (exit 3, naming both lines), and nothing is written', async () => {
    const source = dataset((docs) => {
      const again = structuredClone(findDoc(docs, 'post-url-shortener'))
      again['title'] = 'Another document under the same id'
      return [...docs, again]
    })
    const lines = readFileSync(source, 'utf8').trimEnd().split('\n')
    const first = lines.findIndex((line) => line.includes('"_id":"post-url-shortener"')) + 1
    const blog = handWrittenBlog('duplicate-id')

    const run = await exportRun(['--source', source, '--blog', blog])
    expect({exitCode: run.exitCode, stderr: run.stderr}).toEqual({
      exitCode: 3,
      stderr: `export: ${source}:${lines.length} repeats the _id "post-url-shortener" of line ${first}; a dataset export holds each document once\n`,
    })
    expect(files(blog)).toEqual([HAND_WRITTEN_POST])
  })
})

describe('images of one file name from different places', () => {
  it('each post gets its own file, and a missing one fails its own post, naming the field', async () => {
    const name = 'shot-1200x630.png'
    const coverAt = (folder: string) => ({
      _type: 'image',
      _sanityAsset: `image@file://./${folder}/${name}`,
    })
    const source = dataset((docs) => {
      const covers = {
        'post-url-shortener': 'a',
        'post-distributed-rate-limiter': 'b',
        'post-distributed-cache': 'missing',
      }
      for (const [id, folder] of Object.entries(covers))
        (findDoc(docs, id)['cover'] as Doc)['image'] = coverAt(folder)
      return docs
    })
    const images = readdirSync(SAMPLE_IMAGES).sort()
    for (const [folder, image] of [
      ['a', images[0]],
      ['b', images[1]],
    ] as const) {
      mkdirSync(join(source, '..', folder))
      cpSync(join(SAMPLE_IMAGES, String(image)), join(source, '..', folder, name))
    }
    const blog = handWrittenBlog('same-name-images')

    const summary = await exportJson(['--source', source, '--blog', blog])
    expect(summary.failed.map(({id, field, reason}) => ({id, field, reason}))).toEqual([
      {
        id: 'post-distributed-cache',
        field: 'cover.image',
        reason: `image ${name} not found in the dataset (looked for missing/${name})`,
      },
    ])
    for (const [slug, folder] of [
      ['url-shortener', 'a'],
      ['distributed-rate-limiter', 'b'],
    ] as const)
      expect(readFileSync(join(blog, 'static/images', slug, name))).toEqual(
        readFileSync(join(source, '..', folder, name)),
      )
  })
})

describe('a dataset archive holding a link', () => {
  it('is refused (exit 3, naming the entry), and leaves nothing in the temp folder', async () => {
    const root = tempDir('archive')
    const folder = join(root, 'production-export')
    mkdirSync(folder)
    writeFileSync(join(folder, 'data.ndjson'), readFileSync(SAMPLE_NDJSON))
    cpSync(SAMPLE_IMAGES, join(folder, 'images'), {recursive: true})
    symlinkSync('/etc/passwd', join(folder, 'images', 'passwd.png'))
    const archive = join(root, 'production.tar.gz')
    await createTar({gzip: true, file: archive, cwd: root}, ['production-export'])
    const temp = tempDir('os-temp')
    const blog = tempDir('blog')

    const run = runCli(
      ['--source', archive, '--blog', blog],
      cliEnv(tempDir('cache'), {TMPDIR: temp}),
    )
    expect({status: run.status, stderr: run.stderr}).toEqual({
      status: 3,
      stderr: `export: ${archive} holds production-export/images/passwd.png (SymbolicLink), a link or special file that a dataset export never holds; it was not read\n`,
    })
    expect(readdirSync(temp)).toEqual([])
    expect(files(blog)).toEqual([])
  })
})

describe('the lock of a killed run', () => {
  const lockOf = (pid: number, extra: Record<string, string> = {}) =>
    `${JSON.stringify({pid, host: hostname(), startedAt: new Date().toISOString(), ...extra})}\n`

  it('is taken over while the killed process is a zombie that nobody reaped', async () => {
    // `sh` starts a child and becomes `sleep`, which never reaps it: the child stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    try {
      const zombie = Number(
        await new Promise<string>((resolve) => parent.stdout.once('data', resolve)),
      )
      await expect.poll(() => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(' ')[2]).toBe('Z')
      const blog = handWrittenBlog('zombie-lock')
      writeFileSync(join(blog, LOCK), lockOf(zombie))
      const run = await exportRun(['--source', dataset(), '--blog', blog])
      expect({exitCode: run.exitCode, stderr: run.stderr}).toEqual({exitCode: 0, stderr: ''})
      expect(existsSync(join(blog, LOCK))).toBe(false)
    } finally {
      parent.kill('SIGKILL')
    }
  })

  it('is taken over when its pid now belongs to a later process', async () => {
    const blog = handWrittenBlog('reused-pid')
    // This process runs, but it started at another time than the lock says.
    writeFileSync(join(blog, LOCK), lockOf(process.pid, {processStart: '1'}))
    const run = await exportRun(['--source', dataset(), '--blog', blog])
    expect({exitCode: run.exitCode, stderr: run.stderr}).toEqual({exitCode: 0, stderr: ''})
  })

  it('still stops a second run while the first one runs', async () => {
    const blog = handWrittenBlog('live-lock')
    const lock = await acquireLock(blog)
    try {
      const run = await exportRun(['--source', dataset(), '--blog', blog])
      expect(run.exitCode).toBe(5)
    } finally {
      await lock.release()
    }
  })
})

describe('a blog dir or source of the wrong kind', () => {
  it('--blog naming a file is a usage error (exit 2)', async () => {
    const file = join(tempDir('blog-file'), 'blog')
    writeFileSync(file, 'not a folder\n')
    for (const blog of [file, join(file, 'inside')]) {
      const run = await exportRun(['--source', dataset(), '--blog', blog])
      expect({exitCode: run.exitCode, stderr: run.stderr}).toEqual({
        exitCode: 2,
        stderr: `export: the blog dir ${blog} is a file, or inside one; pass the folder of the blog repo\n`,
      })
    }
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n')
  })

  it('--source naming a folder is a source error (exit 3)', async () => {
    const folder = join(dataset(), '..')
    const blog = handWrittenBlog('source-folder')
    const run = await exportRun(['--source', folder, '--blog', blog])
    expect({exitCode: run.exitCode, stderr: run.stderr}).toEqual({
      exitCode: 3,
      stderr: `export: ${folder} is a folder; pass the dataset file in it (data.ndjson) or the .tar.gz export\n`,
    })
    expect(files(blog)).toEqual([HAND_WRITTEN_POST])
  })
})

/**
 * A file system of our own (a tmpfs in a user and mount namespace) is the only way to
 * make a disk full or read-only for a test, even as root.
 */
// Unlike hugo or chromium, this is the kernel's permission, which no install step
// can give a CI runner: the tests are skipped, and say so, wherever it is refused.
const mountable = spawnSync('unshare', ['-rm', 'true']).status === 0
if (!mountable)
  console.warn('unshare -rm is not allowed here: the full-disk and read-only tests are skipped')

interface MountedRuns {
  first: {status: number; stderr: string; files: string[]}
  second: {status: number; stderr: string}
  /** Where the tmpfs was mounted, as the CLI saw the blog dir. */
  mountedAt: string
  /** A copy of the blog dir after the second run. */
  blog: string
}

/**
 * Runs the CLI twice on a blog dir (the hand-written blog) on a 1 MB tmpfs: after
 * `spoil` has run, then after `mend`. The tmpfs lives as long as the namespace, so its
 * final content is copied out.
 */
function runOnOwnFileSystem(source: string, spoil: string, mend: string): MountedRuns {
  const out = tempDir('mounted')
  const blog = join(tempDir('mount-point'), 'blog')
  mkdirSync(blog)
  const run = (name: string) =>
    `"$NODE" "$CLI" --source "$SOURCE" --blog "$BLOG" >/dev/null 2>"$OUT/${name}.err"; echo $? >"$OUT/${name}.status"`
  const script = [
    'set -e',
    'mount -t tmpfs -o size=1m tmpfs "$BLOG"',
    `cp -r "$HAND_WRITTEN"/. "$BLOG"`,
    spoil,
    'set +e',
    run('first'),
    '(cd "$BLOG" && find . -type f) >"$OUT/first.files"',
    'set -e',
    mend,
    run('second'),
    'mkdir "$OUT/blog" && cp -r "$BLOG"/. "$OUT/blog"',
  ].join('\n')
  const result = spawnSync('unshare', ['-rm', 'bash', '-c', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...cliEnv(tempDir('cache')),
      NODE: process.execPath,
      CLI,
      SOURCE: source,
      BLOG: blog,
      OUT: out,
      HAND_WRITTEN: join(ROOT, 'test/fixtures/blog'),
    },
  })
  expect(result.stderr).toBe('')
  const read = (name: string) => readFileSync(join(out, name), 'utf8')
  return {
    first: {
      status: Number(read('first.status')),
      stderr: read('first.err'),
      files: read('first.files')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.slice(2))
        .sort(),
    },
    second: {status: Number(read('second.status')), stderr: read('second.err')},
    mountedAt: blog,
    blog: join(out, 'blog'),
  }
}

describe.skipIf(!mountable)('a blog dir that cannot be written', () => {
  const NEXT_RUN =
    'The export stopped before saving its manifest; once this is fixed, the next run picks up where it stopped.'

  /** What an export into a blog dir that can be written leaves. */
  function expectedTree(source: string): Record<string, string> {
    const blog = handWrittenBlog('writable')
    expect(runCli(['--source', source, '--blog', blog], cliEnv(tempDir('cache'))).status).toBe(0)
    return tree(blog)
  }

  it('on a read-only file system: exit 6 naming the folder, and the next run converges', () => {
    const source = dataset()
    const runs = runOnOwnFileSystem(
      source,
      'mount -o remount,ro "$BLOG"',
      'mount -o remount,rw "$BLOG"',
    )
    expect(runs.first).toEqual({
      status: 6,
      stderr: `export: ${runs.mountedAt}: the file system is read-only (EROFS). ${NEXT_RUN}\n`,
      files: [HAND_WRITTEN_POST],
    })
    expect(runs.second).toEqual({status: 0, stderr: ''})
    expect(tree(runs.blog)).toEqual(expectedTree(source))
  })

  it('on a full disk: exit 6, no temp file, and the run after space is freed converges', () => {
    const source = dataset()
    // All but 40 KB of the disk taken: the sample's images need more.
    const fill =
      'dd if=/dev/zero of="$BLOG/filler" bs=1k count=$(( $(df -k --output=avail "$BLOG" | tail -1) - 40 )) 2>/dev/null'
    const runs = runOnOwnFileSystem(source, fill, 'rm "$BLOG/filler"')
    expect(runs.first.status).toBe(6)
    expect(runs.first.stderr).toMatch(
      new RegExp(
        `^export: (\\S+: )?no space left on the disk \\(ENOSPC\\)\\. ${NEXT_RUN.replaceAll('.', '\\.')}\n$`,
      ),
    )
    expect(runs.first.files).not.toContain('.sanity-export.json')
    expect(runs.first.files.filter((path) => path.includes(TEMP_MARKER))).toEqual([])
    expect(runs.second).toEqual({status: 0, stderr: ''})
    expect(tree(runs.blog)).toEqual(expectedTree(source))
  })
})
