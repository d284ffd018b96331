import {formatAtOffset, parseWrittenDate} from './render/date.ts'
import type {PostSchedule} from './types.ts'

/**
 * Where a post stands on the blog at a given moment, for the Studio's labels. Pure:
 * the caller passes the clock, so the list, the Hugo view and the tests agree.
 */

export type PostStatus =
  /** Hugo leaves the post out until `at` (as written, RFC 3339). */
  | {kind: 'scheduled'; at: string}
  /** Hugo has left the post out since `at`. */
  | {kind: 'expired'; at: string}
  | {kind: 'shown'}

const epochOf = (text: string | undefined) =>
  text === undefined ? undefined : parseWrittenDate(text)?.epochMs

export function postStatus(schedule: PostSchedule | undefined, now: number): PostStatus {
  if (schedule === undefined) return {kind: 'shown'}
  const appears = epochOf(schedule.publishDate)
  if (appears !== undefined && appears > now) return {kind: 'scheduled', at: schedule.publishDate}
  const expires = epochOf(schedule.expiryDate)
  if (schedule.expiryDate !== undefined && expires !== undefined && expires <= now)
    return {kind: 'expired', at: schedule.expiryDate}
  return {kind: 'shown'}
}

/**
 * The schedule of a post's stored fields, as the converter derives it from the
 * front matter it writes (publishDate, else date; none for a Hugo draft), for
 * places that have the fields but do not render the post, like the list.
 */
export function scheduleOfFields(fields: {
  date?: unknown
  publishDate?: unknown
  expiryDate?: unknown
  hugoDraft?: unknown
}): PostSchedule | undefined {
  const text = (value: unknown) =>
    typeof value === 'string' && parseWrittenDate(value) !== undefined ? value : undefined
  const publishDate = text(fields.publishDate) ?? text(fields.date)
  if (fields.hugoDraft === true || publishDate === undefined) return undefined
  const expiryDate = text(fields.expiryDate)
  return expiryDate === undefined ? {publishDate} : {publishDate, expiryDate}
}

/**
 * `2026-03-16 09:00 UTC+05:30`: the time as written, at its own offset, the way a
 * writer reads it. A `Z` time's zone was not kept, so it reads as UTC.
 */
export function describeTime(text: string): string {
  const written = parseWrittenDate(text)
  if (written === undefined) return text
  const offset = written.offsetMinutes ?? 0
  const rfc = formatAtOffset(written.epochMs, offset, 'Z')
  const zone = offset === 0 ? 'UTC' : `UTC${rfc.slice(-6)}`
  return `${rfc.slice(0, 10)} ${rfc.slice(11, 16)} ${zone}`
}

/** "Scheduled for …" or "Expired"; nothing for a post the blog shows. */
export function statusLabel(status: PostStatus): string | undefined {
  if (status.kind === 'scheduled') return `Scheduled for ${describeTime(status.at)}`
  if (status.kind === 'expired') return 'Expired'
  return undefined
}
