import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {renderPost} from '../../converter/index.ts'
import config from '../../hugo-export.config.ts'
import {parseHugoOutput} from '../../scripts/export/hugo.ts'
import {bisect, siteProblem} from '../../scripts/export/verify.ts'
import {
  blogRepo,
  type Doc,
  exportCli,
  exportRun,
  findDoc,
  git,
  HUGO_BLOG,
  removeTempDirs,
  sampleDocs,
  tempDir,
  tree,
  writeDataset,
} from './helpers.ts'

/**
 * The build gate (--verify): the site is built with Hugo, in a scratch copy, before
 * anything is written; a post that breaks the build is held back with its field, and
 * a site that does not build at all stops the run without blaming any post.
 */

afterAll(removeTempDirs)

describe("Hugo's output", () => {
  const SITE = '/tmp/hugo-export-verify-abc'

  it('reads errors with their place in 0.111, 0.131 and 0.169 wording', () => {
    const v0111 = [
      'Start building sites … ',
      'hugo v0.111.3+extended linux/amd64 BuildDate=2023-03-16T08:41:31Z VendorInfo=debian:0.111.3-1',
      `ERROR 2026/12/07 05:52:45 not a Mermaid diagram at "${SITE}/content/posts/x.md:12:1"`,
      'Total in 181 ms',
      'Error: Error building site: logged 1 error(s)',
    ].join('\n')
    expect(parseHugoOutput(v0111, [SITE])).toEqual([
      {
        level: 'error',
        text: 'not a Mermaid diagram at "content/posts/x.md:12:1"',
        places: [{file: 'content/posts/x.md', line: 12, column: 1}],
      },
    ])
    const v0131 = [
      `WARN  Module "PaperMod" is not compatible with this Hugo version: Min 0.146.0; run "hugo mod graph" for more information.`,
      'ERROR => hugo v0.146.0 or greater is required for hugo-PaperMod to build',
      'WARN  deprecated: .Site.Social was deprecated in Hugo v0.124.0 and will be removed in a future release. Use .Site.Params instead.',
      'Error: error building site: logged 1 error(s)',
    ].join('\n')
    expect(parseHugoOutput(v0131, [SITE]).map(({level, text}) => [level, text])).toEqual([
      [
        'warn',
        'Module "PaperMod" is not compatible with this Hugo version: Min 0.146.0; run "hugo mod graph" for more information.',
      ],
      ['error', '=> hugo v0.146.0 or greater is required for hugo-PaperMod to build'],
      [
        'warn',
        'deprecated: .Site.Social was deprecated in Hugo v0.124.0 and will be removed in a future release. Use .Site.Params instead.',
      ],
    ])
    const v0169 = [
      `ERROR the "date" front matter field is not a parsable date: see ${SITE}/content/posts/b.md`,
      `ERROR error building site: assemble: failed to create page from pageMetaSource /posts/d: "/private${SITE}/content/posts/d.md:2:8": [1:8] could not find end character of double-quoted text`,
      '>  1 | title: "d',
    ].join('\n')
    expect(parseHugoOutput(v0169, [SITE, `/private${SITE}`])).toEqual([
      {
        level: 'error',
        text: 'the "date" front matter field is not a parsable date: see content/posts/b.md',
        places: [{file: 'content/posts/b.md'}],
      },
      {
        level: 'error',
        text: 'assemble: failed to create page from pageMetaSource /posts/d: "content/posts/d.md:2:8": [1:8] could not find end character of double-quoted text',
        places: [{file: 'content/posts/d.md', line: 2, column: 8}],
      },
    ])
  })

  it('keeps the closing count when it is the only error', () => {
    expect(parseHugoOutput('Error: Error building site: logged 1 error(s)\n', [SITE])).toEqual([
      {level: 'error', text: 'logged 1 error(s)', places: []},
    ])
  })

  it('says when the theme needs a newer Hugo, and that no post is at fault', () => {
    const messages = parseHugoOutput(
      'WARN 2026/12/07 05:53:22 Module "PaperMod" is not compatible with this Hugo version; run "hugo mod graph" for more information.\nERROR 2026/12/07 05:53:22 => hugo v0.146.0 or greater is required for hugo-PaperMod to build \n',
      [SITE],
    )
    expect(siteProblem(messages, 'v0.135.0+extended')).toBe(
      "the site needs a newer Hugo than v0.135.0+extended (0.146.0 or later): raise the Hugo version the blog deploys with (HUGO_VERSION in its .github/workflows/hugo.yml), which the export workflow installs too. This happens without this run's changes too, so no post is at fault, and nothing was written, committed or pushed. Hugo said: => hugo v0.146.0 or greater is required for hugo-PaperMod to build",
    )
    expect(
      siteProblem(
        [{level: 'error', text: 'Unable to locate config file or config directory.', places: []}],
        'v0.111.3+extended',
      ),
    ).toBe(
      "the site does not build with Hugo v0.111.3+extended. This happens without this run's changes too, so no post is at fault, and nothing was written, committed or pushed. Hugo said: Unable to locate config file or config directory.",
    )
  })
})

describe('finding the post by halves', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']

  it('finds the first document that breaks the build in log2(n) builds', async () => {
    const built: string[][] = []
    const found = await bisect(ids, ['all of them fail'], async (prefix) => {
      built.push([...prefix])
      return prefix.includes('f') ? [`fails with ${prefix.length}`] : undefined
    })
    expect(found).toEqual({id: 'f', evidence: ['fails with 6']})
    expect(built).toEqual([
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'c', 'd', 'e', 'f'],
      ['a', 'b', 'c', 'd', 'e'],
    ])
  })

  it('needs no build for one document, and finds nothing when nothing went wrong', async () => {
    const never = async (): Promise<string[]> => {
      throw new Error('no build expected')
    }
    expect(await bisect(['only'], ['fails'], never)).toEqual({id: 'only', evidence: ['fails']})
    expect(await bisect(ids, [], never)).toBeUndefined()
  })

  it('blames the later of two documents that fail only together', async () => {
    const found = await bisect(ids, ['clash'], async (prefix) =>
      prefix.includes('b') && prefix.includes('g') ? ['clash'] : undefined,
    )
    expect(found?.id).toBe('g')
  })
})

const hugo = spawnSync('hugo', ['version'], {encoding: 'utf8'})
const hugoAvailable = hugo.status === 0
const HUGO_VERSION = /\bv\d+\.\d+\.\d+\S*/.exec(hugo.stdout ?? '')?.[0] ?? ''
if (!hugoAvailable && process.env['CI'] !== 'true')
  console.warn(
    'Skipping the build gate tests that run Hugo: `hugo` is not installed and CI is not set.',
  )

/** The blog (with the theme files given, committed as a person would) and its remote. */
function site(themeFiles: Record<string, string> = {}): {remote: string; clone: string} {
  const repo = blogRepo(HUGO_BLOG)
  for (const [path, content] of Object.entries(themeFiles)) {
    const file = join(repo.clone, 'themes', 'paper', path)
    mkdirSync(dirname(file), {recursive: true})
    writeFileSync(file, content)
  }
  if (Object.keys(themeFiles).length > 0) {
    git(repo.clone, 'add', '.')
    git(repo.clone, 'commit', '-q', '-m', 'Theme hooks')
    git(repo.clone, 'push', '-q')
  }
  return repo
}

function dataset(edit: (docs: Doc[]) => void = () => {}): {file: string; docs: Doc[]} {
  const docs = sampleDocs().map((doc) => structuredClone(doc))
  edit(docs)
  return {file: writeDataset(tempDir('verify-data'), docs), docs}
}

const pushed = (remote: string) =>
  git(remote, 'ls-tree', '-r', '--name-only', 'main').trim().split('\n').sort()

const manifestIds = (clone: string) =>
  Object.keys(
    (JSON.parse(readFileSync(join(clone, '.sanity-export.json'), 'utf8')) as {documents: object})
      .documents,
  ).sort()

/** A theme that checks Mermaid diagrams, as diagram-rendering themes do, and says where. */
const MERMAID_HOOK = {
  'layouts/_default/_markup/render-codeblock-mermaid.html':
    '{{- if not (findRE `^(graph|flowchart|sequenceDiagram)` .Inner) }}{{ errorf "not a Mermaid diagram at %s" .Position }}{{ end -}}\n<pre class="mermaid">{{ .Inner }}</pre>\n',
}

/** A theme that refuses some links, and says nothing of where. */
const LINK_HOOK = {
  'layouts/_default/_markup/render-link.html':
    '{{- if strings.Contains .Destination "forbidden.example" }}{{ errorf "links to %s are not allowed on this blog" .Destination }}{{ end -}}\n<a href="{{ .Destination | safeURL }}">{{ .Text | safeHTML }}</a>\n',
}

describe.skipIf(!hugoAvailable && process.env['CI'] !== 'true')('the build gate', () => {
  it('never commits a post that breaks the build, names its field, and publishes the rest', async () => {
    const {remote, clone} = site(MERMAID_HOOK)
    const broken = dataset((docs) => {
      const cache = findDoc(docs, 'post-distributed-cache')
      const implementation = cache['implementation'] as {codeExamples: object[]}
      implementation.codeExamples.push({
        _key: 'dc-code-flow',
        _type: 'code',
        language: 'mermaid',
        code: 'Client asks the ring, then the owning node',
      })
    })
    const markdown = renderPost(findDoc(broken.docs, 'post-distributed-cache'), config.site)
    const line = markdown.markdown.split('\n').indexOf('```mermaid') + 1
    expect(line).toBeGreaterThan(100)
    const message = `not a Mermaid diagram at "content/posts/distributed-cache.md:${line}:1"`

    const run = await exportRun(['--source', broken.file, '--blog', clone, '--verify', '--push'])
    expect(run.exitCode).toBe(7)
    expect(run.summary?.failed).toEqual([
      {
        id: 'post-distributed-cache',
        slug: 'distributed-cache',
        path: null,
        reason: `breaks the Hugo build: ${message}`,
        field: 'implementation.codeExamples',
      },
    ])
    expect(run.summary?.verify).toEqual({
      hugo: HUGO_VERSION,
      command: 'hugo --gc --minify --buildFuture',
      builds: 2,
      outcome: 'held',
      site: null,
      held: [
        {
          id: 'post-distributed-cache',
          slug: 'distributed-cache',
          path: 'content/posts/distributed-cache.md',
          field: 'implementation.codeExamples',
          at: `content/posts/distributed-cache.md:${line}:1`,
          message,
        },
      ],
    })
    expect(run.stdout).toContain(
      `    post-distributed-cache [implementation.codeExamples] at content/posts/distributed-cache.md:${line}:1: ${message}`,
    )
    // The others went out; the broken post is in no commit, no manifest, no file.
    expect(pushed(remote)).toEqual([
      '.github/workflows/hugo.yml',
      '.sanity-export.json',
      'content/posts/distributed-rate-limiter.md',
      // A Hugo draft: a bundle, its image beside it.
      ...Object.keys(tree(clone))
        .filter((path) => path.startsWith('content/posts/notification-fanout/'))
        .sort(),
      'content/posts/url-shortener.md',
      'content/posts/welcome.md',
      'hugo.yaml',
      ...Object.keys(tree(clone))
        .filter((path) => path.startsWith('static/images/'))
        .sort(),
      'themes/paper/layouts/_default/_markup/render-codeblock-mermaid.html',
      'themes/paper/layouts/_default/baseof.html',
      'themes/paper/layouts/_default/list.html',
      'themes/paper/layouts/_default/single.html',
      'themes/paper/theme.toml',
    ])
    expect(git(remote, 'log', '--format=%s', 'main').split('\n')[0]).toBe(
      'Export posts from Sanity: 3 created',
    )
    expect(manifestIds(clone)).toEqual([
      'post-distributed-rate-limiter',
      'post-notification-fanout',
      'post-url-shortener',
    ])
    expect(existsSync(join(clone, 'content/posts/distributed-cache.md'))).toBe(false)
    expect(existsSync(join(clone, 'static/images/distributed-cache'))).toBe(false)
    expect(existsSync(join(clone, 'public'))).toBe(false)
    expect(git(clone, 'status', '--porcelain')).toBe('')

    // Fixed in the Studio: the next run publishes it.
    const fixed = dataset()
    const again = await exportRun(['--source', fixed.file, '--blog', clone, '--verify', '--push'])
    expect(again.exitCode).toBe(0)
    expect(again.summary?.created.map((doc) => doc.id)).toEqual(['post-distributed-cache'])
    expect(again.summary?.verify?.outcome).toBe('passed')
    expect(again.summary?.verify?.builds).toBe(1)
    expect(pushed(remote)).toContain('content/posts/distributed-cache.md')
  })

  it('finds a post whose error names no place by building the changes in halves', async () => {
    const {remote, clone} = site(LINK_HOOK)
    const broken = dataset((docs) => {
      const reading = findDoc(docs, 'post-url-shortener')['furtherReading'] as {url?: string}[]
      const first = reading[0]
      if (first === undefined) throw new Error('the sample post lost its reading list')
      first.url = 'https://forbidden.example/fpe'
    })
    const run = await exportRun(['--source', broken.file, '--blog', clone, '--verify', '--push'])
    expect(run.exitCode).toBe(7)
    const message = 'links to https://forbidden.example/fpe are not allowed on this blog'
    // The full build, the blog without the changes, two halvings, and the rest again.
    expect(run.summary?.verify?.builds).toBe(5)
    expect(run.summary?.verify?.held).toEqual([
      {
        id: 'post-url-shortener',
        slug: 'url-shortener',
        path: 'content/posts/url-shortener.md',
        // The line that holds the refused address.
        field: 'furtherReading',
        at: null,
        message,
      },
    ])
    expect(run.summary?.failed.map((doc) => [doc.id, doc.field, doc.reason])).toEqual([
      ['post-url-shortener', 'furtherReading', `breaks the Hugo build: ${message}`],
    ])
    expect(pushed(remote)).not.toContain('content/posts/url-shortener.md')
    expect(pushed(remote)).toContain('content/posts/notification-fanout/index.md')
  })

  it('checks a post scheduled for later, which a deploy will build when its time comes', async () => {
    const {remote, clone} = site(MERMAID_HOOK)
    const scheduled = dataset((docs) => {
      const cache = findDoc(docs, 'post-distributed-cache')
      cache['publishDate'] = '2099-01-01T09:00:00+05:30'
      const implementation = cache['implementation'] as {codeExamples: object[]}
      implementation.codeExamples.push({
        _key: 'dc-code-flow',
        _type: 'code',
        language: 'mermaid',
        code: 'Client asks the ring, then the owning node',
      })
    })
    const run = await exportRun(['--source', scheduled.file, '--blog', clone, '--verify', '--push'])
    expect(run.exitCode).toBe(7)
    expect(run.summary?.verify?.held.map((post) => [post.id, post.field])).toEqual([
      ['post-distributed-cache', 'implementation.codeExamples'],
    ])
    expect(pushed(remote)).not.toContain('content/posts/distributed-cache.md')
  })

  it('holds back a post the build warns about, but not for warnings the site always had', async () => {
    const {remote, clone} = site({
      'layouts/_default/_markup/render-link.html':
        '{{- if hasPrefix .Destination "http://" }}{{ warnf "%s: the link to %s is not secure" .Page.File.Filename .Destination }}{{ end -}}\n<a href="{{ .Destination | safeURL }}">{{ .Text | safeHTML }}</a>\n',
      'layouts/index.html':
        '{{ warnf "paper: this theme has no search page" }}{{ range .Site.RegularPages }}{{ .Title }}{{ end }}\n',
    })
    const insecure = dataset((docs) => {
      const reading = findDoc(docs, 'post-distributed-rate-limiter')['furtherReading'] as {
        url: string
      }[]
      const first = reading[0]
      if (first === undefined) throw new Error('the sample post lost its reading list')
      first.url = first.url.replace('https://', 'http://')
    })
    const run = await exportRun(['--source', insecure.file, '--blog', clone, '--verify', '--push'])
    expect(run.exitCode).toBe(7)
    const held = run.summary?.verify?.held ?? []
    expect(held.map((post) => [post.id, post.field, post.at])).toEqual([
      ['post-distributed-rate-limiter', 'furtherReading', null],
    ])
    expect(held[0]?.message).toBe(
      'content/posts/distributed-rate-limiter.md: the link to http://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/other_features/global_rate_limiting is not secure',
    )
    expect(run.summary?.failed[0]?.reason).toBe(`makes the Hugo build warn: ${held[0]?.message}`)
    // The full build, the rest again, and the blog without the changes, whose
    // warning the rest shares.
    expect(run.summary?.verify?.builds).toBe(3)
    expect(pushed(remote)).toContain('content/posts/url-shortener.md')
    expect(pushed(remote)).not.toContain('content/posts/distributed-rate-limiter.md')
  })

  it('stops, blaming no post, when the theme needs a newer Hugo (the blog today)', async () => {
    // PaperMod 8e06a8a, which the blog pins, guards its templates so.
    const {remote, clone} = site({
      'theme.toml': 'name = "paper"\nmin_version = "0.146.0"\n',
      'layouts/_default/baseof.html': readFileSync(
        join(HUGO_BLOG, 'themes/paper/layouts/_default/baseof.html'),
        'utf8',
      ).replaceAll('0.97.1', '0.146.0'),
    })
    const before = tree(clone)
    const head = git(clone, 'rev-parse', 'HEAD')
    const data = dataset()
    const run = await exportRun(['--source', data.file, '--blog', clone, '--verify', '--push'])
    expect(run.exitCode).toBe(8)
    expect(run.summary?.mode).toBe('blocked')
    expect(run.summary?.failed).toEqual([])
    expect(run.summary?.files).toEqual({written: [], deleted: []})
    expect(run.summary?.commit).toBe(null)
    expect(run.summary?.push).toBe(null)
    expect(run.summary?.verify).toEqual({
      hugo: HUGO_VERSION,
      command: 'hugo --gc --minify --buildFuture',
      builds: 2,
      outcome: 'site',
      site: `the site needs a newer Hugo than ${HUGO_VERSION} (0.146.0 or later): raise the Hugo version the blog deploys with (HUGO_VERSION in its .github/workflows/hugo.yml), which the export workflow installs too. This happens without this run's changes too, so no post is at fault, and nothing was written, committed or pushed. Hugo said: => hugo v0.146.0 or greater is required for hugo-PaperMod to build`,
      held: [],
    })
    expect(run.stdout.split('\n')[0]).toBe(
      `Export ${data.file} → ${clone} (file layout) (the site does not build: nothing written, committed or pushed)`,
    )
    expect(tree(clone)).toEqual(before)
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(head)
    expect(git(remote, 'rev-parse', 'main')).toBe(head)
  })

  it('builds once when all is well, in a scratch copy it removes, outside the repo', () => {
    const {clone} = site()
    const scratchRoot = tempDir('verify-tmp')
    const run = exportCli(
      ['--source', dataset().file, '--blog', clone, '--verify', '--commit', '--json'],
      {TMPDIR: scratchRoot},
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const summary = JSON.parse(run.stdout) as {verify: unknown; counts: {created: number}}
    expect(summary.counts.created).toBe(4)
    expect(summary.verify).toEqual({
      hugo: HUGO_VERSION,
      command: 'hugo --gc --minify --buildFuture',
      builds: 1,
      outcome: 'passed',
      site: null,
      held: [],
    })
    expect(
      readdirSync(scratchRoot).filter((name) => name.startsWith('hugo-export-verify-')),
    ).toEqual([])
    expect(existsSync(join(clone, 'public'))).toBe(false)
    expect(existsSync(join(clone, '.hugo_build.lock'))).toBe(false)
    expect(git(clone, 'status', '--porcelain')).toBe('')
  })

  it('stops before reading anything when Hugo cannot be run', async () => {
    const {clone} = site()
    const before = tree(clone)
    const run = await exportRun([
      '--source',
      dataset().file,
      '--blog',
      clone,
      '--verify',
      '--hugo',
      '/nonexistent/hugo',
    ])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      'export: cannot run Hugo ("/nonexistent/hugo"): spawn /nonexistent/hugo ENOENT; install Hugo, or name it with --hugo <path> or the HUGO variable\n',
    )
    expect(tree(clone)).toEqual(before)
  })
})
