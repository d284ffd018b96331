import {spawn} from 'node:child_process'

export interface GitRunOptions {
  cwd: string
  /** Extra environment for this call (merged over the process environment). */
  env?: Record<string, string>
  /** Written to git's stdin. */
  input?: string
  /** Config passed as `-c key=value` before the subcommand, never written to .git/config. */
  config?: readonly string[]
  /** Values removed from any message or output this module reports. */
  secrets?: readonly string[]
}

export interface GitResult {
  stdout: string
  stderr: string
}

export class GitError extends Error {
  override name = 'GitError'
  readonly args: readonly string[]
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string

  constructor(args: readonly string[], exitCode: number | null, stdout: string, stderr: string) {
    super(
      `git ${args.join(' ')} failed (exit ${exitCode ?? 'signal'}): ${stderr.trim() || stdout.trim()}`,
    )
    this.args = args
    this.exitCode = exitCode
    this.stdout = stdout
    this.stderr = stderr
  }
}

/** Replaces every secret in `text` so that tokens never reach a log or a message. */
export function scrub(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) if (secret.length > 0) result = result.split(secret).join('***')
  return result
}

/**
 * Runs plain `git` without a shell, so paths and messages are never interpreted.
 * Prompts are turned off: an unattended run must fail rather than wait for input.
 */
export function git(args: readonly string[], options: GitRunOptions): Promise<GitResult> {
  const secrets = options.secrets ?? []
  const fullArgs = [...(options.config ?? []).flatMap((entry) => ['-c', entry]), ...args]
  return new Promise((resolve, reject) => {
    const child = spawn('git', fullArgs, {
      cwd: options.cwd,
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        // Pathspecs we pass are file paths, never patterns.
        GIT_LITERAL_PATHSPECS: '1',
        LC_ALL: 'C',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', (error) =>
      reject(new Error(scrub(`cannot run git: ${error.message}`, secrets))),
    )
    child.on('close', (code) => {
      const stdout = scrub(Buffer.concat(out).toString('utf8'), secrets)
      const stderr = scrub(Buffer.concat(err).toString('utf8'), secrets)
      if (code === 0) resolve({stdout, stderr})
      // Only the subcommand is shown: `-c` values may hold helper scripts.
      else reject(new GitError(args, code, stdout, stderr))
    })
    child.stdin.on('error', () => {
      // git may exit before reading all input (e.g. on a bad argument); the exit code tells.
    })
    child.stdin.end(options.input ?? '')
  })
}
