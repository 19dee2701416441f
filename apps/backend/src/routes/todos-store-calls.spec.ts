import type { Todo } from '@todo/contract';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { startTestBackend, type TestBackend } from '../test-support/test-backend';

/**
 * What a change costs in store calls, counted on the real client against the embedded store: a
 * toggle is one UpdateItem, as in the benchmark's SDK-only driver; a read follows only when the
 * condition fails, to answer with the current todo.
 */
describe('store calls of a change', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;
  const calls: string[] = [];

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countStoreCalls' },
    );
    backend = await startTestBackend(store);
    // Its start-up scan must not land among the counted calls.
    await backend.app.legacyAdoption.done;
  });
  afterAll(async () => {
    await backend.stop();
    await store.stop();
  });

  const create = async (): Promise<Todo> => (await backend.app.inject({ method: 'POST', url: '/api/todos', payload: { title: 'count me' } })).json();
  const toggle = (todo: Todo, ifMatch?: string) =>
    backend.app.inject({ method: 'PATCH', url: `/api/todos/${todo.id}`, payload: { completed: !todo.completed }, headers: ifMatch ? { 'if-match': ifMatch } : {} });

  it('toggles with one UpdateItem, with If-Match or without', async () => {
    const todo = await create();
    calls.length = 0;
    expect((await toggle(todo, '"1"')).statusCode).toBe(200);
    expect((await toggle({ ...todo, completed: true })).statusCode).toBe(200);
    expect(calls).toEqual(['UpdateItemCommand', 'UpdateItemCommand']);
  });

  it('reads the todo back only when the version no longer matches', async () => {
    const todo = await create();
    await toggle(todo, '"1"');
    calls.length = 0;
    const stale = await toggle(todo, '"1"');
    expect(stale.statusCode).toBe(412);
    expect(calls).toEqual(['UpdateItemCommand', 'GetItemCommand']);
  });
});
