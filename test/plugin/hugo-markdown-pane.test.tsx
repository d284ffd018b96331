// @vitest-environment jsdom

import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, fireEvent, render, screen, within} from '@testing-library/react'
import type {SchemaType} from 'sanity'
import {PaneRouterContext, type PaneRouterContextValue} from 'sanity/structure'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {DEFAULT_SITE, type SiteConfig} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import HugoMarkdownPane from '../../plugins/hugo-blog/HugoMarkdownPane.tsx'
import {HugoMarkdownView} from '../../plugins/hugo-blog/HugoMarkdownView.tsx'
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

  it('shows why a post cannot be exported, with its field, instead of failing', () => {
    const onOpenField = vi.fn()
    const {slug: _slug, ...withoutSlug} = fullPost
    show(withoutSlug, onOpenField)
    const error = screen.getByTestId('hugo-markdown-error')
    expect(within(error).getByTestId('hugo-markdown-warning-field').textContent).toBe('URL slug')
    expect(within(error).getByTestId('hugo-markdown-warning-message').textContent).toBe(
      'The post needs a URL slug: it becomes the file name and the address of the post.',
    )
    expect(screen.queryByTestId('hugo-markdown-source')).toBeNull()
    fireEvent.click(within(error).getByRole('button', {name: 'Go to field'}))
    expect(onOpenField.mock.calls).toEqual([[['slug', 'current']]])
  })

  it('waits quietly while the document is still loading', () => {
    show({})
    expect(screen.getByText('Waiting for the document…')).toBeTruthy()
    expect(screen.queryByTestId('hugo-markdown-error')).toBeNull()
  })

  it('reports a converter failure in the pane rather than crashing the Studio', () => {
    show(fullPost, undefined, {...site, baseURL: 'not a url'})
    expect(text('hugo-markdown-error')).toBe(
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

describe('the "Hugo markdown" document view', () => {
  it('loads the converter when opened and sends "Go to field" to the form', async () => {
    if (!postType) throw new Error('The compiled schema has no post type')
    const setParams = vi.fn()
    // The view reads only the pane's params and setParams; nothing else of the router is used.
    const router = {
      params: {view: 'hugo-markdown', inspect: 'validation'},
      setParams,
    } as unknown as PaneRouterContextValue
    const post = postWithWarnings()
    render(
      <ThemeProvider theme={studioTheme}>
        <PaneRouterContext.Provider value={router}>
          <HugoMarkdownView
            document={{displayed: post, draft: null, historical: null, published: null}}
            documentId={post._id}
            options={{site}}
            schemaType={postType}
          />
        </PaneRouterContext.Provider>
      </ThemeProvider>,
    )
    expect(screen.getByText('Loading the Hugo converter…')).toBeTruthy()
    expect((await screen.findByTestId('hugo-markdown-source')).textContent).toBe(
      renderPost(post, site).markdown,
    )
    const [first] = screen.getAllByRole('button', {name: 'Go to field'})
    if (!first) throw new Error('No "Go to field" button')
    fireEvent.click(first)
    // Dropping `view` switches the pane to its first view, the form.
    expect(setParams.mock.calls).toEqual([
      [{inspect: 'validation', path: 'components[_key=="cmp-gateway"].purpose'}],
    ])
  })
})
