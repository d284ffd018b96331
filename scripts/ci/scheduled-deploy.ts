/**
 * The scheduled run's second reason to act. A post appears at its publish date and
 * goes at its expiry date, but Hugo only sees that when the site is built, and the
 * blog builds on a push to main. When such a moment has passed since the blog's
 * deploy workflow last started, this starts it (a `workflow_dispatch`), though no
 * file changed.
 *
 * Usage: node scripts/ci/scheduled-deploy.ts <blog-dir>
 * Env: BLOG_REPOSITORY (owner/name); BLOG_DEPLOY_TOKEN, a token with Actions: read
 * and write on the blog repo; BLOG_DEPLOY_WORKFLOW (default hugo.yml) and
 * BLOG_DEPLOY_BRANCH (default main); GITHUB_API_URL (set by Actions); and, for
 * tests only, SANITY_EXPORT_NOW (see scripts/lib/schedule.ts).
 * Exit codes: 0 done (started or not needed), 1 GitHub refused or could not be
 * reached, 2 usage or configuration error, 70 internal error.
 *
 * It reads the manifest from the checked-out blog and calls GitHub with Node's own
 * fetch, so it runs before anything is installed.
 */
import {appendFileSync} from 'node:fs'
import {MANIFEST_FILE, ManifestError, readManifest} from '../export/manifest.ts'
import {
  ClockError,
  changesBetween,
  describeChange,
  nextChange,
  readClock,
  type ScheduledChange,
} from '../lib/schedule.ts'

type Env = Record<string, string | undefined>
type Fetch = typeof fetch

class Refused extends Error {
  override name = 'Refused'
}

class Usage extends Error {
  override name = 'Usage'
}

interface Target {
  api: string
  repository: string
  workflow: string
  branch: string
  token: string
}

function target(env: Env): Target {
  const repository = env['BLOG_REPOSITORY'] ?? ''
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new Usage(`BLOG_REPOSITORY must be the blog's owner/name, got "${repository}"`)
  const token = env['BLOG_DEPLOY_TOKEN'] ?? ''
  if (token === '')
    throw new Usage(
      `BLOG_DEPLOY_TOKEN is not set: starting the deploy needs a token with Actions: read and write on ${repository}`,
    )
  return {
    api: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
    repository,
    workflow: env['BLOG_DEPLOY_WORKFLOW'] || 'hugo.yml',
    branch: env['BLOG_DEPLOY_BRANCH'] || 'main',
    token,
  }
}

async function github(
  fetchFn: Fetch,
  to: Target,
  path: string,
  init: {method: 'GET' | 'POST'; body?: unknown},
): Promise<unknown> {
  const url = `${to.api}/repos/${to.repository}/actions/workflows/${encodeURIComponent(to.workflow)}/${path}`
  const response = await fetchFn(url, {
    method: init.method,
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${to.token}`,
      'X-GitHub-Api-Version': '2022-11-28',
      'User-Agent': 'hugo-blog-studio-scheduled-deploy',
      ...(init.body === undefined ? {} : {'Content-Type': 'application/json'}),
    },
    ...(init.body === undefined ? {} : {body: JSON.stringify(init.body)}),
    signal: AbortSignal.timeout(30_000),
  })
  const text = await response.text()
  const answer = parsed(text)
  if (response.ok && answer !== NOT_JSON) return answer
  const said = (answer as {message?: unknown} | undefined)?.message
  const hint =
    response.status === 403 || response.status === 404
      ? ' (does the token have Actions: read and write on the blog repo, and does the workflow exist?)'
      : ''
  throw new Refused(
    `GitHub answered ${response.status} to ${init.method} ${url}: ${typeof said === 'string' ? said : text.slice(0, 300)}${hint}`,
  )
}

const NOT_JSON = Symbol('not JSON')

function parsed(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}

/** When the deploy workflow's latest run on the branch was created, if it ever ran. */
async function lastDeployStarted(fetchFn: Fetch, to: Target): Promise<number | undefined> {
  const query = `runs?branch=${encodeURIComponent(to.branch)}&per_page=1`
  const answer = (await github(fetchFn, to, query, {method: 'GET'})) as {
    workflow_runs?: {created_at?: unknown}[]
  }
  const created = answer.workflow_runs?.[0]?.created_at
  return typeof created === 'string' ? Date.parse(created) : undefined
}

function list(changes: readonly ScheduledChange[]): string {
  return changes.map(describeChange).join('; ')
}

/**
 * Starts the deploy when a scheduled change has come due since it last started.
 * Moments before the manifest's `since` (the newest edit of the last full export)
 * are left out without asking GitHub: that export's push started a deploy after them.
 */
export async function scheduledDeploy(
  blogDir: string,
  env: Env,
  fetchFn: Fetch = fetch,
): Promise<{message: string; started: ScheduledChange[]}> {
  const say = (message: string, started: ScheduledChange[] = []) => ({message, started})
  const manifest = await readManifest(blogDir)
  if (manifest === undefined)
    return say(
      `No ${MANIFEST_FILE} in ${blogDir}: nothing has been exported, so nothing is scheduled.`,
    )
  const now = readClock(env)
  const since = manifest.since === null ? null : Date.parse(manifest.since)
  const passed = changesBetween(manifest.documents, since, now)
  const next = nextChange(manifest.documents, now)
  const upcoming = next === null ? '' : ` Next: ${describeChange(next)}.`
  if (passed.length === 0)
    return say(`No scheduled change has come due since the last export.${upcoming}`)
  const to = target(env)
  const started = await lastDeployStarted(fetchFn, to)
  const due = passed.filter((change) => started === undefined || Date.parse(change.at) > started)
  if (due.length === 0)
    return say(
      `The deploy started at ${new Date(started ?? 0).toISOString()} covers ${list(passed)}.${upcoming}`,
    )
  await github(fetchFn, to, 'dispatches', {method: 'POST', body: {ref: to.branch}})
  return say(
    `Started ${to.workflow} on ${to.repository}@${to.branch} for ${list(due)}.${upcoming}`,
    due,
  )
}

/** The exit code for what went wrong, with a message that never holds the token. */
export function failure(error: unknown, env: Env): {exitCode: number; message: string} {
  const token = env['BLOG_DEPLOY_TOKEN'] ?? ''
  const clean = (text: string) => (token === '' ? text : text.split(token).join('***'))
  if (error instanceof Usage || error instanceof ClockError || error instanceof ManifestError)
    return {exitCode: 2, message: clean(error.message)}
  if (error instanceof Refused) return {exitCode: 1, message: clean(error.message)}
  // fetch fails with a TypeError naming its cause, and times out with a DOMException.
  if (error instanceof TypeError || error instanceof DOMException) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
    return {exitCode: 1, message: clean(`could not reach GitHub: ${error.message}${cause}`)}
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return {exitCode: 70, message: clean(`unexpected error (please report it): ${detail}`)}
}

if (import.meta.main) {
  const blogDir = process.argv[2]
  if (blogDir === undefined) {
    process.stderr.write('usage: node scripts/ci/scheduled-deploy.ts <blog-dir>\n')
    process.exit(2)
  }
  try {
    const {message, started} = await scheduledDeploy(blogDir, process.env)
    process.stdout.write(`${message}\n`)
    const summary = process.env['GITHUB_STEP_SUMMARY']
    if (started.length > 0 && summary)
      appendFileSync(summary, `## Scheduled deploy started\n\n${message}\n\n`)
  } catch (error) {
    const {exitCode, message} = failure(error, process.env)
    process.stderr.write(`scheduled-deploy: ${message}\n`)
    process.exitCode = exitCode
  }
}
