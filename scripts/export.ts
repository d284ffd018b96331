/** `npm run export -- [options]`; see --help. */

// File writes go through the thread pool; more threads keep several in flight. This
// must be set before the first asynchronous file operation starts the thread pool,
// hence the dynamic imports below.
process.env['UV_THREADPOOL_SIZE'] ??= '16'

const {scrub} = await import('./lib/git.ts')
const {EXIT} = await import('./export/cli.ts')
const {runExport} = await import('./export/run.ts')

try {
  const result = await runExport(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  })
  process.exitCode = result.exitCode
} catch (error) {
  const env = process.env
  const secrets = [
    env['SANITY_API_READ_TOKEN'],
    env['GITHUB_TOKEN'],
    env['BLOG_PUSH_TOKEN'],
  ].filter((value): value is string => typeof value === 'string' && value !== '')
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`export: unexpected error (please report it): ${scrub(detail, secrets)}\n`)
  process.exitCode = EXIT.internal
}

// The run is over: exit as soon as stdout and stderr are flushed. A request that
// timed out can leave its connection open when the server never answers, which
// alone would keep the process (and a scheduled job) waiting for ever; and letting
// a big run end by itself tears its heap down first, which took 0.7 s after a
// 10,000-post export. The timer is a backstop should a stream never drain.
process.stdout.write('', () => process.stderr.write('', () => process.exit()))
setTimeout(() => process.exit(), 2000).unref()
