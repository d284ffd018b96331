/**
 * Draws the small flat illustrations used by the sample dataset and writes them
 * to sample-data/images/ under the name `sanity dataset export` gives assets:
 * `<sha1 of the bytes>-<W>x<H>.png`. Files are named by their bytes, so the
 * committed PNGs are the source of truth; the sample posts reference them by
 * those names, and the dataset builder checks that each one exists.
 *
 * Run: npx node scripts/make-sample-images.ts
 */
import {createHash} from 'node:crypto'
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {deflateSync} from 'node:zlib'

type Rgb = readonly [number, number, number]

interface Rect {
  x: number
  y: number
  w: number
  h: number
  color: number
}

interface Drawing {
  id: string
  width: number
  height: number
  palette: readonly Rgb[]
  background: number
  rects: readonly Rect[]
}

const CRC_TABLE = Array.from({length: 256}, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** An 8-bit palette PNG: flat shapes compress to a few kilobytes. */
export function encodePng(d: Drawing): Buffer {
  const pixels = Buffer.alloc(d.width * d.height, d.background)
  for (const r of d.rects) {
    for (let y = Math.max(0, r.y); y < Math.min(d.height, r.y + r.h); y++)
      pixels.fill(
        r.color,
        y * d.width + Math.max(0, r.x),
        y * d.width + Math.min(d.width, r.x + r.w),
      )
  }
  const raw = Buffer.alloc((d.width + 1) * d.height)
  for (let y = 0; y < d.height; y++)
    pixels.copy(raw, y * (d.width + 1) + 1, y * d.width, (y + 1) * d.width)
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(d.width, 0)
  ihdr.writeUInt32BE(d.height, 4)
  ihdr.set([8, 3, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(d.palette.flat())),
    chunk('IDAT', deflateSync(raw, {level: 9})),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** A framed box with a darker header strip, the building block of every drawing. */
function box(x: number, y: number, w: number, h: number, fill: number, edge: number): Rect[] {
  return [
    {x, y, w, h, color: edge},
    {x: x + 4, y: y + 4, w: w - 8, h: h - 8, color: fill},
    {x: x + 4, y: y + 4, w: w - 8, h: Math.min(24, h - 8), color: edge},
  ]
}

const arrowRight = (x: number, y: number, len: number, color: number): Rect[] => [
  {x, y: y - 2, w: len, h: 5, color},
  {x: x + len - 6, y: y - 8, w: 6, h: 17, color},
]

const arrowDown = (x: number, y: number, len: number, color: number): Rect[] => [
  {x: x - 2, y, w: 5, h: len, color},
  {x: x - 8, y: y + len - 6, w: 17, h: 6, color},
]

const INK: readonly Rgb[] = [
  [246, 244, 239], // 0 paper
  [32, 41, 56], // 1 ink
  [74, 111, 165], // 2 blue
  [214, 228, 246], // 3 pale blue
  [222, 120, 72], // 4 orange
  [252, 226, 208], // 5 pale orange
  [88, 150, 110], // 6 green
  [216, 238, 222], // 7 pale green
]

/** Cover: clients → gateway → limiter nodes → shared counter store. */
const rateLimiterCover: Drawing = {
  id: 'rate-limiter-cover',
  width: 1200,
  height: 630,
  palette: INK,
  background: 0,
  rects: [
    ...[0, 1, 2].flatMap((i) => box(80, 120 + i * 150, 180, 100, 3, 2)),
    ...[0, 1, 2].flatMap((i) => arrowRight(260, 170 + i * 150, 120, 1)),
    ...box(380, 120, 200, 400, 5, 4),
    ...[0, 1, 2].flatMap((i) => arrowRight(580, 170 + i * 150, 110, 1)),
    ...[0, 1, 2].flatMap((i) => box(690, 120 + i * 150, 180, 100, 7, 6)),
    ...[0, 1, 2].flatMap((i) => arrowRight(870, 170 + i * 150, 90, 1)),
    ...box(960, 220, 160, 200, 3, 1),
    {x: 0, y: 590, w: 1200, h: 40, color: 1},
  ],
}

/** Token bucket: a bucket with a refill tap above and a drain below. */
const tokenBucket: Drawing = {
  id: 'token-bucket',
  width: 800,
  height: 400,
  palette: INK,
  background: 0,
  rects: [
    {x: 360, y: 20, w: 80, h: 40, color: 2},
    ...arrowDown(400, 60, 60, 2),
    {x: 280, y: 130, w: 12, h: 200, color: 1},
    {x: 508, y: 130, w: 12, h: 200, color: 1},
    {x: 280, y: 318, w: 240, h: 12, color: 1},
    ...[0, 1, 2, 3, 4, 5].map((i) => ({x: 300 + i * 34, y: 276, w: 26, h: 34, color: 6})),
    ...[0, 1, 2, 3].map((i) => ({x: 317 + i * 34, y: 236, w: 26, h: 34, color: 6})),
    ...arrowRight(520, 300, 180, 4),
    ...box(700, 260, 80, 80, 5, 4),
  ],
}

/** URL shortener: a hash ring of ID ranges feeding a key-value store. */
const urlShortenerCover: Drawing = {
  id: 'url-shortener-cover',
  width: 1200,
  height: 630,
  palette: INK,
  background: 0,
  rects: [
    ...box(100, 240, 220, 150, 3, 2),
    ...arrowRight(320, 315, 140, 1),
    ...box(460, 140, 280, 350, 7, 6),
    ...arrowRight(740, 315, 140, 1),
    ...[0, 1, 2, 3].flatMap((i) => box(880, 110 + i * 110, 220, 90, 5, 4)),
    {x: 0, y: 590, w: 1200, h: 40, color: 2},
  ],
}

/** Distributed cache: application servers over a row of cache shards over a database. */
const distributedCacheCover: Drawing = {
  id: 'distributed-cache-cover',
  width: 1200,
  height: 630,
  palette: INK,
  background: 0,
  rects: [
    ...[0, 1, 2, 3].flatMap((i) => box(120 + i * 250, 60, 200, 110, 3, 2)),
    ...[0, 1, 2, 3].flatMap((i) => arrowDown(220 + i * 250, 170, 70, 1)),
    ...[0, 1, 2, 3].flatMap((i) => box(120 + i * 250, 240, 200, 130, 5, 4)),
    ...[0, 1, 2, 3].flatMap((i) => arrowDown(220 + i * 250, 370, 70, 1)),
    ...box(120, 440, 950, 120, 7, 6),
    {x: 0, y: 600, w: 1200, h: 30, color: 4},
  ],
}

/** Notification fan-out: one event splitting into many device queues. */
const notificationCover: Drawing = {
  id: 'notification-fanout-cover',
  width: 1200,
  height: 630,
  palette: INK,
  background: 0,
  rects: [
    ...box(80, 250, 200, 130, 5, 4),
    ...arrowRight(280, 315, 120, 1),
    ...box(400, 200, 240, 230, 3, 2),
    ...[0, 1, 2, 3, 4].flatMap((i) => arrowRight(640, 110 + i * 105, 180, 1)),
    ...[0, 1, 2, 3, 4].flatMap((i) => box(820, 70 + i * 105, 300, 80, 7, 6)),
    {x: 0, y: 600, w: 1200, h: 30, color: 6},
  ],
}

export const DRAWINGS: readonly Drawing[] = [
  rateLimiterCover,
  tokenBucket,
  urlShortenerCover,
  distributedCacheCover,
  notificationCover,
]

/** `<sha1>-<W>x<H>.png`, the name `sanity dataset export` gives an image asset. */
export function assetFileName(d: Drawing, bytes: Uint8Array): string {
  return `${createHash('sha1').update(bytes).digest('hex')}-${d.width}x${d.height}.png`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'sample-data', 'images')
  mkdirSync(outDir, {recursive: true})
  for (const d of DRAWINGS) {
    const bytes = encodePng(d)
    const name = assetFileName(d, bytes)
    writeFileSync(join(outDir, name), bytes)
    console.log(`${d.id}\t${name}\t${bytes.length} bytes`)
  }
}
