import {readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {
  ClockError,
  changesBetween,
  nextChange,
  readClock,
  type ScheduledEntry,
} from '../../scripts/lib/schedule.ts'
import {exportRun, SAMPLE_NDJSON, tempDir} from './helpers.ts'

const DOCUMENTS: Record<string, ScheduledEntry> = {
  'post-old': {slug: 'old', publishDate: '2025-10-01T09:00:00Z'},
  'post-launch': {slug: 'launch', publishDate: '2026-03-16T09:00:00+05:30'},
  'post-sale': {
    slug: 'sale',
    publishDate: '2026-03-10T08:00:00-07:00',
    expiryDate: '2026-03-16T12:00:00-07:00',
  },
  'post-draft': {slug: 'draft'},
}

const at = (text: string) => Date.parse(text)

describe('the moments the site changes with no commit', () => {
  it('names the earliest one still to come, compared as instants across offsets', () => {
    expect(nextChange(DOCUMENTS, at('2026-03-16T03:00:00Z'))).toEqual({
      at: '2026-03-16T09:00:00+05:30',
      id: 'post-launch',
      slug: 'launch',
      change: 'appears',
    })
    // Exactly at 03:30 UTC the post is due, no longer to come.
    expect(nextChange(DOCUMENTS, at('2026-03-16T03:30:00Z'))).toEqual({
      at: '2026-03-16T12:00:00-07:00',
      id: 'post-sale',
      slug: 'sale',
      change: 'expires',
    })
    expect(nextChange(DOCUMENTS, at('2026-03-16T19:00:00Z'))).toBe(null)
  })

  it('finds a moment written on an earlier day than now’s in UTC, far west of it', () => {
    const west = {'post-west': {slug: 'west', publishDate: '2026-03-15T23:00:00-12:00'}}
    expect(nextChange(west, at('2026-03-16T03:00:00Z'))?.at).toBe('2026-03-15T23:00:00-12:00')
    expect(nextChange(west, at('2026-03-16T11:00:00Z'))).toBe(null)
  })

  it('lists those that came due in a window, after its start and up to its end', () => {
    expect(
      changesBetween(DOCUMENTS, at('2026-03-10T15:00:00Z'), at('2026-03-16T19:00:00Z')).map(
        (change) => `${change.slug} ${change.change}`,
      ),
    ).toEqual(['launch appears', 'sale expires'])
    expect(
      changesBetween(DOCUMENTS, at('2026-03-16T03:30:00Z'), at('2026-03-16T18:59:59Z')),
    ).toEqual([])
    expect(changesBetween(DOCUMENTS, null, at('2025-10-01T09:00:00Z'))).toEqual([
      {at: '2025-10-01T09:00:00Z', id: 'post-old', slug: 'old', change: 'appears'},
    ])
  })
})

describe('the clock', () => {
  it('is SANITY_EXPORT_NOW when tests set it, and refuses one that is not a time', () => {
    expect(readClock({SANITY_EXPORT_NOW: '2026-03-16T09:00:00+05:30'})).toBe(
      at('2026-03-16T03:30:00Z'),
    )
    expect(() => readClock({SANITY_EXPORT_NOW: 'Monday'})).toThrow(
      new ClockError(
        'SANITY_EXPORT_NOW must be an ISO 8601 date-time such as 2026-03-16T03:30:00Z, got "Monday"',
      ),
    )
  })

  it('stops the export with a usage error, before it writes anything', async () => {
    const blog = tempDir('clock-blog')
    const run = await exportRun(['--source', SAMPLE_NDJSON, '--blog', blog], {
      SANITY_EXPORT_NOW: 'Monday',
    })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      'export: SANITY_EXPORT_NOW must be an ISO 8601 date-time such as 2026-03-16T03:30:00Z, got "Monday"\n',
    )
    expect(readdirSync(blog)).toEqual([])
  })
})
