import {describe, expect, it} from 'vitest'
import {utf8Bytes} from '../../scripts/lib/utf8.ts'

describe('utf8Bytes', () => {
  const encoder = new TextEncoder()
  it.each([
    ['empty', ''],
    ['ASCII', 'plain text\n'],
    ['Latin-1', 'café ÿ'],
    ['wide', 'a → b “quoted” ┌─┐'],
    ['astral', 'pair 😀 fine'],
    ['an unpaired surrogate, as the text encoder writes it', 'lone \uD800 x \uDC00'],
  ])('writes %s text as the text encoder does', (_, text) => {
    expect(Buffer.from(utf8Bytes(text)).toString('hex')).toBe(
      Buffer.from(encoder.encode(text)).toString('hex'),
    )
  })

  it('gives bytes that own their buffer, so they can be moved to another thread', () => {
    for (const text of ['x'.repeat(10), `${'x'.repeat(10_000)}→`]) {
      const bytes = utf8Bytes(text)
      expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.byteLength])
    }
  })
})
