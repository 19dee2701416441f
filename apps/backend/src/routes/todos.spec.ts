import { PROBLEM_CONTENT_TYPE, ProblemType, type Todo } from '@todo/contract';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { startTestBackend, type TestBackend } from '../test-support/test-backend';

describe('todo routes', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
  });
  afterAll(() => store.stop());
  beforeEach(async () => {
    backend = await startTestBackend(store);
  });
  afterEach(() => backend.stop());

  const create = async (title: string): Promise<Todo> => {
    const response = await backend.app.inject({ method: 'POST', url: '/api/todos', payload: { title } });
    expect(response.statusCode).toBe(201);
    return response.json();
  };

  it('creates a todo with a server-assigned id, trimmed title, Location and ETag', async () => {
    const response = await backend.app.inject({ method: 'POST', url: '/api/todos', payload: { title: '  buy milk  ' } });
    expect(response.statusCode).toBe(201);
    const todo = response.json<Todo>();
    expect(todo).toEqual({ id: expect.any(Number), title: 'buy milk', completed: false, createdAt: expect.any(String), updatedAt: todo.createdAt, version: 1 });
    expect(Number.isSafeInteger(todo.id) && todo.id > 0).toBe(true);
    expect(response.headers['location']).toBe(`/api/todos/${todo.id}`);
    expect(response.headers['etag']).toBe('"1"');

    const read = await backend.app.inject({ method: 'GET', url: `/api/todos/${todo.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(todo);
    expect(read.headers['etag']).toBe('"1"');
  });

  it('changes title and completion, bumping version and updatedAt', async () => {
    const todo = await create('write tests');
    const response = await backend.app.inject({ method: 'PATCH', url: `/api/todos/${todo.id}`, payload: { completed: true, title: ' done ' } });
    expect(response.statusCode).toBe(200);
    const changed = response.json<Todo>();
    expect(changed).toMatchObject({ id: todo.id, title: 'done', completed: true, createdAt: todo.createdAt, version: 2 });
    expect(changed.updatedAt >= todo.updatedAt).toBe(true);
    expect(response.headers['etag']).toBe('"2"');
  });

  it('applies a change with the current If-Match and refuses a stale one with 412, changing nothing', async () => {
    const todo = await create('conditional');
    const first = await backend.app.inject({ method: 'PATCH', url: `/api/todos/${todo.id}`, headers: { 'if-match': '"1"' }, payload: { completed: true } });
    expect(first.statusCode).toBe(200);
    const before = await backend.dump();

    const stale = await backend.app.inject({ method: 'PATCH', url: `/api/todos/${todo.id}`, headers: { 'if-match': '"1"' }, payload: { title: 'lost' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(stale.json()).toMatchObject({ type: ProblemType.preconditionFailed, status: 412, current: { id: todo.id, title: 'conditional', completed: true, version: 2 } });
    expect(await backend.dump()).toEqual(before);

    const staleDelete = await backend.app.inject({ method: 'DELETE', url: `/api/todos/${todo.id}`, headers: { 'if-match': '"1"' } });
    expect(staleDelete.statusCode).toBe(412);
    expect(await backend.dump()).toEqual(before);

    const deleted = await backend.app.inject({ method: 'DELETE', url: `/api/todos/${todo.id}`, headers: { 'if-match': '"2"' } });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
  });

  it('lets exactly one of many concurrent changes with the same If-Match win', async () => {
    const todo = await create('contended');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        backend.app.inject({ method: 'PATCH', url: `/api/todos/${todo.id}`, headers: { 'if-match': '"1"' }, payload: { title: `writer ${index}` } }),
      ),
    );
    const winners = responses.filter((response) => response.statusCode === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((response) => response.statusCode === 412)).toHaveLength(19);
    const stored = (await backend.app.inject({ method: 'GET', url: `/api/todos/${todo.id}` })).json();
    expect(stored).toEqual(winners[0]!.json());
    expect(stored.version).toBe(2);
  });

  it('gives concurrent creates distinct ids and stores every one', async () => {
    const created = await Promise.all(Array.from({ length: 30 }, (_, index) => create(`parallel ${index}`)));
    expect(new Set(created.map((todo) => todo.id)).size).toBe(30);
    expect(await backend.dump()).toHaveLength(30);
  });

  it('rejects a malformed If-Match with a 400 naming the header', async () => {
    const todo = await create('etag');
    for (const value of ['1', 'W/"1"', '"0"', '"1", "2"', '"abc"']) {
      const response = await backend.app.inject({ method: 'PATCH', url: `/api/todos/${todo.id}`, headers: { 'if-match': value }, payload: { completed: true } });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ type: ProblemType.validation, errors: [{ field: 'headers/if-match' }] });
    }
    const any = await backend.app.inject({ method: 'PATCH', url: `/api/todos/${todo.id}`, headers: { 'if-match': '*' }, payload: { completed: true } });
    expect(any.statusCode).toBe(200);
  });

  it('deletes, then answers 404 problems for the missing todo', async () => {
    const todo = await create('short-lived');
    expect((await backend.app.inject({ method: 'DELETE', url: `/api/todos/${todo.id}` })).statusCode).toBe(204);
    for (const [method, payload] of [['GET', undefined], ['PATCH', { completed: true }], ['DELETE', undefined]] as const) {
      const response = await backend.app.inject({ method, url: `/api/todos/${todo.id}`, payload });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.json()).toMatchObject({ type: ProblemType.notFound, status: 404 });
    }
    expect(await backend.dump()).toEqual([]);
  });

  it.each([
    ['POST', '/api/todos', { title: '' }, 'body/title'],
    ['POST', '/api/todos', { title: '   ' }, 'body/title'],
    ['POST', '/api/todos', { title: 'x'.repeat(501) }, 'body/title'],
    ['POST', '/api/todos', { title: 5 }, 'body/title'],
    ['POST', '/api/todos', {}, 'body/title'],
    ['POST', '/api/todos', { title: 'ok', id: 5 }, 'body/id'],
    ['PATCH', '/api/todos/1', {}, 'body'],
    ['PATCH', '/api/todos/1', { completed: 'true' }, 'body/completed'],
    ['GET', '/api/todos/0', undefined, 'params/id'],
    ['GET', '/api/todos/-1', undefined, 'params/id'],
    ['GET', '/api/todos/1.5', undefined, 'params/id'],
    ['GET', '/api/todos/9007199254740992', undefined, 'params/id'],
    ['GET', '/api/todos?limit=0', undefined, 'query/limit'],
    ['GET', '/api/todos?limit=101', undefined, 'query/limit'],
    ['GET', '/api/todos?completed=maybe', undefined, 'query/completed'],
    ['GET', '/api/todos?sort=title', undefined, 'query/sort'],
    ['GET', '/api/todos?cursor=abc', undefined, 'query/cursor'],
    ['PATCH', '/api/todos', { completed: 1 }, 'body/completed'],
    ['DELETE', '/api/todos', undefined, 'query/completed'],
    ['DELETE', '/api/todos?completed=false', undefined, 'query/completed'],
  ] as const)('%s %s %j is a 400 naming %s', async (method, url, payload, field) => {
    const response = await backend.app.inject({ method, url, payload });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({ type: ProblemType.validation, status: 400, errors: [{ field, message: expect.any(String) }] });
  });

  it('answers 415 for a body that is not JSON, 400 for broken JSON and 413 above 16 KiB', async () => {
    const text = await backend.app.inject({ method: 'POST', url: '/api/todos', headers: { 'content-type': 'text/plain' }, payload: 'title' });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ type: ProblemType.unsupportedMediaType });

    const broken = await backend.app.inject({ method: 'POST', url: '/api/todos', headers: { 'content-type': 'application/json' }, payload: '{"title":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ type: ProblemType.validation, errors: [{ field: 'body' }] });

    const huge = await backend.app.inject({ method: 'POST', url: '/api/todos', payload: { title: 'x'.repeat(17 * 1024) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(huge.json()).toMatchObject({ type: ProblemType.payloadTooLarge, status: 413 });
    expect(await backend.dump()).toEqual([]);
  });

  it('answers unknown routes with a 404 problem', async () => {
    for (const [method, url] of [['GET', '/nope'], ['PUT', '/api/todos/1'], ['GET', '/api/todos/1/extra']] as const) {
      const response = await backend.app.inject({ method, url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.json()).toMatchObject({ type: ProblemType.routeNotFound, status: 404 });
    }
  });

  it('lists with a completed filter and echoes no internal attributes', async () => {
    const a = await create('a');
    const b = await create('b');
    await backend.app.inject({ method: 'PATCH', url: `/api/todos/${b.id}`, payload: { completed: true } });
    const all = (await backend.app.inject({ method: 'GET', url: '/api/todos' })).json();
    expect(all.items.map((t: Todo) => t.id)).toEqual([a.id, b.id]);
    expect(Object.keys(all.items[0]).sort()).toEqual(['completed', 'createdAt', 'id', 'title', 'updatedAt', 'version']);
    expect(all.nextCursor).toBeNull();
    const done = (await backend.app.inject({ method: 'GET', url: '/api/todos?completed=true' })).json();
    expect(done.items.map((t: Todo) => t.id)).toEqual([b.id]);
    const open = (await backend.app.inject({ method: 'GET', url: '/api/todos?completed=false' })).json();
    expect(open.items.map((t: Todo) => t.id)).toEqual([a.id]);
  });

  it('serves the OpenAPI document generated from the contract', async () => {
    const response = await backend.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).sort()).toEqual(['/api/todos', '/api/todos/{id}', '/ishealthy', '/ready']);
    expect(Object.keys(document.paths['/api/todos']).sort()).toEqual(['delete', 'get', 'patch', 'post']);
  });
});
