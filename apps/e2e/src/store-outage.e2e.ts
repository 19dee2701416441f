import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TodoClient } from '@todo/contract/client';
import { startStack, type Stack } from '@todo/test-harness';
import { expect, test } from './support/fixtures';
import { siteUrl } from './support/global-setup';
import { TodoPage } from './support/todo-page';

// A stack of its own with a store of its own: this test stops the store (DynamoDB going away while
// the backend keeps running) and starts it again on the same address, with the same data.
let folder: string;
let stack: Stack;
let api: TodoClient;

test.beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'e2e-store-outage-'));
  stack = await startStack({ tableName: 'todo-e2e-store-outage', nginx: true, storePath: folder });
  api = new TodoClient({ baseUrl: siteUrl(stack) });
});

test.afterAll(async () => {
  await stack?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

test('the store going away shows as a message, and the same page works again once it is back, without a backend restart', async ({ page }) => {
  const title = 'kept through the store outage';
  await api.createTodo({ title });
  const app = new TodoPage(page, siteUrl(stack));
  await app.open();

  await stack.stopStore();
  await app.toggle(title).click();
  await expect(app.alerts.locator('.notice-text')).toHaveText([
    `Could not save “${title}”: the todo service is unavailable right now (503). The change was undone.`,
  ]);
  await expect(app.toggle(title)).not.toBeChecked();

  await stack.restartStore();
  await app.toggle(title).check();
  await app.saved();
  expect((await api.listTodos()).items).toMatchObject([{ title, completed: true }]);
  // The backend recovered by itself: it is the process that saw the outage.
  expect(stack.backendExited()).toBe(false);
});
