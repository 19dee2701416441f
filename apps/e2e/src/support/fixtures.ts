import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { TodoClient } from '@todo/contract/client';
import { screenshotsDir } from './paths';
import { stackEnv } from './stack-env';
import { resetTodos } from './store';
import { TodoPage } from './todo-page';

interface Fixtures {
  /** The API through nginx, for arranging and checking what the server stores. */
  api: TodoClient;
  /** The TodoMVC page of the default browser context. */
  todos: TodoPage;
  /** Saves a screenshot of a main state of the app under `apps/e2e/screenshots/<name>.png`. */
  saveScreenshot: (name: string, page?: Page) => Promise<void>;
  /** Every test starts with an empty store. */
  emptyStore: void;
}

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => use(stackEnv().baseUrl),
  emptyStore: [
    async ({}, use) => {
      await resetTodos();
      await use();
    },
    { auto: true },
  ],
  api: async ({}, use) => use(new TodoClient({ baseUrl: stackEnv().baseUrl })),
  todos: async ({ page }, use) => use(new TodoPage(page)),
  saveScreenshot: async ({ page }, use) => {
    await mkdir(screenshotsDir, { recursive: true });
    await use(async (name, target = page) => {
      await target.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
    });
  },
});

export { expect };
