import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import hostProcesses from './playwright.config';

/**
 * The end-to-end suites against the production images (`nx run e2e:e2e-containers`): everything
 * of playwright.config.ts but the stack, which global-setup-containers.ts starts from the images.
 */
export default defineConfig({
  ...hostProcesses,
  globalSetup: resolve(__dirname, 'src/support/global-setup-containers.ts'),
  testIgnore: [
    // These two start and stop host processes of their own (a backend, a store) to take them away
    // mid-test: against containers they would test those processes again, not the images. Losing a
    // backend container is the container checks' redeploy and scale-out suites.
    '**/backend-down.e2e.ts',
    '**/store-outage.e2e.ts',
    // It measures Chromium rendering and paging through 5,000 todos: the images serve the same bytes
    // as the host run, and it alone would take over a minute of the container suites' budget.
    '**/large-list.e2e.ts',
  ],
  outputDir: resolve(__dirname, 'test-results/containers'),
  reporter: [['list'], [resolve(__dirname, '../../tools/test-summary/playwright-reporter.cjs'), { name: 'e2e-containers' }]],
});
