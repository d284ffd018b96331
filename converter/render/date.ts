/**
 * RFC 3339 dates as Hugo reads them. Hugo keeps the offset it reads, and PaperMod
 * shows the day in it, so a date is written with the offset it was written with;
 * a JS Date would lose it, so the string is built here (independent of the host's
 * locale and zone).
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:Z|([+-])(\d{2}):(\d{2}))$/i

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

/** A stored date: the instant, and the offset it was written with. */
export interface WrittenDate {
  epochMs: number
  /**
   * Minutes east of UTC as written, or undefined for `Z`: the form Sanity's own
   * datetime input stores, an instant whose writer's zone was not kept.
   */
  offsetMinutes: number | undefined
}

/**
 * The instant and offset of a full ISO 8601 date-time, or undefined when the text
 * is not one, names a day that does not exist, or falls outside the years
 * 0001–9999 that RFC 3339 can write.
 */
export function parseWrittenDate(text: string): WrittenDate | undefined {
  const trimmed = text.trim()
  const match = ISO.exec(trimmed)
  if (!match) return undefined
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [
    1, 2, 3, 4, 5, 6, 9, 10,
  ].map((group) => Number(match[group] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  // Date.parse rolls impossible values over (February 30 becomes March 2, 24:00 the
  // next day) instead of refusing them: a typo must not publish on another date.
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  )
    return undefined
  const ms = Date.parse(trimmed)
  if (Number.isNaN(ms)) return undefined
  const utcYear = new Date(ms).getUTCFullYear()
  if (utcYear < 1 || utcYear > 9999) return undefined
  const sign = match[8]
  return {
    epochMs: ms,
    offsetMinutes:
      sign === undefined ? undefined : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes),
  }
}

/** Milliseconds since the epoch of a full ISO 8601 date-time (see parseWrittenDate). */
export function parseDateTime(text: string): number | undefined {
  return parseWrittenDate(text)?.epochMs
}

/**
 * What Hugo gets for a stored date: the date as it was written when it carries its
 * offset, so the day PaperMod shows is the writer's day; an instant stored as `Z`
 * (no zone kept) in the site's zone, as every date was written before offsets were kept.
 */
export function hugoDate(written: WrittenDate, siteTimeZone: string): string {
  return written.offsetMinutes === undefined
    ? formatRfc3339(written.epochMs, siteTimeZone)
    : formatAtOffset(written.epochMs, written.offsetMinutes, '+00:00')
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * `2025-10-01T14:30:00+05:30`, or `…Z` when the zone's offset at that instant is zero.
 * The local-mean-time offsets zones had before standard time carry seconds (Kolkata
 * was +05:53:28), which RFC 3339 cannot write: the offset is rounded to the minute
 * and the wall clock follows it, so the instant stays exact. A local date outside
 * the years 0001–9999 (possible only near their ends) is written in UTC.
 */
export function formatRfc3339(epochMs: number, timeZone: string): string {
  return formatAtOffset(epochMs, zoneOffsetAt(epochMs, timeZone), 'Z')
}

/**
 * The instant as wall-clock time at a fixed offset, in minutes east of UTC. A zero
 * offset is written as `zero`: `Z` for an instant in UTC, `+00:00` for a writer
 * who is in UTC (kept apart from `Z`, which stands for "no zone kept").
 */
export function formatAtOffset(
  epochMs: number,
  offsetMinutes: number,
  zero: 'Z' | '+00:00',
): string {
  const millis = ((epochMs % 1000) + 1000) % 1000
  const local = new Date(epochMs + offsetMinutes * 60000)
  const year = local.getUTCFullYear()
  if ((year < 1 || year > 9999) && offsetMinutes !== 0) return formatAtOffset(epochMs, 0, 'Z')
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const offset = offsetMinutes === 0 ? zero : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  const date = `${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  return `${date}T${time}${fraction}${offset}`
}

/**
 * The minute `epochMs` falls in, as a writer in the zone would write it: at the
 * zone's offset there, `+00:00` in UTC (the Studio's default for a new date).
 */
export function dateInZone(epochMs: number, timeZone: string): string {
  const minute = epochMs - (((epochMs % 60_000) + 60_000) % 60_000)
  return formatAtOffset(minute, zoneOffsetAt(minute, timeZone), '+00:00')
}

/**
 * The zone's offset from UTC at an instant, in whole minutes, read from the
 * zone's wall clock as Intl reports it. Shared with the importer, which needs
 * the same offset to read a Hugo date written without one.
 */
export function zoneOffsetAt(epochMs: number, timeZone: string): number {
  // The blog's own zone, and most sites': asking Intl was about 40 µs of every render.
  if (timeZone === 'UTC') return 0
  const parts: Record<string, string> = {}
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs)))
    parts[part.type] = part.value
  const number = (type: string, fallback: number) => Number(parts[type] ?? fallback)
  const eraYear = number('year', 1970)
  // Date.UTC would read years 0–99 as 1900–1999.
  const wall = new Date(0)
  wall.setUTCFullYear(
    parts['era'] === 'BC' ? 1 - eraYear : eraYear,
    number('month', 1) - 1,
    number('day', 1),
  )
  wall.setUTCHours(
    number('hour', 0),
    number('minute', 0),
    number('second', 0),
    ((epochMs % 1000) + 1000) % 1000,
  )
  return Math.round((wall.getTime() - epochMs) / 60000)
}
