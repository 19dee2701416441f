import type { Todo } from '@todo/contract';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { todoTableDefinition } from '@todo/todo-table';
import { startTestBackend, type TestBackend } from '../test-support/test-backend';
import { manyTodos } from '../test-support/todo-items';

const ID = todoTableDefinition.partitionKey.name;

// Thousands of writes to dynalite take seconds, not milliseconds.
jest.setTimeout(60_000);

describe('bulk routes over 5,000 todos', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;
  const COUNT = 5000;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
    backend = await startTestBackend(store);
    await backend.putItems(manyTodos(COUNT, { completed: (index) => index % 2 === 0 }));
  });
  afterAll(async () => {
    await backend.stop();
    await store.stop();
  });

  it('marks every todo completed and reports only the ones that changed', async () => {
    const response = await backend.app.inject({ method: 'PATCH', url: '/api/todos', payload: { completed: true } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ changed: COUNT / 2 });
    const items = await backend.dump();
    expect(items).toHaveLength(COUNT);
    expect(items.every((item) => item['completed'] === true)).toBe(true);
    // Only the changed ones got a new version.
    expect(items.filter((item) => item['version'] === 2)).toHaveLength(COUNT / 2);

    const again = await backend.app.inject({ method: 'PATCH', url: '/api/todos', payload: { completed: true } });
    expect(again.json()).toEqual({ changed: 0 });
  });

  it('deletes every completed todo, sparing those un-completed while it runs', async () => {
    // Un-complete 50 todos while the clear is in flight: each must either have been deleted before
    // (404) or have survived as not completed — never be deleted after it was un-completed.
    const racers = Array.from({ length: 50 }, (_, index) => 1 + index * 97);
    const clear = backend.app.inject({ method: 'DELETE', url: '/api/todos?completed=true' });
    const uncompletes = racers.map((id) => backend.app.inject({ method: 'PATCH', url: `/api/todos/${id}`, payload: { completed: false } }));
    const [cleared, ...patched] = await Promise.all([clear, ...uncompletes]);

    const survivors = new Map((await backend.dump()).map((item) => [item[ID] as number, item]));
    racers.forEach((id, index) => {
      const response = patched[index]!;
      if (response.statusCode === 200) {
        expect(response.json<Todo>().completed).toBe(false);
        expect(survivors.get(id)).toMatchObject({ completed: false });
      } else {
        expect(response.statusCode).toBe(404);
        expect(survivors.has(id)).toBe(false);
      }
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toEqual({ changed: COUNT - survivors.size });
    expect([...survivors.values()].every((item) => item['completed'] === false)).toBe(true);
  });
});
