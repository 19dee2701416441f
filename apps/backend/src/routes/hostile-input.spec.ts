import { PROBLEM_CONTENT_TYPE, ProblemSchema, type Todo } from '@todo/contract';
import { INTERNALS, startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { encodeCursor } from '../repository/cursor';
import { startTestBackend, type TestBackend } from '../test-support/test-backend';

jest.setTimeout(60_000);

if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (value) => !Number.isNaN(Date.parse(value)));

describe('hostile input to every route', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;
  let seeded: Todo[];

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
    backend = await startTestBackend(store);
    seeded = [];
    for (const title of ['one', 'two', 'three']) {
      seeded.push((await backend.app.inject({ method: 'POST', url: '/api/todos', payload: { title } })).json());
    }
  });
  afterAll(async () => {
    await backend.stop();
    await store.stop();
  });

  const idText = () =>
    fc.oneof(
      fc.constantFrom(...seeded.map((todo) => String(todo.id))),
      fc.integer().map(String),
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
      fc.constantFrom('0', '-1', '1e3', '0x10', '1.0', ' 1', '%31', '..', '%2e%2e', 'null', '9007199254740993', '00001'),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
    );

  const cursorText = () =>
    fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.base64String({ maxLength: 200 }),
      fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? '').toString('base64url')),
      fc
        .record({ v: fc.constantFrom(1, 2, '1'), f: fc.constantFrom('all', 'completed', 'open', 'x'), id: fc.oneof(fc.integer(), fc.double()), k: fc.string() })
        .map((body) => Buffer.from(JSON.stringify(body)).toString('base64url')),
      fc.constantFrom(encodeCursor({ id: 5, createdKey: '2026-01-01T00:00:00.000Z#0000000000000005' }, true)),
      fc.string({ minLength: 1000, maxLength: 1100 }),
    );

  const query = () =>
    fc
      .dictionary(
        fc.constantFrom('limit', 'cursor', 'completed', 'sort', '__proto__', 'constructor', 'limit[]'),
        fc.oneof(fc.string({ maxLength: 20 }), cursorText(), fc.integer().map(String), fc.constantFrom('true', 'false', '', '1', '100', '101')),
        { maxKeys: 4 },
      )
      .map((entries) => {
        const search = new URLSearchParams(entries).toString();
        return search ? `?${search}` : '';
      });

  const path = () =>
    fc.oneof(
      fc.constant('/api/todos'),
      idText().map((id) => `/api/todos/${id}`),
      fc.constantFrom('/api/todos/', '/api//todos', '/api/todos/../todos', '/api/%2e%2e/etc/passwd', '/api', '/', '/api/openapi.json', '/ready', '/ishealthy', '/api/todos/1/2'),
      fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
    );

  const body = () =>
    fc.oneof(
      fc.constant(undefined),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.record({ title: fc.oneof(fc.string({ maxLength: 600 }), fc.jsonValue()) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      fc.record({ completed: fc.jsonValue(), title: fc.string({ maxLength: 20 }), extra: fc.jsonValue() }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 100 }),
      fc.constant(JSON.stringify({ title: 'x'.repeat(20_000) })),
      fc.constant('{"__proto__": {"polluted": true}, "title": "p"}'),
    );

  const headers = () =>
    fc.record(
      {
        'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', '', 'application/problem+json'),
        'if-match': fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map((n) => `"${n}"`), fc.constantFrom('*', 'W/"1"', '"1"', '"1", "2"')),
        'x-forwarded-for': fc.constantFrom('203.0.113.1', 'not-an-ip', '::1, 10.0.0.1'),
        accept: fc.constantFrom('application/json', 'text/html', '*/*'),
        'idempotency-key': fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('retry-1', 'k'.repeat(255), 'k'.repeat(256), 'ключ')),
      },
      { requiredKeys: [] },
    );

  /** Nearly valid requests of each route, so the fuzzing also reaches the store and the conditional writes. */
  const plausible = () => {
    const json = { 'content-type': 'application/json' };
    const todoPath = fc.constantFrom(...seeded.map((todo) => `/api/todos/${todo.id}`), '/api/todos/12345');
    const ifMatch = fc.constantFrom(undefined, '"1"', '"2"', '"9"', '*');
    const withIfMatch = (value: string | undefined) => (value === undefined ? json : { ...json, 'if-match': value });
    return fc.oneof(
      fc.constantFrom('{"title":" t "}', '{"title":""}', '{"title":"a","completed":true}').map((body) => ({ method: 'POST', path: '/api/todos', query: '', headers: json, body })),
      todoPath.map((path) => ({ method: 'GET', path, query: '', headers: {}, body: undefined })),
      fc.tuple(todoPath, ifMatch, fc.constantFrom('{"completed":true}', '{"title":"u"}', '{}')).map(([path, tag, body]) => ({ method: 'PATCH', path, query: '', headers: withIfMatch(tag), body })),
      fc.tuple(todoPath, ifMatch).map(([path, tag]) => ({ method: 'DELETE', path, query: '', headers: withIfMatch(tag), body: undefined })),
      fc.constantFrom('{"completed":true}', '{"completed":false}').map((body) => ({ method: 'PATCH', path: '/api/todos', query: '', headers: json, body })),
      fc.constantFrom('?completed=true', '?completed=1', '').map((query) => ({ method: 'DELETE', path: '/api/todos', query, headers: {}, body: undefined })),
      cursorText().map((cursor) => ({ method: 'GET', path: '/api/todos', query: `?limit=2&cursor=${encodeURIComponent(cursor)}`, headers: {}, body: undefined })),
    );
  };

  const request = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.record({
        method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'),
        path: path(),
        query: query(),
        headers: headers(),
        body: body(),
      }) },
      { weight: 2, arbitrary: plausible() },
    );

  it('never answers 5xx, answers every error with a problem, and rejected requests change nothing', async () => {
    let before = await backend.dump();
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(request(), async ({ method, path, query, headers, body }) => {
        const options = { method, url: `${path}${query}`, headers, payload: body } as InjectOptions;
        const response = await backend.app.inject(options);
        statuses.add(response.statusCode);
        expect(response.statusCode).toBeLessThan(500);
        const after = await backend.dump();
        if (response.statusCode >= 400) {
          expect(after).toEqual(before);
          if (method !== 'HEAD') {
            expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
            const problem = response.json();
            expect(Value.Check(ProblemSchema, problem)).toBe(true);
            expect(problem.status).toBe(response.statusCode);
            expect(response.body).not.toMatch(INTERNALS);
          }
        }
        before = after;
      }),
      { numRuns: 300 },
    );
    // The inputs reached past validation too, not only into the error paths.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 201, 400, 404, 413, 415]));
  });
});
