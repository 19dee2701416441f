import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProblemType, type Todo } from '@todo/contract';
import { TodoApiError, TodoClient } from '@todo/contract/client';
import { startBackend, startEmbeddedDynamoDb, workspacePaths, type BackendProcess, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';

jest.setTimeout(60_000);

/** The production bundle, copied alone into an empty folder: no node_modules, no sources. */
describe('the bundled backend (dist/main.js)', () => {
  let store: EmbeddedDynamoDb;
  let folder: string;
  let backend: BackendProcess | undefined;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
    await ensureTable(store.client, 'todos');
    folder = await mkdtemp(join(tmpdir(), 'backend-bundle-'));
    await copyFile(workspacePaths.backendBundle, join(folder, 'main.js'));
  });
  afterAll(async () => {
    await backend?.stop('SIGKILL');
    await store.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('serves the API with plain node and stops cleanly on SIGTERM', async () => {
    // Only the launch environment: no node_modules, sources or settings leak in from here.
    backend = await startBackend({ bundlePath: join(folder, 'main.js'), dynamoDbEndpoint: store.endpoint, tableName: 'todos' });
    const origin = backend.url;

    const api = new TodoClient({ baseUrl: origin });
    const created = await api.createTodo({ title: 'from the bundle' });
    expect((await api.listTodos()).items.map((todo: Todo) => todo.id)).toEqual([created.id]);
    const stale = await api.updateTodo(created.id, { completed: true }, { ifMatch: 2 }).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(TodoApiError);
    expect((stale as TodoApiError).problem).toMatchObject({ type: ProblemType.preconditionFailed, status: 412 });
    expect(await api.updateTodo(created.id, { completed: true }, { ifMatch: 1 })).toMatchObject({ completed: true, version: 2 });
    await api.deleteTodo(created.id);
    await expect(api.getTodo(created.id)).rejects.toMatchObject({ status: 404 });
    expect((await fetch(`${origin}/ready`)).status).toBe(200);

    expect((await backend.stop('SIGTERM')).code).toBe(0);
  });
});
