import {EXIT, runImport} from './import/cli.ts'

/** `npm run import -- <file.md|dir>... --out <file.ndjson>`; see --help. */
try {
  process.exitCode = await runImport(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  })
} catch (error) {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`import: unexpected error (please report it): ${detail}\n`)
  process.exitCode = EXIT.files
}
