/**
 * The built Studio in Debian's Chromium, against the local Content Lake stand-in:
 * the "Hugo markdown" view shows exactly what the exporter writes for the
 * document, follows edits, and new posts start from the archetype template.
 */
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rm} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {extname, join, normalize, resolve} from 'node:path'
import {type BrowserContext, chromium, type Locator, type Page} from 'playwright-core'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {renderPost} from '../../converter/index.ts'
import exportConfig from '../../hugo-export.config.ts'
import {archetypeInitialValue} from '../../plugins/hugo-blog/helpers/initialValue.ts'
import {
  COVER_IMAGE_REF,
  fullPost,
  TOKEN_BUCKET_IMAGE_REF,
} from '../fixtures/system-design-post.full.ts'
import {type ContentLake, type Doc, startContentLake} from '../support/content-lake.ts'
import {type GitHubStandIn, startGitHubStandIn} from '../support/github.ts'

const CHROMIUM = '/usr/bin/chromium'
const WRITER_ZONE = 'Asia/Kolkata'
const ROOT = resolve(import.meta.dirname, '../..')
const OUTPUT = join(ROOT, 'test-output')
const SCREENSHOTS = join(ROOT, 'plugins/hugo-blog/screenshots')
const site = exportConfig.site
const POST_ID = fullPost._id
const DRAFT_ID = `drafts.${POST_ID}`
const BLOG_REPOSITORY = 'ArionDas/blogs'
const MANIFEST_PATH = `${BLOG_REPOSITORY}/main/.sanity-export.json`
// The preview beside the form appears from this width on; the writers' screens are wider.
const VIEWPORT = {width: 1440, height: 900}
// How long the Studio may take to show what a step waits for, on a busy machine.
const WAIT = {timeout: 30_000}

const {CI: ci} = process.env
const missing = !existsSync(CHROMIUM)
if (missing && !ci)
  console.warn(`Skipping the Studio browser test: ${CHROMIUM} is not installed (CI is unset).`)

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
}

/** Serves the built Studio; unknown paths get index.html, as the Studio's router expects. */
async function serveStatic(dir: string): Promise<{server: Server; url: string}> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const asked = normalize(join(dir, pathname))
    const file = asked.startsWith(dir) && extname(asked) !== '' ? asked : join(dir, 'index.html')
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        })
        res.end(body)
      },
      () => {
        res.writeHead(404)
        res.end()
      },
    )
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`}
}

function buildStudio(outDir: string, apiHost: string, githubUrl: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('npx', ['sanity', 'build', outDir, '--yes'], {
      cwd: ROOT,
      // A production build, whatever the test runner set NODE_ENV to: dev-only tools stay out.
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SANITY_STUDIO_API_HOST: apiHost,
        SANITY_STUDIO_GITHUB_URL: githubUrl,
        SANITY_STUDIO_BLOG_REPOSITORY: BLOG_REPOSITORY,
        SANITY_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('error', fail)
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`sanity build exited with ${code}:\n${output}`)),
    )
  })
}

const field = (doc: Doc | undefined, name: string): unknown => doc?.[name]

/** The asset documents the post's images refer to: without them, validation blocks publishing. */
function imageAssets(): Doc[] {
  return [COVER_IMAGE_REF, TOKEN_BUCKET_IMAGE_REF].map((_id) => {
    const [, sha1, size, ext] = /^image-(\w+)-(\d+x\d+)-(\w+)$/.exec(_id) ?? []
    return {
      _id,
      _type: 'sanity.imageAsset',
      _rev: 'asset',
      _createdAt: '2025-09-30T10:00:00Z',
      _updatedAt: '2025-09-30T10:00:00Z',
      assetId: sha1,
      extension: ext,
      path: `images/placeholder/production/${sha1}-${size}.${ext}`,
    }
  })
}

/** Polls until `read` returns a value `accept` likes; fails with the last value seen. */
async function eventually<T>(
  what: string,
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: T = await read()
  while (!accept(last)) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`)
    await new Promise((done) => setTimeout(done, 200))
    last = await read()
  }
  return last
}

/**
 * Puts the caret at the end of a rich-text editor. The editor applies the
 * click's own caret a moment later, so the key is pressed until the caret
 * stays at the end; typing before that would land in the middle of the text.
 */
async function caretAtEnd(editor: Locator) {
  await editor.click()
  await expect
    .poll(async () => {
      await editor.press('Control+End')
      return editor.evaluate((element) => {
        const selection = element.ownerDocument.getSelection()
        if (!selection?.focusNode || !element.contains(selection.focusNode)) return false
        const rest = element.ownerDocument.createRange()
        rest.selectNodeContents(element)
        rest.setStart(selection.focusNode, selection.focusOffset)
        // The editor pads empty spots with zero-width characters.
        return rest.toString().replace(/[\u200b\ufeff]/g, '') === ''
      })
    }, WAIT)
    .toBe(true)
}

describe.skipIf(missing && !ci)('the Studio in a real browser', () => {
  let work: string
  let lake: ContentLake
  let github: GitHubStandIn
  let studio: {server: Server; url: string}
  let context: BrowserContext
  let page: Page
  let newPostId = ''

  /** The preview beside the form, in the document's inspector panel. */
  const beside = () => page.getByTestId('hugo-preview-inspector')
  /** The "Hugo markdown" view, which fills the document pane. */
  const view = () =>
    page.locator('[data-testid="hugo-markdown-pane"]:not([data-testid="hugo-preview-inspector"] *)')

  const markdownShown = () => view().getByTestId('hugo-markdown-source').textContent(WAIT)
  const markdownBeside = () => beside().getByTestId('hugo-markdown-source').textContent(WAIT)

  async function openHugoMarkdownView() {
    await page.getByRole('tab', {name: 'Hugo markdown'}).click()
    await view().waitFor(WAIT)
  }

  /**
   * A screenshot of the document pane (form and preview), or of `part`: in
   * test-output always, and for the plugin's README when UPDATE_SCREENSHOTS is set.
   */
  async function screenshot(name: string, part = page.getByTestId('document-pane')) {
    await part.screenshot({path: join(OUTPUT, name)})
    if (process.env['UPDATE_SCREENSHOTS']) await part.screenshot({path: join(SCREENSHOTS, name)})
  }

  beforeAll(async () => {
    if (missing)
      throw new Error(`CI is set but ${CHROMIUM} is missing: install the chromium package`)
    work = await mkdtemp(join(tmpdir(), 'studio-browser-'))
    await mkdir(OUTPUT, {recursive: true})
    lake = await startContentLake({documents: [fullPost, ...imageAssets()], tls: true})
    github = await startGitHubStandIn()
    await buildStudio(join(work, 'dist'), lake.url, github.url)
    studio = await serveStatic(join(work, 'dist'))
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      ignoreHTTPSErrors: true,
      viewport: VIEWPORT,
      // The writer's zone: a new post's date, and the date input, use it.
      timezoneId: WRITER_ZONE,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    page = context.pages()[0] ?? (await context.newPage())
  }, 180_000)

  beforeEach(({task, onTestFailed}) => {
    onTestFailed(async () => {
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()
      await page?.screenshot({path: join(OUTPUT, `studio-failed-${name}.png`)})
    })
  })

  afterAll(async () => {
    await context?.close()
    await new Promise((done) => (studio ? studio.server.close(done) : done(undefined)))
    await lake?.close()
    await github?.close()
    if (work) await rm(work, {recursive: true, force: true})
  })

  it('offers the choice of post first, and lists posts by what readers of the blog see', async () => {
    await page.goto(`${studio.url}/structure`)
    const root = page.locator('[data-testid="structure-tool-list-pane"]').first()
    await expect
      .poll(() => root.getByRole('link').allTextContents(), WAIT)
      .toEqual([
        'Write a new post',
        'System design posts',
        'Model family posts',
        'Topic knowledge posts',
        'Free-form posts',
      ])
    await page.getByRole('link', {name: 'Write a new post'}).click()
    await expect
      .poll(() => page.getByTestId('start-here').getByRole('link').allTextContents(), WAIT)
      .toEqual([
        'Write a system design post',
        'Write a model family post',
        'Write a topic knowledge post',
        'Write a free-form post',
      ])

    await page.getByRole('link', {name: 'System design posts'}).click()
    const lists = page.locator('[data-testid="structure-tool-list-pane"]').nth(1)
    await expect
      .poll(() => lists.getByRole('link').allTextContents(), WAIT)
      .toEqual([
        'On the blog',
        'On the blog, with unpublished changes',
        'Not on the blog yet',
        'Hidden on the blog (Hugo drafts)',
        'All system design posts',
      ])
    await page.getByRole('link', {name: 'On the blog', exact: true}).click()
    await page.getByRole('link', {name: /Designing a Distributed Rate Limiter/}).click()

    // The preview opens beside the form, and the badge counts the file's sections.
    await beside().waitFor(WAIT)
    const expected = renderPost(fullPost, site)
    expect(await markdownBeside()).toBe(expected.markdown)
    await expect
      .poll(() => page.getByText(/^\d+\/16 sections$/).textContent(), WAIT)
      .toBe('16/16 sections')
    // The images' long paths wrap inside the narrow panel rather than running off it.
    const panel = beside().getByTestId('hugo-markdown-pane')
    expect(await panel.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0)
  }, 90_000)

  it('shows the exporter’s file in the Hugo markdown view too', async () => {
    await openHugoMarkdownView()
    const expected = renderPost(fullPost, site)
    expect(await markdownShown()).toBe(expected.markdown)
    expect(await view().getByTestId('hugo-markdown-path').textContent()).toBe(
      'content/posts/distributed-rate-limiter.md',
    )
    // Beside the full view, the inspector does not show the same preview twice.
    await expect.poll(() => beside().getByTestId('hugo-markdown-pane').count(), WAIT).toBe(0)
    await page.screenshot({path: join(OUTPUT, 'studio-hugo-markdown.png')})
  }, 60_000)

  it('follows edits beside the form, marking the part being edited', async () => {
    await page.getByRole('tab', {name: 'Editor'}).click()
    const title = page.getByTestId('field-title').locator('input')
    await title.click()
    await title.press('End')
    await title.pressSequentially(' (Revised)')

    // The introduction lives in its own field group of the form.
    await page.getByRole('tab', {name: 'Introduction'}).click()
    const intro = page.getByTestId('field-introduction.body').locator('[contenteditable="true"]')
    await caretAtEnd(intro)
    await intro.pressSequentially(' Quotas must hold across regions.')

    const draft = await eventually(
      'the edits to reach the Content Lake',
      () => lake.documents.get(DRAFT_ID),
      (doc?: Doc) =>
        field(doc, 'title') === 'Designing a Distributed Rate Limiter (Revised)' &&
        JSON.stringify(field(doc, 'introduction')).includes('Quotas must hold across regions.'),
    )
    if (!draft) throw new Error('No draft was created')

    const expected = renderPost(draft, site).markdown
    expect(
      await eventually(
        'the preview to show the edited post',
        markdownBeside,
        (t) => t === expected,
      ),
    ).toBe(expected)
    expect(expected).toContain('title: "Designing a Distributed Rate Limiter (Revised)"')
    const marked = beside().locator('[data-marked]')
    await expect.poll(() => marked.first().textContent(), WAIT).toBe('## Introduction\n')
    await page.screenshot({path: join(OUTPUT, 'studio-hugo-markdown-edited.png')})

    // A live post with unpublished changes is both on the blog and among those changes.
    await page.goto(`${studio.url}/structure/system-design-posts;unpublished-changes`)
    await page
      .getByRole('link', {name: /Designing a Distributed Rate Limiter \(Revised\)/})
      .waitFor(WAIT)
  }, 90_000)

  it('renders the post as the blog shows it: PaperMod, typeset math, CDN images, like buttons', async () => {
    await page.getByRole('link', {name: /Designing a Distributed Rate Limiter/}).click()
    await beside().waitFor(WAIT)
    await beside().getByRole('tab', {name: 'Rendered'}).click()
    const frame = page.frameLocator('[data-testid="hugo-rendered-frame"]')
    const content = frame.locator('.post-content')
    await content.waitFor({timeout: 60_000})
    expect(
      await frame.locator('article.post-single > header.post-header > h1.post-title').textContent(),
    ).toBe('Designing a Distributed Rate Limiter (Revised)')
    expect(await content.locator('mjx-container svg').count()).toBeGreaterThan(3)
    expect(await content.evaluate((element) => element.textContent?.includes('$$'))).toBe(false)
    const file = 'c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png'
    expect(await content.locator('img').last().getAttribute('src')).toBe(
      `${lake.url}/images/placeholder/production/${file}`,
    )
    expect(await content.getByTestId('lyket-placeholder').textContent()).toContain(
      'The like buttons appear here on the blog.',
    )
    // PaperMod's own stylesheet lays the page out: its content width and font size.
    expect(await content.evaluate((element) => getComputedStyle(element).fontSize)).toBe('18px')
    await content
      .locator('mjx-container[display="true"]')
      .first()
      .evaluate((element) => element.scrollIntoView({block: 'center'}))
    await screenshot('studio-preview-math.png')
    await beside().getByRole('tab', {name: 'Markdown'}).click()
  }, 90_000)

  it('formats what the writer types into a list slot, and the Rendered tab shows it so', async () => {
    await page.getByRole('tab', {name: 'Problem & requirements'}).click()
    const challenges = page
      .getByTestId('field-problemStatement.keyChallenges')
      .locator('[contenteditable="true"]')
    await caretAtEnd(challenges)
    // A new bullet, typed with the editor's shortcuts for bold and inline code.
    await challenges.press('Enter')
    await challenges.press('Control+b')
    await challenges.pressSequentially('Clock skew')
    await challenges.press('Control+b')
    await challenges.pressSequentially(' between gateways stretches ')
    await challenges.press("Control+'")
    await challenges.pressSequentially('EXPIRE')
    await challenges.press("Control+'")
    await challenges.pressSequentially(' windows')
    const draft = await eventually(
      'the new challenge to reach the Content Lake',
      () => lake.documents.get(DRAFT_ID),
      (doc?: Doc) => JSON.stringify(field(doc, 'problemStatement')).includes(' windows"'),
    )
    if (!draft) throw new Error('No draft was saved')
    expect(renderPost(draft, site).markdown).toContain(
      '\n- **Clock skew** between gateways stretches `EXPIRE` windows\n',
    )

    await beside().getByRole('tab', {name: 'Rendered'}).click()
    const content = page
      .frameLocator('[data-testid="hugo-rendered-frame"]')
      .locator('.post-content')
    await expect
      .poll(
        () => content.locator('li', {hasText: 'between gateways stretches'}).innerHTML(WAIT),
        WAIT,
      )
      .toBe('<strong>Clock skew</strong> between gateways stretches <code>EXPIRE</code> windows')
    await beside().getByRole('tab', {name: 'Markdown'}).click()
  }, 90_000)

  /** The Counter Store component's dialog, opened from the Architecture tab's list of components. */
  const counterStore = 'field-components[_key=="cmp-redis"]'
  const counterStorePurpose = `**Purpose**: Holds one small token bucket per client key, shared by the whole fleet. Each bucket is one **hash** under a \`PEXPIRE\`.`
  const counterStorePurposeHtml =
    '<p><strong>Purpose</strong>: Holds one small token bucket per client key, shared by the whole fleet. Each bucket is one <strong>hash</strong> under a <code>PEXPIRE</code>.</p>'
  const rendered = () =>
    page.frameLocator('[data-testid="hugo-rendered-frame"]').locator('.post-content')

  /** The Rendered tab's elements from a heading on, up to the next heading of its level or higher. */
  const renderedSection = (heading: string) =>
    rendered()
      .locator('h3', {hasText: heading})
      .evaluate((start) => {
        const parts = [start.outerHTML]
        for (let at = start.nextElementSibling; at && !/^H[1-3]$/.test(at.tagName); ) {
          parts.push(at.outerHTML)
          at = at.nextElementSibling
        }
        return parts
      }, WAIT)

  /** The labels of a rich-text toolbar's buttons a writer can see and reach, in order. */
  const toolbarButtons = (editor: ReturnType<Page['getByTestId']>) =>
    editor
      .getByTestId('pt-editor__toolbar-card')
      .getByRole('button')
      .evaluateAll((buttons) =>
        buttons.map(
          (button) => button.getAttribute('aria-label') ?? button.getAttribute('data-testid'),
        ),
      )

  it('formats what the writer types into a labelled slot, with every mark in reach on its toolbar', async () => {
    await page.getByRole('tab', {name: 'Editor'}).click()
    await page.getByRole('tab', {name: 'Architecture'}).click()
    // The list draws its items once it scrolls into view.
    await page.getByTestId('field-components').scrollIntoViewIfNeeded(WAIT)
    await page
      .getByTestId('field-components')
      .getByRole('button', {name: /Counter Store/})
      .click()
    const purpose = page.getByTestId(`${counterStore}.purpose`)
    const editor = purpose.locator('[contenteditable="true"]')
    await caretAtEnd(editor)

    // At the writers' width the slot's toolbar shows every mark and the link,
    // with no overflow menu for them; only an inline object waits behind "…".
    expect(await toolbarButtons(purpose)).toEqual([
      'Bold',
      'Italic',
      'Inline code',
      'Strikethrough',
      'Link',
      'Insert Formula (inline) (inline)',
      'Insert Footnote (inline)',
      'insert-menu-button',
      'Expand editor',
    ])
    expect(await purpose.getByTestId('action-menu-button').count()).toBe(0)
    expect(await purpose.getByRole('button', {name: 'Link', exact: true}).isVisible()).toBe(true)
    await purpose.getByTestId('insert-menu-button').click()
    await expect
      .poll(() => page.getByRole('menu').getByRole('menuitem').allTextContents(), WAIT)
      .toEqual(['Inline HTML'])
    await page.keyboard.press('Escape')

    await caretAtEnd(editor)
    await editor.pressSequentially(' Each bucket is one ')
    await editor.press('Control+b')
    await editor.pressSequentially('hash')
    await editor.press('Control+b')
    await editor.pressSequentially(' under a ')
    await editor.press("Control+'")
    await editor.pressSequentially('PEXPIRE')
    await editor.press("Control+'")
    await editor.pressSequentially('.')
    const draft = await eventually(
      'the new purpose to reach the Content Lake',
      () => lake.documents.get(DRAFT_ID),
      (doc?: Doc) => JSON.stringify(field(doc, 'components')).includes('"text":"."'),
    )
    if (!draft) throw new Error('No draft was saved')
    expect(renderPost(draft, site).markdown).toContain(
      `\n### Component 3: Counter Store\n\n${counterStorePurpose}\n\n**Responsibilities**:\n`,
    )
    await beside().getByRole('tab', {name: 'Rendered'}).click()
    await expect
      .poll(async () => (await renderedSection('Component 3: Counter Store')).slice(0, 3), WAIT)
      .toEqual([
        '<h3>Component 3: Counter Store</h3>',
        counterStorePurposeHtml,
        '<p><strong>Responsibilities</strong>:</p>',
      ])
    await beside().getByRole('tab', {name: 'Markdown'}).click()
    await page.getByTestId('nested-object-dialog').getByRole('button', {name: /close/i}).click()
    await expect.poll(() => page.getByTestId('nested-object-dialog').count(), WAIT).toBe(0)
  }, 90_000)

  /** Gives the block the cursor is in the style a writer picks from the toolbar's style menu. */
  async function pickStyle(slot: ReturnType<Page['getByTestId']>, style: string) {
    await slot.getByTestId('block-style-select').getByRole('button').click()
    await page
      .getByRole('menuitem')
      .filter({hasText: new RegExp(`^${style}$`)})
      .click()
  }

  it('places what the writer adds to a component’s More text after its Purpose', async () => {
    await page
      .getByTestId('field-components')
      .getByRole('button', {name: /Counter Store/})
      .click()
    await page.getByTestId(`${counterStore}.more`).getByRole('button', {name: 'Add item'}).click()
    const entry = page.getByTestId('nested-object-dialog').last()
    await entry.locator('select').selectOption({label: 'After “Purpose”'})
    const text = entry.getByTestId(/^field-components.*\.body$/)
    const editor = text.locator('[contenteditable="true"]')
    await editor.click()
    await editor.pressSequentially('Failover')
    await pickStyle(text, 'Minor heading')
    await editor.press('End')
    await editor.press('Enter')
    await pickStyle(text, 'Paragraph')
    await editor.pressSequentially('A replica takes over within seconds.')
    await editor.press('Enter')
    await pickStyle(text, 'Quote')
    await editor.pressSequentially('Losing a few tokens beats blocking every request.')
    const draft = await eventually(
      'the new text to reach the Content Lake',
      () => lake.documents.get(DRAFT_ID),
      (doc?: Doc) => JSON.stringify(field(doc, 'components')).includes('every request."'),
    )
    if (!draft) throw new Error('No draft was saved')
    expect(renderPost(draft, site).markdown).toContain(
      `\n${counterStorePurpose}\n\n#### Failover\n\nA replica takes over within seconds.\n\n> Losing a few tokens beats blocking every request.\n\n**Responsibilities**:\n`,
    )
    await beside().getByRole('tab', {name: 'Rendered'}).click()
    await expect
      .poll(async () => (await renderedSection('Component 3: Counter Store')).slice(0, 6), WAIT)
      .toEqual([
        '<h3>Component 3: Counter Store</h3>',
        counterStorePurposeHtml,
        '<h4>Failover</h4>',
        '<p>A replica takes over within seconds.</p>',
        '<blockquote>\n<p>Losing a few tokens beats blocking every request.</p>\n</blockquote>',
        '<p><strong>Responsibilities</strong>:</p>',
      ])
    await beside().getByRole('tab', {name: 'Markdown'}).click()
    // The entry's dialog is the component's, one level down: closing it closes both.
    await page
      .getByTestId('nested-object-dialog')
      .last()
      .getByRole('button', {name: /close/i})
      .click()
    await expect.poll(() => page.getByTestId('nested-object-dialog').count(), WAIT).toBe(0)
  }, 90_000)

  it('formats what the writer types into a table cell edited in its row’s dialog', async () => {
    await page.getByRole('tab', {name: 'Implementation'}).click()
    await page
      .getByTestId('field-implementation.techStack')
      .getByRole('button', {name: /Policy store/})
      .click()
    const reason = page.getByTestId('field-implementation.techStack[_key=="ts-policy"].reason')
    const editor = reason.locator('[contenteditable="true"]')
    await caretAtEnd(editor)
    await editor.pressSequentially(', ')
    await editor.press('Control+i')
    await editor.pressSequentially('not')
    await editor.press('Control+i')
    await editor.pressSequentially(' ')
    await editor.press("Control+'")
    await editor.pressSequentially('SELECT')
    await editor.press("Control+'")
    await editor.pressSequentially(' polling')
    const draft = await eventually(
      'the new cell to reach the Content Lake',
      () => lake.documents.get(DRAFT_ID),
      (doc?: Doc) => JSON.stringify(field(doc, 'implementation')).includes(' polling"'),
    )
    if (!draft) throw new Error('No draft was saved')
    expect(renderPost(draft, site).markdown).toContain(
      '\n| Policy store | PostgreSQL 16 | Versioned policies, audit trail and LISTEN/NOTIFY, *not* `SELECT` polling |\n',
    )

    await beside().getByRole('tab', {name: 'Rendered'}).click()
    await expect
      .poll(
        () =>
          rendered()
            .locator('tr', {hasText: 'Policy store'})
            .locator('td')
            .evaluateAll((cells) => cells.map((cell) => cell.innerHTML)),
        WAIT,
      )
      .toEqual([
        'Policy store',
        'PostgreSQL 16',
        'Versioned policies, audit trail and LISTEN/NOTIFY, <em>not</em> <code>SELECT</code> polling',
      ])
    await beside().getByRole('tab', {name: 'Markdown'}).click()
    await page
      .getByTestId('nested-object-dialog')
      .last()
      .getByRole('button', {name: /close/i})
      .click()
    await expect.poll(() => page.getByTestId('nested-object-dialog').count(), WAIT).toBe(0)
  }, 90_000)

  it('shows the date at its offset and keeps the offset the writer picks', async () => {
    await page.getByRole('tab', {name: 'Editor'}).click()
    await page.getByRole('tab', {name: 'Post details'}).click()
    const date = page.getByTestId('field-date')
    // Stored as a UTC instant, so shown at the blog's offset, with the writer's own time.
    expect(await date.getByTestId('zoned-date-time').inputValue()).toBe('2025-10-01T09:00')
    expect(await date.getByTestId('zoned-date-local').textContent()).toBe(
      'In your time zone that is 2025-10-01 14:30 UTC+05:30.',
    )
    await date.getByTestId('zoned-date-offset').selectOption({label: 'UTC+05:30'})
    await page.screenshot({path: join(OUTPUT, 'studio-date-offset.png')})
    const draft = await eventually(
      'the new offset to reach the Content Lake',
      () => lake.documents.get(DRAFT_ID),
      (doc?: Doc) => field(doc, 'date') === '2025-10-01T09:00:00+05:30',
    )
    if (!draft) throw new Error('No draft was saved')
    await openHugoMarkdownView()
    expect(
      await eventually(
        'the view to show the date as written',
        markdownShown,
        (t) => t?.includes('\ndate: 2025-10-01T09:00:00+05:30\n') === true,
      ),
    ).toBe(renderPost(draft, site).markdown)
  }, 60_000)

  it('starts a new post from the first screen, with every blocking problem at once', async () => {
    const before = new Set(lake.documents.keys())
    await page.goto(`${studio.url}/structure/write`)
    await page.getByRole('link', {name: 'Write a system design post'}).click()
    const title = page.getByTestId('field-title').locator('input')
    await title.waitFor(WAIT)
    // The form fills in the template's values once they resolve.
    await expect
      .poll(() => page.getByTestId('field-author').locator('input').inputValue(), WAIT)
      .toBe(site.author)
    // Tags and categories are in Post details, the tab the form opens on.
    expect(await page.getByTestId('field-tags').isVisible()).toBe(true)
    expect(await page.getByTestId('field-categories').isVisible()).toBe(true)
    expect(await page.getByText('Hidden on the blog (Hugo draft)').isVisible()).toBe(true)

    // Beside the form: everything that blocks publishing, each with its field.
    await beside().waitFor(WAIT)
    const blockers = beside().getByTestId('hugo-markdown-blocker-field')
    await expect
      .poll(async () => (await blockers.allTextContents()).sort(), WAIT)
      .toEqual(['Title', 'URL slug'])
    await screenshot('studio-new-post.png')
    await beside()
      .getByTestId('hugo-markdown-blocker')
      .filter({hasText: 'URL slug'})
      .getByRole('button', {name: 'Go to field'})
      .click()
    await expect
      .poll(
        () =>
          page.evaluate(
            () => document.activeElement?.closest('[data-testid="field-slug"]') !== null,
          ),
        WAIT,
      )
      .toBe(true)
    expect(await beside().isVisible()).toBe(true)

    await title.pressSequentially('Consistent Hashing')
    await eventually(
      'the title to be saved',
      () => [...lake.documents.values()].find((doc) => !before.has(doc._id)),
      (doc?: Doc) => field(doc, 'title') === 'Consistent Hashing',
    )
    // As a writer would: the slug made from the title.
    await page.getByTestId('field-slug').getByRole('button', {name: 'Generate'}).click()
    const created = await eventually(
      'the new post to be saved',
      () => [...lake.documents.values()].find((doc) => !before.has(doc._id)),
      (doc?: Doc) =>
        field(doc, 'title') === 'Consistent Hashing' &&
        String(JSON.stringify(field(doc, 'slug'))).includes('consistent-hashing'),
    )
    if (!created) throw new Error('No new document was created')
    const date = field(created, 'date')
    if (typeof date !== 'string') throw new Error('The new post has no date')
    const {_id, _type, _rev, _createdAt, _updatedAt, title: typed, slug, ...values} = created
    expect(_type).toBe('systemDesignPost')
    expect(typed).toBe('Consistent Hashing')
    expect(values).toEqual({
      ...archetypeInitialValue(site, new Date(date), WRITER_ZONE),
      // The cover image type's own defaults, filled in under the template's values.
      cover: {_type: 'coverImage', showOnPostPage: false, showInLists: false},
    })
    await expect.poll(() => beside().getByTestId('hugo-markdown-blocker').count(), WAIT).toBe(0)
    await expect
      .poll(() => page.getByText(/^\d+\/16 sections$/).textContent(), WAIT)
      .toBe('0/16 sections')
    newPostId = _id.replace(/^drafts\./, '')
  }, 90_000)

  it('after Publish, shows the post’s address and whether the export has put it on the blog', async () => {
    await page.getByTestId('action-publish').click()
    const published = await eventually(
      'the post to be published',
      () => lake.documents.get(newPostId),
      (doc?: Doc) => doc !== undefined,
    )
    if (!published) throw new Error('The post was not published')
    const status = beside().getByTestId('export-status-text')
    await expect
      .poll(() => status.textContent(), WAIT)
      .toBe(
        'Waiting for the next export: the published version is not on the blog yet. It usually arrives within minutes.',
      )
    expect(await beside().getByTestId('export-status-address').textContent()).toBe(
      'https://ariondas.github.io/blogs/posts/consistent-hashing/',
    )

    // The export runs: the manifest on the blog's branch records the published revision.
    github.files.set(
      MANIFEST_PATH,
      JSON.stringify({
        format: 1,
        documents: {
          [newPostId]: {rev: published._rev, path: 'content/posts/consistent-hashing.md'},
        },
      }),
    )
    github.commits.unshift({
      sha: '4b1c2d3e5f60718293a4b5c6d7e8f90112233445',
      date: '2026-12-07T10:15:00Z',
      paths: ['content/posts/consistent-hashing.md', '.sanity-export.json'],
    })
    await beside().getByRole('button', {name: 'Check again'}).click()
    await expect.poll(() => status.textContent(), WAIT).toBe('Live since 4b1c2d3.')
    expect(await beside().getByTestId('export-status-commit').getAttribute('href')).toBe(
      `${github.url}/web/${BLOG_REPOSITORY}/commit/4b1c2d3e5f60718293a4b5c6d7e8f90112233445`,
    )
    await screenshot('studio-export-status.png', beside())
  }, 90_000)
})
