import {rename, rm} from 'node:fs/promises'
import {isCode} from '../lib/atomic.ts'

/**
 * Trees the bench is done with, removed only when it ends. On a file system
 * mounted with online discard (as this machine's ext4 is), removing tens of
 * thousands of files makes every file created in the following seconds several
 * times slower, so a removal between measures would be charged to the next one.
 */
const pending: string[] = []

export function discardLater(path: string): void {
  pending.push(path)
}

/** Moves a tree out of the way at once (a rename), to be removed at the end. */
export async function setAside(path: string): Promise<void> {
  const aside = `${path}.old-${process.pid}-${pending.length}`
  try {
    await rename(path, aside)
  } catch (error) {
    if (isCode(error, 'ENOENT')) return
    throw error
  }
  discardLater(aside)
}

export async function emptyTrash(): Promise<void> {
  for (const path of pending.splice(0)) await rm(path, {recursive: true, force: true})
}
