import {describe, expect, it} from 'vitest'
import {describeTime, postStatus, scheduleOfFields, statusLabel} from '../../converter/schedule.ts'

const NOW = Date.parse('2026-03-16T03:00:00Z')

describe('where a post stands at a moment', () => {
  it('is scheduled until it appears, then shown, then expired at its expiry', () => {
    const schedule = {
      publishDate: '2026-03-16T09:00:00+05:30',
      expiryDate: '2026-04-01T00:00:00-07:00',
    }
    expect(postStatus(schedule, NOW)).toEqual({
      kind: 'scheduled',
      at: '2026-03-16T09:00:00+05:30',
    })
    expect(postStatus(schedule, Date.parse('2026-03-16T03:30:00Z'))).toEqual({kind: 'shown'})
    expect(postStatus(schedule, Date.parse('2026-04-01T06:59:59Z'))).toEqual({kind: 'shown'})
    expect(postStatus(schedule, Date.parse('2026-04-01T07:00:00Z'))).toEqual({
      kind: 'expired',
      at: '2026-04-01T00:00:00-07:00',
    })
    expect(postStatus(undefined, NOW)).toEqual({kind: 'shown'})
  })

  it('reads the schedule from stored fields as the converter does: publishDate, else date', () => {
    expect(scheduleOfFields({date: '2026-03-20T08:00:00-08:00'})).toEqual({
      publishDate: '2026-03-20T08:00:00-08:00',
    })
    expect(
      scheduleOfFields({
        date: '2026-03-20T08:00:00-08:00',
        publishDate: '2026-03-16T09:00:00+05:30',
        expiryDate: 'not a date',
      }),
    ).toEqual({publishDate: '2026-03-16T09:00:00+05:30'})
    expect(scheduleOfFields({date: '2026-03-20T08:00:00-08:00', hugoDraft: true})).toBeUndefined()
  })

  it('labels it as a writer reads it, at the offset it was written with', () => {
    expect(statusLabel({kind: 'scheduled', at: '2026-03-16T09:00:00+05:30'})).toBe(
      'Scheduled for 2026-03-16 09:00 UTC+05:30',
    )
    expect(statusLabel({kind: 'expired', at: '2026-04-01T00:00:00-07:00'})).toBe('Expired')
    expect(statusLabel({kind: 'shown'})).toBeUndefined()
    expect(describeTime('2026-03-16T03:30:00.000Z')).toBe('2026-03-16 03:30 UTC')
    expect(describeTime('2026-03-16T03:30:00+00:00')).toBe('2026-03-16 03:30 UTC')
  })
})
