/**
 * A local stand-in for the parts of GitHub the Studio reads to tell whether a
 * published post is on the blog: a repository's raw files (`/raw/<owner>/<name>/<branch>/<path>`)
 * and the REST API's list of commits touching a path
 * (`/api/repos/<owner>/<name>/commits?sha=&path=`). Tests set the files and commits.
 */
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface StandInCommit {
  sha: string
  date: string
  /** The files the commit changed. */
  paths: readonly string[]
}

export interface GitHubStandIn {
  /** Base URL: raw files under `/raw`, the API under `/api`, web pages under `/web`. */
  url: string
  /** `<owner>/<name>/<branch>/<path>` → file text. */
  files: Map<string, string>
  /** Newest first, as the API lists them. */
  commits: StandInCommit[]
  /** Every path asked for, in order. */
  requests: string[]
  close(): Promise<void>
}

export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  const files = new Map<string, string>()
  const commits: StandInCommit[] = []
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://github.invalid')
    requests.push(`${url.pathname}${url.search}`)
    const headers = {'access-control-allow-origin': '*', 'content-type': 'application/json'}
    if (url.pathname.startsWith('/raw/')) {
      const text = files.get(decodeURIComponent(url.pathname.slice('/raw/'.length)))
      res.writeHead(text === undefined ? 404 : 200, headers)
      res.end(text ?? '404: Not Found')
      return
    }
    if (/^\/api\/repos\/[^/]+\/[^/]+\/commits$/.test(url.pathname)) {
      const path = url.searchParams.get('path') ?? ''
      const touching = commits.filter((commit) => commit.paths.includes(path))
      res.writeHead(200, headers)
      res.end(
        JSON.stringify(
          touching
            .slice(0, Number(url.searchParams.get('per_page') ?? 30))
            .map((commit) => ({sha: commit.sha, commit: {committer: {date: commit.date}}})),
        ),
      )
      return
    }
    res.writeHead(404, headers)
    res.end('{}')
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    files,
    commits,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}
