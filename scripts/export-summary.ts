/**
 * Turns the export's `--json` summary into markdown for the GitHub job
 * summary, so an operator sees what a scheduled run did without opening logs.
 * Usage: node scripts/export-summary.ts <summary.json>
 */
import {readFileSync} from 'node:fs'
import type {DocLine, RunSummary} from './export/summary.ts'

const MAX_ROWS = 50

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function docTable(title: string, docs: readonly DocLine[], withReason: boolean): string[] {
  if (docs.length === 0) return []
  const out = [`### ${title} (${docs.length})`, '']
  out.push(withReason ? '| Document | Field | Problem |' : '| Post | File |')
  out.push(withReason ? '| --- | --- | --- |' : '| --- | --- |')
  for (const doc of docs.slice(0, MAX_ROWS)) {
    const name = doc.slug ? `${doc.id} (${doc.slug})` : doc.id
    if (withReason)
      out.push(`| ${cell(name)} | ${cell(doc.field ?? '')} | ${cell(doc.reason ?? '')} |`)
    else {
      const moved = doc.previousPath ? ` (moved from ${doc.previousPath})` : ''
      out.push(`| ${cell(name)} | ${cell((doc.path ?? '') + moved)} |`)
    }
  }
  if (docs.length > MAX_ROWS) out.push('', `… and ${docs.length - MAX_ROWS} more.`)
  out.push('')
  return out
}

export function summaryMarkdown(summary: RunSummary): string {
  const {counts} = summary
  const status = summary.exitCode === 0 ? '✅ Export succeeded' : '❌ Export finished with problems'
  const out = [
    `## ${status}`,
    '',
    `Source \`${summary.source}\` → \`${summary.blog}\` (${summary.layout} layout, ${summary.mode}).`,
    '',
    '| Created | Updated | Deleted | Unchanged | Failed | Conflicts | Warnings |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${counts.created} | ${counts.updated} | ${counts.deleted} | ${counts.unchanged} | ${counts.failed} | ${counts.conflicts} | ${counts.warnings} |`,
    '',
  ]
  if (summary.nextChange)
    out.push(
      `Next scheduled change: \`${summary.nextChange.slug}\` ${summary.nextChange.change} at ${summary.nextChange.at}.`,
      '',
    )
  if (summary.commit)
    out.push(
      `Committed \`${summary.commit.commit.slice(0, 12)}\` on \`${summary.commit.branch}\`.`,
      '',
    )
  if (summary.push)
    out.push(
      `Pushed to \`${summary.push.remote}/${summary.push.branch}\`${summary.push.rebases > 0 ? ` after ${summary.push.rebases} rebase(s)` : ''}.`,
      '',
    )
  out.push(...docTable('Created', summary.created, false))
  out.push(...docTable('Updated', summary.updated, false))
  out.push(...docTable('Deleted', summary.deleted, false))
  out.push(...docTable('Failed', summary.failed, true))
  out.push(
    ...docTable(
      'Conflicts (edited by hand in the blog repo; rerun with force to overwrite)',
      summary.conflicts,
      true,
    ),
  )
  if (summary.warnings.length > 0) {
    out.push(
      '<details><summary>Warnings</summary>',
      '',
      '| Document | Field | Warning |',
      '| --- | --- | --- |',
    )
    for (const w of summary.warnings.slice(0, MAX_ROWS))
      out.push(`| ${cell(w.id)} | ${cell(w.field)} | ${cell(w.message)} |`)
    out.push('', '</details>', '')
  }
  return out.join('\n')
}

function isRunSummary(value: unknown): value is RunSummary {
  return typeof value === 'object' && value !== null && 'counts' in value && 'exitCode' in value
}

if (import.meta.main) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: node scripts/export-summary.ts <summary.json>')
    process.exit(2)
  }
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    // The export crashed before writing its summary; the step log has the reason.
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  process.stdout.write(
    isRunSummary(parsed)
      ? summaryMarkdown(parsed)
      : '## ❌ Export failed before it could write a summary\n\nSee the log of the “Export” step for the error.\n',
  )
}
