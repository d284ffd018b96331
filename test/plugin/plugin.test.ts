import type {ConfigContext, DocumentBadgeComponent, PluginOptions, Template} from 'sanity'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {ConfigError, DEFAULT_SITE} from '../../converter/config.ts'
import {hugoBlog} from '../../plugins/hugo-blog/index.ts'
import {useSectionCompletenessBadge} from '../../plugins/hugo-blog/useSectionCompletenessBadge.ts'
import {schemaTypes} from '../../schemas/index.ts'

// The resolvers below read nothing from the context; an empty one stands in for the Studio's.
const context = {} as ConfigContext

function templatesOf(plugin: PluginOptions): (previous: Template[]) => Template[] {
  const templates = plugin.schema?.templates
  if (typeof templates !== 'function') throw new Error('The plugin no longer resolves templates')
  return (previous) => templates(previous, context)
}

function badgesOf(
  plugin: PluginOptions,
): (previous: DocumentBadgeComponent[], schemaType: string) => DocumentBadgeComponent[] {
  const badges = plugin.document?.badges
  if (typeof badges !== 'function') throw new Error('The plugin no longer resolves badges')
  return (previous, schemaType) => badges(previous, {...context, schemaType, documentId: 'x'})
}

describe('hugoBlog()', () => {
  beforeEach(() => {
    vi.useFakeTimers({toFake: ['Date']})
    vi.setSystemTime(new Date('2026-02-03T04:05:06.000Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('brings the post schema and the inputs and tools it needs', () => {
    const plugin = hugoBlog()
    expect(plugin.name).toBe('hugo-blog')
    expect(plugin.schema?.types).toBe(schemaTypes)
    expect(plugin.plugins?.map((p) => p.name)).toEqual([
      '@sanity/code-input',
      'table',
      'sanity/structure',
    ])
  })

  it('leaves the structure to a Studio that has its own', () => {
    expect(hugoBlog({structureTool: false}).plugins?.map((p) => p.name)).toEqual([
      '@sanity/code-input',
      'table',
    ])
  })

  it("replaces the default post template with the archetype's, keeping other types' templates", () => {
    const other: Template = {id: 'author', title: 'Author', schemaType: 'author', value: {}}
    const generated: Template = {
      id: 'systemDesignPost',
      title: 'System design post',
      schemaType: 'systemDesignPost',
      value: {},
    }
    const templates = templatesOf(hugoBlog({site: {author: 'Guest'}}))([generated, other])
    expect(templates.map((t) => [t.id, t.schemaType])).toEqual([
      ['author', 'author'],
      ['systemDesignPost', 'systemDesignPost'],
    ])
    const value = templates[1]?.value
    if (typeof value !== 'function') throw new Error('The template value is not resolved lazily')
    expect(value({}, context)).toMatchObject({
      date: '2026-02-03T04:05:06.000Z',
      author: 'Guest',
      editPost: {_type: 'editPostSettings', ...DEFAULT_SITE.editPost},
    })
  })

  it('adds the section badge to posts only', () => {
    const badges = badgesOf(hugoBlog())
    expect(badges([], 'systemDesignPost')).toEqual([useSectionCompletenessBadge])
    expect(badges([], 'author')).toEqual([])
  })

  it('rejects bad site options when the Studio starts, not when a preview opens', () => {
    expect(() => hugoBlog({site: {layout: 'folder' as 'file'}})).toThrow(
      new ConfigError(
        'hugoBlog(): site.layout must be "file" or "bundle", got "folder". Fix it in hugo-export.config.ts or in the options passed to hugoBlog().',
      ),
    )
  })
})
