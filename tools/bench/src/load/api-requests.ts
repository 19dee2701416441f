import type { HttpRequestSpec } from './http-load';
import type { SeededTodo } from './seed';

export const listRequest: HttpRequestSpec = { method: 'GET', path: '/api/todos?limit=50' };

export const createRequest: HttpRequestSpec = {
  method: 'POST',
  path: '/api/todos',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'Benchmark todo' }),
};

/**
 * Conditional PATCHes flipping `completed`, each on a todo no other request in flight holds, so
 * none loses a race and answers 412. autocannon keeps no state per connection across requests,
 * so todos wait in a shared pool: taken when a request is built, returned with their new version
 * when its answer arrives. The pool must hold more todos than there are connections.
 */
export function toggleRequest(pool: SeededTodo[]): HttpRequestSpec {
  const free = [...pool];
  return {
    method: 'PATCH',
    path: '/api/todos/0',
    headers: { 'content-type': 'application/json' },
    setupRequest(request, context) {
      const todo = free.shift();
      if (!todo) throw new Error('toggle pool ran dry: give it more todos than connections');
      context['todo'] = todo;
      return {
        ...request,
        path: `/api/todos/${todo.id}`,
        headers: { ...request.headers, 'if-match': `"${todo.version}"` },
        body: JSON.stringify({ completed: !todo.completed }),
      };
    },
    onResponse(status, body, context) {
      const todo = context['todo'] as SeededTodo;
      if (status === 200) {
        const updated = JSON.parse(body) as SeededTodo;
        free.push({ id: updated.id, version: updated.version, completed: updated.completed });
      } else {
        // Counted as an error by the load run; the todo goes back as it was.
        free.push(todo);
      }
    },
  };
}
