import {ImportError} from './errors.ts'

/**
 * The largest post accepted. Hand-written posts are tens of kilobytes; a file
 * megabytes long is generated, binary or pasted data, and would make a Sanity
 * document that the Studio edits sluggishly, so it is refused rather than
 * imported half-usefully.
 */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024

/**
 * Decodes a post's bytes as UTF-8 text with `\n` line ends, or explains why it
 * is not a text post. Pure: the caller reads the file.
 */
export function decodeSource(file: string, bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_SOURCE_BYTES)
    throw new ImportError(
      file,
      `file is ${formatSize(bytes.byteLength)}, larger than the ${formatSize(MAX_SOURCE_BYTES)} a post may be; is it really a markdown post?`,
    )
  const nul = bytes.indexOf(0)
  if (nul !== -1)
    throw new ImportError(file, `not a text file: it contains a NUL byte at offset ${nul}`, {
      line: lineOfByte(bytes, nul),
    })
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    const offset = firstInvalidUtf8(bytes)
    throw new ImportError(file, `not UTF-8 text: invalid byte sequence at offset ${offset}`, {
      line: lineOfByte(bytes, offset),
    })
  }
  // TextDecoder already drops a leading BOM; Windows line ends would otherwise
  // leak `\r` into every field.
  return text.replace(/\r\n?/g, '\n')
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
  return `${(bytes / 1024).toFixed(1)} KiB`
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return line
}

/**
 * Offset of the first byte that breaks UTF-8 (RFC 3629): a stray continuation
 * byte, a truncated sequence, an overlong form, a surrogate or a code point
 * above U+10FFFF. Only called once the strict decoder has already refused.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0
    if (lead < 0x80) {
      i++
      continue
    }
    let length: number
    let min: number
    if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80]
    else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800]
    else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000]
    else return i
    let codePoint = lead & (0xff >> (length + 1))
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]
      if (next === undefined || (next & 0xc0) !== 0x80) return i
      codePoint = (codePoint << 6) | (next & 0x3f)
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return i
    i += length
  }
  return bytes.length
}
