import {readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {ConfigError, DEFAULT_SITE} from '../../converter/config.ts'
import * as converter from '../../converter/index.ts'
import {renderPost} from '../../converter/index.ts'
import {sectionCompleteness} from '../../plugins/hugo-blog/helpers/completeness.ts'
import {fieldTitles} from '../../plugins/hugo-blog/helpers/fieldLabel.ts'
import {
  archetypeInitialValue,
  postInitialValue,
} from '../../plugins/hugo-blog/helpers/initialValue.ts'
import {resolveHugoBlogOptions} from '../../plugins/hugo-blog/options.ts'
import {SYSTEM_DESIGN_SECTIONS, sectionsFor} from '../../plugins/hugo-blog/sections.ts'
import {sectionBadge} from '../../plugins/hugo-blog/useSectionCompletenessBadge.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import type {ConverterFixture} from '../fixtures/converter/fixture.ts'
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

/** A post whose only reference has an address but no title: the file has no References section. */
const untitledReference = {
  ...sparsePost,
  references: [{_type: 'citation', _key: 'r1', url: 'https://example.org/paper', kind: 'paper'}],
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/

/** The archetype headings in a file, read from its `## ` lines outside code fences. */
function headingsIn(markdown: string): string[] {
  const found: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const marker = FENCE.exec(line)?.[1]
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length)
        fence = undefined
    } else if (marker !== undefined) fence = marker
    else if (line.startsWith('## ') && ALL_SECTIONS.includes(line.slice(3)))
      found.push(line.slice(3))
  }
  return found
}

const FIXTURE_DIR = new URL('../fixtures/converter/', import.meta.url)
const converterFixtures = await Promise.all(
  readdirSync(FIXTURE_DIR)
    .filter((name) => /^\d{3}-[a-z0-9-]+\.ts$/.test(name))
    .sort()
    .map(async (name) => {
      const module: {fixture: ConverterFixture} = await import(new URL(name, FIXTURE_DIR).href)
      return [name, module.fixture.input.doc] as const
    }),
)

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

  it('counts what the converter wrote, so a section left out is counted empty', () => {
    const written = renderPost(sparsePost, DEFAULT_SITE).sections
    // The like buttons are written too, but hold nothing to fill in, so they are not counted.
    expect(written).toEqual(['Introduction', 'Scalability Considerations', 'Interactive Elements'])
    const result = sectionCompleteness(written, SYSTEM_DESIGN_SECTIONS)
    expect(result.filled).toEqual(['Introduction', 'Scalability Considerations'])
    expect(result.empty).toEqual(ALL_SECTIONS.filter((h) => !result.filled.includes(h)))
    expect(result.sections.slice(0, 2)).toEqual([
      {heading: 'Introduction', field: 'introduction.body', filled: true},
      {heading: 'Problem Statement', field: 'problemStatement.definition', filled: false},
    ])
  })

  it('does not count References for a reference without a title, which the file leaves out', () => {
    const {markdown, sections} = renderPost(untitledReference, DEFAULT_SITE)
    expect(headingsIn(markdown)).toEqual(['Introduction', 'Scalability Considerations'])
    expect(sectionCompleteness(sections, SYSTEM_DESIGN_SECTIONS).filled).toEqual([
      'Introduction',
      'Scalability Considerations',
    ])
  })

  it('lists the fields each section is written from: without them, the file has no heading', () => {
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
      expect(
        sectionCompleteness(renderPost(without, site).sections, SYSTEM_DESIGN_SECTIONS).empty,
      ).toEqual([spec.heading])
    }
  })

  it('agrees with the file for every converter fixture and the full post', () => {
    const inputs = [...converterFixtures, ['full post', fullPost] as const]
    const disagreements = inputs.flatMap(([name, doc]) => {
      let result: ReturnType<typeof renderPost>
      try {
        result = renderPost(doc, DEFAULT_SITE)
      } catch {
        return [] // No file, nothing to count: the badge says so instead.
      }
      const counted = sectionCompleteness(result.sections, SYSTEM_DESIGN_SECTIONS).filled
      const inFile = headingsIn(result.markdown)
      return JSON.stringify(counted) === JSON.stringify(inFile) ? [] : [{name, counted, inFile}]
    })
    expect(disagreements).toEqual([])
    expect(headingsIn(renderPost(fullPost, DEFAULT_SITE).markdown)).toEqual(ALL_SECTIONS)
  })
})

describe('the completeness badge', () => {
  it('counts the sections of the file and names the empty ones', () => {
    expect(sectionBadge(converter, sparsePost, DEFAULT_SITE)).toEqual({
      label: '2/16 sections',
      title:
        'Empty, so left out of the post: Problem Statement, Requirements, High-Level Architecture, Core Components, Design Decisions, Data Flow, Implementation Details, Trade-offs, Best Practices, Real-World Examples, Common Pitfalls, Conclusion, References, Further Reading.',
    })
  })

  it('does not count a section the file leaves out', () => {
    expect(sectionBadge(converter, untitledReference, DEFAULT_SITE).label).toBe('2/16 sections')
  })

  it('turns green when every section has content', () => {
    expect(sectionBadge(converter, fullPost, DEFAULT_SITE)).toEqual({
      label: '16/16 sections',
      title: 'Every archetype section has content.',
      color: 'success',
    })
  })

  it('says when no file can be written yet, and why', () => {
    const {slug: _slug, title: _title, ...unfinished} = sparsePost
    expect(sectionBadge(converter, unfinished, DEFAULT_SITE)).toEqual({
      label: 'Not exportable yet',
      title:
        'The post needs a URL slug: it becomes the file name and the address of the post. The post needs a title.',
      color: 'danger',
    })
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
