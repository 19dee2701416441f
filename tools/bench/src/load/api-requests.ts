import type { HttpRequestSpec } from './http-load';
import type { SeededTodo } from './seed';

export const listRequest: HttpRequestSpec = { method: 'GET', path: '/api/todos?limit=50' };

export const createRequest: HttpRequestSpec = {
  method: 'POST',
  path: '/api/todos',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'Benchmark todo' }),
};

/** Toggle requests, and the way to learn the todos' true state again after a run. */
export interface ToggleLoad {
  spec: HttpRequestSpec;
  /** Re-reads every todo of the pool, so the next run starts from their stored versions. */
  resync(apiOrigin: string): Promise<void>;
}

/** Todos in the pool per connection: how many other requests start before a todo comes round again. */
export const TOGGLE_POOL_PER_CONNECTION = 10;

const RESYNC_READS_AT_ONCE = 20;

/**
 * Conditional PATCHes flipping `completed` with the todo's version in `If-Match`. autocannon keeps
 * no state per connection across requests, so todos go round a shared queue: each request takes
 * the next todo and puts it back at once with the version and state its PATCH will give it. With
 * ten todos per connection a todo comes round only after ten times as many other requests have
 * started, long after its own answered, so none loses a race; and no answer needs parsing, which
 * keeps the load generator's CPU (on the same cores as the backend) as low as for the other cases.
 */
export function toggleRequests(pool: readonly SeededTodo[]): ToggleLoad {
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
      // A run stops with requests in flight (and a failed one would leave its todo's guess wrong).
      // A few reads at a time: hundreds at once make a loaded machine's backend shed them (503).
      const read = async ({ id }: SeededTodo): Promise<SeededTodo> => {
        const response = await fetch(`${apiOrigin}/api/todos/${id}`);
        const todo = (await response.json()) as SeededTodo;
        if (response.status !== 200) throw new Error(`reading todo ${id} back answered ${response.status}`);
        return { id: todo.id, version: todo.version, completed: todo.completed };
      };
      const stored: SeededTodo[] = [];
      for (let start = 0; start < queue.length; start += RESYNC_READS_AT_ONCE) {
        stored.push(...(await Promise.all(queue.slice(start, start + RESYNC_READS_AT_ONCE).map(read))));
      }
      queue = stored;
    },
  };
}
