import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {formatRfc3339, zoneOffsetAt} from '../../converter/render/date.ts'

describe('zone offsets', () => {
  it('answers UTC without asking Intl, exactly as Intl answers for the same zone', () => {
    // 'Etc/UTC' is the same zone under another name, so it still goes through Intl.
    const instant = fc.integer({min: -62_198_755_200_000, max: 253_402_300_799_999})
    fc.assert(
      fc.property(instant, (epochMs) => {
        expect(zoneOffsetAt(epochMs, 'UTC')).toBe(zoneOffsetAt(epochMs, 'Etc/UTC'))
        expect(formatRfc3339(epochMs, 'UTC')).toBe(formatRfc3339(epochMs, 'Etc/UTC'))
      }),
      {numRuns: 2000},
    )
    expect(formatRfc3339(Date.UTC(2025, 9, 1, 9, 0, 0, 250), 'UTC')).toBe(
      '2025-10-01T09:00:00.250Z',
    )
  })
})
