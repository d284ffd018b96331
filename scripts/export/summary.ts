import {describeChange, type ScheduledChange} from '../lib/schedule.ts'
import type {CommitResult, PushResult} from './commit.ts'
import type {DocReport, Plan} from './plan.ts'

export interface RunSummary {
  source: string
  blog: string
  layout: string
  mode: 'write' | 'dry-run' | 'check'
  counts: {
    created: number
    updated: number
    deleted: number
    unchanged: number
    failed: number
    conflicts: number
    warnings: number
  }
  created: DocLine[]
  updated: DocLine[]
  deleted: DocLine[]
  failed: DocLine[]
  conflicts: DocLine[]
  warnings: {id: string; field: string; message: string}[]
  files: {written: string[]; deleted: string[]}
  manifestChanged: boolean
  /** Temp files of an interrupted run that were removed first. */
  cleanedUp: string[]
  /**
   * The next moment the site changes with no commit (a post appears or goes), from
   * the manifest as this run leaves it; null when none is scheduled.
   */
  nextChange: ScheduledChange | null
  commit: CommitResult | null
  push: PushResult | null
  /** Why the commit or push failed (exit code 4); the files were written. */
  gitError: string | null
  exitCode: number
}

export interface DocLine {
  id: string
  slug: string | null
  path: string | null
  previousPath?: string
  reason?: string
  field?: string
}

function line(report: DocReport): DocLine {
  const out: DocLine = {id: report.id, slug: report.slug, path: report.path}
  if (report.previousPath !== undefined) out.previousPath = report.previousPath
  if (report.reason !== undefined) out.reason = report.reason
  if (report.field !== undefined) out.field = report.field
  return out
}

export function summarize(
  plan: Plan,
  base: Pick<
    RunSummary,
    'source' | 'blog' | 'layout' | 'mode' | 'manifestChanged' | 'cleanedUp' | 'nextChange'
  >,
): RunSummary {
  const by = (status: DocReport['status']) =>
    plan.reports.filter((report) => report.status === status).map(line)
  const warnings = plan.reports.flatMap((report) =>
    report.warnings.map((warning) => ({
      id: report.id,
      field: warning.pathString,
      message: warning.message,
    })),
  )
  const created = by('created')
  const updated = by('updated')
  const deleted = by('deleted')
  const failed = by('failed')
  const conflicts = by('conflict')
  return {
    ...base,
    counts: {
      created: created.length,
      updated: updated.length,
      deleted: deleted.length,
      unchanged: plan.reports.filter((report) => report.status === 'unchanged').length,
      failed: failed.length,
      conflicts: conflicts.length,
      warnings: warnings.length,
    },
    created,
    updated,
    deleted,
    failed,
    conflicts,
    warnings,
    files: {
      written: plan.writes.map((write) => write.path),
      deleted: plan.deletes.map((remove) => remove.path),
    },
    commit: null,
    push: null,
    gitError: null,
    exitCode: 0,
  }
}

const NAMES_SHOWN = 6
const DETAILS_SHOWN = 12

function names(list: readonly DocLine[]): string {
  const shown = list.slice(0, NAMES_SHOWN).map((doc) => {
    const name = doc.slug ?? doc.id
    return doc.previousPath === undefined ? name : `${name} (moved from ${doc.previousPath})`
  })
  const more = list.length - shown.length
  return more > 0 ? `${shown.join(', ')}, … ${more} more` : shown.join(', ')
}

function row(label: string, count: number, detail = ''): string {
  return `  ${label.padEnd(10)}${String(count).padStart(6)}${detail === '' ? '' : `  ${detail}`}`
}

/** The one-screen report printed at the end of a run. */
export function formatSummary(summary: RunSummary): string {
  const out: string[] = []
  const mode =
    summary.mode === 'dry-run'
      ? ' (dry run: nothing written)'
      : summary.mode === 'check'
        ? ' (check: nothing written)'
        : ''
  out.push(`Export ${summary.source} → ${summary.blog} (${summary.layout} layout)${mode}`)
  if (summary.cleanedUp.length > 0)
    out.push(`  removed ${summary.cleanedUp.length} temp file(s) left by an interrupted run`)
  const {counts} = summary
  out.push(row('created', counts.created, names(summary.created)))
  out.push(row('updated', counts.updated, names(summary.updated)))
  out.push(row('deleted', counts.deleted, names(summary.deleted)))
  out.push(row('unchanged', counts.unchanged))
  const problems = [...summary.failed, ...summary.conflicts]
  out.push(row('skipped', problems.length))
  for (const doc of problems.slice(0, DETAILS_SHOWN)) {
    const name = doc.slug === null ? doc.id : `${doc.id} (${doc.slug})`
    const field = doc.field === undefined ? '' : ` [${doc.field}]`
    const kind = summary.conflicts.includes(doc) ? 'conflict' : 'error'
    out.push(`    ${kind}: ${name}${field}: ${doc.reason ?? ''}`)
  }
  if (problems.length > DETAILS_SHOWN)
    out.push(`    … ${problems.length - DETAILS_SHOWN} more (see --json)`)
  if (counts.warnings > 0) {
    out.push(row('warnings', counts.warnings))
    for (const warning of summary.warnings.slice(0, DETAILS_SHOWN))
      out.push(`    ${warning.id} ${warning.field}: ${warning.message}`)
    if (counts.warnings > DETAILS_SHOWN)
      out.push(`    … ${counts.warnings - DETAILS_SHOWN} more (see --json)`)
  }
  if (summary.nextChange !== null)
    out.push(`Next scheduled change: ${describeChange(summary.nextChange)}.`)
  if (summary.commit !== null)
    out.push(`Committed ${summary.commit.commit.slice(0, 12)} on ${summary.commit.branch}.`)
  if (summary.gitError !== null) out.push(`Git failed, the files are written: ${summary.gitError}`)
  if (summary.push !== null) {
    const rebased = summary.push.rebases > 0 ? ` after rebasing ${summary.push.rebases}×` : ''
    out.push(`Pushed to ${summary.push.remote}/${summary.push.branch}${rebased}.`)
  }
  return `${out.join('\n')}\n`
}
