import {createHash} from 'node:crypto'

/** Hex sha256 of text (as UTF-8) or bytes: the content identity the manifest records. */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex')
}

export function sha1(content: Uint8Array): string {
  return createHash('sha1').update(content).digest('hex')
}

/**
 * Whether `bytes` are the content with this sha256 as git stores text: a checkout with
 * CRLF line ends (`core.autocrlf`, `eol=crlf`) holds the same post as the LF file the
 * exporter wrote, and must not read as a hand edit.
 */
export function storedAs(bytes: Uint8Array, hash: string): boolean {
  if (sha256(bytes) === hash) return true
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  return (
    text.includes('\r\n') && sha256(Buffer.from(text.replaceAll('\r\n', '\n'), 'latin1')) === hash
  )
}
