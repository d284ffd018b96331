import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

const run = promisify(execFile)

export interface TlsCredentials {
  /** PEM private key. */
  key: string
  /** PEM certificate, valid for `localhost`, `*.localhost` and 127.0.0.1. */
  cert: string
}

// The Studio addresses the API as `<projectId>.localhost`, so the wildcard name is
// needed as well as plain `localhost`.
const SUBJECT_ALT_NAMES = 'subjectAltName=DNS:localhost,DNS:*.localhost,IP:127.0.0.1'

let pending: Promise<TlsCredentials> | undefined

/**
 * A self-signed certificate for local HTTPS/HTTP2 servers, made with the openssl CLI.
 *
 * Generated once per process: key generation is the slow part, and every server in a
 * test run can share one certificate.
 */
export function selfSignedCertificate(): Promise<TlsCredentials> {
  pending ??= generate().catch((error: unknown) => {
    // A failed attempt must not poison later callers, e.g. after openssl is installed.
    pending = undefined
    throw error
  })
  return pending
}

async function generate(): Promise<TlsCredentials> {
  const dir = await mkdtemp(join(tmpdir(), 'content-lake-tls-'))
  try {
    const keyPath = join(dir, 'key.pem')
    const certPath = join(dir, 'cert.pem')
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '30',
      '-subj',
      '/CN=localhost',
      '-addext',
      SUBJECT_ALT_NAMES,
    ])
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')])
    return {key, cert}
  } finally {
    // Only the PEM text is needed; the private key should not outlive the call on disk.
    await rm(dir, {recursive: true, force: true})
  }
}
