import {describe, expect, it} from 'vitest'
import {studioEnv} from '../studio-env.ts'

describe('the Studio’s environment', () => {
  it('runs offline on a fresh clone, pointing at the blog this Studio writes for', () => {
    expect(studioEnv({})).toEqual({
      projectId: 'placeholder',
      dataset: 'production',
      apiHost: undefined,
      blogRepository: 'ArionDas/blogs',
      exportRunsUrl: undefined,
      githubUrl: undefined,
      studioHost: undefined,
    })
  })

  it('takes the blog owner’s project, blog repository, export runs and Studio address', () => {
    expect(
      studioEnv({
        SANITY_STUDIO_PROJECT_ID: 'abc123',
        SANITY_STUDIO_DATASET: 'staging',
        SANITY_STUDIO_BLOG_REPOSITORY: 'someone/blog',
        SANITY_STUDIO_EXPORT_RUNS_URL: 'https://github.com/someone/studio/actions',
        SANITY_STUDIO_HOSTNAME: 'someone-blog',
      }),
    ).toEqual({
      projectId: 'abc123',
      dataset: 'staging',
      apiHost: undefined,
      blogRepository: 'someone/blog',
      exportRunsUrl: 'https://github.com/someone/studio/actions',
      githubUrl: undefined,
      studioHost: 'someone-blog',
    })
  })
})
