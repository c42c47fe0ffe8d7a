import { defineConfig } from 'vitest/config';

/** Browser journeys: one server for the run, specs one after another in headless Chromium. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // A browser on a busy two-core machine can take seconds to settle (a dropdown closing, a list
    // refetching): polls without a timeout of their own wait up to 15 s instead of 1 s.
    expect: { poll: { timeout: 15_000 } },
  },
});
