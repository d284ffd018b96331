import {groupProblems, validateSchema} from '@sanity/schema/_internal'
import {isArraySchemaType, isObjectSchemaType, type SchemaType} from 'sanity'
import {describe, expect, it} from 'vitest'
import {schemaTypes} from '../schemas/index.ts'
import {POST} from '../schemas/post.ts'
import {SYSTEM_DESIGN_POST} from '../schemas/systemDesignPost.ts'
import {fullGenericPost} from './fixtures/post.full.ts'
import {compileStudioSchema, STUDIO_TYPES} from './fixtures/schema/studio-schema.ts'
import {fullPost, TOKEN_BUCKET_IMAGE_REF} from './fixtures/system-design-post.full.ts'

const schema = compileStudioSchema()

function postType(name: string = SYSTEM_DESIGN_POST): SchemaType {
  const type = schema.get(name)
  if (!type) throw new Error(`The compiled schema has no "${name}" type`)
  return type
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

describe('schema compilation', () => {
  it('reports no errors or warnings from the schema validator', () => {
    expect(groupProblems(validateSchema([...STUDIO_TYPES]).getTypes())).toEqual([])
  })

  it('compiles in the Studio with no recorded problems', () => {
    expect(schema._validation).toEqual([])
    expect(schema.has(SYSTEM_DESIGN_POST)).toBe(true)
  })

  it('reports a malformed type, so the two checks above can fail', () => {
    const broken = {
      name: 'brokenThing',
      type: 'object',
      fields: [{name: 'count', type: 'notAType'}],
    }
    expect(groupProblems(validateSchema([...STUDIO_TYPES, broken]).getTypes())).toEqual([
      {
        path: [
          {kind: 'type', type: 'object', name: 'brokenThing'},
          {kind: 'property', name: 'fields'},
          {kind: 'type', type: 'notAType', name: '<unnamed_type_@_index_0>'},
        ],
        problems: [{severity: 'error', message: 'Unknown type: notAType.'}],
      },
    ])
  })
})

/**
 * Members whose Studio rendering is not a title/subtitle row: text blocks and
 * their spans and link annotations show the text itself, and the code and table
 * plugins draw the code or the grid with their own preview components.
 */
const MEMBERS_WITHOUT_ROW_PREVIEW = new Set(['block', 'span', 'link', 'code', 'table', 'tableRow'])

interface MemberUse {
  typeName: string
  path: string
  type: SchemaType
  value: Record<string, unknown>
}

/** Every keyed object in the document, paired with the schema type it is stored as. */
function collectMembers(type: SchemaType, value: unknown, path: string, out: MemberUse[]): void {
  if (isArraySchemaType(type) && Array.isArray(value)) {
    for (const item of value) {
      if (!isRecord(item)) continue
      const {_type: typeName, _key: key} = item
      if (typeof typeName !== 'string') continue
      const member = type.of.find((candidate) => candidate.name === typeName)
      if (!member) throw new Error(`${path}: no member type "${typeName}"`)
      const itemPath = `${path}[_key=="${String(key)}"]`
      out.push({typeName: member.name, path: itemPath, type: member, value: item})
      collectMembers(member, item, itemPath, out)
    }
  } else if (isObjectSchemaType(type) && isRecord(value)) {
    for (const field of type.fields)
      collectMembers(
        field.type,
        value[field.name],
        path ? `${path}.${field.name}` : field.name,
        out,
      )
  }
}

/** The object member types any array reachable from the post can hold. */
function declaredMemberTypes(root: SchemaType): Set<string> {
  const names = new Set<string>()
  const seen = new Set<SchemaType>()
  const visit = (type: SchemaType) => {
    if (seen.has(type)) return
    seen.add(type)
    if (isArraySchemaType(type)) {
      for (const member of type.of) {
        if (isObjectSchemaType(member)) names.add(member.name)
        visit(member)
      }
    } else if (isObjectSchemaType(type)) {
      for (const field of type.fields) visit(field.type)
    }
  }
  visit(root)
  return names
}

function get(value: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((current, key) => (isRecord(current) ? current[key] : undefined), value)
}

/** What the Studio shows for an item: the selected fields, passed through `prepare` when there is one. */
function previewOf(use: MemberUse): Record<string, unknown> {
  const select = use.type.preview?.select ?? {}
  const selected = Object.fromEntries(
    Object.entries(select).map(([key, path]) => [key, get(use.value, path)]),
  )
  const prepare = use.type.preview?.prepare
  return prepare ? {...prepare(selected)} : selected
}

describe('array member previews', () => {
  const uses: MemberUse[] = []
  collectMembers(postType(), fullPost, '', uses)
  const rowUses = uses.filter((use) => !MEMBERS_WITHOUT_ROW_PREVIEW.has(use.typeName))

  it('the full post holds at least one item of every member type the schema allows', () => {
    const declared = [...declaredMemberTypes(postType())].sort()
    const used = [...new Set(uses.map((use) => use.typeName))].sort()
    expect(used).toEqual(declared)
  })

  it('checks the member types it should (no type silently skipped)', () => {
    expect([...new Set(rowUses.map((use) => use.typeName))].sort()).toEqual([
      'cacheLayer',
      'citation',
      'designDecision',
      'designOption',
      'details',
      'footnote',
      'htmlEmbed',
      'htmlInline',
      'image',
      'labelledItem',
      'mathBlock',
      'mathInline',
      'metricRow',
      'moreText',
      'pitfall',
      'readingLink',
      'realWorldExample',
      'systemComponent',
      'techStackRow',
      'tradeOff',
    ])
  })

  it('every list item in the full post previews with a title and a subtitle', () => {
    const missing = rowUses.flatMap((use) => {
      const preview = previewOf(use)
      return ['title', 'subtitle']
        .filter((key) => {
          const text = preview[key]
          return typeof text !== 'string' || text.trim() === ''
        })
        .map((key) => `${use.path} (${use.typeName}): no ${key}`)
    })
    expect(missing).toEqual([])
  })

  it('previews show the item’s own words', () => {
    const byPath = new Map(rowUses.map((use) => [use.path, previewOf(use)]))
    expect(byPath.get('components[_key=="cmp-gateway"]')).toEqual({
      title: 'Gateway Limiter Filter',
      // Cut to 80 characters by previewText, like every preview of a slot.
      subtitle: 'Extracts the client key at the edge, asks the limiter for a decision and enforc…',
    })
    expect(byPath.get('implementation.techStack[_key=="ts-store"]')).toEqual({
      title: 'Counter store: Redis Cluster 7',
      subtitle: 'Sub-millisecond atomic updates with EVALSHA | Lua',
    })
    expect(byPath.get('bestPractices.metrics[_key=="m-redis-cpu"]')).toEqual({
      title: 'Redis CPU per shard',
      subtitle: 'healthy < 60% · alert > 80%',
    })
    expect(byPath.get('references[_key=="ref-xu"]')).toEqual({
      title: 'System Design Interview: An Insider’s Guide, chapter 4 “Design a Rate Limiter” …',
      subtitle: 'Book',
    })
    expect(byPath.get('references[_key=="ref-redis"]')).toEqual({
      title: 'Redis documentation: Scripting with Lua',
      subtitle:
        'Documentation · https://redis.io/docs/latest/develop/interact/programmability/eval-intro/',
    })
    expect(byPath.get('furtherReading[_key=="fr-gcra"]')).toEqual({
      title: 'The generic cell rate algorithm (GCRA): a token bucket without a refill timer',
      subtitle: 'No address: listed as plain text',
    })
    expect(byPath.get('dataFlow.dataModel[_key=="dm-p2"].children[_key=="dm-p2-m4"]')).toEqual({
      title: 'Inline formula',
      subtitle: '$t_{0}$',
    })
    expect(
      byPath.get('pitfalls[_key=="pf-hot"].more[_key=="pf-hot-more"].body[_key=="pf-hot-details"]'),
    ).toEqual({title: 'How many sub-keys?', subtitle: 'Fold-out'})
    // Free text says where in its section it goes.
    expect(byPath.get('coreComponentsMore[_key=="cc-intro"]')).toEqual({
      title: 'Three components sit on the request path, and one beside it.',
      subtitle: 'Right under the heading “Core Components”',
    })
    // An item's heading changes with its number and name, so the position names the item.
    expect(byPath.get('components[_key=="cmp-gateway"].more[_key=="cmp-gateway-intro"]')).toEqual({
      title: 'Every request passes through this filter first.',
      subtitle: 'Right under the component’s heading',
    })
  })

  it('free text and footnotes preview their formulas, as slots do, under their label', () => {
    const byPath = new Map(rowUses.map((use) => [use.path, previewOf(use)]))
    expect([
      byPath.get('components[_key=="cmp-gateway"].more[_key=="cmp-gateway-more"]'),
      byPath.get('designDecisions[_key=="dd-algorithm"].more[_key=="dd-algorithm-more"]'),
      byPath.get('designDecisions[_key=="dd-state"].consequences[_key=="t"].children[_key=="t-2"]'),
    ]).toEqual([
      {
        title: 'Choosing the client key The key decides who shares a bucket, so it is the one s…',
        subtitle: 'After “Key Features”',
      },
      // Text holding a formula goes under its label: breadcrumbs capitalise titles, `$t$` to `$T$`.
      {
        title: 'After “Consequences”',
        subtitle:
          'After a pause of $t$ seconds a bucket holds $\\text{tokens}(t) = \\min(C,\\; \\text…',
      },
      {
        title: 'Footnote',
        subtitle: 'A Redis round trip inside one availability zone takes about $0.2$ ms.',
      },
    ])
  })

  it('free text holding only a fold-out previews with its summary, not as empty', () => {
    const byPath = new Map(rowUses.map((use) => [use.path, previewOf(use)]))
    expect(byPath.get('pitfalls[_key=="pf-hot"].more[_key=="pf-hot-more"]')).toEqual({
      title: 'How many sub-keys?',
      subtitle: 'After “Solution”',
    })
  })

  it('inline HTML previews with a subtitle, as an inline formula does', () => {
    const generic: MemberUse[] = []
    collectMembers(postType(POST), fullGenericPost, '', generic)
    expect(
      [...rowUses, ...generic]
        .filter((use) => use.typeName === 'htmlInline')
        .map((use) => previewOf(use)),
    ).toEqual([
      {title: '<sup>6</sup>', subtitle: 'Inline HTML'},
      {title: '<kbd>Shift</kbd>', subtitle: 'Inline HTML'},
      {title: '<kbd>Enter</kbd>', subtitle: 'Inline HTML'},
    ])
  })
})

/**
 * Types whose inner fields come from Sanity or a plugin, with their own
 * built-in help: the writer never sees our descriptions there.
 */
const OPAQUE_TYPES = new Set(['slug', 'span', 'code', 'table', 'reference'])
/** Image sub-fields managed by the image input itself (upload, hotspot, crop). */
const IMAGE_INTERNALS = new Set(['asset', 'media', 'hotspot', 'crop'])
/** A text block's own settings are toolbar buttons; only its inline objects and annotations have forms. */
const BLOCK_FORM_FIELDS = new Set(['children', 'markDefs'])

/**
 * Fields a writer understands from their title alone, each with the reason.
 * Any other field without a description makes the test fail, and so does an
 * entry here that gains one, so this list stays exact.
 */
const OBVIOUS_FIELDS = [
  // Section containers: their title is the archetype's heading, and every
  // field inside them carries the archetype's help text.
  'systemDesignPost.introduction',
  'systemDesignPost.problemStatement',
  'systemDesignPost.requirements',
  'systemDesignPost.architecture',
  'systemDesignPost.dataFlow',
  'systemDesignPost.scalability',
  'systemDesignPost.implementation',
  'systemDesignPost.bestPractices',
  'systemDesignPost.conclusion',
  // Sub-heading containers of the same kind ("#### Reliability", "### Load Balancing").
  'requirementsSection.reliability',
  'scalabilitySection.loadBalancing',
  // The parent object's description already gives the example ("< 5 ms at p99").
  'requirementsSection.performance.latency',
  'requirementsSection.performance.throughput',
  'requirementsSection.performance.concurrentUsers',
  // The parent says the defaults are right for this blog; these are rarely touched.
  'editPostSettings.URL',
  'editPostSettings.Text',
  // The only field of a type whose own description explains it.
  'htmlEmbed.html',
  'htmlInline.html',
  // Self-explanatory.
  'coverImage.image',
  'readingLink.title',
].sort()

interface DescriptionReport {
  checked: string[]
  undescribed: string[]
}

function describeFields(root: SchemaType): DescriptionReport {
  const ownTypes = new Set<string>(schemaTypes.map((type) => type.name))
  const visitedOwn = new Set<string>()
  const report: DescriptionReport = {checked: [], undescribed: []}

  const visitFields = (type: SchemaType, label: string) => {
    if (!isObjectSchemaType(type)) return
    for (const field of type.fields) {
      if (type.name === 'image' && IMAGE_INTERNALS.has(field.name)) continue
      const path = `${label}.${field.name}`
      if (type.name === 'block') {
        if (BLOCK_FORM_FIELDS.has(field.name)) visitType(field.type, path)
        continue
      }
      report.checked.push(path)
      const description = field.type.description
      if (typeof description !== 'string' || description.trim() === '')
        report.undescribed.push(path)
      visitType(field.type, path)
    }
  }

  const visitType = (type: SchemaType, path: string) => {
    if (OPAQUE_TYPES.has(type.name)) return
    let label = path
    // A named type of ours is checked once, under its own name, wherever it is used.
    if (ownTypes.has(type.name)) {
      if (visitedOwn.has(type.name)) return
      visitedOwn.add(type.name)
      label = type.name
    }
    if (isArraySchemaType(type)) {
      for (const member of type.of) visitType(member, `${label}[${member.name}]`)
    } else {
      visitFields(type, label)
    }
  }

  visitType(root, root.name)
  report.checked.sort()
  report.undescribed.sort()
  return report
}

describe('field descriptions', () => {
  const report = describeFields(postType())

  it('every field has help text except the listed, self-explanatory ones', () => {
    expect(report.undescribed).toEqual(OBVIOUS_FIELDS)
  })

  it('reaches fields that sit inside arrays, rich text and inline objects', () => {
    // Guards the walk itself: a walk that stopped early would pass the test above vacuously.
    expect(report.checked).toEqual(
      expect.arrayContaining([
        'blockContent[block].markDefs[link].href',
        'blockContent[image].alt',
        'blockContent[image].caption',
        'blockContent[image].url',
        'details.summary',
        // Inline objects of a one-line slot, and the free text of a repeated item.
        'footnote.text',
        'htmlInline.html',
        'systemComponent.more[moreText].at',
        'designOption.cons',
        'mathBlock.tex',
        // Only reachable as an inline object inside a text block.
        'mathInline.tex',
        'metricRow.alertCondition',
        'scalabilitySection.loadBalancing.failover',
        'scalabilitySection.sharding.shardKey',
        'systemDesignPost.UseHugoToc',
      ]),
    )
    expect(report.checked.length).toBe(new Set(report.checked).size)
  })
})

describe('the generic post type', () => {
  const uses: MemberUse[] = []
  collectMembers(postType(POST), fullGenericPost, '', uses)
  const rowUses = uses.filter((use) => !MEMBERS_WITHOUT_ROW_PREVIEW.has(use.typeName))

  it('its full post holds every member type its text allows', () => {
    const declared = [...declaredMemberTypes(postType(POST))].sort()
    expect([...new Set(uses.map((use) => use.typeName))].sort()).toEqual(declared)
    expect(declared).toContain('horizontalRule')
  })

  it('every item previews with a title and a subtitle in the writer’s own words', () => {
    // Inline HTML is checked with the system-design post's, above.
    const shown = rowUses.filter((use) => use.typeName !== 'htmlInline')
    expect(shown.map((use) => [use.path, use.typeName, previewOf(use)]).sort()).toEqual(
      [
        [
          'body[_key=="intro"].children[_key=="intro-fn"]',
          'footnote',
          {
            title: 'In Méthode générale pour la résolution des systèmes, three pages long.',
            subtitle: 'Footnote',
          },
        ],
        [
          'body[_key=="decay"]',
          'details',
          {title: 'Why shrink the rate over time?', subtitle: 'Fold-out'},
        ],
        [
          'body[_key=="decay"].body[_key=="decay-p"].children[_key=="decay-m"]',
          'mathInline',
          {title: 'Inline formula', subtitle: '$\\eta_0 / \\sqrt{t}$'},
        ],
        [
          'body[_key=="intro"].children[_key=="intro-m1"]',
          'mathInline',
          {
            title: 'Inline formula',
            subtitle: '$\\theta_{t+1} = \\theta_t - \\eta \\nabla L(\\theta_t)$',
          },
        ],
        [
          'body[_key=="intro"].children[_key=="intro-m2"]',
          'mathInline',
          {title: 'Inline formula', subtitle: '$\\eta$'},
        ],
        [
          'body[_key=="step-1"].children[_key=="step-1-m"]',
          'mathInline',
          {title: 'Formula on its own line', subtitle: '$$g_t = \\nabla L(\\theta_t)$$'},
        ],
        [
          'body[_key=="step-2"].children[_key=="step-2-m"]',
          'mathInline',
          {title: 'Formula on its own line', subtitle: '$$\\theta_{t+1} = \\theta_t - \\eta g_t$$'},
        ],
        [
          'body[_key=="taylor"]',
          'mathBlock',
          {
            title: 'Formula',
            subtitle:
              '$$ L(\\theta + \\Delta) \\approx L(\\theta) + \\nabla L(\\theta)^\\top \\Delta $$',
          },
        ],
        [
          'body[_key=="valley"]',
          'image',
          {
            title: 'Steps zig-zagging down a narrow valley',
            subtitle: 'Too large a rate zig-zags',
            media: {_type: 'reference', _ref: TOKEN_BUCKET_IMAGE_REF},
          },
        ],
        [
          'body[_key=="like"]',
          'htmlEmbed',
          {title: '<div id="lyket-like-gradient-descent"></div>', subtitle: 'HTML embed'},
        ],
        ['body[_key=="rule"]', 'horizontalRule', {title: '———', subtitle: 'Horizontal line'}],
      ].sort(),
    )
  })

  it('every field has help text, the same self-explanatory exceptions apart', () => {
    const report = describeFields(postType(POST))
    expect(report.undescribed).toEqual(
      [
        'coverImage.image',
        'editPostSettings.URL',
        'editPostSettings.Text',
        'htmlEmbed.html',
        'htmlInline.html',
      ].sort(),
    )
    expect(report.checked).toEqual(
      expect.arrayContaining([
        'post.body',
        'post.title',
        'post.UseHugoToc',
        'postBody[block].markDefs[link].href',
        'postBody[image].alt',
        'horizontalRule.style',
        'mathInline.display',
      ]),
    )
  })

  it('shares its front-matter fields with the system-design post: same names, types and help', () => {
    const fields = (type: SchemaType) =>
      isObjectSchemaType(type)
        ? type.fields.map((field) => [field.name, field.type.name, field.type.description])
        : []
    const generic = fields(postType(POST))
    expect(generic.at(-1)?.[0]).toBe('body')
    expect(fields(postType()).slice(0, generic.length - 1)).toEqual(generic.slice(0, -1))
  })
})

describe('field groups', () => {
  /** The tab each top-level field sits in; a field in no group shows only under "All fields". */
  function groupsOf(name: string): Record<string, string[]> {
    const type = postType(name)
    if (!isObjectSchemaType(type)) throw new Error(`${name} is not an object type`)
    return Object.fromEntries(
      type.fields.map((field) => {
        const group = (field as {group?: string | string[]}).group
        return [field.name, group === undefined ? [] : [group].flat()]
      }),
    )
  }

  it('puts every field of both post types in a tab, tags and categories in Post details', () => {
    for (const name of [SYSTEM_DESIGN_POST, POST]) {
      const groups = groupsOf(name)
      expect([name, Object.keys(groups).filter((field) => groups[field]?.length === 0)]).toEqual([
        name,
        [],
      ])
      expect([name, groups['tags'], groups['categories']]).toEqual([name, ['post'], ['post']])
    }
  })
})
