import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {fieldAtLine, lineFields} from '../../converter/lines.ts'
import {pathToString} from '../../converter/types.ts'
import {fullGenericPost} from '../fixtures/post.full.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'

/**
 * The line → field map names the field a Hugo error at `<file>:<line>` comes from.
 * Lines are found by their text in the rendered post, and each must map to exactly
 * the field a writer would open to fix it.
 */

function fieldsOf(doc: Record<string, unknown>) {
  const {markdown} = renderPost(doc, DEFAULT_SITE)
  const lines = markdown.split('\n')
  const map = lineFields(doc, markdown)
  expect(map).toHaveLength(lines.length)
  return (start: string): string | undefined => {
    const index = lines.findIndex((line) => line.startsWith(start))
    if (index === -1) throw new Error(`no line starts with ${JSON.stringify(start)}`)
    const field = map[index]
    return field === undefined ? undefined : pathToString(field)
  }
}

describe('line → field map', () => {
  const field = fieldsOf(fullPost)

  it('maps front matter lines to their keys, nested cover keys to theirs', () => {
    expect(field('title: ')).toBe('title')
    expect(field('draft: ')).toBe('hugoDraft')
    expect(field('tags: ')).toBe('tags')
    expect(field('    alt: ')).toBe('cover.alt')
    expect(field('    URL: ')).toBe('editPost.URL')
    expect(field('---')).toBeUndefined()
  })

  it('maps headings and the lines under them to sections and sub-sections', () => {
    expect(field('# Distributed Rate Limiter')).toBe('systemName')
    expect(field('Distributed Rate Limiter is a shared')).toBeUndefined()
    expect(field('## Table of Contents')).toBeUndefined()
    expect(field('1. [Introduction](#introduction)')).toBeUndefined()
    expect(field('## Introduction')).toBe('introduction')
    expect(field('Every public API eventually')).toBe('introduction.body')
    // A heading the writer put in the rich text stays in its field.
    expect(field('### What a limiter protects')).toBe('introduction.body')
    expect(field('Build a service that every API gateway')).toBe('problemStatement.definition')
    expect(field('- Keeping one global count')).toBe('problemStatement.keyChallenges')
    expect(field('### Functional Requirements')).toBe('requirements.functional')
    expect(field('- Throughput: ')).toBe('requirements.performance.throughput')
    expect(field('│ Client A │')).toBe('architecture.diagram')
    expect(field('## Core Components')).toBe('components')
    expect(field('### Technology Stack')).toBe('implementation.techStack')
    expect(field('| Limiter service | Go |')).toBe('implementation.techStack')
    expect(field('local capacity = tonumber')).toBe('dataFlow.dataModel')
    expect(field('Request → Gateway filter')).toBe('dataFlow.writePath.flow')
    expect(field('1. Identify: The gateway filter')).toBe('dataFlow.writePath.steps')
    expect(field('package ratelimit')).toBe('implementation.codeExamples')
    expect(field('<div id="lyket-like-')).toBe('showLikeButtons')
    expect(field('2. [Scaling your API')).toBe('references')
    expect(field('*Found this post helpful?')).toBeUndefined()
  })

  it('maps a repeated section to its item by key, and a labelled slot within it', () => {
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
  })

  it('numbers items as the renderer does: an empty item is not counted', () => {
    const doc = {
      ...fullPost,
      components: [
        {_key: 'empty', _type: 'component', name: '  '},
        {_key: 'only', _type: 'component', purpose: 'Counts requests.'},
      ],
    }
    const {markdown} = renderPost(doc, DEFAULT_SITE)
    const lines = markdown.split('\n')
    const heading = lines.indexOf('### Component 1') + 1
    expect(heading).toBeGreaterThan(0)
    expect(fieldAtLine(doc, markdown, heading)).toEqual(['components', {_key: 'only'}])
    expect(fieldAtLine(doc, markdown, heading + 2)).toEqual([
      'components',
      {_key: 'only'},
      'purpose',
    ])
  })

  it('maps the whole text of a generic post to its body, headings included', () => {
    const post = fieldsOf(fullGenericPost)
    expect(post('title: ')).toBe('title')
    expect(post('# Gradient Descent, Step by Step')).toBe('body')
    expect(post('## Why It Works')).toBe('body')
    expect(post('| Learning rate | What happens |')).toBe('body')
  })

  it('maps nothing for a document the converter cannot place', () => {
    expect(lineFields({_type: 'author'}, '---\ntitle: x\n---\n\nhello')).toEqual([
      undefined,
      ['title'],
      undefined,
      undefined,
      undefined,
    ])
    expect(fieldAtLine(fullPost, 'no front matter', 1)).toBeUndefined()
  })
})
