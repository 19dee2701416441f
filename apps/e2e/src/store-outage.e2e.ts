import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TodoClient } from '@todo/contract/client';
import { startBackendProcess, startEmbeddedDynamoDb, startNginx, type BackendProcess, type EmbeddedDynamoDb, type RunningNginx } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { expect, test } from './support/fixtures';
import { paths } from './support/paths';
import { TodoPage } from './support/todo-page';

// A stack of its own with a store of its own: this test stops the store (DynamoDB going away while
// the backend keeps running) and starts it again on the same address, with the same data.
const TABLE = 'todo-e2e-store-outage';
let folder: string;
let store: EmbeddedDynamoDb | undefined;
let storePort: number;
let backend: BackendProcess;
let nginx: RunningNginx;
let api: TodoClient;

test.beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'e2e-store-outage-'));
  store = await startEmbeddedDynamoDb({ path: folder });
  storePort = store.port;
  await ensureTable(store.client, TABLE);
  backend = await startBackendProcess({
    bundlePath: paths.backendBundle,
    dynamoDbEndpoint: store.endpoint,
    tableName: TABLE,
    env: { RATE_LIMIT_PER_MINUTE: '0' },
  });
  nginx = await startNginx({ templatePath: paths.nginxTemplate, staticRoot: paths.frontendDist, backendUpstream: `127.0.0.1:${backend.port}` });
  api = new TodoClient({ baseUrl: nginx.url });
});

test.afterAll(async () => {
  await nginx?.stop();
  await backend?.stop();
  await store?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

test('the store going away shows as a message, and the same page works again once it is back, without a backend restart', async ({ page }) => {
  const title = 'kept through the store outage';
  await api.createTodo({ title });
  const app = new TodoPage(page, nginx.url);
  await app.open();

  await store?.stop();
  store = undefined;
  await app.toggle(title).click();
  await expect(app.alerts.locator('.notice-text')).toHaveText([
    `Could not save “${title}”: the todo service is unavailable right now (503). The change was undone.`,
  ]);
  await expect(app.toggle(title)).not.toBeChecked();

  store = await startEmbeddedDynamoDb({ path: folder, port: storePort });
  await app.toggle(title).check();
  await app.saved();
  expect((await api.listTodos()).items).toMatchObject([{ title, completed: true }]);
  // The backend recovered by itself: it is the process that saw the outage.
  expect(await Promise.race([backend.exited.then(() => 'exited'), Promise.resolve('running')])).toBe('running');
});
