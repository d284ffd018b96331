import {spawnSync} from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runExport} from '../../scripts/export/run.ts'
import {
  cliEnv,
  HAND_WRITTEN_BLOG,
  HAND_WRITTEN_POST,
  MANIFEST,
  manifestProblems,
  OUTPUT_DIR,
  ROOT,
  removeTempDirs,
  runCli,
  tempDir,
  writeJson,
} from './helpers.ts'

/**
 * Git going wrong around `--commit` and `--push`, through the CLI with real git: a
 * push the remote refuses, a push that cannot be rebased, a remote that cannot be
 * reached, a working tree with a person's uncommitted work, and a detached HEAD.
 * Each must end with a clear message and exit code, the person's work byte for byte
 * as it was (working tree, index and stash), and the export's own output either
 * committed or left for the next run, which then commits and pushes it. The push
 * token is never printed and never stored.
 */

const TOKEN = 'ghp_reliabilityTokenThatMustNotLeak0123'
const IDENTITY = {
  GIT_AUTHOR_NAME: 'Blog Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Blog Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
}
const SAMPLE = join(ROOT, 'sample-data', 'production.ndjson')
const POSTS = [
  'content/posts/distributed-cache.md',
  'content/posts/distributed-rate-limiter.md',
  // A Hugo draft: a bundle, so that its images are not deployed.
  'content/posts/notification-fanout/index.md',
  'content/posts/url-shortener.md',
]
const IMAGES = [
  'static/images/distributed-cache/ac9810d749aa836f6a05be1f5bdeb81467eac806-1200x630.png',
  'static/images/distributed-rate-limiter/a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630.png',
  'static/images/distributed-rate-limiter/c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png',
  'content/posts/notification-fanout/9f05d808372cee87edc3b6344804f368be4d52c4-1200x630.png',
  'static/images/url-shortener/aaacd7adc21020e88431ee3e4623f1126d98e476-1200x630.png',
]
/** Everything the first export of the sample dataset writes. */
const EXPORTED = [MANIFEST, ...POSTS, ...IMAGES].sort()

let cache: string
const outcomes: {fault: string; exit: number | null; outcome: string}[] = []

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, {cwd, encoding: 'utf8', env: {...process.env, ...IDENTITY}})
  if (result.status !== 0)
    throw new Error(`git ${args.join(' ')} failed: ${result.stderr}${result.stdout}`)
  return result.stdout
}

/** A bare remote and a clone holding the hand-written post, pushed to main. */
function blogRepo(): {remote: string; clone: string} {
  const base = tempDir('repo')
  const remote = join(base, 'remote.git')
  const clone = join(base, 'blog')
  git(base, 'init', '-q', '--bare', '-b', 'main', remote)
  git(base, 'clone', '-q', remote, clone)
  git(clone, 'checkout', '-q', '-b', 'main')
  cpSync(HAND_WRITTEN_BLOG, clone, {recursive: true})
  git(clone, 'add', '.')
  git(clone, 'commit', '-q', '-m', 'Hand-written welcome post')
  git(clone, 'push', '-q', '-u', 'origin', 'main')
  return {remote, clone}
}

function exportTo(clone: string, ...flags: string[]) {
  const run = runCli(
    ['--source', SAMPLE, '--blog', clone, ...flags],
    cliEnv(cache, {...IDENTITY, BLOG_PUSH_TOKEN: TOKEN}),
  )
  expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN)
  return run
}

/** Everything a person could lose: the working tree (with untracked files), the index and the stash. */
function personalState(clone: string) {
  return {
    status: git(clone, 'status', '--porcelain=v1', '-z', '--untracked-files=all'),
    staged: git(clone, 'diff', '--cached', '--binary'),
    unstaged: git(clone, 'diff', '--binary'),
    stash: git(clone, 'stash', 'list'),
    welcome: readFileSync(join(clone, HAND_WRITTEN_POST), 'utf8'),
  }
}

const committedFiles = (clone: string, ref = 'HEAD') =>
  git(clone, 'show', '--name-only', '--format=', ref).trim().split('\n').sort()

function noTokenStored(clone: string, remote: string) {
  for (const config of [join(clone, '.git', 'config'), join(remote, 'config')])
    expect(readFileSync(config, 'utf8')).not.toContain(TOKEN)
}

/** The sample dataset with each document passed through `change` (undefined drops it), as ndjson. */
function editDocuments(
  change: (doc: Record<string, unknown>) => Record<string, unknown> | undefined,
): string {
  return readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .flatMap((line) => {
      const doc = change(JSON.parse(line) as Record<string, unknown>)
      return doc === undefined ? [] : [JSON.stringify(doc)]
    })
    .join('\n')
}

function record(fault: string, exit: number | null, outcome: string) {
  outcomes.push({fault, exit, outcome})
}

beforeAll(() => {
  cache = tempDir('cache')
})

afterAll(() => {
  writeJson(join(OUTPUT_DIR, 'git-faults.json'), outcomes)
  removeTempDirs()
})

describe('git faults around --commit and --push', () => {
  it('a push the remote refuses: exit 4, the commit kept, pushed by the next run once allowed', () => {
    const {remote, clone} = blogRepo()
    const hook = join(remote, 'hooks', 'pre-receive')
    writeFileSync(hook, '#!/bin/sh\necho "pushes to this blog are frozen" >&2\nexit 1\n')
    chmodSync(hook, 0o755)
    const before = git(clone, 'rev-parse', 'HEAD').trim()

    const refused = exportTo(clone, '--push')
    expect(refused.status).toBe(4)
    expect(refused.stderr).toMatch(
      /^export: git push --porcelain origin HEAD:refs\/heads\/main failed \(exit 1\): .*pushes to this blog are frozen/s,
    )
    expect(git(clone, 'rev-list', '--count', `${before}..HEAD`).trim()).toBe('1')
    expect(committedFiles(clone)).toEqual(EXPORTED)
    expect(git(remote, 'rev-parse', 'main').trim()).toBe(before)

    writeFileSync(hook, '#!/bin/sh\nexit 0\n')
    const retried = exportTo(clone, '--push')
    expect({status: retried.status, stderr: retried.stderr}).toEqual({status: 0, stderr: ''})
    expect(git(remote, 'rev-parse', 'main').trim()).toBe(git(clone, 'rev-parse', 'HEAD').trim())
    noTokenStored(clone, remote)
    record(
      'push refused by the remote (pre-receive hook)',
      refused.status,
      'exit 4; commit kept locally; next run pushed it',
    )
  })

  it('a rejected push whose rebase conflicts: exit 4, nothing pushed, nothing lost', () => {
    const {remote, clone} = blogRepo()
    expect(exportTo(clone, '--push').status).toBe(0)
    // Someone edits an exported post on the remote; locally the dataset changes the same post.
    const other = join(tempDir('other'), 'blog')
    git(remote, 'clone', '-q', remote, other)
    writeFileSync(join(other, POSTS[3] ?? ''), 'Rewritten on the remote by hand.\n')
    git(other, 'commit', '-q', '-am', 'Hand edit on the remote')
    git(other, 'push', '-q', 'origin', 'main')
    const theirs = git(other, 'rev-parse', 'HEAD').trim()

    const dir = tempDir('changed')
    cpSync(join(ROOT, 'sample-data', 'images'), join(dir, 'images'), {recursive: true})
    writeFileSync(
      join(dir, 'data.ndjson'),
      editDocuments((doc) => {
        if (doc['_id'] !== 'post-url-shortener') return doc
        return {...doc, _rev: 'changed', tagline: 'Now with custom aliases'}
      }),
    )
    writeFileSync(join(clone, 'notes.txt'), 'my notes\n')
    const person = personalState(clone)

    const run = runCli(
      ['--source', join(dir, 'data.ndjson'), '--blog', clone, '--push'],
      cliEnv(cache, {...IDENTITY, BLOG_PUSH_TOKEN: TOKEN}),
    )
    expect(run.status).toBe(4)
    expect(run.stderr).toMatch(
      /^export: git rebase FETCH_HEAD failed \(exit 1\): the push was rejected and the export commit does not rebase cleanly onto origin\/main; nothing was pushed\./,
    )
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN)
    expect(git(remote, 'rev-parse', 'main').trim()).toBe(theirs)
    expect(existsSync(join(clone, '.git', 'rebase-merge'))).toBe(false)
    expect(personalState(clone)).toEqual(person)
    expect(git(clone, 'log', '-1', '--format=%s').trim()).toBe(
      'Export posts from Sanity: 1 updated',
    )
    noTokenStored(clone, remote)
    record(
      'push rejected, rebase conflicts',
      run.status,
      'exit 4; nothing pushed; rebase aborted; person’s files, index and stash unchanged',
    )
  })

  it('an unreachable remote (closed port, missing path): exit 4, commit kept, pushed once reachable', async () => {
    const {remote, clone} = blogRepo()
    const port = await closedPort()
    for (const url of [`http://127.0.0.1:${port}/blog.git`, join(tempDir('gone'), 'missing.git')]) {
      git(clone, 'remote', 'set-url', 'origin', url)
      const run = exportTo(clone, '--push')
      expect({url, status: run.status}).toEqual({url, status: 4})
      expect(run.stderr).toMatch(
        /^export: git push --porcelain origin HEAD:refs\/heads\/main failed \(exit 128\): /,
      )
      expect(run.stderr).toMatch(
        url.startsWith('http')
          ? /Failed to connect to 127\.0\.0\.1 port \d+/
          : /does not appear to be a git repository/,
      )
      record(
        `unreachable remote (${url.startsWith('http') ? 'closed port' : 'missing path'})`,
        run.status,
        'exit 4; commit kept locally',
      )
    }
    expect(committedFiles(clone)).toEqual(EXPORTED)
    git(clone, 'remote', 'set-url', 'origin', remote)
    const reachable = exportTo(clone, '--push')
    expect({status: reachable.status, stderr: reachable.stderr}).toEqual({status: 0, stderr: ''})
    expect(git(remote, 'rev-parse', 'main').trim()).toBe(git(clone, 'rev-parse', 'HEAD').trim())
    noTokenStored(clone, remote)
  })

  it('uncommitted work outside owned paths is never committed, and never disturbed by a rebase', () => {
    const {remote, clone} = blogRepo()
    // Staged and unstaged edits of the hand-written post, an untracked file, a stash entry.
    writeFileSync(join(clone, 'draft-idea.md'), 'stashed idea\n')
    git(clone, 'add', 'draft-idea.md')
    git(clone, 'stash', 'push', '-q', '-m', 'an idea for later')
    const welcome = join(clone, HAND_WRITTEN_POST)
    writeFileSync(welcome, `${readFileSync(welcome, 'utf8')}\nStaged line.\n`)
    git(clone, 'add', HAND_WRITTEN_POST)
    writeFileSync(welcome, `${readFileSync(welcome, 'utf8')}Unstaged line.\n`)
    writeFileSync(join(clone, 'notes.txt'), 'untracked notes\n')
    const person = personalState(clone)

    // Without a concurrent push: only the exported paths are committed.
    const first = exportTo(clone, '--push')
    expect({status: first.status, stderr: first.stderr}).toEqual({status: 0, stderr: ''})
    expect(personalState(clone)).toEqual(person)
    expect(committedFiles(clone)).toEqual(EXPORTED)

    // Someone else pushes first: rebasing would move the person's files (their staged
    // lines would come back unstaged, or as conflict markers), so the run stops instead.
    const other = join(tempDir('other'), 'blog')
    git(remote, 'clone', '-q', remote, other)
    writeFileSync(join(other, 'content/posts/second.md'), '---\ntitle: "Second"\n---\n')
    git(other, 'add', '.')
    git(other, 'commit', '-q', '-m', 'Another hand-written post')
    git(other, 'push', '-q', 'origin', 'main')
    const theirs = git(other, 'rev-parse', 'HEAD').trim()
    const dir = tempDir('changed')
    cpSync(join(ROOT, 'sample-data', 'images'), join(dir, 'images'), {recursive: true})
    writeFileSync(
      join(dir, 'data.ndjson'),
      editDocuments((doc) =>
        doc['_id'] === 'post-url-shortener' ? {...doc, _rev: 'changed', tagline: 'Edited'} : doc,
      ),
    )
    const args = ['--source', join(dir, 'data.ndjson'), '--blog', clone, '--push']
    const env = cliEnv(cache, {...IDENTITY, BLOG_PUSH_TOKEN: TOKEN})
    const exportCommit = () => git(clone, 'log', '-1', '--format=%s').trim()
    const refused = runCli(args, env)
    expect(refused.status).toBe(4)
    expect(refused.stderr).toContain(
      'export: git push origin HEAD:refs/heads/main failed (exit 1): origin/main has new commits, and the blog repo has uncommitted changes that rebasing onto them would disturb (content/posts/welcome.md); commit or stash them and run again: the export commit is kept and will be pushed then\n',
    )
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(TOKEN)
    expect(personalState(clone)).toEqual(person)
    expect(exportCommit()).toBe('Export posts from Sanity: 1 updated')
    expect(git(remote, 'rev-parse', 'main').trim()).toBe(theirs)

    // The person sets their work aside; the next run rebases and pushes; the work comes back.
    git(clone, 'stash', 'push', '-q', '-m', 'mine')
    const pushed = runCli(args, env)
    expect({status: pushed.status, stderr: pushed.stderr}).toEqual({status: 0, stderr: ''})
    expect(git(remote, 'rev-parse', 'main').trim()).toBe(git(clone, 'rev-parse', 'HEAD').trim())
    expect(git(clone, 'log', '--format=%s', '-2').trim().split('\n')).toEqual([
      'Export posts from Sanity: 1 updated',
      'Another hand-written post',
    ])
    git(clone, 'stash', 'pop', '-q', '--index')
    expect(personalState(clone)).toEqual(person)
    expect(manifestProblems(clone, [HAND_WRITTEN_POST, 'content/posts/second.md'])).toEqual([])
    noTokenStored(clone, remote)
    record(
      'dirty tree outside owned paths',
      first.status,
      'exit 0; only exported paths committed; person’s edits, index and stash unchanged',
    )
    record(
      'dirty tree and a rejected push',
      refused.status,
      'exit 4; no rebase; person’s edits unchanged; the export commit pushed by the next run',
    )
  })

  it('a person’s uncommitted edit of an owned post: left alone (exit 1), overwritten only with --force', () => {
    const {clone} = blogRepo()
    expect(exportTo(clone, '--commit').status).toBe(0)
    const owned = join(clone, POSTS[0] ?? '')
    const edited = `${readFileSync(owned, 'utf8')}\nA person's uncommitted fix.\n`
    writeFileSync(owned, edited)
    const head = git(clone, 'rev-parse', 'HEAD').trim()
    const person = personalState(clone)

    const dir = tempDir('changed')
    cpSync(join(ROOT, 'sample-data', 'images'), join(dir, 'images'), {recursive: true})
    writeFileSync(
      join(dir, 'data.ndjson'),
      editDocuments((doc) => ({...doc, _rev: `next-${String(doc['_rev'])}`, tagline: 'Revised'})),
    )
    const args = ['--source', join(dir, 'data.ndjson'), '--blog', clone, '--commit', '--json']
    const env = cliEnv(cache, IDENTITY)
    const run = runCli(args, env)
    expect(run.status).toBe(1)
    const summary = JSON.parse(run.stdout) as {conflicts: {id: string; reason: string}[]}
    expect(summary.conflicts).toEqual([
      expect.objectContaining({
        id: 'post-distributed-cache',
        reason: `${POSTS[0]} was edited by hand since the last export; it was left as it is (run with --force to overwrite it with the document)`,
      }),
    ])
    expect(readFileSync(owned, 'utf8')).toBe(edited)
    expect(personalState(clone)).toEqual(person)
    // The other posts (new revisions) are still exported and committed; the edited one is not.
    expect(git(clone, 'rev-list', '--count', `${head}..HEAD`).trim()).toBe('1')
    expect(committedFiles(clone)).toEqual([MANIFEST, ...POSTS.slice(1)].sort())

    const forced = runCli([...args, '--force'], env)
    expect(forced.status).toBe(0)
    expect(readFileSync(owned, 'utf8')).not.toContain("A person's uncommitted fix.")
    expect(git(clone, 'status', '--porcelain').trim()).toBe('')
    record(
      'uncommitted edit of an owned post',
      run.status,
      'exit 1 (conflict); edit kept; --force overwrote and committed it',
    )
  })

  it('a detached HEAD: exit 4, the files written and nothing of the person’s touched', () => {
    const {clone} = blogRepo()
    git(clone, 'checkout', '-q', '--detach')
    const detached = git(clone, 'rev-parse', 'HEAD').trim()
    const run = exportTo(clone, '--commit')
    expect(run.status).toBe(4)
    expect(run.stderr).toBe(
      'export: git symbolic-ref HEAD failed (exit 1): the blog repo is not on a branch (detached HEAD); check out the branch to publish to\n',
    )
    expect(git(clone, 'rev-parse', 'HEAD').trim()).toBe(detached)
    expect(git(clone, 'status', '--porcelain', '--untracked-files=all').trim().split('\n')).toEqual(
      EXPORTED.map((path) => `?? ${path}`),
    )
    expect(readFileSync(join(clone, HAND_WRITTEN_POST))).toEqual(
      readFileSync(join(HAND_WRITTEN_BLOG, HAND_WRITTEN_POST)),
    )
    expect(manifestProblems(clone)).toEqual([])
    record('detached HEAD', run.status, 'exit 4; files written, not committed; HEAD unmoved')
  })

  it('the output a failed commit left behind is committed by the next run', () => {
    const {clone} = blogRepo()
    git(clone, 'checkout', '-q', '--detach')
    expect(exportTo(clone, '--commit').status).toBe(4)
    git(clone, 'checkout', '-q', 'main')
    const next = exportTo(clone, '--commit')
    expect({status: next.status, stderr: next.stderr}).toEqual({status: 0, stderr: ''})
    expect(committedFiles(clone)).toEqual(EXPORTED)
    expect(git(clone, 'status', '--porcelain', '--untracked-files=all').trim()).toBe('')
    // The commit says what it holds: the posts the failed run wrote.
    expect(git(clone, 'log', '-1', '--format=%s').trim()).toBe(
      'Export posts from Sanity: 4 from an earlier run',
    )

    // A deletion that could not be committed is committed by the next run too.
    const dir = tempDir('deleted')
    cpSync(join(ROOT, 'sample-data', 'images'), join(dir, 'images'), {recursive: true})
    writeFileSync(
      join(dir, 'data.ndjson'),
      editDocuments((doc) => (doc['_id'] === 'post-url-shortener' ? undefined : doc)),
    )
    const args = ['--source', join(dir, 'data.ndjson'), '--blog', clone, '--commit']
    git(clone, 'checkout', '-q', '--detach')
    expect(runCli(args, cliEnv(cache, IDENTITY)).status).toBe(4)
    git(clone, 'checkout', '-q', 'main')
    const after = runCli(args, cliEnv(cache, IDENTITY))
    expect({status: after.status, stderr: after.stderr}).toEqual({status: 0, stderr: ''})
    expect(committedFiles(clone)).toEqual(
      [MANIFEST, POSTS[3], IMAGES[4]].map((path) => path ?? '').sort(),
    )
    expect(git(clone, 'status', '--porcelain', '--untracked-files=all').trim()).toBe('')
    expect(existsSync(join(clone, POSTS[3] ?? ''))).toBe(false)
    record(
      'commit failed (detached HEAD), then a normal run',
      after.status,
      'the left-over output (writes and deletions) committed by the next run',
    )
  })
})

describe('git around --commit: interruptions, hooks, checkouts', () => {
  it('a stale index.lock: exit 4, the branch unmoved and the index untouched, committed once it is gone', () => {
    const {clone} = blogRepo()
    const before = git(clone, 'rev-parse', 'HEAD').trim()
    writeFileSync(join(clone, '.git', 'index.lock'), '')
    const blocked = exportTo(clone, '--commit', '--json')
    expect(blocked.status).toBe(4)
    const summary = JSON.parse(blocked.stdout) as {commit: unknown; gitError: string}
    expect(summary.commit).toBeNull()
    expect(summary.gitError).toContain("index.lock': File exists")
    expect(git(clone, 'rev-parse', 'HEAD').trim()).toBe(before)
    // Nothing staged: the export's files are new files, as the run wrote them.
    expect(git(clone, 'diff', '--cached', '--name-only')).toBe('')

    rmSync(join(clone, '.git', 'index.lock'))
    const next = exportTo(clone, '--commit')
    expect({status: next.status, stderr: next.stderr}).toEqual({status: 0, stderr: ''})
    expect(committedFiles(clone)).toEqual(EXPORTED)
    expect(git(clone, 'status', '--porcelain', '--untracked-files=all')).toBe('')
    record(
      'stale .git/index.lock',
      blocked.status,
      'exit 4, HEAD and index unmoved; committed by the next run',
    )
  })

  it('a run killed after each git call of its commit: the next run leaves the repo committed and clean', async () => {
    const real = spawnSync('sh', ['-c', 'command -v git'], {encoding: 'utf8'}).stdout.trim()
    const bin = tempDir('git-wrapper')
    const counter = join(bin, 'calls')
    // Runs the real git, then kills the exporter when this is the call to stop after.
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\nn=$(($(cat "${counter}" 2>/dev/null || echo 0) + 1))\necho $n > "${counter}"\n"${real}" "$@"\nstatus=$?\n[ "$n" = "$KILL_AFTER" ] && kill -9 $PPID\nexit $status\n`,
    )
    chmodSync(join(bin, 'git'), 0o755)
    const run = (clone: string, killAfter: number) => {
      rmSync(counter, {force: true})
      return runCli(
        ['--source', SAMPLE, '--blog', clone, '--commit'],
        cliEnv(cache, {
          ...IDENTITY,
          PATH: `${bin}:${process.env['PATH']}`,
          KILL_AFTER: `${killAfter}`,
        }),
      )
    }
    expect(run(blogRepo().clone, 0).status).toBe(0)
    const calls = Number(readFileSync(counter, 'utf8'))
    expect(calls).toBeGreaterThanOrEqual(10)

    for (let killAfter = 1; killAfter <= calls; killAfter++) {
      const {clone} = blogRepo()
      const killed = run(clone, killAfter)
      // The repair runs in this process: only the killed run needs one of its own.
      const repair = await runExport(['--source', SAMPLE, '--blog', clone, '--commit'], {
        stdout: () => {},
        stderr: () => {},
        isTTY: false,
        env: cliEnv(cache, IDENTITY),
        cwd: ROOT,
      })
      expect({killAfter, killed: killed.signal ?? killed.status, repair: repair.exitCode}).toEqual({
        killAfter,
        killed: 'SIGKILL',
        repair: 0,
      })
      expect({
        killAfter,
        status: git(clone, 'status', '--porcelain', '--untracked-files=all'),
      }).toEqual({killAfter, status: ''})
      expect(git(clone, 'ls-tree', '-r', '--name-only', 'HEAD').trim().split('\n')).toEqual(
        [...EXPORTED, HAND_WRITTEN_POST].sort(),
      )
    }
    record(
      `killed after each of the commit's ${calls} git calls`,
      0,
      'every next run left HEAD holding the export and a clean status (no stale index)',
    )
  }, 300_000)

  it('the blog repo’s pre-commit and commit-msg hooks run, with the export staged; --no-hooks skips them', () => {
    const {clone} = blogRepo()
    const hooks = join(clone, '.git', 'hooks')
    const seen = join(tempDir('hook-output'), 'staged')
    writeFileSync(
      join(hooks, 'pre-commit'),
      `#!/bin/sh\ngit diff --cached --name-only > "${seen}"\nif git diff --cached --name-only | grep -q url-shortener; then echo "no URL shorteners here" >&2; exit 1; fi\n`,
    )
    writeFileSync(join(hooks, 'commit-msg'), '#!/bin/sh\necho "Reviewed-by: the hook" >> "$1"\n')
    chmodSync(join(hooks, 'pre-commit'), 0o755)
    chmodSync(join(hooks, 'commit-msg'), 0o755)
    const before = git(clone, 'rev-parse', 'HEAD').trim()

    const refused = exportTo(clone, '--commit')
    expect(refused.status).toBe(4)
    expect(refused.stderr).toContain(
      "the blog repo's pre-commit hook refused the commit (run with --no-hooks to skip the hooks): no URL shorteners here",
    )
    expect(readFileSync(seen, 'utf8').trim().split('\n')).toEqual(EXPORTED)
    expect(git(clone, 'rev-parse', 'HEAD').trim()).toBe(before)

    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nexit 0\n')
    const accepted = exportTo(clone, '--commit')
    expect(accepted.status).toBe(0)
    expect(git(clone, 'log', '-1', '--format=%(trailers:key=Reviewed-by,valueonly)').trim()).toBe(
      'the hook',
    )

    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nexit 1\n')
    const changed = join(tempDir('changed'), 'data.ndjson')
    cpSync(join(ROOT, 'sample-data', 'images'), join(changed, '..', 'images'), {recursive: true})
    writeFileSync(
      changed,
      editDocuments((doc) => (doc['_id'] === 'post-url-shortener' ? undefined : doc)),
    )
    const skipped = runCli(
      ['--source', changed, '--blog', clone, '--commit', '--no-hooks'],
      cliEnv(cache, IDENTITY),
    )
    expect({status: skipped.status, stderr: skipped.stderr}).toEqual({status: 0, stderr: ''})
    expect(git(clone, 'log', '-1', '--format=%s').trim()).toBe(
      'Export posts from Sanity: 1 deleted',
    )
    record(
      'a pre-commit hook that refuses',
      refused.status,
      'exit 4 naming the hook; --no-hooks skips the hooks',
    )
  })

  for (const [name, setup] of [
    [
      '*.md text eol=crlf',
      (repo: string) => writeFileSync(join(repo, '.gitattributes'), '*.md text eol=crlf\n'),
    ],
    ['core.autocrlf', undefined],
  ] as const)
    it(`a fresh clone with CRLF line ends (${name}): every post as exported, nothing to do`, () => {
      const {remote, clone} = blogRepo()
      if (setup !== undefined) {
        setup(clone)
        git(clone, 'add', '.gitattributes')
        git(clone, 'commit', '-q', '-m', 'Check out posts with CRLF line ends')
      }
      expect(exportTo(clone, '--push').status).toBe(0)
      const fresh = join(tempDir('crlf'), 'blog')
      git(
        ROOT,
        'clone',
        '-q',
        ...(setup === undefined ? ['-c', 'core.autocrlf=true'] : []),
        remote,
        fresh,
      )
      expect(readFileSync(join(fresh, POSTS[0] ?? ''), 'utf8')).toContain('\r\n')

      const check = runCli(
        ['--source', SAMPLE, '--blog', fresh, '--check'],
        cliEnv(tempDir('cache')),
      )
      expect({status: check.status, stderr: check.stderr}).toEqual({status: 0, stderr: ''})
      const run = runCli(
        ['--source', SAMPLE, '--blog', fresh, '--commit', '--json'],
        cliEnv(cache, IDENTITY),
      )
      const summary = JSON.parse(run.stdout) as {counts: Record<string, number>; commit: unknown}
      expect({status: run.status, counts: summary.counts, commit: summary.commit}).toEqual({
        status: 0,
        counts: {
          created: 0,
          updated: 0,
          deleted: 0,
          unchanged: 4,
          failed: 0,
          conflicts: 0,
          warnings: 0,
        },
        commit: null,
      })
      expect(git(fresh, 'status', '--porcelain', '--untracked-files=all')).toBe('')
      record(`a CRLF checkout (${name})`, run.status, 'no post read as a hand edit; nothing to do')
    })

  it('a blog dir reached through a symbolic link commits the right paths', () => {
    const {clone} = blogRepo()
    const link = join(tempDir('link'), 'blog')
    symlinkSync(clone, link)
    const run = runCli(['--source', SAMPLE, '--blog', link, '--commit'], cliEnv(cache, IDENTITY))
    expect({status: run.status, stderr: run.stderr}).toEqual({status: 0, stderr: ''})
    expect(committedFiles(clone)).toEqual(EXPORTED)
    expect(git(clone, 'status', '--porcelain', '--untracked-files=all')).toBe('')
    record(
      '--blog through a symbolic link',
      run.status,
      'committed, the paths named as in the repo',
    )
  })
})

/** A port nothing listens on: bound, then closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
