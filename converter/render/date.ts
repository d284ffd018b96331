/**
 * RFC 3339 dates in the site's time zone. Hugo keeps the offset it reads, and
 * a JS Date would lose it, so the string is built here from the zone's wall
 * clock as Intl reports it (independent of the host's locale and zone).
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/i

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

/**
 * Milliseconds since the epoch, or undefined when the text is not a full ISO 8601
 * date-time of a day that exists, in the years 0001–9999 that RFC 3339 can write.
 */
export function parseDateTime(text: string): number | undefined {
  const trimmed = text.trim()
  const match = ISO.exec(trimmed)
  if (!match) return undefined
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [
    1, 2, 3, 4, 5, 6, 8, 9,
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
  return utcYear >= 1 && utcYear <= 9999 ? ms : undefined
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
  const millis = ((epochMs % 1000) + 1000) % 1000
  const offsetMinutes = zoneOffsetAt(epochMs, timeZone)
  const local = new Date(epochMs + offsetMinutes * 60000)
  const year = local.getUTCFullYear()
  if ((year < 1 || year > 9999) && offsetMinutes !== 0) return formatRfc3339(epochMs, 'UTC')
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const offset = offsetMinutes === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  const date = `${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  return `${date}T${time}${fraction}${offset}`
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
