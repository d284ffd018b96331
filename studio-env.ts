/**
 * Where the Studio and the CLIs find the Content Lake.
 *
 * The placeholder project id lets `sanity build`, `schema extract` and the tests
 * run offline on a fresh clone; a real deployment sets SANITY_STUDIO_PROJECT_ID.
 */
export const PLACEHOLDER_PROJECT_ID = 'placeholder'
export const DEFAULT_DATASET = 'production'

/** The blog this Studio writes for, whose export manifest says whether a post is live. */
export const DEFAULT_BLOG_REPOSITORY = 'ArionDas/blogs'

export interface StudioEnv {
  projectId: string
  dataset: string
  /** Set only in tests, to point the Studio at a local stand-in for the Content Lake. */
  apiHost: string | undefined
  /** `owner/name` of the blog repository. */
  blogRepository: string
  /** Where the export workflow's runs are listed; by default the blog repository's Actions. */
  exportRunsUrl: string | undefined
  /**
   * Set only in tests: a local stand-in for GitHub, serving raw files under
   * `/raw`, the REST API under `/api` and web pages under `/web`.
   */
  githubUrl: string | undefined
  /** `sanity deploy` puts the Studio at `https://<studioHost>.sanity.studio`. */
  studioHost: string | undefined
}

export function studioEnv(env: Record<string, string | undefined>): StudioEnv {
  return {
    projectId: env['SANITY_STUDIO_PROJECT_ID'] || PLACEHOLDER_PROJECT_ID,
    dataset: env['SANITY_STUDIO_DATASET'] || DEFAULT_DATASET,
    apiHost: env['SANITY_STUDIO_API_HOST'] || undefined,
    blogRepository: env['SANITY_STUDIO_BLOG_REPOSITORY'] || DEFAULT_BLOG_REPOSITORY,
    exportRunsUrl: env['SANITY_STUDIO_EXPORT_RUNS_URL'] || undefined,
    githubUrl: env['SANITY_STUDIO_GITHUB_URL'] || undefined,
    studioHost: env['SANITY_STUDIO_HOSTNAME'] || undefined,
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
      SANITY_STUDIO_BLOG_REPOSITORY?: string
      SANITY_STUDIO_EXPORT_RUNS_URL?: string
      SANITY_STUDIO_GITHUB_URL?: string
      SANITY_STUDIO_HOSTNAME?: string
    }
  }
}
