import {spawn} from 'node:child_process'
import {realpath} from 'node:fs/promises'

/**
 * Running Hugo the way the blog's deploy does, and reading what it says. Hugo's
 * wording changes between versions (`ERROR 2023/03/16 10:00:00 …` in 0.111,
 * `ERROR …` later; `Error: Error building site: …` or `ERROR error building
 * site: …` at the end), so only the parts every version shares are relied on:
 * a level word at the start of a line, and the site's own file paths, with
 * `:line:column` when Hugo knows where.
 */

/**
 * The build command of the blog's deploy workflow (`.github/workflows/hugo.yml`),
 * less its `--baseURL`, plus `--buildFuture`: a post scheduled for later is left
 * out of today's deploy, but the deploy that starts at its time builds it (see
 * scripts/ci/scheduled-deploy.ts), with no one there to see it fail.
 */
export const HUGO_ARGS: readonly string[] = ['--gc', '--minify', '--buildFuture']

/** Ten minutes: a build that takes longer is stuck, and the run must end. */
const BUILD_TIMEOUT_MS = 600_000

/** Environment variables that must never reach the site's templates (`os.Getenv`). */
const SECRETS = ['SANITY_API_READ_TOKEN', 'BLOG_PUSH_TOKEN', 'GITHUB_TOKEN']

export class HugoUnavailableError extends Error {
  override name = 'HugoUnavailableError'
}

export interface HugoPlace {
  /** Site-root relative, e.g. `content/posts/x.md`. */
  file: string
  line?: number
  column?: number
}

export interface HugoMessage {
  level: 'error' | 'warn'
  /** As Hugo printed it, without the time stamp, with the site's paths made relative. */
  text: string
  /** The site files the message names. */
  places: HugoPlace[]
}

export interface HugoBuild {
  ok: boolean
  messages: HugoMessage[]
}

/** The Hugo to build with, and its version. */
export interface Hugo {
  bin: string
  version: string
}

/** `--hugo`, else the HUGO variable, else `hugo` on PATH; throws when it cannot be run. */
export async function findHugo(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<Hugo> {
  const bin = flag ?? (env['HUGO'] || 'hugo')
  return {bin, version: await hugoVersion(bin, env)}
}

/** `v0.111.3+extended`, from `hugo version`; throws when Hugo cannot be run. */
export async function hugoVersion(bin: string, env: NodeJS.ProcessEnv): Promise<string> {
  let result: {code: number | null; output: string}
  try {
    result = await run(bin, ['version'], process.cwd(), env, 30_000)
  } catch (error) {
    throw new HugoUnavailableError(
      `cannot run Hugo ("${bin}"): ${(error as Error).message}; install Hugo, or name it with --hugo <path> or the HUGO variable`,
    )
  }
  const first = result.output.trim().split('\n')[0] ?? ''
  if (result.code !== 0 || !/hugo/i.test(first))
    throw new HugoUnavailableError(`"${bin} version" did not answer as Hugo does: ${first}`)
  return /\bv\d+\.\d+\.\d+\S*/.exec(first)?.[0] ?? first
}

/** Builds the site in `siteDir` (a scratch copy: Hugo writes `public/` and caches into it). */
export async function buildSite(
  bin: string,
  siteDir: string,
  env: NodeJS.ProcessEnv,
): Promise<HugoBuild> {
  const clean: NodeJS.ProcessEnv = {...env, HUGO_ENVIRONMENT: 'production', HUGO_ENV: 'production'}
  for (const name of SECRETS) delete clean[name]
  let result: {code: number | null; output: string}
  try {
    result = await run(bin, HUGO_ARGS, siteDir, clean, BUILD_TIMEOUT_MS)
  } catch (error) {
    throw new HugoUnavailableError(`cannot run Hugo ("${bin}"): ${(error as Error).message}`)
  }
  const messages = parseHugoOutput(result.output, [siteDir, await realpath(siteDir)])
  const failed = result.code !== 0 || messages.some((message) => message.level === 'error')
  if (failed && !messages.some((message) => message.level === 'error'))
    messages.push({level: 'error', text: exitText(result), places: []})
  return {ok: !failed, messages}
}

function exitText(result: {code: number | null; output: string}): string {
  const tail = result.output.trim().split('\n').slice(-3).join(' ').trim()
  const how = result.code === null ? 'was stopped' : `exited with code ${result.code}`
  return `hugo ${how}${tail === '' ? '' : `: ${tail}`}`
}

const LEVEL = /^(ERROR|WARN)\s+(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\s+)?(.*)$/
const FINAL = /^Error: (.*)$/
const BUILDING_SITE = /^(?:error building site|Error building site): /
/** Hugo's closing count of the errors it already printed. */
const COUNT_ONLY = /^logged \d+ error\(s\)$/

/** Hugo's ERROR and WARN lines, in order; `siteDirs` are the ways the site's path may be spelled. */
export function parseHugoOutput(output: string, siteDirs: readonly string[]): HugoMessage[] {
  const messages: HugoMessage[] = []
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trimEnd()
    const leveled = LEVEL.exec(line)
    const final = leveled === null ? FINAL.exec(line) : null
    const body = leveled?.[2] ?? final?.[1]
    if (body === undefined) continue
    const text = body.replace(BUILDING_SITE, '').trim()
    const level = leveled?.[1] === 'WARN' ? 'warn' : 'error'
    messages.push(located(level, text, siteDirs))
  }
  const errors = messages.filter((message) => message.level === 'error')
  if (errors.some((message) => !COUNT_ONLY.test(message.text)))
    return messages.filter((message) => !COUNT_ONLY.test(message.text))
  return messages
}

function located(level: HugoMessage['level'], text: string, siteDirs: readonly string[]) {
  const places: HugoPlace[] = []
  let relative = text
  for (const dir of [...new Set(siteDirs)].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`${escapeRegExp(dir)}/([^\\s"':]+)(?::(\\d+))?(?::(\\d+))?`, 'g')
    relative = relative.replace(pattern, (_, file: string, line?: string, column?: string) => {
      const place: HugoPlace = {file}
      if (line !== undefined) place.line = Number(line)
      if (column !== undefined) place.column = Number(column)
      places.push(place)
      return `${file}${line === undefined ? '' : `:${line}`}${column === undefined ? '' : `:${column}`}`
    })
  }
  return {level, text: relative, places}
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function run(
  bin: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{code: number | null; output: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, output: Buffer.concat(chunks).toString('utf8')}))
  })
}
