import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProblemType, type Todo } from '@todo/contract';
import { TodoApiError, TodoClient } from '@todo/contract/client';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { spawn, type ChildProcess } from 'node:child_process';
import { collect, exited } from './test-support/spawn-backend';

jest.setTimeout(60_000);

/** The production bundle, copied alone into an empty folder: no node_modules, no sources. */
describe('the bundled backend (dist/main.js)', () => {
  let store: EmbeddedDynamoDb;
  let folder: string;
  let child: ChildProcess;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
    await ensureTable(store.client, 'todos');
    folder = await mkdtemp(join(tmpdir(), 'backend-bundle-'));
    await copyFile(resolve(__dirname, '../dist/main.js'), join(folder, 'main.js'));
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await store.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('serves the API with plain node and stops cleanly on SIGTERM', async () => {
    child = spawn(process.execPath, ['main.js'], {
      cwd: folder,
      env: {
        PATH: process.env['PATH'] ?? '',
        TODOTABLE_NAME: 'todos',
        PORT: '0',
        HOST: '127.0.0.1',
        AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    const origin = await new Promise<string>((resolvePromise, reject) => {
      child.stdout?.on('data', () => {
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout.text());
        if (match?.[1]) resolvePromise(match[1]);
      });
      child.once('exit', () => reject(new Error(`the bundle exited: ${stderr.text()}`)));
    });

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

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });
});
