/**
 * A file that cannot be imported at all. It names the file and, where the
 * parser knows it, the line, so the author can open the file at the fault.
 */
export class ImportError extends Error {
  override name = 'ImportError'
  file: string
  line: number | undefined
  column: number | undefined

  constructor(file: string, message: string, position: {line?: number; column?: number} = {}) {
    const where =
      position.line === undefined
        ? file
        : `${file}:${position.line}${position.column === undefined ? '' : `:${position.column}`}`
    super(`${where}: ${message}`)
    this.file = file
    this.line = position.line
    this.column = position.column
  }
}
