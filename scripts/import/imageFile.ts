import {createHash} from 'node:crypto'

/**
 * Names an image file the way `sanity dataset export` names assets,
 * `<sha1>-<W>x<H>.<ext>`. The exporter derives an asset's file name from that
 * form, so an image imported from disk is written back under the same name
 * the Studio would give it, and re-importing the same bytes names them alike.
 */

export interface ImageInfo {
  sha1: string
  width: number
  height: number
  extension: string
  fileName: string
}

/** Dimensions and asset-style name, or undefined when the bytes are not a PNG, JPEG, GIF or WebP. */
export function describeImage(bytes: Uint8Array): ImageInfo | undefined {
  const size = readSize(bytes)
  if (!size) return undefined
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  return {
    sha1,
    ...size,
    fileName: `${sha1}-${size.width}x${size.height}.${size.extension}`,
  }
}

/**
 * `<hash>-<W>x<H>.<ext>`: a name in the dataset-export form. Asset hashes are
 * hexadecimal, which keeps a hand-picked name such as `diagram-800x600.png`
 * from passing for an asset.
 */
export const ASSET_FILE_NAME = /^([0-9a-f]+)-(\d+)x(\d+)\.([a-z0-9]+)$/

type Size = {width: number; height: number; extension: string}

function readSize(b: Uint8Array): Size | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const ascii = (from: number, length: number) =>
    String.fromCharCode(...b.subarray(from, from + length))
  if (b.length >= 24 && b[0] === 0x89 && ascii(1, 3) === 'PNG')
    return {width: view.getUint32(16), height: view.getUint32(20), extension: 'png'}
  if (b.length >= 10 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a'))
    return {width: view.getUint16(6, true), height: view.getUint16(8, true), extension: 'gif'}
  if (b.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return webpSize(b, view)
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegSize(b, view)
  return undefined
}

function webpSize(b: Uint8Array, view: DataView): Size | undefined {
  const chunk = String.fromCharCode(...b.subarray(12, 16))
  if (chunk === 'VP8X')
    return {
      width: 1 + (view.getUint32(24, true) & 0xffffff),
      height: 1 + (view.getUint32(27, true) & 0xffffff),
      extension: 'webp',
    }
  if (chunk === 'VP8 ')
    return {
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
      extension: 'webp',
    }
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true)
    return {width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff), extension: 'webp'}
  }
  return undefined
}

/** Walks the JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(b: Uint8Array, view: DataView): Size | undefined {
  let offset = 2
  while (offset + 9 < b.length) {
    if (b[offset] !== 0xff) return undefined
    const marker = b[offset + 1] ?? 0
    const length = view.getUint16(offset + 2)
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
    if (isFrame)
      return {
        height: view.getUint16(offset + 5),
        width: view.getUint16(offset + 7),
        extension: 'jpg',
      }
    offset += 2 + length
  }
  return undefined
}
