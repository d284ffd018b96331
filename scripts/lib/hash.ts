import {createHash} from 'node:crypto'

/** Hex sha256 of text (as UTF-8) or bytes: the content identity the manifest records. */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex')
}

export function sha1(content: Uint8Array): string {
  return createHash('sha1').update(content).digest('hex')
}
