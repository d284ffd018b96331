import {describe, expect, it} from 'vitest'
import {hasContent} from '../converter/content.ts'

const block = (text: string, style = 'normal') => ({
  _type: 'block',
  _key: 'b1',
  style,
  listItem: 'bullet',
  markDefs: [],
  children: [{_type: 'span', _key: 's1', text, marks: ['strong']}],
})

describe('hasContent', () => {
  it('counts text, numbers and non-empty lists, not blanks, switches or keys', () => {
    expect(hasContent('  x ')).toBe(true)
    expect(hasContent(' \n ')).toBe(false)
    expect(hasContent(0)).toBe(true)
    expect(hasContent(Number.NaN)).toBe(false)
    expect(hasContent(true)).toBe(false)
    expect(hasContent(['', null, '  '])).toBe(false)
    expect(hasContent([{_key: 'k', _type: 'labelledItem'}])).toBe(false)
    expect(hasContent({nested: {deeper: ['x']}})).toBe(true)
  })

  it('treats a text block as content only when a span has text or an inline object has a value', () => {
    expect(hasContent([block('')])).toBe(false)
    expect(hasContent([block('', 'h3')])).toBe(false)
    expect(hasContent([block('Hello')])).toBe(true)
    const withFormula = {...block(''), children: [{_type: 'mathInline', _key: 'm', tex: 'O(n)'}]}
    expect(hasContent([withFormula])).toBe(true)
  })

  it('treats a code block as content only when it has code', () => {
    expect(hasContent({_type: 'code', language: 'python', filename: '', code: ''})).toBe(false)
    expect(hasContent({_type: 'code', language: 'python', code: 'pass'})).toBe(true)
  })

  it('counts an image once it points at an asset, in either dataset form', () => {
    expect(hasContent({_type: 'image', hotspot: {x: 0.5}})).toBe(false)
    expect(
      hasContent({_type: 'image', asset: {_ref: 'image-abc-1x1-png', _type: 'reference'}}),
    ).toBe(true)
    expect(hasContent({_type: 'image', _sanityAsset: 'image@file://./images/abc-1x1.png'})).toBe(
      true,
    )
  })
})
