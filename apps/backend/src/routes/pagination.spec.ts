import type { Todo, TodoPage } from '@todo/contract';
import { ProblemType } from '@todo/contract';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { creationKey } from '@todo/todo-table';
import { encodeCursor } from '../repository/cursor';
import { startTestBackend, type TestBackend } from '../test-support/test-backend';
import { manyTodos } from '../test-support/todo-items';

jest.setTimeout(30_000);

describe('listing 1,000 todos page by page', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;
  const COUNT = 1000;
  // Every third todo is completed; ids 1..1000 were created in id order.
  const isCompleted = (index: number) => index % 3 === 0;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
    backend = await startTestBackend(store);
    await backend.putItems(manyTodos(COUNT, { completed: isCompleted }));
  });
  afterAll(async () => {
    await backend.stop();
    await store.stop();
  });

  async function readAll(query: string, limit: number): Promise<{ ids: number[]; pages: number }> {
    const ids: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const search = new URLSearchParams(query);
      search.set('limit', String(limit));
      if (cursor) search.set('cursor', cursor);
      const response = await backend.app.inject({ method: 'GET', url: `/api/todos?${search}` });
      expect(response.statusCode).toBe(200);
      const page = response.json<TodoPage>();
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((todo: Todo) => todo.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    return { ids, pages };
  }

  const all = Array.from({ length: COUNT }, (_, index) => index + 1);

  it('returns every id exactly once, in creation order, in full pages', async () => {
    const { ids, pages } = await readAll('', 100);
    expect(ids).toEqual(all);
    expect(pages).toBe(10);
  });

  it('does so with the default page size and an odd one', async () => {
    expect((await readAll('', 50)).ids).toEqual(all);
    expect((await readAll('', 7)).ids).toEqual(all);
  });

  it('keeps order and completeness under a completed filter', async () => {
    expect((await readAll('completed=true', 9)).ids).toEqual(all.filter((id) => isCompleted(id - 1)));
    expect((await readAll('completed=false', 100)).ids).toEqual(all.filter((id) => !isCompleted(id - 1)));
  });

  it('starts a well-formed cursor at its position even when no item is there', async () => {
    // Sorts after todo 500 (same creation time, larger id) and before todo 501.
    const createdAt500 = new Date(Date.parse('2026-01-01T00:00:00.000Z') + 499).toISOString();
    const cursor = encodeCursor({ id: 999_999, createdKey: creationKey(createdAt500, 999_999) }, undefined);
    const page = (await backend.app.inject({ method: 'GET', url: `/api/todos?limit=3&cursor=${cursor}` })).json<TodoPage>();
    expect(page.items.map((todo: Todo) => todo.id)).toEqual([501, 502, 503]);
  });

  it('refuses a cursor made for another filter with a 400 on query/cursor', async () => {
    const first = (await backend.app.inject({ method: 'GET', url: '/api/todos?limit=5' })).json<TodoPage>();
    const response = await backend.app.inject({ method: 'GET', url: `/api/todos?completed=true&cursor=${first.nextCursor}` });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ type: ProblemType.validation, errors: [{ field: 'query/cursor' }] });
  });
});
