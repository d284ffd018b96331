import {describe, expect, it} from 'vitest'
import {schemaTypes} from '../schemas/index.ts'
import {previewText, rowPreview, sectionPreview, textPreview} from '../schemas/previewText.ts'

const block = (...children: unknown[]) => ({_type: 'block', _key: 'b', style: 'normal', children})
const span = (text: string) => ({_type: 'span', _key: 's', text, marks: []})
const math = (tex: string) => ({_type: 'mathInline', _key: 'm', tex})

describe('plain text for previews', () => {
  it('reads a string and the same words as Portable Text alike', () => {
    expect(previewText('  Token  bucket\nper client ')).toBe('Token bucket per client')
    expect(previewText([block(span('Token '), span('bucket')), block(span('per client'))])).toBe(
      'Token bucket per client',
    )
  })

  it('keeps formulas as written, and the case of every word', () => {
    expect(previewText([block(span('refill '), math('\\text{tokens}(t) = \\min(B, x)'))])).toBe(
      'refill $\\text{tokens}(t) = \\min(B, x)$',
    )
  })

  it('reads a list of items as a list, each item as "name: description"', () => {
    expect(
      previewText([
        {_type: 'labelledItem', _key: 'a', name: 'Admit', description: 'Allow or reject a request'},
        {_type: 'labelledItem', _key: 'b', name: 'Report', description: [block(span('Headers'))]},
      ]),
    ).toBe('Admit: Allow or reject a request; Report: Headers')
    expect(previewText(['Hot keys', '', 'Clock skew'])).toBe('Hot keys; Clock skew')
  })

  it('cuts long text, marking the cut', () => {
    expect(previewText('one two three four five six', 14)).toBe('one two three…')
    expect(previewText('one two three four five six', 12)).toBe('one two thr…')
    expect(previewText(undefined)).toBe('')
  })
})

describe('item previews', () => {
  it('title an item with its own words, or with its kind when it has none', () => {
    expect(rowPreview('Gateway filter', 'Extracts the client key', 'Component')).toEqual({
      title: 'Gateway filter',
      subtitle: 'Extracts the client key',
    })
    expect(rowPreview([block(span('Gateway filter'))], [], 'Component')).toEqual({
      title: 'Gateway filter',
    })
    expect(rowPreview(undefined, undefined, 'Component')).toEqual({title: 'Component'})
  })

  it('move a title holding a formula to the subtitle, where it is not capitalised', () => {
    expect(rowPreview([block(span('Refill '), math('\\text{r}'))], 'fast', 'Decision')).toEqual({
      title: 'Decision',
      subtitle: 'Refill $\\text{r}$ — fast',
    })
  })
})

describe('labelled text previews', () => {
  it('show the words over their label, or under it when they hold a formula', () => {
    expect(textPreview([block(span('See the RFC.'))], 'Footnote', 'Empty footnote')).toEqual({
      title: 'See the RFC.',
      subtitle: 'Footnote',
    })
    expect(
      textPreview([block(span('About '), math('0.2'), span(' ms'))], 'Footnote', 'Empty footnote'),
    ).toEqual({
      title: 'Footnote',
      subtitle: 'About $0.2$ ms',
    })
    expect(textPreview([], 'At the end', 'Empty text')).toEqual({
      title: 'Empty text',
      subtitle: 'At the end',
    })
  })

  it('read a fold-out as its summary, and inline HTML as written', () => {
    expect(
      previewText([
        {_type: 'details', _key: 'd', summary: 'Show the proof', body: [block(span('x'))]},
      ]),
    ).toBe('Show the proof')
    expect(
      previewText([
        block(span('Press '), {_type: 'htmlInline', _key: 'h', html: '<kbd>Enter</kbd>'}),
      ]),
    ).toBe('Press <kbd>Enter</kbd>')
  })
})

describe('section previews', () => {
  const {prepare, select} = sectionPreview('Introduction', ['body', 'systemType'])

  it('name the section and show how it begins, from plain or rich text', () => {
    expect(select).toEqual({body: 'body', systemType: 'systemType'})
    expect(
      prepare({body: [block(span('Why quotas matter.'))], systemType: 'a gatekeeper'}),
    ).toEqual({title: 'Introduction', subtitle: 'Why quotas matter.'})
    expect(prepare({body: [], systemType: 'a gatekeeper service'})).toEqual({
      title: 'Introduction',
      subtitle: 'a gatekeeper service',
    })
    expect(prepare({})).toEqual({title: 'Introduction', subtitle: 'Empty'})
  })
})

describe('every object type has a preview of its own', () => {
  it('leaves none to the Studio’s guess, which shows raw values', () => {
    const guessed = schemaTypes
      .filter((type) => type.type === 'object' && !('preview' in type && type.preview))
      .map((type) => type.name)
    // Single objects the form shows inline, never as a row in a list, dialog or breadcrumb.
    expect(guessed).toEqual(['coverImage', 'editPostSettings'])
  })
})
