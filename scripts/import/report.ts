/**
 * What the importer did with every part of a post: each front-matter key and
 * each markdown block, with the field path it went to. Content that could not
 * go where it was written says where it went instead and why; nothing is
 * dropped without an entry here.
 */

export interface ReportEntry {
  /** 1-based line in the source file. */
  line: number
  /** What was read, e.g. `## Core Components`, `paragraph`, `front matter: title`. */
  source: string
  /** The field path it was stored at, e.g. `components[0].purpose`, or a `(…)` explanation when not stored. */
  target: string
  /** Why it is not where the archetype would put it, or what was changed on the way. */
  note?: string
}

export type ImageResolution =
  /** A local file, copied next to the NDJSON and uploaded by `sanity dataset import`. */
  | 'file'
  /** Already an asset of this project (named by its SHA-1), referenced as is. */
  | 'asset'
  /** On another site: kept as its address. */
  | 'remote'
  /** Not found: kept as its address, as written. */
  | 'missing'

export interface ImageEntry {
  line: number
  /** As written in the post. */
  src: string
  resolution: ImageResolution
  /** The local file it was read from, for `file`. */
  file?: string
  /** The `_sanityAsset` value or asset id written into the document. */
  asset?: string
}

export interface FileReport {
  file: string
  status: 'imported' | 'failed'
  error?: string
  documentId?: string
  type?: string
  slug?: string
  entries: ReportEntry[]
  images: ImageEntry[]
}

export interface RunReport {
  files: FileReport[]
  output?: string
  dryRun: boolean
}

/** The human-readable report printed by the CLI. */
export function formatReport(report: RunReport): string {
  const lines: string[] = []
  for (const file of report.files) {
    if (file.status === 'failed') {
      lines.push(`✗ ${file.error ?? file.file}`)
      continue
    }
    lines.push(`✓ ${file.file} → ${file.type} ${file.documentId}`)
    for (const entry of file.entries) {
      const note = entry.note ? `  (${entry.note})` : ''
      lines.push(`    ${String(entry.line).padStart(4)}  ${entry.source} → ${entry.target}${note}`)
    }
    for (const image of file.images) {
      const where = image.file ? ` from ${image.file}` : ''
      lines.push(
        `    ${String(image.line).padStart(4)}  image ${image.src}: ${image.resolution}${where}`,
      )
    }
  }
  const failed = report.files.filter((file) => file.status === 'failed').length
  const imported = report.files.length - failed
  const written = report.dryRun
    ? 'dry run, nothing written'
    : imported === 0
      ? 'nothing written'
      : `written to ${report.output}`
  lines.push(`${imported} imported, ${failed} failed (${written})`)
  return `${lines.join('\n')}\n`
}
