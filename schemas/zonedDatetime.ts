import {defineType} from 'sanity'
import {parseDateTime} from '../converter/render/date.ts'

export const ZONED_DATETIME = 'zonedDatetime'

/**
 * A date and time stored with the UTC offset it was written in, e.g.
 * `2026-03-14T09:30:00+05:30`: the exporter writes it exactly so, and PaperMod
 * shows the writer's day. Sanity's datetime type stores a UTC instant (`…Z`), as
 * older posts do; the exporter writes those in the site's zone. A string, so
 * that the form gives it the usual field (title, description, markers) around
 * the input the hugo-blog plugin provides, which shows and edits the time at its
 * offset; compare and sort these as instants, with GROQ's `dateTime()`.
 */
export const zonedDatetimeType = defineType({
  name: ZONED_DATETIME,
  title: 'Date and time',
  type: 'string',
})

/** A field's check that its text is a date and time (fields replace a type's validation). */
export function isDateTime(value: string | undefined): true | string {
  return value === undefined || parseDateTime(value) !== undefined
    ? true
    : `Not a date and time: ${JSON.stringify(value)}. Pick one, e.g. 2026-03-14T09:30:00+05:30.`
}
