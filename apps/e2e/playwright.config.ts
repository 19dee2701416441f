import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutablePath } from '@todo/test-harness';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the built frontend
 * served by the real nginx from its production template, the built backend bundle, and dynalite.
 * The global setup starts that stack once; tests reset the store before each test.
 */
export default defineConfig({
  testDir: resolve(__dirname, 'src'),
  testMatch: '**/*.e2e.ts',
  outputDir: resolve(__dirname, 'test-results'),
  globalSetup: resolve(__dirname, 'src/support/global-setup.ts'),
  // One browser at a time: the stack and its store are shared, and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], [resolve(__dirname, '../../tools/test-summary/playwright-reporter.cjs'), { name: 'e2e' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 900, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumExecutablePath, args: [...chromiumArgs] },
  },
});
