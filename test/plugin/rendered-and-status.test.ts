import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {cdnImageUrl} from '../../plugins/hugo-blog/helpers/cdn.ts'
import {
  checkExportStatus,
  type ExportStatusConfig,
  type Fetch,
} from '../../plugins/hugo-blog/helpers/exportStatus.ts'
import {resolveExportStatus} from '../../plugins/hugo-blog/options.ts'
import {previewWanted, rememberPreview} from '../../plugins/hugo-blog/previewInspector.tsx'
import {renderPage} from '../../plugins/hugo-blog/rendered/renderPage.ts'
import {fullPost, TOKEN_BUCKET_IMAGE_REF} from '../fixtures/system-design-post.full.ts'

const site = DEFAULT_SITE
const cdn = cdnImageUrl({projectId: 'p1', dataset: 'production'})

describe('the Rendered tab', () => {
  const page = renderPage(renderPost(fullPost, site), site, cdn)

  it('typesets every formula with the blog’s MathJax settings, leaving code alone', () => {
    expect(page).not.toContain('$$')
    expect(page).toContain('<mjx-container class="MathJax" jax="SVG" display="true">')
    // The blog's MathJax skips <pre>, so a dollar in a code block stays as written.
    expect(page).not.toMatch(/<pre[^>]*>(?:(?!<\/pre>)[\s\S])*<mjx-container/)
  })

  it('shows body images from the Sanity CDN, where they exist before any export', () => {
    const file = TOKEN_BUCKET_IMAGE_REF.replace(/^image-/, '').replace(/-png$/, '.png')
    expect(page).toContain(`src="https://cdn.sanity.io/images/p1/production/${file}"`)
    expect(page).not.toContain(`src="${site.baseURL}/images/`)
  })

  it('uses PaperMod’s layout and styles, with a placeholder for the like buttons', () => {
    expect(page).toContain('<article class="post-single"><header class="post-header">')
    expect(page).toContain('<h1 class="post-title">Designing a Distributed Rate Limiter</h1>')
    expect(page).toContain('.post-content h1 {')
    expect(page).toContain(
      '<div id="lyket-like-distributed-rate-limiter" data-testid="lyket-placeholder">',
    )
    expect(page).toContain('The like buttons appear here on the blog.')
  })
})

describe('the CDN address of an image', () => {
  const asset = renderPost(fullPost, site).assets[1]
  if (!asset) throw new Error('The full post lost its body image')

  it('sits beside the API host', () => {
    expect(
      cdnImageUrl({projectId: 'p1', dataset: 'd', apiHost: 'https://api.sanity.io'})(asset),
    ).toBe('https://cdn.sanity.io/images/p1/d/c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png')
    expect(
      cdnImageUrl({projectId: 'p1', dataset: 'd', apiHost: 'https://localhost:9'})(asset),
    ).toBe('https://localhost:9/images/p1/d/c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png')
  })
})

describe('the export status', () => {
  const config: ExportStatusConfig = {
    repository: 'owner/blog',
    branch: 'main',
    rawBaseUrl: 'https://raw.test',
    apiBaseUrl: 'https://api.test',
    webBaseUrl: 'https://web.test',
    workflowRunsUrl: 'https://web.test/owner/studio/actions',
  }
  const manifest = {
    format: 1,
    documents: {'post-1': {rev: 'rev-2', path: 'content/posts/one.md'}},
  }
  const commits = [{sha: 'abcdef1234567890', commit: {committer: {date: '2026-01-02T03:04:05Z'}}}]

  function github(answers: Record<string, {status: number; body: unknown}>): {
    fetch: Fetch
    asked: string[]
  } {
    const asked: string[] = []
    const fetch: Fetch = async (url) => {
      asked.push(url)
      const answer = answers[url] ?? {status: 404, body: {}}
      return new Response(JSON.stringify(answer.body), {status: answer.status})
    }
    return {fetch, asked}
  }
  const MANIFEST = 'https://raw.test/owner/blog/main/.sanity-export.json'
  const COMMITS =
    'https://api.test/repos/owner/blog/commits?sha=main&path=content%2Fposts%2Fone.md&per_page=1'

  it('is live, with the commit that wrote the file, when the manifest has the published revision', async () => {
    const {fetch, asked} = github({
      [MANIFEST]: {status: 200, body: manifest},
      [COMMITS]: {status: 200, body: commits},
    })
    expect(
      await checkExportStatus({_id: 'post-1', _rev: 'rev-2', hidden: false}, config, fetch),
    ).toEqual({
      kind: 'live',
      hidden: false,
      commit: {
        sha: 'abcdef1234567890',
        url: 'https://web.test/owner/blog/commit/abcdef1234567890',
        date: '2026-01-02T03:04:05Z',
      },
    })
    expect(asked).toEqual([MANIFEST, COMMITS])
  })

  it('waits for the next export when the manifest has an older revision, or no manifest yet', async () => {
    const older = github({[MANIFEST]: {status: 200, body: manifest}})
    expect(
      await checkExportStatus({_id: 'post-1', _rev: 'rev-3', hidden: false}, config, older.fetch),
    ).toEqual({kind: 'waiting'})
    const none = github({})
    expect(
      await checkExportStatus({_id: 'post-1', _rev: 'rev-2', hidden: false}, config, none.fetch),
    ).toEqual({kind: 'waiting'})
  })

  it('says so when the post is not published, or the blog cannot be read', async () => {
    const {fetch, asked} = github({})
    expect(await checkExportStatus(undefined, config, fetch)).toEqual({kind: 'unpublished'})
    expect(asked).toEqual([])
    const down = github({[MANIFEST]: {status: 503, body: {}}})
    expect(
      await checkExportStatus({_id: 'post-1', _rev: 'rev-2', hidden: true}, config, down.fetch),
    ).toEqual({kind: 'unknown', reason: 'the blog repository answered 503'})
  })
})

describe('the export status options', () => {
  it('default to GitHub, the main branch and the blog repository’s Actions', () => {
    expect(resolveExportStatus({repository: 'ArionDas/blogs'})).toEqual({
      repository: 'ArionDas/blogs',
      branch: 'main',
      rawBaseUrl: 'https://raw.githubusercontent.com',
      apiBaseUrl: 'https://api.github.com',
      webBaseUrl: 'https://github.com',
      workflowRunsUrl: 'https://github.com/ArionDas/blogs/actions',
    })
    expect(resolveExportStatus(undefined)).toBeUndefined()
  })

  it('reject a repository that is not owner/name when the Studio starts', () => {
    expect(() => resolveExportStatus({repository: 'https://github.com/ArionDas/blogs'})).toThrow(
      'hugoBlog(): exportStatus.repository must be "owner/name", got "https://github.com/ArionDas/blogs"',
    )
  })
})

describe('the preview beside the form', () => {
  function memory() {
    const values = new Map<string, string>()
    return {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
    }
  }

  it('opens by itself on a wide screen until the writer closes it, and again once reopened', () => {
    const store = memory()
    expect(previewWanted(store, 1440)).toBe(true)
    expect(previewWanted(store, 1199)).toBe(false)
    rememberPreview(store, 'closed')
    expect(previewWanted(store, 1440)).toBe(false)
    rememberPreview(store, 'open')
    expect(previewWanted(store, 1440)).toBe(true)
  })

  it('still opens where the browser keeps nothing', () => {
    expect(previewWanted(undefined, 1440)).toBe(true)
    const full = {
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(() => rememberPreview(full, 'closed')).not.toThrow()
  })
})
