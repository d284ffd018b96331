import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {JSDOM} from 'jsdom'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {importMarkdown} from '../import/support.ts'
import {
  type Doc,
  exportRun,
  findDoc,
  ROOT,
  removeTempDirs,
  SAMPLE_NDJSON,
  sampleDocs,
  tempDir,
  writeDataset,
} from './helpers.ts'

/**
 * The sample dataset exported into a copy of the real blog (its hugo.yaml,
 * MathJax and Lyket partials and PaperMod; see test/fixtures/real-blog) and
 * built as its deploy builds it, `hugo --gc --minify`. The checks read the
 * HTML a reader gets.
 */

const BLOG = join(ROOT, 'test', 'fixtures', 'real-blog')
const hugoAvailable = spawnSync('hugo', ['version']).status === 0
const skip = !hugoAvailable && process.env['CI'] !== 'true'
if (skip) console.warn('Skipping the real-blog build: `hugo` is not installed and CI is not set.')

const BASE = 'https://ariondas.github.io/blogs'

interface Published {
  title: string
  /** As the blog's DateFormat, "January 2, 2006", shows it. */
  date: string
  /** Where the sample post's writer chose to show its cover. */
  cover: {page: boolean; lists: boolean}
}

const PUBLISHED: Record<string, Published> = {
  'distributed-rate-limiter': {
    title: 'Designing a Distributed Rate Limiter',
    date: 'October 1, 2025',
    cover: {page: true, lists: true},
  },
  'distributed-cache': {
    title: 'Designing a Distributed Cache',
    date: 'September 9, 2025',
    cover: {page: true, lists: false},
  },
  'url-shortener': {
    title: 'Designing a URL Shortener',
    date: 'August 14, 2025',
    cover: {page: false, lists: false},
  },
}
const SLUGS = Object.keys(PUBLISHED)

/** The sample's Hugo draft, and its one image (its cover). */
const DRAFT = {
  id: 'post-notification-fanout',
  slug: 'notification-fanout',
  title: 'Designing a Notification Fan-out Service',
  image: '9f05d808372cee87edc3b6344804f368be4d52c4-1200x630.png',
}

/** A fresh copy of the real blog with the sample dataset exported into it. */
async function exportedBlog(prefix: string, dataset = SAMPLE_NDJSON): Promise<string> {
  const dir = tempDir(prefix)
  cpSync(BLOG, dir, {recursive: true})
  const run = await exportRun(['--source', dataset, '--blog', dir])
  expect(run.stderr).toBe('')
  expect(run.exitCode).toBe(0)
  return dir
}

function build(dir: string): {status: number | null; problems: string[]} {
  const result = spawnSync(
    'hugo',
    ['--gc', '--minify', '--source', dir, '--destination', join(dir, 'public')],
    {encoding: 'utf8'},
  )
  const output = `${result.stdout}${result.stderr}`
  return {
    status: result.status,
    problems: output.split('\n').filter((line) => /\b(ERROR|WARN)\b/.test(line)),
  }
}

const parsed = new Map<string, Document>()

/** A built page, parsed once: the checks read the same pages again and again. */
function html(dir: string, path: string): Document {
  const file = join(dir, 'public', path)
  let page = parsed.get(file)
  if (page === undefined) {
    page = new JSDOM(readFileSync(file, 'utf8')).window.document
    parsed.set(file, page)
  }
  return page
}

const post = (dir: string, slug: string) => html(dir, `posts/${slug}/index.html`)

/** Every file of the built site, relative to it. */
function builtFiles(dir: string): string[] {
  return readdirSync(join(dir, 'public'), {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(join(dir, 'public').length + 1))
}

/** The post entries of a list page by title: whether each shows a cover. */
function listCovers(page: Document): Record<string, boolean> {
  return Object.fromEntries(
    [...page.querySelectorAll('article.post-entry')].map((entry) => [
      entry.querySelector('h2')?.textContent?.trim(),
      entry.querySelector('figure.entry-cover img') !== null,
    ]),
  )
}

afterAll(removeTempDirs)

describe.skipIf(skip)('the sample dataset in the real blog, built with PaperMod', () => {
  let dir: string
  let built: ReturnType<typeof build>

  beforeAll(async () => {
    dir = await exportedBlog('real-blog')
    built = build(dir)
  })

  it('builds as the blog deploys it, with no ERROR or WARN', () => {
    expect(built.problems).toEqual([])
    expect(built.status).toBe(0)
  })

  it('shows each post’s title and date', () => {
    for (const [slug, expected] of Object.entries(PUBLISHED)) {
      const page = post(dir, slug)
      expect(page.querySelector('h1.post-title')?.textContent?.trim(), slug).toBe(expected.title)
      expect(page.querySelector('.post-meta span[title]')?.textContent, slug).toBe(expected.date)
    }
  })

  it('shows a cover on the post page exactly where its writer chose', () => {
    const shown = Object.fromEntries(
      SLUGS.map((slug) => [
        slug,
        post(dir, slug)
          .querySelector('article.post-single figure.entry-cover img')
          ?.getAttribute('src'),
      ]),
    )
    expect(shown).toEqual({
      'distributed-rate-limiter': `${BASE}/images/distributed-rate-limiter/a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630.png`,
      'distributed-cache': `${BASE}/images/distributed-cache/ac9810d749aa836f6a05be1f5bdeb81467eac806-1200x630.png`,
      'url-shortener': undefined,
    })
    for (const src of Object.values(shown))
      if (typeof src === 'string')
        expect(existsSync(join(dir, 'public', src.slice(BASE.length)))).toBe(true)
  })

  it('shows a cover in lists exactly where its writer chose, and none for the hand-written posts', () => {
    const expected = {
      ...Object.fromEntries(Object.values(PUBLISHED).map((p) => [p.title, p.cover.lists])),
      'Welcome to ML Research Blog': false,
      'Understanding Transformer Architecture: The Foundation of Modern NLP': false,
    }
    expect(listCovers(html(dir, 'index.html'))).toEqual(expected)
    expect(listCovers(html(dir, 'posts/index.html'))).toEqual(expected)
  })

  it('links “Suggest Changes” to the post’s file in a folder GitHub serves', () => {
    for (const slug of SLUGS) {
      const links = [...post(dir, slug).querySelectorAll('.post-meta a')]
      expect(
        links.map((a) => [a.textContent, a.getAttribute('href')]),
        slug,
      ).toEqual([
        ['Suggest Changes', `https://github.com/ArionDas/blogs/tree/main/content/posts/${slug}.md`],
      ])
    }
  })

  it('lists the sections in both tables of contents, each link landing on its heading', () => {
    const page = post(dir, 'distributed-rate-limiter')
    const hrefs = (selector: string) =>
      [...page.querySelectorAll(selector)].map((a) => a.getAttribute('href') ?? '')
    const generated = hrefs('.post-content h2#table-of-contents + ol a')
    expect(generated).toEqual([
      '#introduction',
      '#problem-statement',
      '#requirements',
      '#high-level-architecture',
      '#core-components',
      '#design-decisions',
      '#data-flow',
      '#scalability-considerations',
      '#implementation-details',
      '#trade-offs',
      '#best-practices',
      '#real-world-examples',
      '#conclusion',
    ])
    const paperMod = hrefs('.toc nav#TableOfContents a')
    // PaperMod's lists the generated one's heading and the sub-headings too.
    expect(paperMod.filter((href) => generated.includes(href))).toEqual(generated)
    expect(paperMod.length).toBeGreaterThan(generated.length)
    const missing = [...paperMod, ...generated].filter(
      (href) => page.querySelector(`.post-content [id="${href.slice(1)}"]`) === null,
    )
    expect(missing).toEqual([])
  })

  it('hands MathJax the LaTeX as written', () => {
    const page = post(dir, 'distributed-rate-limiter')
    expect([...page.querySelectorAll('.post-content div.math')].map((d) => d.textContent)).toEqual([
      String.raw`$$
\text{tokens}(t) = \min(C,\; \text{tokens}_0 + r \cdot t)
$$`,
      String.raw`$$
T(t) = \min\left(C,\; T(t_{0}) + r\,(t - t_{0})\right)
$$`,
      String.raw`$$
\text{admit}(k, t) = \begin{cases} 1 & \text{if } T(t) \ge k \\ 0 & \text{otherwise} \end{cases} \qquad A_{[t_1, t_2]} \le \{\, C + r\,(t_2 - t_1) \,\}
$$`,
    ])
    const text = page.querySelector('.post-content')?.textContent ?? ''
    for (const inline of ['$n \\cdot r$', '$t_{0}$', '$C + r\\,\\Delta t$'])
      expect(text, inline).toContain(inline)
  })

  it('highlights code with the language classes the blog’s chroma styles', () => {
    const code = [...post(dir, 'distributed-rate-limiter').querySelectorAll('div.highlight code')]
    expect(code.map((c) => [c.className, c.getAttribute('data-lang')])).toEqual([
      ['language-lua', 'lua'],
      ['language-python', 'python'],
      ['language-go', 'go'],
      ['language-yaml', 'yaml'],
    ])
  })

  it('gives the like buttons the post’s Lyket id, and ends a post without them on its text, not a rule', () => {
    const lyket = (slug: string) =>
      [...post(dir, slug).querySelectorAll('[id^="lyket-like-"]')].map((e) => e.id)
    expect(lyket('distributed-rate-limiter')).toEqual(['lyket-like-distributed-rate-limiter'])
    expect(lyket('url-shortener')).toEqual(['lyket-like-url-shortener'])
    expect(lyket('distributed-cache')).toEqual([])
    // Footnotes are listed after everything, wherever they are written.
    const closing = (slug: string) =>
      [...(post(dir, slug).querySelector('.post-content')?.children ?? [])]
        .filter((e) => !e.classList.contains('footnotes'))
        .slice(-2)
        .map((e) => e.tagName)
    expect(closing('distributed-rate-limiter')).toEqual(['HR', 'P'])
    expect(closing('distributed-cache')).toEqual(['H2', 'OL'])
    expect(post(dir, 'distributed-cache').querySelectorAll('.post-content hr').length).toBe(0)
  })

  it('leaves the Hugo draft out, and deploys none of its images', () => {
    const files = builtFiles(dir)
    expect(files.filter((file) => file.includes(DRAFT.slug) || file.includes(DRAFT.image))).toEqual(
      [],
    )
    for (const file of ['index.html', 'posts/index.html', 'index.xml', 'sitemap.xml'])
      expect(readFileSync(join(dir, 'public', file), 'utf8'), file).not.toContain(DRAFT.title)
    // Still written into the blog: a bundle, its image beside it.
    expect(existsSync(join(dir, 'content/posts', DRAFT.slug, 'index.md'))).toBe(true)
    expect(existsSync(join(dir, 'content/posts', DRAFT.slug, DRAFT.image))).toBe(true)
    expect(existsSync(join(dir, 'static/images', DRAFT.slug))).toBe(false)
  })
})

describe.skipIf(skip)('publishing the Hugo draft', () => {
  it('moves it out of its bundle to the blog’s layout, and deploys it with its image', async () => {
    const dir = await exportedBlog('real-blog-publish')
    const docs: Doc[] = sampleDocs().map((doc) => structuredClone(doc))
    const draft = findDoc(docs, DRAFT.id)
    draft['hugoDraft'] = false
    draft._rev = 'published'
    const run = await exportRun([
      '--source',
      writeDataset(tempDir('published'), docs),
      '--blog',
      dir,
    ])
    expect(run.exitCode).toBe(0)
    expect(run.summary?.updated).toEqual([
      {
        id: DRAFT.id,
        slug: DRAFT.slug,
        path: `content/posts/${DRAFT.slug}.md`,
        previousPath: `content/posts/${DRAFT.slug}/index.md`,
      },
    ])
    expect(existsSync(join(dir, 'content/posts', DRAFT.slug))).toBe(false)
    expect(readdirSync(join(dir, 'static/images', DRAFT.slug))).toEqual([DRAFT.image])

    const built = build(dir)
    expect(built.problems).toEqual([])
    expect(built.status).toBe(0)
    expect(post(dir, DRAFT.slug).querySelector('h1.post-title')?.textContent?.trim()).toBe(
      DRAFT.title,
    )
    expect(builtFiles(dir)).toContain(`images/${DRAFT.slug}/${DRAFT.image}`)
  })
})

/**
 * The blog's other structured archetypes: a realistic post of each, as
 * written by hand (test/fixtures/import/archetype/), imported into its own
 * document type and exported into the real blog.
 */
const ARCHETYPE_POSTS = join(ROOT, 'test', 'fixtures', 'import', 'archetype')
const OTHER_ARCHETYPES: Record<string, string> = {
  '08-variational-autoencoder': 'modelFamilyPost',
  '09-kl-divergence': 'topicKnowledgePost',
}

describe.skipIf(skip)('a post of each other archetype in the real blog', () => {
  let dir: string
  let built: ReturnType<typeof build>
  const docs: Doc[] = Object.keys(OTHER_ARCHETYPES).map((slug) => {
    const file = `content/posts/${slug}.md`
    const markdown = readFileSync(join(ARCHETYPE_POSTS, `${slug}.md`), 'utf8')
    return {...importMarkdown(markdown, file).document, _rev: 'r1'} as Doc
  })

  beforeAll(async () => {
    dir = await exportedBlog('other-archetypes', writeDataset(tempDir('other-archetypes'), docs))
    built = build(dir)
  })

  it('imports each as its archetype’s type', () => {
    const slugs = Object.keys(OTHER_ARCHETYPES)
    expect(docs.map((doc) => [(doc['slug'] as {current: string}).current, doc._type])).toEqual(
      slugs.map((slug) => [slug, OTHER_ARCHETYPES[slug]]),
    )
  })

  it('builds as the blog deploys it, with no ERROR or WARN', () => {
    expect(built.problems).toEqual([])
    expect(built.status).toBe(0)
  })

  it('lists the sections in the generated table of contents, each link landing on its heading', () => {
    const page = post(dir, '08-variational-autoencoder')
    const generated = [...page.querySelectorAll('.post-content h2#table-of-contents + ol a')].map(
      (a) => a.getAttribute('href') ?? '',
    )
    expect(generated).toEqual([
      '#introduction',
      '#background-and-motivation',
      '#architecture-overview',
      '#key-components',
      '#mathematical-foundations',
      '#implementation',
      '#training-details',
      '#applications',
      '#comparison-with-other-models',
      '#limitations-and-future-work',
      '#conclusion',
    ])
    const missing = generated.filter(
      (href) => page.querySelector(`.post-content [id="${href.slice(1)}"]`) === null,
    )
    expect(missing).toEqual([])
    const headings = [...page.querySelectorAll('.post-content h3')].map((h) => h.id)
    expect(headings).toContain('component-2-reparameterization-trick')
    expect(headings).toContain('vs-generative-adversarial-networks')
  })

  it('hands MathJax the component formulations, the loss and the complexity as written', () => {
    const page = post(dir, '08-variational-autoencoder')
    const displays = [...page.querySelectorAll('.post-content div.math')].map((d) => d.textContent)
    expect(displays).toHaveLength(5)
    expect(displays[0]).toBe(String.raw`$$
q_\phi(z \mid x) = \mathcal{N}\left(z;\ \mu_\phi(x),\ \operatorname{diag}\left(\sigma^2_\phi(x)\right)\right)
$$`)
    expect(displays[3]).toBe(String.raw`$$
\mathcal{L}(\theta, \phi; x) = \mathbb{E}_{q_\phi(z \mid x)}\left[\log p_\theta(x \mid z)\right] - D_{\mathrm{KL}}\left(q_\phi(z \mid x)\, \|\, p(z)\right)
$$`)
    const text = page.querySelector('.post-content')?.textContent ?? ''
    for (const inline of ['$O(n \\cdot P)$', '$\\mu_\\phi(x)$', '$z \\in \\mathbb{R}^d$'])
      expect(text, inline).toContain(inline)
  })

  it('highlights the PyTorch implementation as Python', () => {
    const code = [...post(dir, '08-variational-autoencoder').querySelectorAll('div.highlight code')]
    expect(code.map((c) => c.getAttribute('data-lang'))).toEqual(['python'])
  })

  it('writes a topic-knowledge post’s derivation steps, marked lists and practice problems as the archetype does', () => {
    const page = post(dir, '09-kl-divergence')
    const content = page.querySelector('.post-content')
    const paragraphs = [...(content?.querySelectorAll(':scope > p') ?? [])].map(
      (p) => p.textContent ?? '',
    )
    expect(
      paragraphs.filter((p) => /^(Step|Problem) \d+:/.test(p)).map((p) => p.slice(0, 9)),
    ).toEqual(['Step 1: S', 'Step 2: S', 'Step 3: C', 'Problem 1', 'Problem 2', 'Problem 3'])
    expect(paragraphs.filter((p) => /^[✅❌]/.test(p))).toEqual([
      '✅ Good Use Cases:',
      '❌ Not Recommended For:',
    ])
    const generated = [...page.querySelectorAll('.post-content h2#table-of-contents + ol a')]
    expect(generated).toHaveLength(13)
    expect(page.querySelectorAll('.post-content div.math')).toHaveLength(5)
    const code = [...page.querySelectorAll('div.highlight code')]
    expect(code.map((c) => c.getAttribute('data-lang'))).toEqual(['python', 'python', 'python'])
  })
})
