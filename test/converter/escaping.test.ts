import fc from 'fast-check'
import MarkdownIt from 'markdown-it'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {renderPost} from '../../converter/index.ts'
import {escapeBrackets} from '../../converter/render/portableText.ts'
import {codeBlock, codeSpan} from '../../converter/render/text.ts'
import {post, site} from '../fixtures/converter/fixture.ts'

/**
 * Arbitrary text in each place it lands (paragraph, heading, list item, table
 * cell, labelled slot) → markdown → CommonMark/GFM tokens → the same text.
 * And arbitrary strings in the front matter → YAML 1.1 → the same strings.
 */

const md = new MarkdownIt({html: true})
type Token = ReturnType<typeof md.parse>[number]

/** Characters markdown, HTML, YAML or Hugo give meaning to, plus plain ones. */
const SPECIAL = [
  ...'\\`*_{}[]()<>#+-.!|~&;:%$"\'=^?,/@ \t\n',
  '{{<',
  '{{%',
  '>}}',
  '```',
  '&amp;',
  '&#65;',
  '1.',
  '- ',
  '> ',
  '    ',
  'a',
  'Z',
  '0',
  '9',
  'é',
  '→',
  '😀',
  '\u00a0',
]
const textArb = fc.oneof(
  fc.string({unit: fc.constantFrom(...SPECIAL), maxLength: 20}),
  fc.string({unit: 'grapheme', maxLength: 20}),
)
/** Control characters other than tab and newline cannot be typed into a text field. */
const usable = (s: string) =>
  [...s].every((c) => {
    const code = c.charCodeAt(0)
    return c === '\t' || c === '\n' || (code >= 0x20 && code !== 0x7f)
  })
const visible = (s: string) => s.replace(/\s+/g, ' ').trim() !== ''

/**
 * What MathJax, configured as the blog configures it, finds in a run of page text:
 * its escapes (`\\$`, `\\\\`), and anything that would open math, which is shown as
 * `⟨math⟩` so that the comparison fails.
 */
const MATHJAX = /\\([\\$])|\$|\\\(|\\\[|\\begin\s*\{|\\(?:eq)?ref\s*\{/g
const mathJaxShows = (text: string) =>
  text.replace(MATHJAX, (_match, escaped: string | undefined) => escaped ?? '⟨math⟩')

/** The text of an inline token as a reader sees it, once MathJax has read the page. */
function inlineText(token: Token | undefined): string {
  if (token?.type !== 'inline') throw new Error(`Expected inline content, got ${token?.type}`)
  const text = (token.children ?? [])
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline' || child.type === 'html_inline')
        return child.content
      if (child.type === 'softbreak' || child.type === 'hardbreak') return '\n'
      return ''
    })
    .join('')
  return mathJaxShows(text)
}

/** The block tokens of the `## heading` section, without its heading. */
function sectionTokens(markdown: string, heading: string): Token[] {
  const tokens = md.parse(markdown.replace(/^---\n[\s\S]*?\n---\n/, ''), {})
  const start = tokens.findIndex(
    (t, i) => t.type === 'heading_open' && t.tag === 'h2' && tokens[i + 1]?.content === heading,
  )
  if (start < 0) throw new Error(`No section "${heading}" in:\n${markdown}`)
  const end = tokens.findIndex(
    (t, i) => i > start + 2 && t.type === 'heading_open' && t.tag === 'h2',
  )
  return tokens.slice(start + 3, end)
}

/** What a one-line slot shows: line breaks folded to spaces, ends trimmed. */
const folded = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim()

const render = (fields: Record<string, unknown>) => renderPost(post(fields), site()).markdown

describe('escaping: arbitrary text reads back unchanged', () => {
  it('in a paragraph', () => {
    fc.assert(
      fc.property(textArb.filter(usable).filter(visible), (text) => {
        const markdown = render({
          introduction: {
            body: [
              {
                _type: 'block',
                _key: 'p',
                style: 'normal',
                markDefs: [],
                children: [{_type: 'span', _key: 's', text, marks: []}],
              },
            ],
          },
        })
        const tokens = sectionTokens(markdown, 'Introduction')
        expect(tokens.map((t) => t.type)).toEqual(['paragraph_open', 'inline', 'paragraph_close'])
        // Whitespace at the edges of lines is not visible in HTML; everything else must match.
        const edges = (s: string) => s.replace(/[ \t]*\n[ \t]*/g, '\n').trim()
        expect(edges(inlineText(tokens[1]))).toBe(edges(text))
      }),
      {numRuns: 400},
    )
  })

  it('in the title heading', () => {
    fc.assert(
      fc.property(textArb.filter(usable).filter(visible), (name) => {
        const tokens = md.parse(render({systemName: name}).replace(/^---\n[\s\S]*?\n---\n/, ''), {})
        expect(tokens.slice(0, 3).map((t) => `${t.type}:${t.tag}`)).toEqual([
          'heading_open:h1',
          'inline:',
          'heading_close:h1',
        ])
        expect(inlineText(tokens[1])).toBe(folded(name))
      }),
      {numRuns: 400},
    )
  })

  it('in a list item', () => {
    fc.assert(
      fc.property(textArb.filter(usable).filter(visible), (item) => {
        const tokens = sectionTokens(
          render({problemStatement: {keyChallenges: [item]}}),
          'Problem Statement',
        )
        expect(tokens.map((t) => t.type)).toEqual([
          'heading_open',
          'inline',
          'heading_close',
          'bullet_list_open',
          'list_item_open',
          'paragraph_open',
          'inline',
          'paragraph_close',
          'list_item_close',
          'bullet_list_close',
        ])
        expect(inlineText(tokens[6])).toBe(folded(item))
      }),
      {numRuns: 400},
    )
  })

  it('in a table cell', () => {
    fc.assert(
      fc.property(textArb.filter(usable).filter(visible), (cell) => {
        const tokens = sectionTokens(
          render({implementation: {techStack: [{_key: 'r', component: cell, technology: 'x'}]}}),
          'Implementation Details',
        )
        const cells = tokens.filter(
          (t, i) => t.type === 'inline' && tokens[i - 1]?.type === 'td_open',
        )
        expect(cells.map((t) => inlineText(t))).toEqual([folded(cell), 'x', ''])
      }),
      {numRuns: 400},
    )
  })

  it('in a labelled slot', () => {
    fc.assert(
      fc.property(textArb.filter(usable).filter(visible), (purpose) => {
        const tokens = sectionTokens(
          render({components: [{_key: 'c', name: 'Cache', purpose}]}),
          'Core Components',
        )
        expect(tokens.map((t) => t.type)).toEqual([
          'heading_open',
          'inline',
          'heading_close',
          'paragraph_open',
          'inline',
          'paragraph_close',
        ])
        expect(inlineText(tokens[4])).toBe(`Purpose: ${folded(purpose)}`)
      }),
      {numRuns: 400},
    )
  })
})

describe('escaping: front-matter strings survive YAML 1.1', () => {
  const yamlText = fc.oneof(
    fc.string({
      unit: fc.constantFrom(
        ...SPECIAL,
        'yes',
        'no',
        'on',
        'off',
        'y',
        'n',
        'true',
        'null',
        '~',
        '2025-10-01',
        '12:30',
        '0x1F',
        '1e3',
        '.inf',
        '0o17',
        '1_0',
        ': ',
        ' #',
        '---',
        '...',
        '!',
        '*',
        '&',
      ),
      maxLength: 12,
    }),
    fc.string({unit: 'binary', maxLength: 20}),
  )
  const value = yamlText.filter((s) => s.trim() !== '')

  it('title, description, author, tags and categories parse back to the same strings', () => {
    fc.assert(
      fc.property(
        value,
        value,
        value,
        fc.array(yamlText, {maxLength: 4}),
        (title, description, author, tags) => {
          const markdown = render({title, description, author, tags, categories: tags})
          const yaml = /^---\n([\s\S]*?\n)---\n/.exec(markdown)?.[1] ?? ''
          const expectedTags = tags.map((t) => t.trim()).filter((t) => t !== '')
          for (const version of ['1.1', '1.2'] as const) {
            const parsed: Record<string, unknown> = parse(yaml, {version})
            expect(parsed['title']).toBe(title.trim())
            expect(parsed['description']).toBe(description.trim())
            expect(parsed['author']).toBe(author.trim())
            if (expectedTags.length === 0) expect(parsed['tags']).toBeUndefined()
            else expect(parsed['tags']).toEqual(expectedTags)
          }
        },
      ),
      {numRuns: 400},
    )
  })

  it('reads the date as a timestamp and the switches as booleans', () => {
    const yaml = /^---\n([\s\S]*?\n)---\n/.exec(render({}))?.[1] ?? ''
    const parsed: Record<string, unknown> = parse(yaml, {version: '1.1'})
    expect(parsed['date']).toEqual(new Date('2025-10-01T09:00:00Z'))
    expect(parsed['draft']).toBe(false)
    expect(parsed['showToc']).toBe(true)
  })
})

describe('escaping: code and link text', () => {
  it('fences code with one backtick more than its longest run', () => {
    expect(codeBlock('a ``` b ```` c`', 'ts')).toBe('`````ts\na ``` b ```` c`\n`````')
    expect(codeBlock('no ticks', '')).toBe('```\nno ticks\n```')
    expect(codeSpan('x `` y')).toBe('```x `` y```')
    expect(codeSpan('``')).toBe('``` `` ```')
  })

  it('escapes the brackets of link text, but not an escaped one twice', () => {
    expect(escapeBrackets('plain text')).toBe('plain text')
    expect(escapeBrackets('a [b] \\[c')).toBe('a \\[b\\] \\[c')
    expect(escapeBrackets('trailing \\')).toBe('trailing \\')
  })
})
