import { TodoApiError, TodoNetworkError } from './client-errors';
import { ProblemType } from './problem-types';
import type { Todo } from './todo.schema';
import { TodoClient } from './todo-client';

const todo: Todo = {
  id: 7,
  title: 'buy milk',
  completed: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records each call and answers with the next scripted response. */
function scriptedFetch(...responses: Array<Response | Error>) {
  const calls: Call[] = [];
  const fetchImpl = async (url: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return next;
  };
  return { calls, fetch: fetchImpl as typeof fetch };
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('TodoClient', () => {
  it('sends a create as JSON and returns the typed todo', async () => {
    const { calls, fetch } = scriptedFetch(json(todo, 201));
    const client = new TodoClient({ baseUrl: 'http://api.test/', fetch });

    await expect(client.createTodo({ title: 'buy milk' })).resolves.toEqual(todo);
    expect(calls[0]?.url).toBe('http://api.test/api/todos');
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.body).toBe('{"title":"buy milk"}');
    expect((calls[0]?.init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  const keyOf = (call: Call | undefined) => (call?.init.headers as Record<string, string>)['idempotency-key'];
  const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

  it('sends a fresh Idempotency-Key with every create', async () => {
    const { calls, fetch } = scriptedFetch(json(todo, 201), json(todo, 201));
    const client = new TodoClient({ fetch });

    await client.createTodo({ title: 'buy milk' });
    await client.createTodo({ title: 'buy milk' });
    expect(keyOf(calls[0])).toMatch(/^"[0-9a-f]{32}"$/);
    expect(keyOf(calls[1])).toMatch(/^"[0-9a-f]{32}"$/);
    expect(keyOf(calls[0])).not.toBe(keyOf(calls[1]));
  });

  it('retries a lost answer and a 503 with the same key, and resolves with the todo', async () => {
    const unavailable = json({ type: ProblemType.serviceUnavailable, title: 'down', status: 503 }, 503, 'application/problem+json');
    const { calls, fetch } = scriptedFetch(new TypeError('socket hang up'), unavailable, json(todo, 201));
    const client = new TodoClient({ fetch, createRetry: fastRetry });

    await expect(client.createTodo({ title: 'buy milk' }, { idempotencyKey: 'k-1' })).resolves.toEqual(todo);
    expect(calls.map(keyOf)).toEqual(['k-1', 'k-1', 'k-1']);
    expect(calls.map((call) => call.init.body)).toEqual(Array(3).fill('{"title":"buy milk"}'));
  });

  it('gives up after the bounded number of tries with the last error', async () => {
    const { calls, fetch } = scriptedFetch(new TypeError('1'), new TypeError('2'), new TypeError('3'));
    const client = new TodoClient({ fetch, createRetry: { ...fastRetry, attempts: 3 } });

    const error = await client.createTodo({ title: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TodoNetworkError);
    expect(((error as TodoNetworkError).cause as Error).message).toBe('3');
    expect(calls).toHaveLength(3);
  });

  it('does not retry an answer that decided the create, such as a 422 for a reused key', async () => {
    const reused = json({ type: ProblemType.idempotencyKeyReused, title: 'reused', status: 422 }, 422, 'application/problem+json');
    const { calls, fetch } = scriptedFetch(reused);
    const client = new TodoClient({ fetch, createRetry: fastRetry });

    const error = (await client.createTodo({ title: 'x' }).catch((e: unknown) => e)) as TodoApiError;
    expect(error.type).toBe(ProblemType.idempotencyKeyReused);
    expect(calls).toHaveLength(1);
  });

  it('reads Retry-After into the error', async () => {
    const unavailable = new Response('{}', { status: 503, headers: { 'retry-after': '2' } });
    const { fetch } = scriptedFetch(unavailable);
    const client = new TodoClient({ fetch, createRetry: { attempts: 1 } });

    const error = (await client.createTodo({ title: 'x' }).catch((e: unknown) => e)) as TodoApiError;
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBe(2);
  });

  it('sends If-Match with the version on a conditional update', async () => {
    const { calls, fetch } = scriptedFetch(json({ ...todo, completed: true, version: 2 }));
    const client = new TodoClient({ fetch });

    const updated = await client.updateTodo(7, { completed: true }, { ifMatch: 1 });
    expect(updated.version).toBe(2);
    expect(calls[0]?.url).toBe('/api/todos/7');
    expect((calls[0]?.init.headers as Record<string, string>)['if-match']).toBe('"1"');
  });

  it('walks every page until there is no next cursor', async () => {
    const { calls, fetch } = scriptedFetch(
      json({ items: [todo], nextCursor: 'c1' }),
      json({ items: [{ ...todo, id: 8 }], nextCursor: null }),
    );
    const client = new TodoClient({ fetch });

    const ids: number[] = [];
    for await (const page of client.pages({ limit: 1 })) ids.push(...page.items.map((item) => item.id));
    expect(ids).toEqual([7, 8]);
    expect(calls.map((call) => call.url)).toEqual(['/api/todos?limit=1', '/api/todos?limit=1&cursor=c1']);
  });

  it('resolves a delete with nothing and uses the bulk routes', async () => {
    const { calls, fetch } = scriptedFetch(new Response(null, { status: 204 }), json({ changed: 3 }), json({ changed: 2 }));
    const client = new TodoClient({ fetch });

    await expect(client.deleteTodo(7)).resolves.toBeUndefined();
    await expect(client.setAllCompleted(true)).resolves.toEqual({ changed: 3 });
    await expect(client.deleteCompleted()).resolves.toEqual({ changed: 2 });
    expect(calls.map((call) => `${call.init.method} ${call.url}`)).toEqual([
      'DELETE /api/todos/7',
      'PATCH /api/todos',
      'DELETE /api/todos?completed=true',
    ]);
  });

  it('rejects with the problem body of an error response', async () => {
    const problem = { type: ProblemType.preconditionFailed, title: 'Precondition failed', status: 412, current: todo };
    const { fetch } = scriptedFetch(json(problem, 412, 'application/problem+json'));
    const client = new TodoClient({ fetch });

    const error = await client.updateTodo(7, { title: 'x' }, { ifMatch: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TodoApiError);
    expect((error as TodoApiError).status).toBe(412);
    expect((error as TodoApiError).problem).toEqual(problem);
  });

  it('makes a problem from a proxy error page that is not JSON', async () => {
    const { fetch } = scriptedFetch(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const client = new TodoClient({ fetch });

    const error = (await client.getTodo(7).catch((e: unknown) => e)) as TodoApiError;
    expect(error.problem).toEqual({ type: ProblemType.badGateway, title: 'Bad Gateway', status: 502 });
  });

  it('rejects with a network error when the server cannot be reached', async () => {
    const { fetch } = scriptedFetch(new TypeError('fetch failed'));
    const client = new TodoClient({ fetch });

    const error = await client.listTodos().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TodoNetworkError);
    expect((error as TodoNetworkError).cause).toBeInstanceOf(TypeError);
  });
});
