import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {exportScriptFlags} from '../../scripts/bench/export-runs.ts'

describe('the flags the bench starts the exporter with', () => {
  it("are the export script's, so the bench measures what npm run export runs", () => {
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
    )
    expect(exportScriptFlags(pkg.scripts.export)).toEqual([
      '--max-semi-space-size=8',
      '--no-parallel-scavenge',
    ])
  })

  it('are read from any script of that shape, and refuse another', () => {
    expect(exportScriptFlags('node scripts/export.mjs')).toEqual([])
    expect(exportScriptFlags(' node  --a=1 --b scripts/export.mjs ')).toEqual(['--a=1', '--b'])
    expect(() => exportScriptFlags('tsx scripts/export.ts')).toThrow(
      'the export script is not "node [flags] scripts/export.mjs": tsx scripts/export.ts',
    )
  })
})
