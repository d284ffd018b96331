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
import {type BrowserContext, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {renderPost} from '../../converter/index.ts'
import exportConfig from '../../hugo-export.config.ts'
import {archetypeInitialValue} from '../../plugins/hugo-blog/helpers/initialValue.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'
import {type ContentLake, type Doc, startContentLake} from '../support/content-lake.ts'

const CHROMIUM = '/usr/bin/chromium'
const WRITER_ZONE = 'Asia/Kolkata'
const ROOT = resolve(import.meta.dirname, '../..')
const OUTPUT = join(ROOT, 'test-output')
const site = exportConfig.site
const POST_ID = fullPost._id
const DRAFT_ID = `drafts.${POST_ID}`

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

function buildStudio(outDir: string, apiHost: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('npx', ['sanity', 'build', outDir, '--yes'], {
      cwd: ROOT,
      // A production build, whatever the test runner set NODE_ENV to: dev-only tools stay out.
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SANITY_STUDIO_API_HOST: apiHost,
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

/** Polls until `read` returns a value `accept` likes; fails with the last value seen. */
async function eventually<T>(
  what: string,
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
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

describe.skipIf(missing && !ci)('the Studio in a real browser', () => {
  let work: string
  let lake: ContentLake
  let studio: {server: Server; url: string}
  let context: BrowserContext
  let page: Page

  const markdownShown = () =>
    page.getByTestId('hugo-markdown-source').textContent({timeout: 30_000})

  async function openHugoMarkdownView() {
    await page.getByRole('tab', {name: 'Hugo markdown'}).click()
    await page.getByTestId('hugo-markdown-pane').waitFor({timeout: 30_000})
  }

  beforeAll(async () => {
    if (missing)
      throw new Error(`CI is set but ${CHROMIUM} is missing: install the chromium package`)
    work = await mkdtemp(join(tmpdir(), 'studio-browser-'))
    await mkdir(OUTPUT, {recursive: true})
    lake = await startContentLake({documents: [fullPost], tls: true})
    await buildStudio(join(work, 'dist'), lake.url)
    studio = await serveStatic(join(work, 'dist'))
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      ignoreHTTPSErrors: true,
      viewport: {width: 1600, height: 1000},
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
    if (work) await rm(work, {recursive: true, force: true})
  })

  it('shows the exporter’s file for a published post, reached through the post lists', async () => {
    await page.goto(`${studio.url}/structure`)
    await page.getByRole('link', {name: 'System design posts'}).click()
    await page.getByRole('link', {name: 'Published'}).click()
    await page.getByRole('link', {name: /Designing a Distributed Rate Limiter/}).click()
    await openHugoMarkdownView()

    const expected = renderPost(fullPost, site)
    expect(await markdownShown()).toBe(expected.markdown)
    expect(await page.getByTestId('hugo-markdown-path').textContent()).toBe(
      'content/posts/distributed-rate-limiter.md',
    )
    await page.screenshot({path: join(OUTPUT, 'studio-hugo-markdown.png')})
  }, 60_000)

  it('follows edits to the title and to a prose field', async () => {
    await page.getByRole('tab', {name: 'Editor'}).click()
    const title = page.getByTestId('field-title').locator('input')
    await title.click()
    await title.press('End')
    await title.pressSequentially(' (Revised)')

    // The introduction lives in its own field group of the form.
    await page.getByRole('tab', {name: 'Introduction'}).click()
    const intro = page.getByTestId('field-introduction.body').locator('[contenteditable="true"]')
    await intro.click()
    await intro.press('Control+End')
    await intro.pressSequentially(' Quotas must hold across regions.')

    const draft = await eventually(
      'the edits to reach the Content Lake',
      () => lake.documents.get(DRAFT_ID),
      (doc?: Doc) =>
        field(doc, 'title') === 'Designing a Distributed Rate Limiter (Revised)' &&
        JSON.stringify(field(doc, 'introduction')).includes('Quotas must hold across regions.'),
    )
    if (!draft) throw new Error('No draft was created')

    await openHugoMarkdownView()
    const expected = renderPost(draft, site).markdown
    expect(
      await eventually('the view to show the edited post', markdownShown, (t) => t === expected),
    ).toBe(expected)
    expect(expected).toContain('title: "Designing a Distributed Rate Limiter (Revised)"')
    expect(expected).toContain('Quotas must hold across regions.')
    await page.screenshot({path: join(OUTPUT, 'studio-hugo-markdown-edited.png')})
  }, 60_000)

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

  it('starts a new post from the archetype template', async () => {
    const before = new Set(lake.documents.keys())
    // The list pane's create button, as a writer would start a post.
    await page.getByTestId('action-intent-button').click()
    const title = page.getByTestId('field-title').locator('input')
    await title.waitFor({timeout: 30_000})
    // The form fills in the template's values once they resolve.
    await expect
      .poll(() => page.getByTestId('field-author').locator('input').inputValue(), {timeout: 20_000})
      .toBe(site.author)

    await title.pressSequentially('Consistent Hashing')
    const created = await eventually(
      'the new post to be saved',
      () => [...lake.documents.values()].find((doc) => !before.has(doc._id)),
      (doc?: Doc) => field(doc, 'title') === 'Consistent Hashing',
    )
    if (!created) throw new Error('No new document was created')
    const date = field(created, 'date')
    if (typeof date !== 'string') throw new Error('The new post has no date')
    const {_id, _type, _rev, _createdAt, _updatedAt, title: typed, ...values} = created
    expect(_type).toBe('systemDesignPost')
    expect(typed).toBe('Consistent Hashing')
    expect(values).toEqual({
      ...archetypeInitialValue(site, new Date(date), WRITER_ZONE),
      // The cover image type's own defaults, filled in under the template's values.
      cover: {_type: 'coverImage', showOnPostPage: false, showInLists: false},
    })

    // Until it has a slug the post cannot be exported; the view says so and names the field.
    await openHugoMarkdownView()
    await expect
      .poll(() => page.getByTestId('hugo-markdown-error').textContent())
      .toBe(
        'This post cannot be exported yetURL slugThe post needs a URL slug: it becomes the file name and the address of the post.Go to field',
      )
  }, 60_000)
})
