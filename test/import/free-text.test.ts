import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {comparable, importMarkdown, type Json} from './support.ts'

/**
 * What a system-design post holds beyond the archetype's slots is kept as the
 * free text ("more") of the section, sub-section or item it was written in,
 * at the position it was written: right under the heading, or after the last
 * part the archetype writes before it. Never in another section. Each case
 * lists every piece of free text in the document, so text that went anywhere
 * else would show, and the export must write the snippet back as it was.
 */

const FRONT_MATTER = '---\ntitle: "T"\ndate: 2025-01-01T00:00:00Z\n---\n\n'

type Node = Record<string, Json>

/** A text block as `style: text` (`li` for a list item), anything else as its type. */
function describeNode(node: Node): string {
  if (node['_type'] !== 'block') return String(node['_type'])
  const children = (node['children'] ?? []) as Node[]
  const text = children.map((child) => String(child['text'] ?? child['_type'])).join('')
  const kind = node['listItem'] === undefined ? String(node['style']) : 'li'
  return `${kind}: ${text}`
}

/** Every piece of free text in the document: `path @ position: blocks`, in document order. */
function freeText(document: Json): string[] {
  const found: string[] = []
  const visit = (value: Json, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((entry, i) => {
        visit(entry, `${path}[${i}]`)
      })
      return
    }
    if (value === null || typeof value !== 'object') return
    if (value['_type'] === 'moreText') {
      const body = (value['body'] ?? []) as Node[]
      found.push(`${path} @ ${String(value['at'])}: ${body.map(describeNode).join(' | ')}`)
      return
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`
      // A named list item's own text sits inside its list item: no position.
      if (key === 'more' && Array.isArray(child) && (child[0] as Node)?.['_type'] === 'block')
        found.push(`${childPath}: ${(child as Node[]).map(describeNode).join(' | ')}`)
      else if (key === 'lead' && Array.isArray(child))
        found.push(`lead: ${(child as Node[]).map(describeNode).join(' | ')}`)
      else visit(child, childPath)
    }
  }
  visit(document, '')
  return found
}

function place(body: string) {
  const markdown = `${FRONT_MATTER}${body}\n`
  const imported = importMarkdown(markdown, 'content/posts/t.md')
  const exported = renderPost(imported.document, DEFAULT_SITE).markdown
  const firstSection = body.slice(0, body.indexOf('\n'))
  return {
    free: freeText(comparable(imported.document)),
    // Where each block of free text went, as the report says.
    report: imported.report.entries
      .filter((entry) => /(more|More)\[|^lead\[|\.more\b/.test(entry.target))
      .map(
        ({line, source, target, note}) =>
          `${line} ${source} → ${target}${note === undefined ? '' : ` (${note})`}`,
      ),
    // The export from the first section on, without the closing rule that
    // comes with like buttons.
    exported: exported
      .slice(exported.indexOf(`\n${firstSection}\n`) + 1)
      .replace(/\n---\n[\s\S]*$/, ''),
  }
}

describe('free text in a section', () => {
  it('under the section heading, before its first sub-heading: at the start of the section', () => {
    const body = [
      '## Requirements',
      '',
      'Under the heading.',
      '',
      '### Functional Requirements',
      '',
      '1. **Lookup**: Find it.',
    ].join('\n')
    const placed = place(body)
    expect(placed.free).toEqual(['requirements.more[0] @ start: normal: Under the heading.'])
    expect(placed.report).toEqual(['8 paragraph → requirements.more[0].body[0]'])
    expect(placed.exported).toBe(`${body}\n`)
  })

  it('right under a sub-heading that has no field of its own: at that sub-heading', () => {
    const body = [
      '## Requirements',
      '',
      '### Non-Functional Requirements',
      '',
      'Under the sub-heading.',
      '',
      '#### Performance',
      '',
      '- Latency: 1 ms',
    ].join('\n')
    const placed = place(body)
    expect(placed.free).toEqual([
      'requirements.more[0] @ #Non-Functional Requirements: normal: Under the sub-heading.',
    ])
    expect(placed.exported).toBe(`${body}\n`)
  })

  it('in a sub-section with a field of its own, before and after its values: in that sub-section', () => {
    const body = [
      '## Requirements',
      '',
      '### Non-Functional Requirements',
      '',
      '#### Performance',
      '',
      'Before the values.',
      '',
      '- Latency: 1 ms',
      '',
      'After the values.',
    ].join('\n')
    const placed = place(body)
    expect(placed.free).toEqual([
      'requirements.performance.more[0] @ start: normal: Before the values.',
      'requirements.performance.more[1] @ latency: normal: After the values.',
    ])
    expect(placed.report).toEqual([
      '12 paragraph → requirements.performance.more[0].body[0]',
      '16 paragraph → requirements.performance.more[1].body[0]',
    ])
    expect(placed.exported).toBe(`${body}\n`)
  })

  it('between a data path’s steps and its flow: after the steps', () => {
    const body = [
      '## Data Flow',
      '',
      '### Write Path',
      '',
      '1. Accept: take the request',
      '2. Store: write it',
      '',
      'Between the steps and the flow.',
      '',
      '```',
      'a -> b',
      '```',
    ].join('\n')
    const placed = place(body)
    expect(placed.free).toEqual([
      'dataFlow.writePath.more[0] @ steps: normal: Between the steps and the flow.',
    ])
    expect(placed.exported).toBe(`${body}\n`)
  })

  it('an unknown `###` after the section’s last known sub-section: after that sub-section, with its text', () => {
    const body = [
      '## Problem Statement',
      '',
      'Define it.',
      '',
      '### Key Challenges',
      '',
      '- Hot keys',
      '',
      '### Success Criteria',
      '',
      '- Fast',
      '',
      '### Glossary',
      '',
      '- **Ring**: a circle',
    ].join('\n')
    const placed = place(body)
    expect(placed.free).toEqual([
      'problemStatement.more[0] @ successCriteria: h3: Glossary | li: Ring: a circle',
    ])
    expect(placed.report).toEqual([
      '18 ### Glossary → problemStatement.more[0].body[0]',
      '20 list (1 items) → problemStatement.more[0].body[1]',
    ])
    expect(placed.exported).toBe(`${body}\n`)
  })
})

describe('a section of the writer’s own', () => {
  it('between two archetype sections: at the end of the section before it, its `##` kept', () => {
    const body = [
      '## Design Decisions',
      '',
      '### Decision 1: Store',
      '',
      '**Context**: Need it.',
      '',
      '## Appendix',
      '',
      'Extra notes.',
      '',
      '## Conclusion',
      '',
      'Done.',
    ].join('\n')
    const placed = place(body)
    expect(placed.free).toEqual([
      'designDecisionsMore[0] @ designDecisions: h2: Appendix | normal: Extra notes.',
    ])
    expect(placed.report).toEqual([
      '12 ## Appendix → designDecisionsMore[0].body[0]',
      '14 paragraph → designDecisionsMore[0].body[1]',
    ])
    // The post's table of contents lists only the archetype's sections, as before.
    expect(placed.exported).toBe(`${body}\n`)
  })

  it('before the first archetype section: in the lead, reported as an error', () => {
    // Two archetype sections after it, so the post is read as a system design.
    const placed = place(
      [
        '## Background',
        '',
        'Some history.',
        '',
        '## Introduction',
        '',
        'Hi.',
        '',
        '## Conclusion',
        '',
        'Done.',
      ].join('\n'),
    )
    expect(placed.free).toEqual(['lead: h2: Background | normal: Some history.'])
    expect(placed.report).toEqual([
      '6 ## Background → lead[0] (error: placed at the start: before the first section of the archetype)',
      '8 paragraph → lead[1] (error: placed at the start: before the first section of the archetype)',
    ])
  })
})

describe('free text in a repeated item', () => {
  const body = [
    '## Core Components',
    '',
    'Under the section heading.',
    '',
    '### Component 1: Store',
    '',
    'Before the purpose.',
    '',
    '**Purpose**: Keeps entries.',
    '',
    'Between two slots.',
    '',
    '**Responsibilities**:',
    '- Evict',
    '',
    'After the last slot.',
    '',
    '#### Memory layout',
    '',
    'Packed.',
  ].join('\n')
  const placed = place(body)

  it('stays in the item, at the slot it follows: start, between slots, after the last, with a sub-heading', () => {
    expect(placed.free).toEqual([
      'components[0].more[0] @ start: normal: Before the purpose.',
      'components[0].more[1] @ purpose: normal: Between two slots.',
      'components[0].more[2] @ responsibilities: normal: After the last slot. | h4: Memory layout | normal: Packed.',
      'coreComponentsMore[0] @ start: normal: Under the section heading.',
    ])
    expect(placed.report).toEqual([
      '8 paragraph → coreComponentsMore[0].body[0]',
      '12 paragraph → components[0].more[0].body[0]',
      '16 paragraph → components[0].more[1].body[0]',
      '21 paragraph → components[0].more[2].body[0]',
      '23 #### Memory layout → components[0].more[2].body[1]',
      '25 paragraph → components[0].more[2].body[2]',
    ])
  })

  it('is written back where it was', () => {
    expect(placed.exported).toBe(`${body}\n`)
  })

  it('nested in a named list item: the item’s own text, inside the item', () => {
    const nested = [
      '## Requirements',
      '',
      '### Functional Requirements',
      '',
      '1. **Lookup**: Find it.',
      '   - fast path',
      '',
      '   A second paragraph.',
      '2. **Membership**: Add nodes.',
    ].join('\n')
    const result = place(nested)
    expect(result.free).toEqual([
      'requirements.functional[0].more: li: fast path | normal: A second paragraph.',
    ])
    expect(result.report).toEqual([
      '11 list (1 items) → requirements.functional[0].more[0]',
      '13 paragraph → requirements.functional[0].more[1]',
    ])
    expect(result.exported).toBe(`${nested}\n`)
  })
})
