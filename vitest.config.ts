import {defineConfig} from 'vitest/config'

export default defineConfig({
  // The Studio tsconfig keeps `jsx: preserve` for the Studio bundler, so the
  // test transform must be told to compile JSX itself.
  oxc: {jsx: {runtime: 'automatic'}},
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
})
