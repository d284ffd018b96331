// @vitest-environment jsdom

import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, fireEvent, render, screen, within} from '@testing-library/react'
import type {SchemaType} from 'sanity'
import type {RouterPanes} from 'sanity/structure'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {DEFAULT_SITE, type SiteConfig} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import HugoMarkdownPane from '../../plugins/hugo-blog/HugoMarkdownPane.tsx'
import {withFieldOpenBeside} from '../../plugins/hugo-blog/HugoMarkdownView.tsx'
import {resolveExportStatus} from '../../plugins/hugo-blog/options.ts'
import type {InlineText, SystemDesignPost} from '../../sanity.types.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {fullGenericPost} from '../fixtures/post.full.ts'
import {compileStudioSchema} from '../fixtures/schema/studio-schema.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'

const postType: SchemaType | undefined = compileStudioSchema().get(SYSTEM_DESIGN_POST)
const site: SiteConfig = DEFAULT_SITE

/** The full post with two problems the converter reports but still renders around. */
function postWithWarnings(): SystemDesignPost {
  const post = structuredClone(fullPost)
  const [component, ...components] = post.components ?? []
  const [reading, ...reading2] = post.furtherReading ?? []
  if (!component || !reading)
    throw new Error('The full post fixture lost its components or reading list')
  // A number where the schema has text, as an import or an old schema version can leave.
  post.components = [{...component, purpose: 42 as unknown as InlineText}, ...components]
  post.furtherReading = [{...reading, url: 'javascript:alert(1)'}, ...reading2]
  return post
}

function show(document: unknown, onOpenField?: (path: unknown[]) => void, siteConfig = site) {
  return render(
    <ThemeProvider theme={studioTheme}>
      <HugoMarkdownPane
        document={document}
        site={siteConfig}
        schemaType={postType}
        onOpenField={onOpenField}
      />
    </ThemeProvider>,
  )
}

const text = (testId: string) => screen.getByTestId(testId).textContent

afterEach(cleanup)

describe('the Hugo markdown pane', () => {
  it('shows the file the converter writes for the post, and where it goes', () => {
    show(fullPost)
    const expected = renderPost(fullPost, site)
    expect(text('hugo-markdown-path')).toBe('content/posts/distributed-rate-limiter.md')
    expect(text('hugo-markdown-source')).toBe(expected.markdown)
    expect(
      expected.markdown.startsWith('---\ntitle: "Designing a Distributed Rate Limiter"\n'),
    ).toBe(true)
    expect(screen.queryByTestId('hugo-markdown-warnings')).toBeNull()
    expect(screen.queryByTestId('hugo-markdown-error')).toBeNull()
  })

  it('lists the images that are copied with the post', () => {
    show(fullPost)
    expect(renderPost(fullPost, site).assets.map((asset) => asset.path)).toEqual([
      'static/images/distributed-rate-limiter/a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630.png',
      'static/images/distributed-rate-limiter/c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png',
    ])
    expect(screen.getByText('Images copied with it')).toBeTruthy()
    expect(
      screen.getByText(
        'static/images/distributed-rate-limiter/c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png',
      ),
    ).toBeTruthy()
  })

  it('lists each warning with the field it is about, named as the form names it', () => {
    const post = postWithWarnings()
    show(post)
    expect(text('hugo-markdown-source')).toBe(renderPost(post, site).markdown)
    const items = within(screen.getByTestId('hugo-markdown-warnings')).getAllByTestId(
      'hugo-markdown-warning',
    )
    expect(
      items.map((item) => [
        within(item).getByTestId('hugo-markdown-warning-field').textContent,
        within(item).getByTestId('hugo-markdown-warning-message').textContent,
      ]),
    ).toEqual([
      ['Core components › Item 1 › Purpose', 'Expected text but found a number; it was left out.'],
      [
        'Further reading › Item 1 › Address',
        'The address is not a web address; the title is shown without a link.',
      ],
    ])
    expect(screen.getByText('2 things to check')).toBeTruthy()
  })

  it('opens the field a warning is about', () => {
    const onOpenField = vi.fn()
    show(postWithWarnings(), onOpenField)
    const [first] = screen.getAllByRole('button', {name: 'Go to field'})
    if (!first) throw new Error('No "Go to field" button')
    fireEvent.click(first)
    expect(onOpenField.mock.calls).toEqual([[['components', {_key: 'cmp-gateway'}, 'purpose']]])
  })

  it('lists everything that blocks publishing at once, each with its field', () => {
    const onOpenField = vi.fn()
    const {slug: _slug, title: _title, ...unfinished} = fullPost
    show(unfinished, onOpenField)
    const blockers = within(screen.getByTestId('hugo-markdown-error')).getAllByTestId(
      'hugo-markdown-blocker',
    )
    expect(
      blockers.map((item) => [
        within(item).getByTestId('hugo-markdown-blocker-field').textContent,
        within(item).getByTestId('hugo-markdown-blocker-message').textContent,
      ]),
    ).toEqual([
      [
        'URL slug',
        'The post needs a URL slug: it becomes the file name and the address of the post.',
      ],
      ['Title', 'The post needs a title.'],
    ])
    expect(screen.getByText('Fix these 2 things before publishing')).toBeTruthy()
    expect(screen.queryByTestId('hugo-markdown-source')).toBeNull()
    fireEvent.click(within(blockers[1] as HTMLElement).getByRole('button', {name: 'Go to field'}))
    expect(onOpenField.mock.calls).toEqual([[['title']]])
  })

  it('puts Sanity’s blocking errors first, each field once, above a file that renders', () => {
    render(
      <ThemeProvider theme={studioTheme}>
        <HugoMarkdownPane
          document={fullPost}
          site={site}
          schemaType={postType}
          validationErrors={[
            {path: ['cover', 'alt'], message: 'A cover image needs alternative text.'},
          ]}
        />
      </ThemeProvider>,
    )
    const error = screen.getByTestId('hugo-markdown-error')
    expect(error.compareDocumentPosition(screen.getByTestId('hugo-markdown-path'))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    )
    expect(
      within(error)
        .getAllByTestId('hugo-markdown-blocker')
        .map((item) => item.textContent),
    ).toEqual(['Cover image › Alternative textA cover image needs alternative text.'])
    expect(text('hugo-markdown-source')).toBe(renderPost(fullPost, site).markdown)
  })

  it('marks and scrolls to the part of the file written from the field being edited', () => {
    const markdown = renderPost(fullPost, site).markdown
    const marked = (focusPath: unknown[]) => {
      cleanup()
      render(
        <ThemeProvider theme={studioTheme}>
          <HugoMarkdownPane document={fullPost} site={site} focusPath={focusPath} />
        </ThemeProvider>,
      )
      return [...screen.getByTestId('hugo-markdown-source').querySelectorAll('[data-marked]')]
        .map((line) => line.textContent)
        .join('')
    }
    const tradeOffs = marked(['tradeOffs', {_key: 'to-lua'}, 'cost'])
    expect(tradeOffs.startsWith('## Trade-offs\n')).toBe(true)
    expect(markdown).toContain(`\n${tradeOffs}## Best Practices\n`)
    expect(marked(['tags', 0])).toBe(
      'tags: ["system design", "rate limiting", "distributed systems", "redis"]\n',
    )
    expect(marked(['systemName'])).toBe(
      '# Distributed Rate Limiter: Fair Quotas at Millions of Requests per Second\n',
    )
    // Nothing focused: the body's first line, not the YAML at the top.
    expect(marked([])).toBe(
      '# Distributed Rate Limiter: Fair Quotas at Millions of Requests per Second\n',
    )
  })

  it('waits quietly while the document is still loading', () => {
    show({})
    expect(screen.getByText('Waiting for the document…')).toBeTruthy()
    expect(screen.queryByTestId('hugo-markdown-error')).toBeNull()
  })

  it('reports a converter failure in the pane rather than crashing the Studio', () => {
    show(fullPost, undefined, {...site, baseURL: 'not a url'})
    expect(text('hugo-markdown-failure')).toBe(
      'The converter failed on this post: site.baseURL must be an absolute URL, got "not a url"',
    )
  })

  it('follows the document as the author edits it', () => {
    const view = show(fullPost)
    const edited = {...fullPost, title: 'Rate Limiting at the Edge'}
    view.rerender(
      <ThemeProvider theme={studioTheme}>
        <HugoMarkdownPane document={edited} site={site} schemaType={postType} />
      </ThemeProvider>,
    )
    expect(text('hugo-markdown-source')).toBe(renderPost(edited, site).markdown)
    expect(
      text('hugo-markdown-source')?.startsWith('---\ntitle: "Rate Limiting at the Edge"\n'),
    ).toBe(true)
  })

  it('lists which archetype sections are filled and which are left out', () => {
    const {pitfalls: _pitfalls, realWorldExamples: _examples, ...post} = fullPost
    const onOpenField = vi.fn()
    show(post, onOpenField)
    fireEvent.click(screen.getByRole('tab', {name: 'Sections 14/16'}))
    const rows = screen.getAllByTestId('hugo-markdown-section')
    expect(
      rows
        .filter((row) => row.getAttribute('data-filled') === 'false')
        .map((row) => row.textContent),
    ).toEqual([
      'Real-World ExamplesEmpty: left out of the postWrite it',
      'Common PitfallsEmpty: left out of the postWrite it',
    ])
    expect(rows).toHaveLength(16)
    const [writeExamples] = screen.getAllByRole('button', {name: 'Write it'})
    if (!writeExamples) throw new Error('No "Write it" button')
    fireEvent.click(writeExamples)
    expect(onOpenField.mock.calls).toEqual([[['realWorldExamples']]])
  })
})

describe('the export status in the pane', () => {
  const exportStatus = resolveExportStatus({repository: 'owner/blog'})

  it('gives the published address while an edited slug is not yet published', () => {
    // The card asks the blog whether the post is live; that answer is not what this test is about.
    vi.stubGlobal('fetch', () => new Promise<Response>(() => undefined))
    try {
      const draft = {...fullPost, slug: {_type: 'slug' as const, current: 'rate-limiter-renamed'}}
      render(
        <ThemeProvider theme={studioTheme}>
          <HugoMarkdownPane
            document={draft}
            site={site}
            schemaType={postType}
            published={{_id: 'post-1', _rev: 'rev-1', hidden: false, slug: fullPost.slug?.current}}
            exportStatus={exportStatus}
          />
        </ThemeProvider>,
      )
      expect(text('export-status-address')).toBe(`${site.baseURL}/posts/distributed-rate-limiter/`)
      expect(text('hugo-markdown-path')).toBe('content/posts/rate-limiter-renamed.md')
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

describe('the Hugo markdown pane for a generic post', () => {
  it('shows the file as written, with no sections to count', () => {
    render(
      <ThemeProvider theme={studioTheme}>
        <HugoMarkdownPane
          document={fullGenericPost}
          site={site}
          schemaType={compileStudioSchema().get('post')}
        />
      </ThemeProvider>,
    )
    expect(text('hugo-markdown-path')).toBe('content/posts/gradient-descent.md')
    expect(text('hugo-markdown-source')).toBe(renderPost(fullGenericPost, site).markdown)
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      'Markdown',
      'Rendered',
    ])
    expect(screen.queryByText(/Sections you leave empty/)).toBeNull()
  })
})

describe('"Go to field" in a split pane', () => {
  const pane = (id: string, params: Record<string, string> = {}) => ({id, params})
  const panes: RouterPanes = [
    [pane('systemDesignPost')],
    [pane('post-1'), pane('post-1', {view: 'hugo-markdown'})],
  ]

  it('focuses the field in the form beside the preview, and leaves the preview as it is', () => {
    expect(withFieldOpenBeside(panes, 1, 1, 'title')).toEqual([
      [pane('systemDesignPost')],
      [pane('post-1', {path: 'title'}), pane('post-1', {view: 'hugo-markdown'})],
    ])
  })

  it('has nothing to do beside a pane that is alone', () => {
    const alone: RouterPanes = [[pane('post-1', {view: 'hugo-markdown'})]]
    expect(withFieldOpenBeside(alone, 0, 0, 'title')).toBeUndefined()
  })
})
