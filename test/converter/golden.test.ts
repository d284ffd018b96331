import {readFileSync, writeFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import fullModelFamilyPost from '../fixtures/model-family-post.full.json' with {type: 'json'}
import {fullGenericPost} from '../fixtures/post.full.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'
import fullTopicKnowledgePost from '../fixtures/topic-knowledge-post.full.json' with {type: 'json'}

/**
 * The full sample post against its golden file, byte for byte. The golden
 * file was read against archetypes/system-design.md for fidelity; after an
 * intended change, rewrite it with `UPDATE_GOLDEN=1 npx vitest run
 * test/converter/golden.test.ts` and read the diff before committing.
 */
const GOLDEN = new URL('../golden/system-design-post.full.md', import.meta.url)

describe('golden: the full system-design post', () => {
  const result = renderPost(fullPost, DEFAULT_SITE)
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, result.markdown)

  it('renders byte for byte as the golden file', () => {
    expect(result.markdown).toBe(readFileSync(GOLDEN, 'utf8'))
  })

  it('renders without warnings', () => {
    expect(result.warnings).toEqual([])
  })

  it('lands at the file-layout path with both images placed under static/', () => {
    expect(result.path).toBe('content/posts/distributed-rate-limiter.md')
    expect(result.assets).toEqual([
      {
        source: {kind: 'ref', ref: 'image-a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630-png'},
        fileName: 'a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630.png',
        path: 'static/images/distributed-rate-limiter/a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630.png',
        field: 'cover.image',
      },
      {
        source: {kind: 'ref', ref: 'image-c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400-png'},
        fileName: 'c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png',
        path: 'static/images/distributed-rate-limiter/c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png',
        field: 'architecture.overview[_key=="arch-img"]',
      },
    ])
  })
})

/**
 * The full generic post: its front matter, then its text exactly as laid out,
 * nothing generated. Rewritten the same way as the file above.
 */
const GENERIC_GOLDEN = new URL('../golden/post.full.md', import.meta.url)

describe('golden: the full generic post', () => {
  const result = renderPost(fullGenericPost, DEFAULT_SITE)
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GENERIC_GOLDEN, result.markdown)

  it('renders byte for byte as the golden file', () => {
    expect(result.markdown).toBe(readFileSync(GENERIC_GOLDEN, 'utf8'))
  })

  it('renders without warnings, both images placed', () => {
    expect(result.warnings).toEqual([])
    expect(result.assets.map((asset) => asset.path)).toEqual([
      'static/images/gradient-descent/a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630.png',
      'static/images/gradient-descent/c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png',
    ])
  })
})

/**
 * A full model-family post (test/fixtures/import/archetype/08, as the
 * importer reads it): every section, formulas in components and the loss,
 * inline math in the complexity list, the PyTorch block, both tables, the
 * unnumbered comparisons. Rewritten the same way as the files above.
 */
const MODEL_FAMILY_GOLDEN = new URL('../golden/model-family-post.full.md', import.meta.url)

describe('golden: the full model-family post', () => {
  const result = renderPost(fullModelFamilyPost, DEFAULT_SITE)
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(MODEL_FAMILY_GOLDEN, result.markdown)

  it('renders byte for byte as the golden file', () => {
    expect(result.markdown).toBe(readFileSync(MODEL_FAMILY_GOLDEN, 'utf8'))
  })

  it('renders without warnings, at the file-layout path', () => {
    expect(result.warnings).toEqual([])
    expect(result.path).toBe('content/posts/08-variational-autoencoder.md')
  })
})

/**
 * A full topic-knowledge post (test/fixtures/import/archetype/09, as the
 * importer reads it): the templated opening, derivation steps each with its
 * formula, properties, the worked example, labelled solution code, ✅ and ❌
 * lists, a comparison holding a table, practice problems and the grouped
 * references and reading. Rewritten the same way as the files above.
 */
const TOPIC_GOLDEN = new URL('../golden/topic-knowledge-post.full.md', import.meta.url)

describe('golden: the full topic-knowledge post', () => {
  const result = renderPost(fullTopicKnowledgePost, DEFAULT_SITE)
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(TOPIC_GOLDEN, result.markdown)

  it('renders byte for byte as the golden file', () => {
    expect(result.markdown).toBe(readFileSync(TOPIC_GOLDEN, 'utf8'))
  })

  it('renders without warnings, at the file-layout path', () => {
    expect(result.warnings).toEqual([])
    expect(result.path).toBe('content/posts/09-kl-divergence.md')
  })
})
