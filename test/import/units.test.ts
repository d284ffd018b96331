import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import type {RichTextType} from '../../schemas/constants.ts'
import {parseBlocks} from '../../scripts/import/blocks.ts'
import {hugoDateToStored} from '../../scripts/import/dates.ts'
import {ImportError} from '../../scripts/import/errors.ts'
import {parseFrontMatter, splitFrontMatter} from '../../scripts/import/frontMatter.ts'
import {describeImage} from '../../scripts/import/imageFile.ts'
import {plainText, splitBoldLabel} from '../../scripts/import/inline.ts'
import {assignKeys, keyFor} from '../../scripts/import/keys.ts'
import {displayMathFromHtml, findMath, texFromSource} from '../../scripts/import/math.ts'
import {type Note, toRichText} from '../../scripts/import/richText.ts'
import {decodeSource} from '../../scripts/import/source.ts'
import {importMarkdown} from './support.ts'

function thrown(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  return undefined
}

describe('formulas in markdown source', () => {
  it('finds inline and display math, skipping code spans and escaped dollars', () => {
    const spans = findMath(
      'a $x_1$ and $$\\frac{a}{b}$$, `$not$`, \\$5 and \\\\(y\\\\) and \\\\[z\\\\]',
    )
    expect(spans.map(({tex, display}) => ({tex, display}))).toEqual([
      {tex: 'x_1', display: false},
      {tex: '\\frac{a}{b}', display: true},
      {tex: 'y', display: false},
      {tex: 'z', display: true},
    ])
  })

  it('reads the exporter’s text dollars and brackets (a backslash MathJax sees) as text', () => {
    // Goldmark leaves one backslash per pair; MathJax reads `\$` as a dollar, `\\` as one backslash.
    expect(findMath('Costs \\\\$5 or \\\\$50, \\\\\\\\(x\\\\) and \\\\\\$')).toEqual([])
    expect(findMath('\\\\\\\\$a$').map(({tex}) => tex)).toEqual(['a'])
  })

  it('reads a single-backslash bracket as an escaped bracket, as Goldmark does', () => {
    expect(findMath('![A bucket \\[of tokens\\]](x.png) and \\(p\\)')).toEqual([])
  })

  it('undoes the exporter’s escaping and keeps hand-written LaTeX as typed', () => {
    expect(texFromSource('C \\+ r\\\\\\,\\\\Delta t')).toBe('C + r\\,\\Delta t')
    expect(texFromSource('t\\_\\{0\\}')).toBe('t_{0}')
    expect(texFromSource('\\sqrt{d_k}')).toBe('\\sqrt{d_k}')
    expect(texFromSource('d_k')).toBe('d_k')
  })

  it('reads the exporter’s display-math block back, entities decoded', () => {
    expect(displayMathFromHtml('<div class="math">\n$$\na &amp; b \\\\ c &lt; d\n$$\n</div>')).toBe(
      'a & b \\\\ c < d',
    )
    expect(displayMathFromHtml('<div class="math">$$x$$</div>')).toBe('x')
    expect(displayMathFromHtml('<div class="note">$$x$$</div>')).toBe(undefined)
  })
})

describe('Hugo dates', () => {
  it('keeps a date with an offset as it was written', () => {
    expect(hugoDateToStored('2025-11-03T08:30:00+05:30', 'UTC')).toBe('2025-11-03T08:30:00+05:30')
    expect(hugoDateToStored('2025-11-03 23:30:00-0800', 'UTC')).toBe('2025-11-03T23:30:00-08:00')
    expect(hugoDateToStored('2025-11-03T08:30:00.5+01:00', 'UTC')).toBe(
      '2025-11-03T08:30:00.500+01:00',
    )
  })

  it('keeps a UTC date in UTC: as the Studio’s instant where the site’s zone writes it so', () => {
    expect(hugoDateToStored('2025-09-25T21:57:40Z', 'UTC')).toBe('2025-09-25T21:57:40.000Z')
    expect(hugoDateToStored('2025-12-25T21:57:40+00:00', 'Europe/London')).toBe(
      '2025-12-25T21:57:40.000Z',
    )
    expect(hugoDateToStored('2025-07-25T21:57:40Z', 'Europe/London')).toBe(
      '2025-07-25T21:57:40+00:00',
    )
    expect(hugoDateToStored('2025-09-25T21:57:40Z', 'Asia/Kolkata')).toBe(
      '2025-09-25T21:57:40+00:00',
    )
  })

  it('reads a date without an offset as wall time in the site’s zone', () => {
    expect(hugoDateToStored('2025-07-01 09:00', 'Europe/Berlin')).toBe('2025-07-01T09:00:00+02:00')
    expect(hugoDateToStored('2025-01-15', 'America/New_York')).toBe('2025-01-15T00:00:00-05:00')
    expect(hugoDateToStored('2025-01-15T10:00:00', 'UTC')).toBe('2025-01-15T10:00:00.000Z')
  })

  it('refuses what Hugo would not read as a date', () => {
    expect(hugoDateToStored('2025-02-30', 'UTC')).toBe(undefined)
    expect(hugoDateToStored('yesterday', 'UTC')).toBe(undefined)
  })
})

describe('reading a file', () => {
  it('drops a byte-order mark and Windows line ends', () => {
    expect(decodeSource('a.md', new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62]))).toBe(
      'a\nb',
    )
  })

  it('names the line of invalid UTF-8', () => {
    const error = thrown(() => decodeSource('a.md', new Uint8Array([0x61, 0x0a, 0x62, 0xc3, 0x28])))
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).message).toBe(
      'a.md:2: not UTF-8 text: invalid byte sequence at offset 3',
    )
  })
})

describe('front matter', () => {
  it('lets the last of two equal keys win, as Hugo does, and remembers both', () => {
    const parsed = parseFrontMatter(
      'a.md',
      splitFrontMatter('a.md', '---\na: 1\nb: 2\na: 3\n---\n'),
    )
    expect(parsed.values).toEqual({a: 3, b: 2})
    expect(parsed.duplicates).toEqual([{key: 'a', line: 4}])
  })

  it('reads TOML and gives its dates back as text', () => {
    const parsed = parseFrontMatter(
      'a.md',
      splitFrontMatter('a.md', "+++\ntitle = 'x'\ndate = 2025-01-02T03:04:05+01:00\n+++\nbody"),
    )
    expect(parsed.values).toEqual({title: 'x', date: '2025-01-02T03:04:05.000+01:00'})
  })

  it('names the file line of a TOML error', () => {
    const error = thrown(() =>
      parseFrontMatter('a.md', splitFrontMatter('a.md', '+++\ntitle = "x"\ndate = \n+++\n')),
    )
    expect((error as ImportError).message).toBe(
      'a.md:3:8: front matter is not valid TOML: Invalid TOML document: invalid value',
    )
  })

  it('says when the closing delimiter is missing', () => {
    const error = thrown(() => splitFrontMatter('a.md', '---\ntitle: x\n'))
    expect((error as ImportError).message).toBe(
      'a.md:1: front matter opened with "---" on line 1 is never closed by a "---" line',
    )
  })
})

describe('keys', () => {
  it('derives keys from the path and renames link marks with their definitions', () => {
    const doc = assignKeys('post-x', {
      body: [
        {
          _type: 'block',
          _key: 'k0',
          markDefs: [{_type: 'link', _key: 'k1', href: 'https://example.com'}],
          children: [{_type: 'span', _key: 'k2', text: 'hi', marks: ['k1', 'strong']}],
        },
      ],
    })
    const block = doc.body[0]
    expect(block?._key).toBe(keyFor('post-x', 'body[0]'))
    expect(block?.markDefs[0]?._key).toBe(keyFor('post-x', 'body[0].markDefs[0]'))
    expect(block?.children[0]?.marks).toEqual([keyFor('post-x', 'body[0].markDefs[0]'), 'strong'])
    expect(keyFor('post-x', 'body[0]')).toMatch(/^[0-9a-f]{12}$/)
  })

  it('derives keys for the text inside a footnote too', () => {
    const doc = assignKeys('post-x', {
      body: [
        {
          _type: 'block',
          _key: 'k0',
          markDefs: [],
          children: [
            {_type: 'span', _key: 'k1', text: 'Fast', marks: []},
            {
              _type: 'footnote',
              _key: 'k2',
              text: [
                {
                  _type: 'block',
                  _key: 'k0',
                  markDefs: [],
                  children: [
                    {_type: 'span', _key: 'k1', text: 'About ', marks: []},
                    {_type: 'span', _key: 'k1', text: '0.2 ms', marks: ['code']},
                  ],
                },
              ],
            },
          ],
        },
      ],
    })
    const note = doc.body[0]?.children[1] as unknown as {
      text: {_key: string; children: {_key: string}[]}[]
    }
    expect(note.text.map((block) => [block._key, block.children.map((c) => c._key)])).toEqual([
      [
        keyFor('post-x', 'body[0].children[1].text[0]'),
        [
          keyFor('post-x', 'body[0].children[1].text[0].children[0]'),
          keyFor('post-x', 'body[0].children[1].text[0].children[1]'),
        ],
      ],
    ])
  })
})

describe('image files', () => {
  it('names every sample image exactly as the dataset export does', () => {
    const dir = new URL('../../sample-data/images/', import.meta.url)
    const names = readdirSync(dir)
    expect(names.length).toBeGreaterThan(0)
    for (const name of names)
      expect(describeImage(readFileSync(new URL(name, dir)))?.fileName).toBe(name)
  })

  it('does not take other bytes for an image', () => {
    expect(
      describeImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBe(undefined)
  })
})

describe('inline text', () => {
  it('unescapes the exporter’s plain text and keeps real formatting as its source', () => {
    expect(plainText('a \\*b\\* \\[c\\] {{\\< x >}}')).toEqual({
      text: 'a *b* [c] {{< x >}}',
      plain: true,
    })
    expect(plainText('a **b**')).toEqual({text: 'a **b**', plain: false})
  })

  it('splits a bold label with the colon inside or outside the bold', () => {
    expect(splitBoldLabel('**Purpose**: Keeps order.')).toEqual({
      label: 'Purpose',
      labelSource: 'Purpose',
      rest: 'Keeps order.',
      inside: false,
    })
    expect(splitBoldLabel('**Purpose:** Keeps order.')).toEqual({
      label: 'Purpose',
      labelSource: 'Purpose',
      rest: 'Keeps order.',
      inside: true,
    })
    expect(splitBoldLabel('**Purpose** Keeps order.')).toBe(undefined)
  })

  it('gives a label both as the words a reader sees and as its markdown, for a rich-text name', () => {
    // The words are matched against the archetype's labels; the markdown becomes
    // the rich-text name of a named list item, its formatting and escapes kept.
    expect(splitBoldLabel('**Key \\*Features\\***: a')).toEqual({
      label: 'Key *Features*',
      labelSource: 'Key \\*Features\\*',
      rest: 'a',
      inside: false,
    })
    expect(splitBoldLabel('**`GET` by key**: a')).toEqual({
      label: '`GET` by key',
      labelSource: '`GET` by key',
      rest: 'a',
      inside: false,
    })
    expect(splitBoldLabel('**Purpose**:')).toEqual({
      label: 'Purpose',
      labelSource: 'Purpose',
      rest: '',
      inside: false,
    })
  })
})

describe('rich text', () => {
  function convert(markdown: string, richText: RichTextType = 'blockContent') {
    const notes: Note[] = []
    const nodes = toRichText(parseBlocks(markdown, 1), {
      richText,
      resolveImage: (src) => ({_sanityAsset: `image@${src}`}),
      note: (note) => notes.push(note),
      footnotes: new Map(),
      references: '',
    })
    return {nodes: nodes.map((c) => c.node), notes}
  }

  it('puts an image inside a paragraph on its own, between the text around it', () => {
    const {nodes, notes} = convert('Before ![pic](p.png) after.')
    expect(nodes.map((n) => n._type)).toEqual(['block', 'image', 'block'])
    expect(notes.map((n) => n.message)).toEqual([
      'an image inside a paragraph was placed on its own line after the text before it',
    ])
  })

  it('keeps a horizontal rule as HTML and says so', () => {
    const {nodes, notes} = convert('a\n\n---\n\nb')
    expect(nodes[1]).toEqual({_type: 'htmlEmbed', html: '<hr>'})
    expect(notes).toEqual([
      {
        line: 3,
        message: 'horizontal rule kept as an HTML embed "<hr>": section text has no rule block',
      },
    ])
  })

  it('keeps a horizontal rule as a rule in a post’s text, in and out of lists', () => {
    const {nodes, notes} = convert('a\n\n---\n\n> b\n>\n> ***', 'postBody')
    expect(nodes.map((n) => n._type)).toEqual([
      'block',
      'horizontalRule',
      'block',
      'horizontalRule',
    ])
    expect(notes).toEqual([])
  })

  it('keeps every heading level a post’s text has, and says what it had to change', () => {
    const headings = (richText: RichTextType) => {
      const {nodes, notes} = convert('# A\n\n## B\n\n### C\n\n##### E', richText)
      return {styles: nodes.map((n) => n['style']), notes: notes.map((n) => n.message)}
    }
    expect(headings('postBody')).toEqual({
      styles: ['h1', 'h2', 'h3', 'h4'],
      notes: [
        'heading level 5 written as level 4: this rich text holds only h1, h2, h3, h4 headings',
      ],
    })
    // A section's text holds a `##` section of the writer's own, so only `#` and `#####` move.
    expect(headings('blockContent')).toEqual({
      styles: ['h2', 'h2', 'h3', 'h4'],
      notes: [
        'heading level 1 written as level 2: this rich text holds only h3, h4, h2 headings',
        'heading level 5 written as level 4: this rich text holds only h3, h4, h2 headings',
      ],
    })
  })

  it('keeps a display formula inside a list item where it is, flagged as display', () => {
    const {nodes, notes} = convert('1. **Sum**: \n   $$\\sum_{j} a_j$$\n2. Then $x_1$')
    expect(nodes.map((n) => n['children'])).toEqual([
      [
        {_type: 'span', _key: 'k1', text: 'Sum', marks: ['strong']},
        // The markdown library reads the line break as the space a reader sees.
        {_type: 'span', _key: 'k2', text: ': ', marks: []},
        {_type: 'mathInline', tex: '\\sum_{j} a_j', display: true},
      ],
      [
        {_type: 'span', _key: 'k4', text: 'Then ', marks: []},
        {_type: 'mathInline', tex: 'x_1'},
      ],
    ])
    expect(notes).toEqual([])
  })

  it('reports what markdown cannot keep: task boxes and link titles', () => {
    const {notes} = convert('- [x] done\n\n[a](https://example.com "Title")')
    expect(notes.map((n) => n.message)).toEqual([
      'markdown: Removed the `[x]` checkbox, kept a plain list item: the schema has no `task` list',
      'link title "Title" not kept: links have only an address',
    ])
  })

  it('reads the exporter’s HTML forms of code back as code', () => {
    const {nodes} = convert(
      '<code>{{&lt; x &gt;}}</code> and\n\n<pre><code class="language-go">{{&lt; y\n&amp;</code></pre>',
    )
    expect(nodes).toEqual([
      {
        _type: 'block',
        _key: 'k0',
        style: 'normal',
        markDefs: [],
        children: [
          {_type: 'span', _key: 'k1', text: '{{< x >}}', marks: ['code']},
          {_type: 'span', _key: 'k1', text: ' and', marks: []},
        ],
      },
      {_type: 'code', language: 'go', code: '{{< y\n&'},
    ])
  })
})

describe('which type a post becomes', () => {
  const typeOf = (...headings: string[]) =>
    importMarkdown(
      `---\ntitle: "T"\ndate: 2025-01-01T00:00:00Z\n---\n\n${headings.map((h) => `## ${h}\n\ntext\n`).join('\n')}`,
      'content/posts/t.md',
    ).document['_type']

  it('a system design when most of its `##` sections are the archetype’s', () => {
    expect(typeOf('Introduction', 'Glossary', 'Conclusion')).toBe('systemDesignPost')
    expect(typeOf('Table of Contents', 'Requirements')).toBe('systemDesignPost')
  })

  it('the archetype whose sections it has most, its sub-headings deciding a tie', () => {
    expect(typeOf('Introduction', 'Key Components', 'Training Details')).toBe('modelFamilyPost')
    expect(typeOf('Prerequisites', 'Fundamental Concepts', 'Glossary')).toBe('topicKnowledgePost')
    // "Mathematical Foundations" is a section of both model-family and topic-knowledge posts.
    const tied = (sub: string) =>
      importMarkdown(
        `---\ntitle: "T"\ndate: 2025-01-01T00:00:00Z\n---\n\n## Mathematical Foundations\n\n### ${sub}\n\ntext\n`,
        'content/posts/t.md',
      ).document['_type']
    expect(tied('Derivation')).toBe('topicKnowledgePost')
    expect(tied('Loss Function')).toBe('modelFamilyPost')
    expect(tied('Anything else')).toBe('modelFamilyPost')
  })

  it('a generic post otherwise: half is not most, and the table of contents counts for neither', () => {
    expect(typeOf('Introduction', 'Glossary')).toBe('post')
    expect(typeOf('Table of Contents', 'Introduction', 'Glossary')).toBe('post')
    expect(typeOf('Table of Contents')).toBe('post')
    expect(typeOf()).toBe('post')
  })
})

describe('slugs', () => {
  const post = '---\ntitle: "T"\ndate: 2025-01-01\n---\n\nText.\n'

  it('takes a page bundle’s slug from its folder', () => {
    expect(importMarkdown(post, 'content/posts/my-bundle/index.md').report.slug).toBe('my-bundle')
  })

  it('makes a slug from a file name that is not one, and says so', () => {
    const imported = importMarkdown(post, 'content/posts/My Post.md')
    expect(imported.report.slug).toBe('my-post')
    expect(imported.report.entries[0]).toEqual({
      line: 1,
      source: 'slug "My Post"',
      target: 'slug.current',
      note: 'written as "my-post": slugs are lowercase words joined by hyphens',
    })
  })

  it('prefers the slug key of the front matter', () => {
    const imported = importMarkdown(
      post.replace('title', 'slug: "chosen"\ntitle'),
      'content/posts/x.md',
    )
    expect(imported.document['_id']).toBe('post-chosen')
  })

  it('refuses a post without a title', () => {
    const error = thrown(() => importMarkdown('---\ndate: 2025-01-01\n---\n', 'a.md', DEFAULT_SITE))
    expect((error as ImportError).message).toBe(
      'a.md:2: front matter has no title; a post needs one',
    )
  })
})
