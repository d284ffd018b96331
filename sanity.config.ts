import {visionTool} from '@sanity/vision'
import {defineConfig, isDev} from 'sanity'
import exportConfig from './hugo-export.config.ts'
import {hugoBlog} from './plugins/hugo-blog/index.ts'
import {studioEnv} from './studio-env.ts'

// Each variable is read by name: the Studio bundler inlines only literal
// `process.env.SANITY_STUDIO_*` accesses.
const {projectId, dataset, apiHost, blogRepository, exportRunsUrl, githubUrl} = studioEnv({
  SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
  SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
  SANITY_STUDIO_API_HOST: process.env.SANITY_STUDIO_API_HOST,
  SANITY_STUDIO_BLOG_REPOSITORY: process.env.SANITY_STUDIO_BLOG_REPOSITORY,
  SANITY_STUDIO_EXPORT_RUNS_URL: process.env.SANITY_STUDIO_EXPORT_RUNS_URL,
  SANITY_STUDIO_GITHUB_URL: process.env.SANITY_STUDIO_GITHUB_URL,
})

// The GROQ playground is for developers: `sanity dev` only, not the built Studio.
const devTools = isDev ? [visionTool()] : []

export default defineConfig({
  name: 'default',
  title: 'Hugo Blog Studio',
  projectId,
  dataset,
  ...(apiHost ? {apiHost} : {}),
  // The same site options as the exporter, so the "Hugo markdown" view shows
  // the file the exporter writes.
  plugins: [
    hugoBlog({
      site: exportConfig.site,
      // Whether a published post is on the blog, from the manifest the exporter commits there.
      exportStatus: {
        repository: blogRepository,
        ...(exportRunsUrl ? {workflowRunsUrl: exportRunsUrl} : {}),
        ...(githubUrl
          ? {
              rawBaseUrl: `${githubUrl}/raw`,
              apiBaseUrl: `${githubUrl}/api`,
              webBaseUrl: `${githubUrl}/web`,
            }
          : {}),
      },
    }),
    ...devTools,
  ],
})
