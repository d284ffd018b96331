/**
 * Where the Studio and the CLIs find the Content Lake.
 *
 * The placeholder project id lets `sanity build`, `schema extract` and the tests
 * run offline on a fresh clone; a real deployment sets SANITY_STUDIO_PROJECT_ID.
 */
export const PLACEHOLDER_PROJECT_ID = 'placeholder'
export const DEFAULT_DATASET = 'production'

export interface StudioEnv {
  projectId: string
  dataset: string
  /** Set only in tests, to point the Studio at a local stand-in for the Content Lake. */
  apiHost: string | undefined
}

export function studioEnv(env: Record<string, string | undefined>): StudioEnv {
  return {
    projectId: env['SANITY_STUDIO_PROJECT_ID'] || PLACEHOLDER_PROJECT_ID,
    dataset: env['SANITY_STUDIO_DATASET'] || DEFAULT_DATASET,
    apiHost: env['SANITY_STUDIO_API_HOST'] || undefined,
  }
}

declare global {
  namespace NodeJS {
    // Declared so the Studio config can use the literal `process.env.NAME`
    // form, the only one the Studio bundler replaces at build time.
    interface ProcessEnv {
      SANITY_STUDIO_PROJECT_ID?: string
      SANITY_STUDIO_DATASET?: string
      SANITY_STUDIO_API_HOST?: string
    }
  }
}
