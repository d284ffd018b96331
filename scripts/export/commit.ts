import {access, mkdtemp, readFile, realpath, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {GitError, git} from '../lib/git.ts'
import {storedAs} from '../lib/hash.ts'
import {MANIFEST_FILE, type Manifest, ManifestError, parseManifest} from './manifest.ts'
import type {DocReport} from './plan.ts'

const EMPTY_TREE_CHECK = /^[0-9a-f]{40,64}$/

export interface CommitOptions {
  blogDir: string
  /** Site-root relative paths the run wrote or deleted, and the manifest. */
  paths: readonly string[]
  message: string
  author: {name: string; email: string}
  /** Run the blog repo's pre-commit and commit-msg hooks, as `git commit` would (default true). */
  hooks?: boolean
}

export interface CommitResult {
  commit: string
  branch: string
}

/** Where the blog dir sits in its repository. */
async function repository(blogDir: string): Promise<{top: string; prefix: string}> {
  let top: string
  try {
    top = (await git(['rev-parse', '--show-toplevel'], {cwd: blogDir})).stdout.trim()
  } catch (error) {
    if (error instanceof GitError)
      throw new GitError(
        error.args,
        error.exitCode,
        '',
        `${blogDir} is not inside a git repository; --commit needs one`,
      )
    throw error
  }
  // git names the top folder by its real path: a blog dir reached through a link is too.
  const prefix = relative(top, await realpath(blogDir))
  return {top, prefix: prefix === '' ? '' : `${prefix}/`}
}

async function head(cwd: string): Promise<string | undefined> {
  try {
    return (await git(['rev-parse', '--verify', '-q', 'HEAD'], {cwd})).stdout.trim()
  } catch {
    return undefined
  }
}

async function currentBranch(cwd: string): Promise<string> {
  try {
    return (await git(['symbolic-ref', '--short', '-q', 'HEAD'], {cwd})).stdout.trim()
  } catch {
    throw new GitError(
      ['symbolic-ref', 'HEAD'],
      1,
      '',
      'the blog repo is not on a branch (detached HEAD); check out the branch to publish to',
    )
  }
}

/**
 * Commits exactly `paths`, whatever else is staged or modified in the person's
 * repo: the commit is built in a private index from HEAD plus those paths, so
 * unrelated work is never swept in. Returns undefined when the paths hold no change.
 *
 * The person's index gets the paths' new content before the branch moves: a run
 * interrupted in between leaves them staged, which the next run commits (and a
 * person's own commit would take along). Moving the branch first left the index with
 * the old content instead, so that a person's next commit reverted the export.
 */
export async function commitPaths(options: CommitOptions): Promise<CommitResult | undefined> {
  const {blogDir} = options
  const {top, prefix} = await repository(blogDir)
  const branch = await currentBranch(top)
  const parent = await head(top)
  const scratch = await mkdtemp(join(tmpdir(), 'sanity-export-index-'))
  const privateIndex = {GIT_INDEX_FILE: join(scratch, 'index')}
  const present: string[] = []
  const gone: string[] = []
  for (const path of new Set(options.paths)) {
    const inRepo = `${prefix}${path}`
    try {
      await access(join(blogDir, path))
      present.push(inRepo)
    } catch {
      gone.push(inRepo)
    }
  }
  const paths = list([...present, ...gone])
  const syncIndex = (ref: string) =>
    git(['reset', '-q', ref, '--pathspec-from-file=-', '--pathspec-file-nul'], {
      cwd: top,
      input: paths,
    })
  try {
    const run = (args: string[], input?: string) =>
      git(args, {cwd: top, env: privateIndex, ...(input === undefined ? {} : {input})})
    await run(parent === undefined ? ['read-tree', '--empty'] : ['read-tree', parent])
    if (gone.length > 0)
      await run(
        [
          'rm',
          '--cached',
          '--ignore-unmatch',
          '-q',
          '--pathspec-from-file=-',
          '--pathspec-file-nul',
        ],
        list(gone),
      )
    if (present.length > 0)
      await run(['add', '--all', '--pathspec-from-file=-', '--pathspec-file-nul'], list(present))
    const hooks = options.hooks ?? true
    if (hooks) await hook(top, 'pre-commit', [], privateIndex)
    const tree = (await run(['write-tree'])).stdout.trim()
    if (!EMPTY_TREE_CHECK.test(tree))
      throw new GitError(['write-tree'], 0, tree, 'unexpected output')
    if (parent !== undefined) {
      const parentTree = (await run(['rev-parse', `${parent}^{tree}`])).stdout.trim()
      if (parentTree === tree) {
        // Committed already, maybe by a run stopped before it set the person's index.
        await syncIndex(parent)
        return undefined
      }
    }
    const message = hooks
      ? await checkedMessage(top, scratch, options.message, privateIndex)
      : options.message
    const identity = {
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_COMMITTER_NAME: options.author.name,
      GIT_COMMITTER_EMAIL: options.author.email,
    }
    const commit = (
      await git(['commit-tree', tree, ...(parent === undefined ? [] : ['-p', parent]), '-F', '-'], {
        cwd: top,
        env: identity,
        input: message,
      })
    ).stdout.trim()
    await syncIndex(commit)
    try {
      // Fails if HEAD moved since it was read, rather than dropping someone's commit.
      await git(
        [
          'update-ref',
          '-m',
          'export: commit posts from Sanity',
          'HEAD',
          commit,
          parent ?? '0'.repeat(40),
        ],
        {cwd: top},
      )
    } catch (error) {
      // The person's index gets the paths back as HEAD has them; the files stay written.
      await syncIndex(parent ?? (await emptyTree(top))).catch(() => undefined)
      throw error
    }
    return {commit, branch}
  } finally {
    await rm(scratch, {recursive: true, force: true})
  }
}

const list = (paths: readonly string[]) => paths.map((path) => `${path}\0`).join('')

async function emptyTree(top: string): Promise<string> {
  return (await git(['hash-object', '-t', 'tree', '--stdin'], {cwd: top, input: ''})).stdout.trim()
}

/**
 * Runs one of the blog repo's hooks as `git commit` runs it (`git hook run`, which
 * honours core.hooksPath), with the private index the commit is built in. A hook that
 * refuses stops the commit; what it printed is in the error.
 */
async function hook(
  top: string,
  name: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<void> {
  try {
    await git(
      ['hook', 'run', '--ignore-missing', name, ...(args.length > 0 ? ['--', ...args] : [])],
      {
        cwd: top,
        env,
      },
    )
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    throw new GitError(
      error.args,
      error.exitCode,
      error.stdout,
      `the blog repo's ${name} hook refused the commit (run with --no-hooks to skip the hooks): ${`${error.stderr}${error.stdout}`.trim()}`,
    )
  }
}

/** The commit message after the commit-msg hook, which may edit it (e.g. add a trailer). */
async function checkedMessage(
  top: string,
  scratch: string,
  message: string,
  env: Record<string, string>,
): Promise<string> {
  const file = join(scratch, 'COMMIT_EDITMSG')
  await writeFile(file, message)
  await hook(top, 'commit-msg', [file], env)
  return readFile(file, 'utf8')
}

/**
 * Exported files that are not committed although they are the export's output, as
 * the manifest records it: left by a run whose commit failed (a detached HEAD, a git
 * error) or that was killed before committing, and which a later run, finding nothing
 * changed, would otherwise never commit. Included: owned files whose bytes are what
 * the manifest recorded (a file that differs is a person's edit and stays out), the
 * manifest itself, and files owned at HEAD that the manifest gave up and that are gone.
 */
export async function uncommittedOutput(blogDir: string, manifest: Manifest): Promise<string[]> {
  const {top, prefix} = await repository(blogDir)
  const owned = new Map<string, string>()
  for (const entry of Object.values(manifest.documents)) {
    owned.set(entry.path, entry.sha256)
    for (const asset of entry.assets) owned.set(asset.path, asset.sha256)
  }
  const released = new Set<string>()
  for (const entry of Object.values((await committedManifest(top, prefix))?.documents ?? {}))
    for (const path of [entry.path, ...entry.assets.map((asset) => asset.path)])
      if (!owned.has(path)) released.add(path)

  const status = await git(
    ['status', '--porcelain', '-z', '--untracked-files=all', '--no-renames'],
    {
      cwd: top,
    },
  )
  const pending: string[] = []
  for (const entry of status.stdout.split('\0')) {
    if (entry.length < 4 || !entry.slice(3).startsWith(prefix)) continue
    const path = entry.slice(3 + prefix.length)
    const hash = owned.get(path)
    if (path === MANIFEST_FILE) pending.push(path)
    else if (hash !== undefined) {
      let bytes: Buffer | undefined
      try {
        bytes = await readFile(join(blogDir, path))
      } catch {
        bytes = undefined
      }
      if (bytes !== undefined && storedAs(bytes, hash)) pending.push(path)
    } else if (released.has(path)) {
      try {
        await access(join(blogDir, path))
      } catch {
        pending.push(path)
      }
    }
  }
  return pending
}

/** The manifest as HEAD has it; undefined before the first export commit (or when unreadable). */
async function committedManifest(top: string, prefix: string): Promise<Manifest | undefined> {
  let text: string
  try {
    text = (await git(['show', `HEAD:${prefix}${MANIFEST_FILE}`], {cwd: top})).stdout
  } catch {
    return undefined
  }
  try {
    return parseManifest(text)
  } catch (error) {
    if (error instanceof ManifestError) return undefined
    throw error
  }
}

export interface PushOptions {
  blogDir: string
  /** Token for HTTPS remotes; handed to git by a one-off credential helper. */
  token: string | undefined
  /** Push attempts, each after the first preceded by fetch + rebase. */
  attempts: number
  /** Identity for the rebased commits, which need one on a bare CI runner. */
  identity: {name: string; email: string}
}

export interface PushResult {
  remote: string
  branch: string
  /** How many times the push was rejected and recovered by a rebase. */
  rebases: number
}

/**
 * `-c` settings that make git ask a helper for credentials, which prints the token
 * from the environment. The helper list is reset first so the person's own helpers
 * neither answer nor store the token; nothing reaches .git/config.
 */
export function credentialConfig(token: string | undefined): string[] {
  if (token === undefined || token === '') return []
  return [
    'credential.helper=',
    'credential.helper=!f() { test "$1" = get || exit 0; echo username=x-access-token; echo "password=$GITHUB_TOKEN"; }; f',
  ]
}

async function configValue(cwd: string, key: string): Promise<string | undefined> {
  try {
    const value = (await git(['config', '--get', key], {cwd})).stdout.trim()
    return value === '' ? undefined : value
  } catch {
    return undefined
  }
}

function rejected(error: unknown): boolean {
  if (!(error instanceof GitError)) return false
  const output = `${error.stdout}\n${error.stderr}`
  return /\[rejected\]|\[remote rejected\].*(stale|lock)|non-fast-forward|fetch first/.test(output)
}

/**
 * Pushes the current branch to its upstream (or origin). A rejection because
 * someone pushed first is recovered by fetching and rebasing, a bounded number of
 * times. It never force-pushes.
 */
export async function pushBranch(options: PushOptions): Promise<PushResult> {
  const {top} = await repository(options.blogDir)
  const branch = await currentBranch(top)
  const remote = (await configValue(top, `branch.${branch}.remote`)) ?? 'origin'
  const target = (await configValue(top, `branch.${branch}.merge`)) ?? `refs/heads/${branch}`
  const secrets = options.token ? [options.token] : []
  const env: Record<string, string> = options.token ? {GITHUB_TOKEN: options.token} : {}
  const config = credentialConfig(options.token)
  const remoteGit = (args: string[]) => git(args, {cwd: top, env, config, secrets})
  let rebases = 0
  for (let attempt = 1; ; attempt++) {
    try {
      await remoteGit(['push', '--porcelain', remote, `HEAD:${target}`])
      return {remote, branch: target.replace(/^refs\/heads\//, ''), rebases}
    } catch (error) {
      if (!rejected(error) || attempt >= options.attempts) throw error
    }
    await remoteGit(['fetch', '--quiet', remote, target])
    await refuseToDisturb(top, remote, target)
    try {
      await git(['rebase', 'FETCH_HEAD'], {
        cwd: top,
        secrets,
        config: [`user.name=${options.identity.name}`, `user.email=${options.identity.email}`],
      })
    } catch (error) {
      await git(['rebase', '--abort'], {cwd: top}).catch(() => undefined)
      const detail = error instanceof GitError ? error.stdout + error.stderr : String(error)
      throw new GitError(
        ['rebase', 'FETCH_HEAD'],
        error instanceof GitError ? error.exitCode : 1,
        '',
        `the push was rejected and the export commit does not rebase cleanly onto ${remote}/${target.replace(/^refs\/heads\//, '')}; nothing was pushed. ${detail.trim()}`,
      )
    }
    rebases += 1
  }
}

/**
 * A rebase rewrites the working tree. With a person's uncommitted changes in it, git's
 * autostash would put them back unstaged, or, when the fetched commits touch the same
 * files, leave conflict markers in them (the changes parked in the stash) and still
 * report success. So the rebase happens only on a clean tree (untracked files do not
 * count: a rebase that would overwrite one fails and is aborted).
 */
async function refuseToDisturb(top: string, remote: string, target: string): Promise<void> {
  const status = await git(['status', '--porcelain', '-z', '--untracked-files=no'], {cwd: top})
  const changed: string[] = []
  const entries = status.stdout.split('\0')
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? ''
    if (entry.length < 4) continue
    changed.push(entry.slice(3))
    // A rename or copy is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') i++
  }
  if (changed.length === 0) return
  const shown = changed.slice(0, 5).join(', ') + (changed.length > 5 ? ', …' : '')
  throw new GitError(
    ['push', remote, `HEAD:${target}`],
    1,
    '',
    `${remote}/${target.replace(/^refs\/heads\//, '')} has new commits, and the blog repo has uncommitted changes that rebasing onto them would disturb (${shown}); commit or stash them and run again: the export commit is kept and will be pushed then`,
  )
}

const LIST_LIMIT = 200

/**
 * The commit message: a summary line, the posts by change, and trailers naming the
 * dataset and its revision, so a commit can be traced back to what was exported.
 * `earlier` are post files an earlier run wrote or deleted but could not commit,
 * which this commit carries along.
 */
export function commitMessage(
  reports: readonly DocReport[],
  trailer: {dataset: string; revision: string | null; source: string},
  earlier: readonly string[] = [],
): string {
  const pick = (status: DocReport['status']) => reports.filter((report) => report.status === status)
  const created = pick('created')
  const updated = pick('updated')
  const deleted = pick('deleted')
  const counts = [
    created.length > 0 ? `${created.length} created` : '',
    updated.length > 0 ? `${updated.length} updated` : '',
    deleted.length > 0 ? `${deleted.length} deleted` : '',
    earlier.length > 0 ? `${earlier.length} from an earlier run` : '',
  ].filter((part) => part !== '')
  const subject =
    counts.length === 0
      ? 'Update the Sanity export manifest (no post changed)'
      : `Export posts from Sanity: ${counts.join(', ')}`
  const lines = [subject, '']
  const section = (title: string, list: readonly string[]) => {
    if (list.length === 0) return
    lines.push(`${title}:`)
    for (const line of list.slice(0, LIST_LIMIT)) lines.push(`- ${line}`)
    if (list.length > LIST_LIMIT) lines.push(`- … and ${list.length - LIST_LIMIT} more`)
    lines.push('')
  }
  const described = (list: readonly DocReport[]) =>
    list.map((report) => {
      const renamed =
        report.previousPath === undefined ? '' : ` (moved from ${report.previousPath})`
      return `${report.slug ?? report.id}: ${report.path ?? ''}${renamed}`
    })
  section('Created', described(created))
  section('Updated', described(updated))
  section('Deleted', described(deleted))
  section('Written or deleted by an earlier run, not committed then', earlier)
  lines.push(`Sanity-Dataset: ${trailer.dataset}`)
  lines.push(`Sanity-Revision: ${trailer.revision ?? 'unknown'}`)
  lines.push(`Sanity-Source: ${trailer.source}`)
  return `${lines.join('\n')}\n`
}
