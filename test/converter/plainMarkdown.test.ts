import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {RenderContext} from '../../converter/render/context.ts'
import type {Tally} from '../../converter/render/plainMarkdown.ts'
import {directLine} from '../../converter/render/plainMarkdown.ts'
import {
  cleanMarkdown,
  composeBlock,
  lineMarkdown,
  plainRun,
  renderPortableText,
} from '../../converter/render/portableText.ts'
import {
  foldLines,
  goldmarkSafe,
  inlineText,
  libraryInlineText,
  mathJaxText,
  plainInlineText,
} from '../../converter/render/text.ts'
import {site} from '../fixtures/converter/fixture.ts'

/**
 * The converter writes most text without the markdown library, where the
 * library's escaping would change nothing. These tests render generated
 * text both ways and require the same bytes, over text full of what the
 * library escapes (markdown punctuation, list numbers, indentation, entities,
 * tags, bare URLs and emails, shortcode openers), and check that the fast
 * path is actually taken, so they cannot pass by always using the library.
 */

/** Pieces that trigger, or nearly trigger, the library's escapes. */
const TRICKY = [
  ...'\\`*_{}[]()<>#+-.!|~&;:%$"\'=^?,/@ \t\n\r',
  '{{<',
  '{{%',
  '>}}',
  '```',
  '~~',
  '**',
  '__',
  '&amp;',
  '&#65;',
  '&#x41;',
  '&copy',
  '<a',
  '</b>',
  '<!--',
  '<?',
  '< ',
  '](',
  '][',
  '[ ] ',
  '[x] ',
  '[a]:',
  '1.',
  '1)',
  '12.',
  '1234567890.',
  '1. ',
  '- ',
  '+ ',
  '* ',
  '> ',
  '# ',
  '## ',
  '###',
  '===',
  '---',
  '***',
  '_ _ _',
  '    ',
  '   ',
  'www.a.com',
  'a@b.co',
  'https://x.io/a_b*c',
  'foo_bar_baz',
  '2*3',
  'a',
  'Z',
  'word',
  '0',
  '9',
  'é',
  '→',
  '😀',
  '\u00a0',
  '\u2028',
  '\uE000',
]

/** Prose with now and then a character that means something to markdown. */
const WORDS = ['The', 'cache', 'holds', 'keys', 'per', 'tenant', 'at', 'p99', 'ms', 'é', '—']
const proseArb = fc
  .array(
    fc.oneof(
      {weight: 12, arbitrary: fc.constantFrom(...WORDS)},
      {weight: 1, arbitrary: fc.constantFrom(...TRICKY)},
    ),
    {minLength: 1, maxLength: 14},
  )
  .map((parts) => parts.join(' '))

const trickyArb = fc.string({unit: fc.constantFrom(...TRICKY), maxLength: 12})
const textArb = fc.oneof(proseArb, trickyArb, fc.string({unit: 'grapheme', maxLength: 12}))

const DECORATORS = ['strong', 'em', 'code', 'strike-through']
const LINK_KEYS = ['a', 'b']

const spanArb = fc.record({
  _type: fc.constant('span'),
  text: textArb,
  marks: fc.subarray([...DECORATORS, ...LINK_KEYS]),
})
const mathArb = fc.record({
  _type: fc.constant('mathInline'),
  tex: fc.constantFrom('x', 'a_b', '*', 'n^2'),
  display: fc.boolean(),
})
const hrefArb = fc.constantFrom('https://example.com/a_b', '/docs/x*y', 'mailto:a@b.co', '#top')

const textBlockArb = fc.record(
  {
    _type: fc.constant('block'),
    style: fc.constantFrom('normal', 'normal', 'normal', 'h1', 'h2', 'h3', 'h4', 'blockquote'),
    listItem: fc.constantFrom('bullet', 'number', 'square'),
    level: fc.integer({min: 1, max: 4}),
    markDefs: fc.constant(LINK_KEYS.map((key) => ({_type: 'link', _key: key}))),
    hrefs: fc.tuple(hrefArb, hrefArb),
    children: fc.array(fc.oneof({weight: 6, arbitrary: spanArb}, {weight: 1, arbitrary: mathArb}), {
      minLength: 1,
      maxLength: 5,
    }),
  },
  {requiredKeys: ['_type', 'style', 'markDefs', 'hrefs', 'children']},
)

const objectArb = fc.oneof(
  fc.record({_type: fc.constant('code'), code: textArb, language: fc.constantFrom('', 'go')}),
  fc.record({_type: fc.constant('mathBlock'), tex: fc.constantFrom('x^2', 'a < b')}),
  fc.record({_type: fc.constant('htmlEmbed'), html: fc.constantFrom('<hr>', '<p>{{< x >}}</p>')}),
  fc.record({_type: fc.constant('horizontalRule')}),
  fc.record({
    _type: fc.constant('table'),
    rows: fc.constant([
      {_key: 'r0', cells: ['A', 'B']},
      {_key: 'r1', cells: ['1. x', '*y*']},
    ]),
  }),
)

/** A rich-text value: mostly text blocks, lists running over several blocks. */
const richTextArb = fc
  .array(fc.oneof({weight: 5, arbitrary: textBlockArb}, {weight: 1, arbitrary: objectArb}), {
    maxLength: 8,
  })
  .map((nodes) =>
    nodes.map((node, i) => {
      const {hrefs, ...rest} = node as typeof node & {hrefs?: [string, string]}
      const keyed: Record<string, unknown> = {...rest, _key: `k${i}`}
      if (hrefs !== undefined)
        keyed['markDefs'] = LINK_KEYS.map((key, k) => ({_type: 'link', _key: key, href: hrefs[k]}))
      if (Array.isArray(keyed['children']))
        keyed['children'] = keyed['children'].map((child, c) => ({...child, _key: `c${c}`}))
      return keyed
    }),
  )

function context(): RenderContext {
  return {
    documentId: 'd',
    site: site(),
    slug: 's',
    likeButtons: false,
    warnings: [],
    assets: [],
    sections: [],
    recorded: new Set(),
    footnotes: [],
  }
}

describe('rich text without the markdown library', () => {
  it('writes exactly what the library writes, for both rich-text types', () => {
    const tally: Tally = {plain: 0, library: 0}
    fc.assert(
      fc.property(richTextArb, fc.constantFrom('blockContent', 'postBody'), (value, type) => {
        const at = {value, path: ['body']}
        const viaLibrary = renderPortableText(context(), at, type, 'library')
        expect(renderPortableText(context(), at, type, 'plain-when-possible', tally)).toBe(
          viaLibrary,
        )
      }),
      {numRuns: 3000},
    )
    // Both ways are exercised: tricky text goes to the library, prose does not.
    expect(tally.plain).toBeGreaterThan(tally.library / 4)
    expect(tally.library).toBeGreaterThan(tally.plain / 10)
  })

  it('takes the fast path for prose with marks, links, lists and inline math', () => {
    const tally: Tally = {plain: 0, library: 0}
    const proseBlock = textBlockArb.map((block) => ({
      ...block,
      children: block.children.map((child) =>
        child._type === 'span' ? {...child, text: child.text.replace(/[^A-Za-z ]/g, '')} : child,
      ),
    }))
    fc.assert(
      fc.property(fc.array(proseBlock, {minLength: 1, maxLength: 6}), (blocks) => {
        const value = blocks.map(({hrefs, ...block}, i) => ({
          ...block,
          _key: `k${i}`,
          markDefs: LINK_KEYS.map((key, k) => ({_type: 'link', _key: key, href: hrefs[k]})),
        }))
        const at = {value, path: ['body']}
        expect(renderPortableText(context(), at, 'postBody', 'plain-when-possible', tally)).toBe(
          renderPortableText(context(), at, 'postBody', 'library'),
        )
      }),
      {numRuns: 500},
    )
    expect(tally.plain).toBeGreaterThan(0)
    expect(tally.plain).toBeGreaterThan(tally.library * 9)
  })

  it('numbers and indents lists that skip levels, restart, and mix kinds as the library does', () => {
    const item = fc.record({
      listItem: fc.constantFrom('bullet', 'number'),
      level: fc.integer({min: 1, max: 5}),
      plain: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(item, {minLength: 1, maxLength: 12}), (items) => {
        const value = items.map((it, i) =>
          it.plain
            ? {
                _type: 'block',
                _key: `k${i}`,
                style: 'normal',
                markDefs: [],
                children: [{_type: 'span', _key: 's', text: `para ${i}`, marks: []}],
              }
            : {
                _type: 'block',
                _key: `k${i}`,
                style: 'normal',
                listItem: it.listItem,
                level: it.level,
                markDefs: [],
                children: [{_type: 'span', _key: 's', text: `item ${i}`, marks: []}],
              },
        )
        const at = {value, path: ['body']}
        expect(renderPortableText(context(), at, 'postBody')).toBe(
          renderPortableText(context(), at, 'postBody', 'library'),
        )
      }),
      {numRuns: 1000},
    )
  })
})

describe('inline text without the markdown library', () => {
  const folded = (text: string) => foldLines(text)

  it('writes exactly what the library writes', () => {
    let plain = 0
    let library = 0
    fc.assert(
      fc.property(textArb.map(folded), (text) => {
        fc.pre(text !== '')
        const fast = plainInlineText(text)
        if (fast === undefined) library++
        else plain++
        expect(fast ?? libraryInlineText(text)).toBe(libraryInlineText(text))
        // On the page, the text is written for MathJax and Goldmark's extensions as well.
        expect(inlineText(text)).toBe(goldmarkSafe(libraryInlineText(mathJaxText(text)), false))
      }),
      {numRuns: 5000},
    )
    expect(plain).toBeGreaterThan(library / 4)
    expect(library).toBeGreaterThan(plain / 10)
  })

  it('takes the fast path for the labels, numbers and thresholds posts are full of', () => {
    const samples = [
      '0',
      '< 60%',
      '< 2 ms',
      '1.5 million checks per second at peak',
      '99.99% for the admission path',
      'The client id inside a {hash tag}',
      'rl:{client_id} on www.example.com',
      'a_b and snake_case_names',
      'Q&A, R&D',
      '> 80%',
      '> 0.1% of decisions',
      '>www.a.com',
      '>a@b.co',
      '>http://x.io/a_b',
    ]
    for (const text of samples) {
      expect(plainInlineText(text), text).toBe(libraryInlineText(text))
    }
  })

  it('escapes a leading ">" as the library does, or leaves the text to it', () => {
    const rest = fc.string({unit: fc.constantFrom(...TRICKY), maxLength: 8}).map(folded)
    fc.assert(
      fc.property(fc.constantFrom('>', '> ', '>>', '> > '), rest, (lead, tail) => {
        const text = folded(lead + tail)
        expect(plainInlineText(text) ?? libraryInlineText(text)).toBe(libraryInlineText(text))
      }),
      {numRuns: 3000},
    )
  })
})

describe('lines written without building a block', () => {
  /** Runs as the archetype composes them: bold labels, fixed words and plain values. */
  const runArb = fc.oneof(
    textArb.map((text) => plainRun(text)),
    textArb.map((text) => plainRun(text, ['strong'])),
    fc.constantFrom(plainRun(': '), plainRun(':'), plainRun('Component 1: ')),
  )
  const shapeArb = fc.constantFrom(
    {style: 'normal'},
    {style: 'h3'},
    {style: 'normal', listItem: 'bullet', level: 1},
    {style: 'normal', listItem: 'number', level: 1},
  )

  it('writes exactly what the block they compose writes', () => {
    fc.assert(
      fc.property(
        fc.array(runArb, {minLength: 1, maxLength: 4}),
        shapeArb,
        fc.integer({min: 1, max: 12}),
        (runs, shape, index) => {
          const list = {index, depth: 0}
          const viaBlock = cleanMarkdown(
            [composeBlock(runs, shape)],
            undefined,
            undefined,
            undefined,
            [list],
          )
          expect(lineMarkdown(runs, shape, list)).toBe(viaBlock)
        },
      ),
      {numRuns: 3000},
    )
  })

  it('writes most label lines directly', () => {
    const line = [plainRun('Purpose', ['strong']), plainRun(': '), plainRun('Serves reads')]
    expect(
      directLine(
        line.flatMap((run) => run.children),
        'normal',
        undefined,
      ),
    ).toBe('**Purpose**: Serves reads')
    expect(directLine([{_type: 'span', _key: 'k', text: '1. x', marks: []}], 'normal', '- ')).toBe(
      undefined,
    )
  })
})
