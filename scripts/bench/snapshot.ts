import {cp, mkdir, rm, symlink} from 'node:fs/promises'
import {join} from 'node:path'

/**
 * A copy of the code under measurement, taken when the bench starts. Others keep
 * editing the working tree during a half-hour run; without the copy, a no-op run
 * could meet a converter changed since the full export and re-render everything.
 * Kept outside the project so the type checker and linter never see it; packages
 * resolve through a link to the project's node_modules.
 */
const ROOT = join(import.meta.dirname, '..', '..')

const COPIED = [
  'converter',
  'schemas',
  'scripts',
  'test/fixtures',
  'hugo-export.config.ts',
  'sanity.types.ts',
  'package.json',
]

export async function snapshotProject(target: string): Promise<string> {
  await rm(target, {recursive: true, force: true})
  await mkdir(target, {recursive: true})
  for (const path of COPIED)
    await cp(join(ROOT, path), join(target, path), {recursive: true, force: true})
  await symlink(join(ROOT, 'node_modules'), join(target, 'node_modules'), 'dir')
  return target
}
