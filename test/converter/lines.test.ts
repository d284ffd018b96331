import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {writtenLineFields} from '../../converter/lines.ts'
import {type LineFields, pathToString} from '../../converter/types.ts'
import {fullGenericPost} from '../fixtures/post.full.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'

/**
 * The line → field map names the field a Hugo error at `<file>:<line>` comes from.
 * Lines are found by their text in the rendered post, and each must map to exactly
 * the field a writer would open to fix it.
 */

function mapped(doc: Record<string, unknown>) {
  const {markdown, fields} = renderPost(doc, {...DEFAULT_SITE, lineFields: true})
  if (fields === undefined) throw new Error('no line fields')
  return {markdown, fields}
}

function fieldsOf(doc: Record<string, unknown>) {
  const {markdown, fields} = mapped(doc)
  const lines = markdown.split('\n')
  expect(fields).toHaveLength(lines.length)
  return (start: string): string | undefined => {
    const index = lines.findIndex((line) => line.startsWith(start))
    if (index === -1) throw new Error(`no line starts with ${JSON.stringify(start)}`)
    const field = fields[index]
    return field === undefined ? undefined : pathToString(field)
  }
}

const named = (fields: LineFields) =>
  fields.map((field) => (field === undefined ? undefined : pathToString(field)))

describe('line → field map', () => {
  const field = fieldsOf(fullPost)

  it('is given only when asked for, and the markdown is the same either way', () => {
    const plain = renderPost(fullPost, DEFAULT_SITE)
    expect(plain.fields).toBeUndefined()
    expect(mapped(fullPost).markdown).toBe(plain.markdown)
    expect(mapped(fullGenericPost).markdown).toBe(
      renderPost(fullGenericPost, DEFAULT_SITE).markdown,
    )
  })

  it('maps front matter lines to their keys, nested cover keys to theirs', () => {
    expect(field('title: ')).toBe('title')
    expect(field('draft: ')).toBe('hugoDraft')
    expect(field('tags: ')).toBe('tags')
    expect(field('    alt: ')).toBe('cover.alt')
    expect(field('    URL: ')).toBe('editPost.URL')
    expect(field('---')).toBeUndefined()
  })

  it('maps headings and the lines under them to sections, sub-sections and slots', () => {
    expect(field('# Distributed Rate Limiter')).toBe('systemName')
    expect(field('Distributed Rate Limiter is a shared')).toBeUndefined()
    expect(field('## Table of Contents')).toBeUndefined()
    expect(field('1. [Introduction](#introduction)')).toBeUndefined()
    expect(field('## Introduction')).toBe('introduction')
    expect(field('Every public API eventually')).toBe('introduction.body')
    // A heading the writer put in the rich text stays in its field.
    expect(field('### What a limiter protects')).toBe('introduction.body')
    expect(field('Build a service that every API gateway')).toBe('problemStatement.definition')
    expect(field('### Key Challenges')).toBe('problemStatement')
    expect(field('- Keeping one global count')).toBe('problemStatement.keyChallenges')
    expect(field('- Throughput: ')).toBe('requirements.performance.throughput')
    expect(field('- Latency: ')).toBe('requirements.performance.latency')
    expect(field('#### Performance')).toBe('requirements.performance')
    expect(field('│ Client A │')).toBe('architecture.diagram')
    expect(field('| Limiter service | Go |')).toBe('implementation.techStack')
    expect(field('local rate = tonumber')).toBe('dataFlow.dataModel')
    expect(field('Request → Gateway filter')).toBe('dataFlow.writePath.flow')
    expect(field('package ratelimit')).toBe('implementation.codeExamples')
    expect(field('<div id="lyket-like-')).toBe('showLikeButtons')
    expect(field('2. [Scaling your API')).toBe('references')
    expect(field('*Found this post helpful?')).toBeUndefined()
    expect(field('[^1]: ')).toBeUndefined()
  })

  it('maps a repeated section to its item by key, a slot within it, and its free text in place', () => {
    expect(field('### Component 2: Rate Limit Service')).toBe('components[_key=="cmp-service"]')
    expect(field('**Technology Choices**: Go, gRPC')).toBe(
      'components[_key=="cmp-service"].technologyChoices',
    )
    expect(field('- Run the token-bucket script')).toBe(
      'components[_key=="cmp-service"].responsibilities',
    )
    expect(field('2. **Option B**: Central Redis cluster')).toBe(
      'designDecisions[_key=="dd-state"].options',
    )
    expect(field('GitHub moved its API rate limiter')).toBe(
      'realWorldExamples[_key=="rw-github"].description',
    )
    expect(field('**Solution**: Always send Retry-After')).toBe(
      'pitfalls[_key=="pf-retry"].solution',
    )
    expect(field('Every request passes through this filter first.')).toBe(
      'components[_key=="cmp-gateway"].more[_key=="cmp-gateway-intro"].body',
    )
    expect(field('#### Choosing the client key')).toBe(
      'components[_key=="cmp-gateway"].more[_key=="cmp-gateway-more"].body',
    )
  })

  it('numbers items as the renderer does: an empty item is not counted', () => {
    const doc = {
      ...fullPost,
      components: [
        {_key: 'empty', _type: 'component', name: []},
        {_key: 'only', _type: 'component', purpose: fullPost.components?.[0]?.purpose},
      ],
    }
    const {markdown, fields} = mapped(doc)
    const heading = markdown.split('\n').indexOf('### Component 1')
    expect(heading).toBeGreaterThan(0)
    expect(fields[heading]).toEqual(['components', {_key: 'only'}])
    expect(fields[heading + 2]).toEqual(['components', {_key: 'only'}, 'purpose'])
  })

  it('maps the whole text of a generic post to its body, headings included', () => {
    const post = fieldsOf(fullGenericPost)
    expect(post('title: ')).toBe('title')
    expect(post('# Gradient Descent, Step by Step')).toBe('body')
    expect(post('## Why It Works')).toBe('body')
    expect(post('| Learning rate | What happens |')).toBe('body')
  })
})

describe('the fields of a written post file', () => {
  const rendered = mapped(fullPost)

  it('reads the front matter by key and the body from the render, when the file has aliases', () => {
    const written = rendered.markdown.replace(
      '\ndraft: false\n',
      '\ndraft: false\naliases: ["/blogs/posts/old-slug/"]\n',
    )
    const lines = written.split('\n')
    const fields = named(writtenLineFields(written, rendered))
    expect(fields).toHaveLength(lines.length)
    const at = (start: string) => fields[lines.findIndex((line) => line.startsWith(start))]
    expect(at('aliases: ')).toBeUndefined()
    expect(at('tags: ')).toBe('tags')
    expect(at('**Technology Choices**: Go, gRPC')).toBe(
      'components[_key=="cmp-service"].technologyChoices',
    )
    expect(fields.slice(lines.indexOf('## Introduction'))).toEqual(
      named(rendered.fields).slice(rendered.markdown.split('\n').indexOf('## Introduction')),
    )
  })

  it('names no body field when the file holds another body (the document changed since)', () => {
    const written = rendered.markdown.replace('Every public API', 'Every public service')
    const fields = named(writtenLineFields(written, rendered))
    const lines = written.split('\n')
    const bodyStart = lines.indexOf('---', 1) + 1
    expect(fields[lines.findIndex((line) => line.startsWith('title: '))]).toBe('title')
    expect(fields.slice(bodyStart).every((field) => field === undefined)).toBe(true)
  })
})
