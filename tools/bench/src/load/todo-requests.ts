import pMap from 'p-map';
import type { HttpRequestSpec } from './load-runs';

/** A todo as the API returns it (the fields the bench uses). */
export type SeededTodo = { id: number; version: number; completed: boolean };

export const listRequest: HttpRequestSpec = { method: 'GET', path: '/api/todos?limit=50' };

export const createRequest: HttpRequestSpec = { method: 'POST', path: '/api/todos', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Benchmark todo' }) };

/** Creates `count` todos through the API, 16 at a time, so they are stored exactly as the backend stores them. */
export async function seedTodos(apiOrigin: string, count: number): Promise<SeededTodo[]> {
  return pMap(
    Array.from({ length: count }, (_, index) => index),
    async (index) => {
      const response = await fetch(`${apiOrigin}/api/todos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Seeded todo ${index + 1}` }),
      });
      const body = (await response.json()) as SeededTodo;
      if (response.status !== 201) throw new Error(`seeding answered ${response.status}: ${JSON.stringify(body)}`);
      return { id: body.id, version: body.version, completed: body.completed };
    },
    { concurrency: 16 },
  );
}

/** Todos in the pool per connection: how many other requests start before a todo comes round again. */
export const TOGGLE_POOL_PER_CONNECTION = 10;

/**
 * Conditional PATCHes flipping `completed` with the todo's version in `If-Match`. autocannon keeps
 * no state per connection across requests, so todos go round a shared queue: each request takes
 * the next todo and puts it back at once with the version and state its PATCH will give it. With
 * ten todos per connection a todo comes round only after ten times as many other requests have
 * started, long after its own answered, so none loses a race; and no answer needs parsing, which
 * keeps the load generator's CPU (on the same cores as the backend) as low as for the other cases.
 * `resync` re-reads the pool after a run, which stops with requests in flight.
 */
export function toggleRequests(pool: readonly SeededTodo[]): { spec: HttpRequestSpec; resync(apiOrigin: string): Promise<void> } {
  let queue = [...pool];
  return {
    spec: {
      method: 'PATCH',
      path: '/api/todos/0',
      headers: { 'content-type': 'application/json' },
      setupRequest(request) {
        const todo = queue.shift() as SeededTodo;
        queue.push({ id: todo.id, version: todo.version + 1, completed: !todo.completed });
        return {
          ...request,
          path: `/api/todos/${todo.id}`,
          headers: { ...request.headers, 'if-match': `"${todo.version}"` },
          body: JSON.stringify({ completed: !todo.completed }),
        };
      },
    },
    async resync(apiOrigin) {
      // A few reads at a time: hundreds at once make a loaded machine's backend shed them (503).
      queue = await pMap(
        queue,
        async ({ id }) => {
          const response = await fetch(`${apiOrigin}/api/todos/${id}`);
          const todo = (await response.json()) as SeededTodo;
          if (response.status !== 200) throw new Error(`reading todo ${id} back answered ${response.status}`);
          return { id: todo.id, version: todo.version, completed: todo.completed };
        },
        { concurrency: 20 },
      );
    },
  };
}
