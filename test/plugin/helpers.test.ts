import type {DocumentBadgeProps} from 'sanity'
import {describe, expect, it} from 'vitest'
import {ConfigError, DEFAULT_SITE} from '../../converter/config.ts'
import {RenderError, renderPost} from '../../converter/index.ts'
import {sectionCompleteness} from '../../plugins/hugo-blog/helpers/completeness.ts'
import {errorReason} from '../../plugins/hugo-blog/helpers/errorReason.ts'
import {fieldTitles} from '../../plugins/hugo-blog/helpers/fieldLabel.ts'
import {
  archetypeInitialValue,
  postInitialValue,
} from '../../plugins/hugo-blog/helpers/initialValue.ts'
import {resolveHugoBlogOptions} from '../../plugins/hugo-blog/options.ts'
import {SYSTEM_DESIGN_SECTIONS, sectionsFor} from '../../plugins/hugo-blog/sections.ts'
import {useSectionCompletenessBadge} from '../../plugins/hugo-blog/useSectionCompletenessBadge.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {compileStudioSchema} from '../fixtures/schema/studio-schema.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'

const ALL_SECTIONS = [
  'Introduction',
  'Problem Statement',
  'Requirements',
  'High-Level Architecture',
  'Core Components',
  'Design Decisions',
  'Data Flow',
  'Scalability Considerations',
  'Implementation Details',
  'Trade-offs',
  'Best Practices',
  'Real-World Examples',
  'Common Pitfalls',
  'Conclusion',
  'References',
  'Further Reading',
]

/** A post with a title, slug and date but only an introduction body and a scaling note. */
const sparsePost = {
  _id: 'drafts.sparse',
  _type: SYSTEM_DESIGN_POST,
  _rev: 'r1',
  _createdAt: '2025-09-30T10:00:00Z',
  _updatedAt: '2025-09-30T10:00:00Z',
  title: 'Sparse',
  slug: {_type: 'slug', current: 'sparse'},
  date: '2025-10-01T09:00:00Z',
  introduction: {
    _type: 'introductionSection',
    systemType: 'a cache',
    body: [
      {
        _type: 'block',
        _key: 'b1',
        style: 'normal',
        markDefs: [],
        children: [{_type: 'span', _key: 's1', text: 'Why caches matter.', marks: []}],
      },
    ],
  },
  problemStatement: {_type: 'problemStatementSection', keyChallenges: ['', '  ']},
  scalability: {_type: 'scalabilitySection', loadBalancing: {algorithm: 'least connections'}},
  components: [],
  showLikeButtons: true,
}

describe('section completeness', () => {
  it('lists the archetype sections a writer fills in, in archetype order', () => {
    expect(SYSTEM_DESIGN_SECTIONS.map((s) => s.heading)).toEqual(ALL_SECTIONS)
    expect(SYSTEM_DESIGN_SECTIONS.find((s) => s.heading === 'Data Flow')?.fields).toEqual([
      'dataFlow.writePath.steps',
      'dataFlow.writePath.flow',
      'dataFlow.readPath.steps',
      'dataFlow.readPath.flow',
      'dataFlow.dataModel',
      'dataFlow.more',
    ])
  })

  it('finds every section filled in the full post', () => {
    const result = sectionCompleteness(fullPost, SYSTEM_DESIGN_SECTIONS)
    expect(result.filled).toEqual(ALL_SECTIONS)
    expect(result.empty).toEqual([])
  })

  it('tells filled from empty in a sparse post, ignoring blank strings and switches', () => {
    const result = sectionCompleteness(sparsePost, SYSTEM_DESIGN_SECTIONS)
    expect(result.filled).toEqual(['Introduction', 'Scalability Considerations'])
    expect(result.empty).toEqual(ALL_SECTIONS.filter((h) => !result.filled.includes(h)))
    expect(result.sections.slice(0, 2)).toEqual([
      {heading: 'Introduction', field: 'introduction.body', filled: true},
      {heading: 'Problem Statement', field: 'problemStatement.definition', filled: false},
    ])
  })

  it('agrees with the converter: a section is filled exactly when the file has its heading', () => {
    const site = DEFAULT_SITE
    for (const spec of SYSTEM_DESIGN_SECTIONS) {
      const topLevel = new Set(spec.fields.map((field) => field.split('.')[0] ?? ''))
      const without = Object.fromEntries(
        Object.entries(fullPost).filter(([name]) => !topLevel.has(name)),
      )
      const heading = `\n## ${spec.heading}\n`
      expect([spec.heading, renderPost(fullPost, site).markdown.includes(heading)]).toEqual([
        spec.heading,
        true,
      ])
      expect([spec.heading, renderPost(without, site).markdown.includes(heading)]).toEqual([
        spec.heading,
        false,
      ])
      expect(sectionCompleteness(without, SYSTEM_DESIGN_SECTIONS).empty).toEqual([spec.heading])
    }
    const sparse = renderPost(sparsePost, site).markdown
    const present = ALL_SECTIONS.filter((h) => sparse.includes(`\n## ${h}\n`))
    expect(present).toEqual(sectionCompleteness(sparsePost, SYSTEM_DESIGN_SECTIONS).filled)
  })

  it('copes with documents that are not objects yet', () => {
    expect(sectionCompleteness(undefined, SYSTEM_DESIGN_SECTIONS).filled).toEqual([])
    expect(sectionCompleteness({}, SYSTEM_DESIGN_SECTIONS).empty).toEqual(ALL_SECTIONS)
  })
})

describe('the completeness badge', () => {
  const editState: DocumentBadgeProps = {
    id: 'sparse',
    type: SYSTEM_DESIGN_POST,
    transactionSyncLock: null,
    ready: true,
    liveEdit: false,
    liveEditSchemaType: false,
    release: undefined,
    version: null,
    draft: null,
    published: null,
    scopeId: undefined,
  }

  it('counts the sections of the draft and names the empty ones', () => {
    const badge = useSectionCompletenessBadge({...editState, draft: sparsePost})
    expect(badge).toEqual({
      label: '2/16 sections',
      title:
        'Empty, so left out of the post: Problem Statement, Requirements, High-Level Architecture, Core Components, Design Decisions, Data Flow, Implementation Details, Trade-offs, Best Practices, Real-World Examples, Common Pitfalls, Conclusion, References, Further Reading.',
    })
  })

  it('turns green when every section has content', () => {
    expect(useSectionCompletenessBadge({...editState, draft: null, published: fullPost})).toEqual({
      label: '16/16 sections',
      title: 'Every archetype section has content.',
      color: 'success',
    })
  })

  it('shows nothing before the document exists', () => {
    expect(useSectionCompletenessBadge({...editState, draft: null})).toBeNull()
  })
})

describe('the archetype template', () => {
  it("starts a post with the archetype's front matter and this blog's author and link", () => {
    const site = {
      ...DEFAULT_SITE,
      author: 'Guest Writer',
      editPost: {
        URL: 'https://example.org/blog/content',
        Text: 'Propose a fix',
        appendFilePath: false,
      },
    }
    expect(
      archetypeInitialValue(site, new Date('2026-03-04T05:06:07.000Z'), 'Asia/Kolkata'),
    ).toEqual({
      date: '2026-03-04T10:36:00+05:30',
      hugoDraft: false,
      tags: ['system design', 'architecture', 'distributed systems', 'scalability'],
      categories: ['System Design', 'Engineering'],
      author: 'Guest Writer',
      editPost: {
        _type: 'editPostSettings',
        URL: 'https://example.org/blog/content',
        Text: 'Propose a fix',
        appendFilePath: false,
      },
      showToc: true,
      TocOpen: false,
      hidemeta: false,
      comments: false,
      disableHLJS: false,
      disableShare: false,
      hideSummary: false,
      searchHidden: false,
      ShowReadingTime: true,
      ShowBreadCrumbs: true,
      ShowPostNavLinks: true,
      ShowWordCount: true,
      ShowRssButtonInSectionTermList: true,
      UseHugoToc: true,
      showLikeButtons: true,
    })
  })
})

describe('the generic post template', () => {
  it("starts a post with the blog's front matter, without the archetype's tags or like buttons", () => {
    expect(postInitialValue(DEFAULT_SITE, new Date('2026-03-04T05:06:07.000Z'), 'UTC')).toEqual({
      date: '2026-03-04T05:06:00+00:00',
      hugoDraft: false,
      author: 'ArionDas',
      editPost: {_type: 'editPostSettings', ...DEFAULT_SITE.editPost},
      showToc: true,
      TocOpen: false,
      hidemeta: false,
      comments: false,
      disableHLJS: false,
      disableShare: false,
      hideSummary: false,
      searchHidden: false,
      ShowReadingTime: true,
      ShowBreadCrumbs: true,
      ShowPostNavLinks: true,
      ShowWordCount: true,
      ShowRssButtonInSectionTermList: true,
      UseHugoToc: true,
    })
  })
})

describe('which posts have sections to count', () => {
  it('system-design posts have the archetype’s sections, generic posts none', () => {
    expect(sectionsFor('systemDesignPost')).toBe(SYSTEM_DESIGN_SECTIONS)
    // The model-family post's sections come from its own list; the like buttons are nothing to fill.
    expect(sectionsFor('modelFamilyPost')?.map((section) => section.heading)).toEqual([
      'Introduction',
      'Background and Motivation',
      'Architecture Overview',
      'Key Components',
      'Mathematical Foundations',
      'Implementation',
      'Training Details',
      'Applications',
      'Comparison with Other Models',
      'Limitations and Future Work',
      'Conclusion',
      'References',
      'Further Reading',
    ])
    expect(sectionsFor('topicKnowledgePost')?.map((section) => section.heading)).toHaveLength(16)
    expect(sectionsFor('post')).toBe(undefined)
    expect(sectionsFor(undefined)).toBe(undefined)
  })
})

describe('plugin options', () => {
  it('fills in defaults and merges a partial suggest-changes link', () => {
    expect(
      resolveHugoBlogOptions({site: {author: 'Someone', editPost: {Text: 'Edit on GitHub'}}}),
    ).toEqual({
      site: {
        ...DEFAULT_SITE,
        author: 'Someone',
        editPost: {...DEFAULT_SITE.editPost, Text: 'Edit on GitHub'},
      },
      structureTool: true,
    })
    expect(resolveHugoBlogOptions()).toEqual({site: DEFAULT_SITE, structureTool: true})
  })

  it('rejects a site the converter cannot render with, naming the key and where to fix it', () => {
    const attempt = () => resolveHugoBlogOptions({site: {baseURL: 'https://example.org/blog/'}})
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(
      'hugoBlog(): site.baseURL must not end with "/", got "https://example.org/blog/". Fix it in hugo-export.config.ts or in the options passed to hugoBlog().',
    )
    expect(() => resolveHugoBlogOptions({site: {timeZone: 'Mars/Olympus'}})).toThrow(
      'hugoBlog(): site.timeZone must be an IANA time zone such as "UTC" or "Asia/Kolkata", got "Mars/Olympus". Fix it in hugo-export.config.ts or in the options passed to hugoBlog().',
    )
  })
})

describe('field titles for warnings', () => {
  const postType = compileStudioSchema().get(SYSTEM_DESIGN_POST)

  it('names nested fields and array items the way the form shows them', () => {
    expect(
      fieldTitles(
        postType,
        ['designDecisions', {_key: 'dd-algorithm'}, 'options', 1, 'pros'],
        fullPost,
      ),
    ).toEqual(['Design decisions', 'Item 1', 'Options considered', 'Item 2', 'Pros'])
  })

  it('falls back to raw names for fields and items the schema or document no longer has', () => {
    expect(fieldTitles(postType, ['components', {_key: 'gone'}, 'name'], fullPost)).toEqual([
      'Core components',
      'Removed item',
      'Name',
    ])
    expect(fieldTitles(postType, ['legacyField', 'inner'], fullPost)).toEqual([
      'legacyField',
      'inner',
    ])
  })
})

describe('render errors', () => {
  it('drop the id and path prefix that the pane shows separately', () => {
    expect(errorReason(new RenderError('post-1', ['title'], 'The post needs a title.'))).toBe(
      'The post needs a title.',
    )
    expect(errorReason(new RenderError('', [], 'The document is not an object.'))).toBe(
      'The document is not an object.',
    )
  })
})
