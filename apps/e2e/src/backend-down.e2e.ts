import { TodoClient } from '@todo/contract/client';
import { findFreePort, startBackend, startNginx, type BackendProcess, type RunningNginx } from '@todo/test-harness';
import { expect, test } from './support/fixtures';
import { stackEnv } from './support/stack-env';
import { resetTodos } from './support/store';
import { TodoPage } from './support/todo-page';

// A stack of its own (sharing only the store, with its own table), so stopping its backend does
// not disturb the other tests.
const TABLE = 'todo-e2e-outage';
let backendPort: number;
let backend: BackendProcess | undefined;
let nginx: RunningNginx;
let api: TodoClient;

const stopOwnBackend = async () => {
  await backend?.stop();
  backend = undefined;
};

const startOwnBackend = async () => {
  backend = await startBackend({ dynamoDbEndpoint: stackEnv().dynamoDbEndpoint, tableName: TABLE, port: backendPort });
};

test.beforeAll(async () => {
  await resetTodos(TABLE);
  backendPort = await findFreePort();
  await startOwnBackend();
  nginx = await startNginx({ backendUpstream: `127.0.0.1:${backendPort}` });
  api = new TodoClient({ baseUrl: nginx.url });
});

test.afterAll(async () => {
  await nginx?.stop();
  await stopOwnBackend();
});

test.beforeEach(async () => {
  if (!backend) await startOwnBackend();
  await api.setAllCompleted(true);
  await api.deleteCompleted();
});

test('a change the server cannot get is undone and explained, and works again once the backend is back', async ({ page, saveScreenshot }) => {
  await api.createTodo({ title: 'survives the outage' });
  const app = new TodoPage(page, nginx.url);
  await app.open();

  await stopOwnBackend();
  // click, not check: the box is back to unchecked by the time Playwright would look.
  await app.toggle('survives the outage').click();
  await expect(app.alerts.locator('.notice-text')).toHaveText([
    'Could not save “survives the outage”: the todo service is unavailable right now (502). The change was undone.',
  ]);
  await expect(app.toggle('survives the outage')).not.toBeChecked();

  await app.newTodo.fill('never stored');
  await app.newTodo.press('Enter');
  await expect(app.alerts.last()).toContainText('Could not add “never stored”: the todo service is unavailable right now (502).');
  await expect(app.items.locator('label')).toHaveText(['survives the outage']);
  await saveScreenshot('error-message', page);

  await app.alerts.first().getByRole('button', { name: 'Dismiss message' }).click();
  await expect(app.alerts).toHaveCount(1);

  await startOwnBackend();
  await app.toggle('survives the outage').check();
  await app.saved();
  await expect(app.alerts).toHaveCount(1);
  expect((await api.listTodos()).items).toMatchObject([{ title: 'survives the outage', completed: true }]);
});

test('a first load that fails says so and can be retried', async ({ page }) => {
  await api.createTodo({ title: 'loaded on retry' });
  await stopOwnBackend();
  const app = new TodoPage(page, nginx.url);
  await page.goto(nginx.url);
  await expect(app.alerts).toContainText('Could not load your todos: the todo service is unavailable right now (502).');

  await startOwnBackend();
  await page.getByRole('button', { name: 'Try loading again' }).click();
  await expect(app.items.locator('label')).toHaveText(['loaded on retry']);
});
