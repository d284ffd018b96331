// @vitest-environment jsdom

import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, fireEvent, render, screen} from '@testing-library/react'
import {set, unset} from 'sanity'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import HugoMarkdownPane from '../../plugins/hugo-blog/HugoMarkdownPane.tsx'
import {
  ZonedDateTimeInput,
  type ZonedDateTimeInputProps,
} from '../../plugins/hugo-blog/ZonedDateTimeInput.tsx'
import {postSubtitle} from '../../schemas/frontMatterFields.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

function showInput(value: string | undefined, zones: {site: string; writer: string}) {
  const onChange = vi.fn()
  // The input reads only these of the form's props; the rest of the form state is not needed.
  const props = {
    value,
    onChange,
    readOnly: false,
    elementProps: {id: 'date', onFocus: () => {}, onBlur: () => {}, onChange: () => {}},
    siteTimeZone: zones.site,
    writerZone: zones.writer,
  } as unknown as ZonedDateTimeInputProps
  render(
    <ThemeProvider theme={studioTheme}>
      <ZonedDateTimeInput {...props} />
    </ThemeProvider>,
  )
  const time = screen.getByTestId('zoned-date-time') as HTMLInputElement
  const offset = screen.getByTestId('zoned-date-offset') as HTMLSelectElement
  return {onChange, time, offset}
}

const selected = (select: HTMLSelectElement) => select.selectedOptions[0]?.textContent

describe('the date input', () => {
  it('shows a date at the offset it was written with, and says when that is for the writer', () => {
    const {time, offset} = showInput('2026-03-14T23:30:00+05:30', {
      site: 'UTC',
      writer: 'America/Los_Angeles',
    })
    expect(time.value).toBe('2026-03-14T23:30')
    expect(selected(offset)).toBe('UTC+05:30')
    expect(screen.getByTestId('zoned-date-local').textContent).toBe(
      'In your time zone that is 2026-03-14 11:00 UTC-07:00.',
    )
  })

  it('stores a typed time at the shown offset, and a new offset with the time as typed', () => {
    const {onChange, time, offset} = showInput('2026-03-14T23:30:00+05:30', {
      site: 'UTC',
      writer: 'Asia/Kolkata',
    })
    expect(screen.queryByTestId('zoned-date-local')).toBeNull()
    fireEvent.change(time, {target: {value: '2026-03-16T09:00'}})
    expect(onChange).toHaveBeenLastCalledWith(set('2026-03-16T09:00:00+05:30'))
    fireEvent.change(offset, {target: {value: '-480'}})
    expect(onChange).toHaveBeenLastCalledWith(set('2026-03-14T23:30:00-08:00'))
    fireEvent.change(time, {target: {value: ''}})
    expect(onChange).toHaveBeenLastCalledWith(unset())
  })

  it('shows an instant stored in UTC at the blog’s offset, where the export writes it', () => {
    const {time, offset} = showInput('2025-09-25T21:57:40.000Z', {
      site: 'Asia/Kolkata',
      writer: 'Asia/Kolkata',
    })
    expect(time.value).toBe('2025-09-26T03:27:40')
    expect(selected(offset)).toBe('UTC+05:30')
  })

  it('gives a new date the writer’s offset on that day, or the one picked first', () => {
    const first = showInput(undefined, {site: 'UTC', writer: 'Europe/Berlin'})
    fireEvent.change(first.time, {target: {value: '2026-07-01T09:00'}})
    expect(first.onChange).toHaveBeenLastCalledWith(set('2026-07-01T09:00:00+02:00'))
    cleanup()
    const picked = showInput(undefined, {site: 'UTC', writer: 'Europe/Berlin'})
    fireEvent.change(picked.offset, {target: {value: '330'}})
    expect(picked.onChange).not.toHaveBeenCalled()
    fireEvent.change(picked.time, {target: {value: '2026-07-01T09:00'}})
    expect(picked.onChange).toHaveBeenLastCalledWith(set('2026-07-01T09:00:00+05:30'))
  })
})

describe('a post in the lists, on a fake clock at 2026-03-15 12:00 UTC', () => {
  const NOW = Date.parse('2026-03-15T12:00:00Z')
  const post = {slug: 'launch', date: '2026-03-14T09:30:00+05:30'}

  it('says when a scheduled post appears, and that an expired one is off the blog', () => {
    expect(postSubtitle({...post, publishDate: '2026-03-16T09:00:00+05:30'}, NOW)).toBe(
      '2026-03-14 · /launch · Scheduled for 2026-03-16 09:00 UTC+05:30',
    )
    expect(postSubtitle({...post, expiryDate: '2026-03-15T11:00:00Z'}, NOW)).toBe(
      '2026-03-14 · /launch · Expired',
    )
    expect(postSubtitle({...post, expiryDate: '2026-03-15T13:00:00Z'}, NOW)).toBe(
      '2026-03-14 · /launch',
    )
    expect(
      postSubtitle({...post, publishDate: '2026-03-16T09:00:00+05:30', hugoDraft: true}, NOW),
    ).toBe('2026-03-14 · /launch · hidden on the blog')
  })
})

describe('the Hugo markdown view, on a fake clock at 2026-03-15 12:00 UTC', () => {
  function showPane(changes: Record<string, unknown>) {
    vi.useFakeTimers({toFake: ['Date'], now: new Date('2026-03-15T12:00:00Z')})
    render(
      <ThemeProvider theme={studioTheme}>
        <HugoMarkdownPane document={{...fullPost, ...changes}} site={DEFAULT_SITE} />
      </ThemeProvider>,
    )
    return screen.queryByTestId('hugo-markdown-schedule')?.textContent
  }

  it('says when a scheduled post appears', () => {
    expect(showPane({publishDate: '2026-03-16T09:00:00+05:30'})).toBe(
      'Scheduled for 2026-03-16 09:00 UTC+05:30. Publishing sends the file to the blog now; the post appears there at that time, within about 15 minutes.',
    )
  })

  it('says that an expired post is off the blog', () => {
    expect(showPane({expiryDate: '2026-03-15T04:00:00-07:00'})).toBe(
      'Expired. The post was taken off the blog at 2026-03-15 04:00 UTC-07:00; its file stays in the repository.',
    )
  })

  it('says nothing for a post the blog shows', () => {
    expect(showPane({expiryDate: '2026-03-15T06:00:00-07:00'})).toBeUndefined()
  })
})
