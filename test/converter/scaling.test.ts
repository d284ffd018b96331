import {afterEach, describe, expect, it} from 'vitest'
import {renderPost} from '../../converter/index.ts'
import {genericPost, site} from '../fixtures/converter/fixture.ts'

/**
 * One document with very many links, images, unknown marks or spans under one mark
 * took quadratic time (100,000 links: 41 s; images: 81 s; unknown marks: 93 s): for
 * each item, a search through the items before it. The work is counted here, not
 * timed: every element an array search visits while the post renders (`some`,
 * `find`, `includes`, …, the converter's and its libraries' alike). Sixteen times
 * the items must cost about sixteen times the visits, not 256 times.
 */

const SEARCHES = [
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'includes',
  'indexOf',
] as const
type Search = (typeof SEARCHES)[number]
type Method = (this: unknown[], ...args: unknown[]) => unknown

const originals = new Map<Search, Method>()

/** Renders `doc` with every array search counting what it visits; returns the count. */
function searchedElements(doc: unknown): number {
  let visited = 0
  for (const name of SEARCHES) {
    const original = Array.prototype[name] as unknown as Method
    originals.set(name, original)
    const counted: Method =
      name === 'includes' || name === 'indexOf'
        ? function (this: unknown[], ...args) {
            visited += this.length
            return original.apply(this, args)
          }
        : function (this: unknown[], predicate, ...rest) {
            const test = predicate as (...values: unknown[]) => unknown
            return original.call(
              this,
              (...values: unknown[]) => {
                visited++
                return test(...values)
              },
              ...rest,
            )
          }
    Object.defineProperty(Array.prototype, name, {
      value: counted,
      configurable: true,
      writable: true,
    })
  }
  try {
    renderPost(doc, site())
  } finally {
    restore()
  }
  return visited
}

function restore(): void {
  for (const [name, original] of originals)
    Object.defineProperty(Array.prototype, name, {
      value: original,
      configurable: true,
      writable: true,
    })
  originals.clear()
}

afterEach(restore)

const block = (markDefs: unknown[], children: unknown[]) => [
  {_type: 'block', _key: 'b', style: 'normal', markDefs, children},
]
const span = (i: number, marks: string[]) => ({_type: 'span', _key: `s${i}`, text: `w${i} `, marks})
const range = <T>(n: number, item: (i: number) => T): T[] =>
  Array.from({length: n}, (_, i) => item(i))

const BODIES: Record<string, (n: number) => unknown[]> = {
  links: (n) =>
    block(
      range(n, (i) => ({_type: 'link', _key: `l${i}`, href: `https://example.com/${i}`})),
      range(n, (i) => span(i, [`l${i}`])),
    ),
  images: (n) =>
    range(n, (i) => ({
      _type: 'image',
      _key: `i${i}`,
      asset: {_ref: `image-${i.toString(16).padStart(40, '0')}-10x10-png`},
    })),
  'unknown marks': (n) =>
    block(
      [],
      range(n, (i) => span(i, [`unknown${i}`])),
    ),
  'one mark over every span': (n) =>
    block(
      [],
      range(n, (i) => span(i, ['strong'])),
    ),
}

describe('the work of rendering grows linearly with the size of one document', () => {
  for (const [name, body] of Object.entries(BODIES)) {
    it(name, () => {
      const small = searchedElements(genericPost({body: body(1000)}))
      const large = searchedElements(genericPost({body: body(16_000)}))
      expect({name, growth: Math.round(large / small)}).toEqual({name, growth: 16})
    })
  }
})
