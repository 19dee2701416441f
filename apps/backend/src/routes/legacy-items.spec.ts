import type { Todo, TodoPage } from '@todo/contract';
import { startEmbeddedDynamoDb, writeItems, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable, todoTableDefinition } from '@todo/todo-table';
import { buildApp } from '../app';
import { startTestBackend, testConfig, type TestBackend } from '../test-support/test-backend';
import { legacyTodo } from '../test-support/todo-items';

const EPOCH = '1970-01-01T00:00:00.000Z';

describe('todos written by the original Flask service', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
  });
  afterAll(() => store.stop());
  afterEach(() => backend?.stop());

  describe('before adoption', () => {
    beforeEach(async () => {
      // The start-up pass runs on an empty table; these items arrive after it.
      backend = await startTestBackend(store);
      await backend.app.legacyAdoption.done;
      await backend.putItems([legacyTodo(11, 'old open', false), legacyTodo(12, 'old done', true)]);
    });

    it('reads them as todos with version 1', async () => {
      const open = await backend.app.inject({ method: 'GET', url: '/api/todos/11' });
      expect(open.statusCode).toBe(200);
      expect(open.json()).toEqual({ id: 11, title: 'old open', completed: false, createdAt: EPOCH, updatedAt: EPOCH, version: 1 });
      expect(open.headers['etag']).toBe('"1"');
      expect((await backend.app.inject({ method: 'GET', url: '/api/todos/12' })).json()).toMatchObject({ completed: true });
    });

    it('updates one, adopting it into the index with its other fields kept', async () => {
      const response = await backend.app.inject({ method: 'PATCH', url: '/api/todos/12', headers: { 'if-match': '"1"' }, payload: { title: 'renamed' } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: 12, title: 'renamed', completed: true, createdAt: EPOCH, version: 2 });
      const stored = (await backend.dump()).find((item) => item[todoTableDefinition.partitionKey.name] === 12);
      expect(stored).not.toHaveProperty('done');
      expect(stored).toMatchObject({ completed: true, version: 2, [todoTableDefinition.creationIndex.partitionKey.name]: todoTableDefinition.listKeyValue });
      const listed = (await backend.app.inject({ method: 'GET', url: '/api/todos' })).json<TodoPage>();
      expect(listed.items.map((todo: Todo) => todo.id)).toEqual([12]);
    });

    it('refuses a stale If-Match on one and changes nothing', async () => {
      const before = await backend.dump();
      const response = await backend.app.inject({ method: 'PATCH', url: '/api/todos/11', headers: { 'if-match': '"2"' }, payload: { completed: true } });
      expect(response.statusCode).toBe(412);
      expect(response.json().current).toMatchObject({ id: 11, version: 1 });
      expect((await backend.app.inject({ method: 'DELETE', url: '/api/todos/11', headers: { 'if-match': '"3"' } })).statusCode).toBe(412);
      expect(await backend.dump()).toEqual(before);
    });

    it('deletes one, conditionally on version 1', async () => {
      expect((await backend.app.inject({ method: 'DELETE', url: '/api/todos/11', headers: { 'if-match': '"1"' } })).statusCode).toBe(204);
      expect((await backend.app.inject({ method: 'GET', url: '/api/todos/11' })).statusCode).toBe(404);
    });

    it('includes them in the bulk routes', async () => {
      const completeAll = await backend.app.inject({ method: 'PATCH', url: '/api/todos', payload: { completed: true } });
      expect(completeAll.json()).toEqual({ changed: 1 });
      expect((await backend.app.inject({ method: 'GET', url: '/api/todos/11' })).json()).toMatchObject({ completed: true, version: 2 });
      const cleared = await backend.app.inject({ method: 'DELETE', url: '/api/todos?completed=true' });
      expect(cleared.json()).toEqual({ changed: 2 });
      expect(await backend.dump()).toEqual([]);
    });

    it('are adopted by a pass that reads them exactly as before and is idempotent', async () => {
      const before = (await backend.app.inject({ method: 'GET', url: '/api/todos/11' })).json();
      expect(await backend.app.todoRepository.adoptLegacyItems()).toEqual({ adopted: 2, skipped: 0 });
      expect(await backend.app.todoRepository.adoptLegacyItems()).toEqual({ adopted: 0, skipped: 0 });
      expect((await backend.app.inject({ method: 'GET', url: '/api/todos/11' })).json()).toEqual(before);
      const listed = (await backend.app.inject({ method: 'GET', url: '/api/todos' })).json<TodoPage>();
      expect(listed.items.map((todo: Todo) => todo.id)).toEqual([11, 12]);
      const patched = await backend.app.inject({ method: 'PATCH', url: '/api/todos/11', headers: { 'if-match': '"1"' }, payload: { completed: true } });
      expect(patched.json()).toMatchObject({ completed: true, version: 2 });
    });
  });

  it('are adopted at start-up and listed first, oldest, in id order; odd ids are left alone', async () => {
    const tableName = 'legacy-at-start-up';
    await ensureTable(store.client, tableName);
    await writeItems(store.client, tableName, [legacyTodo(7, 'seven', false), legacyTodo(3, 'three', true), legacyTodo(-5, 'unreachable', false)]);

    const app = await buildApp({ logger: false, dynamoDbClient: store.client, config: testConfig(tableName) });
    try {
      await app.ready();
      expect(await app.legacyAdoption.done).toEqual({ adopted: 2, skipped: 1 });
      await app.inject({ method: 'POST', url: '/api/todos', payload: { title: 'new' } });
      const listed = (await app.inject({ method: 'GET', url: '/api/todos' })).json<TodoPage>();
      expect(listed.items.map((todo: Todo) => todo.title)).toEqual(['three', 'seven', 'new']);
      expect(listed.items[0]).toMatchObject({ completed: true, version: 1, createdAt: EPOCH });
    } finally {
      await app.close();
    }
  });
});
