import {transcode} from 'node:buffer'

const encoder = new TextEncoder()
/** A character outside Latin-1: V8 then holds the string as UTF-16. */
const WIDE = /[\u0100-\uffff]/

/**
 * `text` as UTF-8 bytes, in an ArrayBuffer of their own (so they can be moved to
 * another thread). V8 encodes a string held as UTF-16 one character at a time;
 * ICU's converter over the string's UTF-16 bytes takes about half as long, and a
 * post with one curly quote or arrow is held as UTF-16 throughout. The converter
 * refuses an unpaired surrogate, which only the text encoder turns into U+FFFD.
 */
export function utf8Bytes(text: string): Uint8Array {
  if (!WIDE.test(text)) return encoder.encode(text)
  try {
    return transcode(Buffer.from(text, 'utf16le'), 'utf16le', 'utf8')
  } catch {
    return encoder.encode(text)
  }
}
