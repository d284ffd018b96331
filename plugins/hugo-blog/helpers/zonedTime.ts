import {formatAtOffset, parseWrittenDate, zoneOffsetAt} from '../../../converter/render/date.ts'

/**
 * Wall-clock time at an offset, for the date input: what it shows for a stored
 * date, and what it stores for what the writer picks. Pure; the input supplies
 * the zones.
 */

/** The UTC offsets in use somewhere (minutes east), for the input's list. */
export const UTC_OFFSETS: readonly number[] = [
  -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60, 0, 60, 120,
  180, 210, 240, 270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765,
  780, 825, 840,
]

/** A date as the input shows it: `2026-03-14T09:30` (seconds only when set) at `offset`. */
export interface ShownDate {
  wall: string
  offset: number
}

/**
 * The wall-clock time a stored date shows: at the offset it was written with, or,
 * for an instant stored as `Z`, at the site zone's offset, where the export writes it.
 */
export function shownDate(value: unknown, siteTimeZone: string): ShownDate | undefined {
  const written = typeof value === 'string' ? parseWrittenDate(value) : undefined
  if (written === undefined) return undefined
  const offset = written.offsetMinutes ?? zoneOffsetAt(written.epochMs, siteTimeZone)
  const text = formatAtOffset(written.epochMs - (written.epochMs % 1000), offset, 'Z')
  const wall = text.slice(0, 19)
  return {wall: wall.endsWith(':00') ? wall.slice(0, 16) : wall, offset}
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/** The wall time read as if it were UTC, or undefined when it is not a full date and time. */
function wallAsUtc(wall: string): number | undefined {
  const match = WALL.exec(wall)
  if (!match) return undefined
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0))
  const at = new Date(0)
  // Date.UTC would read years 0–99 as 1900–1999.
  at.setUTCFullYear(year, month - 1, day)
  at.setUTCHours(hour, minute, second, 0)
  return at.getTime()
}

/** What to store for a wall time at an offset: `2026-03-14T09:30:00+05:30`. */
export function storedDate(wall: string, offset: number): string | undefined {
  const utc = wallAsUtc(wall)
  if (utc === undefined) return undefined
  const text = formatAtOffset(utc - offset * 60_000, offset, '+00:00')
  return parseWrittenDate(text) === undefined ? undefined : text
}

/** The zone's offset at a wall time there (refined once, for the hours around a DST change). */
export function offsetAtWall(wall: string, timeZone: string): number | undefined {
  const utc = wallAsUtc(wall)
  if (utc === undefined) return undefined
  const first = zoneOffsetAt(utc, timeZone)
  return zoneOffsetAt(utc - first * 60_000, timeZone)
}

/**
 * The same instant as a writer in `timeZone` reads it, when that is at another
 * offset than the date is shown at; otherwise undefined.
 */
export function elsewhere(value: unknown, shown: ShownDate, timeZone: string): string | undefined {
  const written = typeof value === 'string' ? parseWrittenDate(value) : undefined
  if (written === undefined) return undefined
  const offset = zoneOffsetAt(written.epochMs, timeZone)
  return offset === shown.offset ? undefined : formatAtOffset(written.epochMs, offset, '+00:00')
}

/** `UTC+05:30`, `UTC-08:00`, `UTC`. */
export function offsetLabel(offset: number): string {
  if (offset === 0) return 'UTC'
  return `UTC${formatAtOffset(0, offset, '+00:00').slice(-6)}`
}

/** The list of offsets to offer, with `offset` in it even when no zone uses it today. */
export function offsetChoices(offset: number): number[] {
  return UTC_OFFSETS.includes(offset)
    ? [...UTC_OFFSETS]
    : [...UTC_OFFSETS, offset].sort((a, b) => a - b)
}
