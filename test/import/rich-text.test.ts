import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import type {RichTextType} from '../../schemas/constants.ts'
import {linkReferences, parseBlocks} from '../../scripts/import/blocks.ts'
import {literalShortcodes, takeFootnotes} from '../../scripts/import/footnotes.ts'
import {toRichText} from '../../scripts/import/richText.ts'
import {comparable, importMarkdown, type Json} from './support.ts'

/**
 * The rich-text pieces the importer reads since slots took formatting:
 * footnotes, reference links, fold-outs, inline HTML, hard breaks, literal
 * shortcodes, list starts, loose lists and underscore emphasis. Small
 * snippets, exact documents. `convert` runs the importer's own pipeline on
 * one piece of text (shortcodes, footnotes and link definitions first, then
 * the blocks); `design` imports a whole system-design post.
 */

function convert(markdown: string, richText: RichTextType = 'blockContent') {
  const footnotes = takeFootnotes(literalShortcodes(markdown))
  const notes: string[] = []
  const nodes = toRichText(parseBlocks(footnotes.body, 1), {
    richText,
    resolveImage: (src) => ({_sanityAsset: `image@${src}`}),
    note: (note) => notes.push(`${note.line}: ${note.message}`),
    footnotes: footnotes.definitions,
    references: linkReferences(footnotes.body),
  })
  return {nodes: comparable(nodes.map((c) => c.node)), notes}
}

const FRONT_MATTER = '---\ntitle: "T"\ndate: 2025-01-01T00:00:00Z\n---\n\n'
/**
 * The body's first line (the report counts lines from the top of the file).
 * Entries there are about the whole post (its type, the generated headline,
 * the like buttons) and the first heading; `entries` leaves them out.
 */
const BODY_LINE = 6

function design(body: string) {
  const imported = importMarkdown(`${FRONT_MATTER}${body}`, 'content/posts/t.md')
  return {
    doc: comparable(imported.document) as Record<string, Json>,
    entries: imported.report.entries
      .filter((entry) => entry.line > BODY_LINE)
      .map(
        ({line, source, target, note}) =>
          `${line} ${source} → ${target}${note ? ` (${note})` : ''}`,
      ),
  }
}

const span = (text: string, ...marks: string[]) => ({_type: 'span', text, marks})
const block = (...children: unknown[]) => ({
  _type: 'block',
  style: 'normal',
  markDefs: [],
  children,
})
const item = (listItem: 'bullet' | 'number', ...children: unknown[]) => ({
  ...block(...children),
  listItem,
  level: 1,
})

describe('footnotes', () => {
  it('are taken out of the text with their continuation lines, their lines left blank', () => {
    const source = [
      'Text.[^a]',
      '',
      '[^a]: First line',
      '    and its *continuation*.',
      '[^b]: Another.',
      'After.',
    ].join('\n')
    const {body, definitions, lines} = takeFootnotes(source)
    expect(body).toBe(['Text.[^a]', '', '', '', '', 'After.'].join('\n'))
    expect([...definitions]).toEqual([
      ['a', 'First line\nand its *continuation*.'],
      ['b', 'Another.'],
    ])
    expect([...lines]).toEqual([
      ['a', 2],
      ['b', 4],
    ])
  })

  it('stay as they are inside a fenced block, whatever its fence', () => {
    const source = [
      '````md',
      '```',
      '[^a]: inside a four-backtick fence',
      '```',
      '````',
      '~~~',
      '[^b]: inside a tilde fence',
      '~~~',
      '[^c]: outside',
    ].join('\n')
    const {body, definitions} = takeFootnotes(source)
    expect(body).toBe(source.replace('[^c]: outside', ''))
    expect([...definitions.keys()]).toEqual(['c'])
  })

  it('become a note kept with their reference, formatted, in text and in a one-line slot', () => {
    expect(convert('Fast.[^n] Really.\n\n[^n]: About *0.2* ms, see $t_0$.').nodes).toEqual([
      block(
        span('Fast.'),
        {
          _type: 'footnote',
          text: [
            block(
              span('About '),
              span('0.2', 'em'),
              span(' ms, see '),
              {_type: 'mathInline', tex: 't_0'},
              span('.'),
            ),
          ],
        },
        span(' Really.'),
      ),
    ])
    const {doc, entries} = design(
      [
        '## Trade-offs',
        '',
        '### Trade-off 1: Speed',
        '',
        '**Cost**: More memory.[^m]',
        '',
        '[^m]: Twice as much.',
      ].join('\n'),
    )
    expect(at(doc, 'tradeOffs', '0', 'cost')).toEqual([
      block(span('More memory.'), {_type: 'footnote', text: [block(span('Twice as much.'))]}),
    ])
    expect(entries).toEqual([
      '8 ### Trade-off 1: Speed → tradeOffs[0]',
      '8 ### Trade-off 1: Speed → tradeOffs[0].title',
      '10 **Cost**: → tradeOffs[0].cost',
      '12 footnote [^m] → (kept with its reference)',
    ])
  })

  it('are not references inside code, where a definition in a fence stays code', () => {
    expect(convert('See `[^x]`.\n\n```\n[^x]: not a note\n```\n\n[^x]: A note.').nodes).toEqual([
      block(span('See '), span('[^x]', 'code'), span('.')),
      {_type: 'code', language: '', code: '[^x]: not a note'},
    ])
  })

  // Importer bug (scripts/import/footnotes.ts): the definition is taken out of
  // the text, but a table cell is kept as its markdown and never looks for
  // references, so the cell keeps "[^t]" and the export shows it as text:
  // the note is lost, and the report says it was kept with its reference.
  it.fails('keep their note when the reference is in a table cell', () => {
    const imported = importMarkdown(
      `${FRONT_MATTER}## Introduction\n\n| Metric | Value |\n|---|---|\n| p99 | 2 ms[^t] |\n\n[^t]: Measured.\n`,
      'content/posts/t.md',
    )
    const notes = renderPost(imported.document, DEFAULT_SITE)
      .markdown.split('\n')
      .filter((line) => /^\[\^[^\]]+\]: /.test(line))
      .map((line) => line.replace(/^\[\^[^\]]+\]/, '[^…]'))
    expect(notes).toEqual(['[^…]: Measured.'])
  })

  // Importer bug (scripts/import/footnotes.ts): a note's second paragraph
  // (after a blank line, indented four spaces) is not taken with the note; it
  // is left in the text, where it reads as an indented code block.
  it.fails('take a note’s indented second paragraph with it, not leave it as code', () => {
    const {nodes} = convert('Text.[^a]\n\n[^a]: First paragraph.\n\n    Second paragraph.')
    expect((nodes as {_type: string}[]).map((node) => node._type)).toEqual(['block'])
  })
})

describe('reference links', () => {
  it('are links in text, in slots and in the list of references, defined anywhere in the post', () => {
    const {doc} = design(
      [
        '## Core Components',
        '',
        '### Component 1: Store',
        '',
        '**Purpose**: Keeps [entries][lru] in memory.',
        '',
        '**Technology Choices**: [Redis][]',
        '',
        '## References',
        '',
        '1. [The LRU paper][lru] (Research paper)',
        '',
        '[lru]: https://example.com/lru',
        '[Redis]: https://redis.io/docs',
      ].join('\n'),
    )
    expect([
      at(doc, 'components', '0', 'purpose'),
      at(doc, 'components', '0', 'technologyChoices'),
      at(doc, 'references'),
    ]).toEqual([
      [
        {
          ...block(span('Keeps '), span('entries', 'markDef0'), span(' in memory.')),
          markDefs: [{_type: 'link', href: 'https://example.com/lru'}],
        },
      ],
      [
        {
          ...block(span('Redis', 'markDef0')),
          markDefs: [{_type: 'link', href: 'https://redis.io/docs'}],
        },
      ],
      [
        {
          _type: 'citation',
          kind: 'paper',
          title: [block(span('The LRU paper'))],
          url: 'https://example.com/lru',
        },
      ],
    ])
  })

  it('say when their title is not kept', () => {
    expect(convert('A [link][x].\n\n[x]: https://example.com "Example"').notes).toEqual([
      '1: link title "Example" not kept: links have only an address',
    ])
  })
})

describe('fold-outs', () => {
  it('read <details> with markdown inside as a fold-out whose text is rich text', () => {
    const {nodes} = convert(
      [
        '<details open>',
        '<summary>Why &amp; how</summary>',
        '',
        '- one *item*',
        '- two',
        '',
        '</details>',
      ].join('\n'),
    )
    expect(nodes).toEqual([
      {
        _type: 'details',
        summary: 'Why & how',
        open: true,
        body: [item('bullet', span('one '), span('item', 'em')), item('bullet', span('two'))],
      },
    ])
  })

  it('keep other shapes of <details> as HTML, so nothing changes on the page', () => {
    const html = '<details class="cheat-sheet">\n<summary>Headers</summary>\n<p>x</p>\n</details>'
    expect(convert(html).nodes).toEqual([{_type: 'htmlEmbed', html}])
  })

  it('read <details> as a fold-out in a system-design section too', () => {
    const {doc} = design(
      '## Introduction\n\n<details>\n<summary>More</summary>\n\nHidden text.\n\n</details>',
    )
    expect(at(doc, 'introduction', 'body')).toEqual([
      {_type: 'details', summary: 'More', body: [block(span('Hidden text.'))]},
    ])
  })
})

describe('inline HTML and line breaks', () => {
  it('keep an element of plain words as one piece of inline HTML, and other tags one by one', () => {
    expect(
      convert('Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, <span class="x">now</span> or <sup>*</sup>.')
        .nodes,
    ).toEqual([
      block(
        span('Press '),
        {_type: 'htmlInline', html: '<kbd>Ctrl</kbd>'},
        span('+'),
        {_type: 'htmlInline', html: '<kbd>C</kbd>'},
        span(', '),
        {_type: 'htmlInline', html: '<span class="x">now</span>'},
        span(' or '),
        {_type: 'htmlInline', html: '<sup>'},
        span('*'),
        {_type: 'htmlInline', html: '</sup>'},
        span('.'),
      ),
    ])
  })

  it('read <br> as a line break inside the text, in a paragraph and in a one-line slot', () => {
    expect(convert('One,<br>two.').nodes).toEqual([block(span('One,\ntwo.'))])
    const {doc} = design('## Trade-offs\n\n### Trade-off 1: X\n\n**Benefit**: Fast<br/>and small.')
    expect(at(doc, 'tradeOffs', '0', 'benefit')).toEqual([block(span('Fast\nand small.'))])
  })
})

describe('literal shortcodes', () => {
  it('read as the text a reader sees, in text and in code alike', () => {
    expect(
      convert(
        'Write `{{</* figure */>}}` or {{%/* note */%}}.\n\n```\n{{</* figure src="a.png" */>}}\n```',
      ).nodes,
    ).toEqual([
      block(span('Write '), span('{{< figure >}}', 'code'), span(' or {{% note %}}.')),
      {_type: 'code', language: '', code: '{{< figure src="a.png" >}}'},
    ])
  })
})

describe('lists', () => {
  it('keep the number an ordered list starts at, on its first item', () => {
    expect(convert('4. fourth\n5. fifth').nodes).toEqual([
      {...item('number', span('fourth')), start: 4},
      item('number', span('fifth')),
    ])
    expect(convert('1. first\n2. second').nodes).toEqual([
      item('number', span('first')),
      item('number', span('second')),
    ])
  })

  it('keep that number in a list slot too', () => {
    const {doc} = design('## Problem Statement\n\n### Key Challenges\n\n3. Third\n4. Fourth')
    expect(at(doc, 'problemStatement', 'keyChallenges')).toEqual([
      {...item('number', span('Third')), start: 3},
      item('number', span('Fourth')),
    ])
  })

  it('mark a loose list (blank lines between items) on its first item, and only a loose one', () => {
    expect(convert('- one\n\n- two').nodes).toEqual([
      {...item('bullet', span('one')), loose: true},
      item('bullet', span('two')),
    ])
    expect(convert('- one\n- two').nodes).toEqual([
      item('bullet', span('one')),
      item('bullet', span('two')),
    ])
  })
})

describe('underscore emphasis', () => {
  it('is remembered on a heading, whose anchor keeps the underscores', () => {
    expect(convert('### The _At-least-once_ rule\n\n### The *Leased* rule').nodes).toEqual([
      {
        ...block(span('The '), span('At-least-once', 'em'), span(' rule')),
        style: 'h3',
        emphasis: '_',
      },
      {...block(span('The '), span('Leased', 'em'), span(' rule')), style: 'h3'},
    ])
  })

  it('is remembered on a repeated item’s title, which is a heading of the post', () => {
    const {doc} = design('## Design Decisions\n\n### Decision 1: _At-least-once_ execution')
    expect(at(doc, 'designDecisions', '0', 'title')).toEqual([
      {...block(span('At-least-once', 'em'), span(' execution')), emphasis: '_'},
    ])
  })
})

/** The value at a path of object keys and array indexes, or null. */
function at(value: Json, ...keys: string[]): Json {
  let current: Json | undefined = value
  for (const key of keys)
    current =
      current !== null && typeof current === 'object'
        ? (current as Record<string, Json>)[key]
        : undefined
  return current ?? null
}
