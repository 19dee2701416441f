import type { HttpRequestSpec } from './http-load';
import type { SeededTodo } from './seed';

export const listRequest: HttpRequestSpec = { method: 'GET', path: '/api/todos?limit=50' };

export const createRequest: HttpRequestSpec = {
  method: 'POST',
  path: '/api/todos',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'Benchmark todo' }),
};

/** Toggle requests, and the way to get back the todos that were in flight when a run stopped. */
export interface ToggleLoad {
  spec: HttpRequestSpec;
  /** Re-reads the todos whose answer never came (the run stopped) or failed, and frees them again. */
  recover(apiOrigin: string): Promise<void>;
}

/**
 * Conditional PATCHes flipping `completed`, each on a todo no other request in flight holds, so
 * none loses a race and answers 412. autocannon keeps no state per connection across requests,
 * so todos wait in a shared pool: taken when a request is built, returned with their new version
 * when its answer arrives. The pool must hold more todos than there are connections.
 */
export function toggleRequests(pool: readonly SeededTodo[]): ToggleLoad {
  const free = [...pool];
  const unsettled = new Map<number, SeededTodo>();
  return {
    spec: {
      method: 'PATCH',
      path: '/api/todos/0',
      headers: { 'content-type': 'application/json' },
      setupRequest(request, context) {
        const todo = free.shift();
        if (!todo) throw new Error('toggle pool ran dry: give it more todos than connections');
        unsettled.set(todo.id, todo);
        context['todo'] = todo;
        return {
          ...request,
          path: `/api/todos/${todo.id}`,
          headers: { ...request.headers, 'if-match': `"${todo.version}"` },
          body: JSON.stringify({ completed: !todo.completed }),
        };
      },
      onResponse(status, body, context) {
        // Anything but a 200 is counted as an error by the load run; its todo stays unsettled.
        if (status !== 200) return;
        const updated = JSON.parse(body) as SeededTodo;
        unsettled.delete((context['todo'] as SeededTodo).id);
        free.push({ id: updated.id, version: updated.version, completed: updated.completed });
      },
    },
    async recover(apiOrigin) {
      for (const id of unsettled.keys()) {
        const response = await fetch(`${apiOrigin}/api/todos/${id}`);
        const todo = (await response.json()) as SeededTodo;
        if (response.status !== 200) throw new Error(`reading todo ${id} back answered ${response.status}`);
        free.push({ id: todo.id, version: todo.version, completed: todo.completed });
      }
      unsettled.clear();
    },
  };
}
