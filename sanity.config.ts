import {visionTool} from '@sanity/vision'
import {defineConfig, isDev} from 'sanity'
import exportConfig from './hugo-export.config.ts'
import {hugoBlog} from './plugins/hugo-blog/index.ts'
import {studioEnv} from './studio-env.ts'

// Each variable is read by name: the Studio bundler inlines only literal
// `process.env.SANITY_STUDIO_*` accesses.
const {projectId, dataset, apiHost} = studioEnv({
  SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
  SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
  SANITY_STUDIO_API_HOST: process.env.SANITY_STUDIO_API_HOST,
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
  plugins: [hugoBlog({site: exportConfig.site}), ...devTools],
})
