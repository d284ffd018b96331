import {readdirSync} from 'node:fs'
import {afterEach, describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {type ConverterFixture, site} from '../fixtures/converter/fixture.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'

const FIXTURE_DIR = new URL('../fixtures/converter/', import.meta.url)
const fixtures = await Promise.all(
  readdirSync(FIXTURE_DIR)
    .filter((name) => /^\d{3}-/.test(name))
    .sort()
    .map(async (name) => {
      const module: {fixture: ConverterFixture} = await import(new URL(name, FIXTURE_DIR).href)
      return [name, module.fixture] as const
    }),
)

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

const renderable = fixtures.filter(([, fixture]) => fixture.output.error === undefined)

describe('purity', () => {
  const originalTz = process.env['TZ']
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ']
    else process.env['TZ'] = originalTz
  })

  it('never mutates its input: every fixture renders from a deeply frozen copy to the same result', () => {
    for (const [name, fixture] of [
      ['full post', {input: {doc: fullPost}, output: {}}] as const,
      ...renderable,
    ]) {
      const options = {...site(fixture.input.site), aliases: fixture.input.aliases ?? []}
      const before = structuredClone(fixture.input.doc)
      const frozen = deepFreeze(structuredClone(fixture.input.doc))
      expect(renderPost(frozen, options), name).toEqual(renderPost(fixture.input.doc, options))
      expect(fixture.input.doc, name).toEqual(before)
    }
  })

  it('gives byte-identical output on repeated renders', () => {
    const first = renderPost(fullPost, DEFAULT_SITE)
    const second = renderPost(structuredClone(fullPost), DEFAULT_SITE)
    expect(second).toEqual(first)
  })

  it('does not depend on the host time zone', () => {
    const options = {...DEFAULT_SITE, timeZone: 'Asia/Kolkata'}
    process.env['TZ'] = 'UTC'
    const inUtc = renderPost(fullPost, options).markdown
    process.env['TZ'] = 'Pacific/Chatham'
    const inChatham = renderPost(fullPost, options).markdown
    expect(inChatham).toBe(inUtc)
    expect(inUtc).toContain('\ndate: 2025-10-01T14:30:00+05:30\n')
  })

  it('leaves no shortcode opener that Hugo would run, in any fixture or the full post', () => {
    const outputs = [fullPost, ...renderable.map(([, f]) => f.input.doc)].map((doc, i) => {
      const fixture = renderable[i - 1]?.[1]
      return renderPost(doc, site(fixture?.input.site)).markdown
    })
    for (const markdown of outputs) expect(markdown).not.toMatch(/\{\{[<%]/)
    // The shortcode fixture does contain such text, so the check above is not vacuous.
    const shortcodes = renderable.find(([name]) => name.includes('shortcode'))
    expect(JSON.stringify(shortcodes?.[1].input.doc)).toMatch(/\{\{[<%]/)
  })
})
