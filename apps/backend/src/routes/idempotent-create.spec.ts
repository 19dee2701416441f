import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PROBLEM_CONTENT_TYPE, ProblemType, type Todo } from '@todo/contract';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { idempotencyRecordDefinition, idempotencySlot, todoTableDefinition } from '@todo/todo-table';
import { startTestBackend, type TestBackend } from '../test-support/test-backend';
import { storedTodo } from '../test-support/todo-items';

const ID = todoTableDefinition.partitionKey.name;
const EXPIRES_AT = todoTableDefinition.expiryAttribute;
const field = idempotencyRecordDefinition.attributes;

// The concurrent cases make ~100 store calls each: generous on a loaded machine, as the other route suites are.
jest.setTimeout(30_000);

describe('POST /api/todos with an Idempotency-Key', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;
  let documents: DynamoDBDocumentClient;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
    documents = DynamoDBDocumentClient.from(store.client);
  });
  afterAll(() => store.stop());
  beforeEach(async () => {
    backend = await startTestBackend(store);
  });
  afterEach(() => backend.stop());

  const post = (key: string | undefined, title: string, app = backend.app) =>
    app.inject({ method: 'POST', url: '/api/todos', payload: { title }, headers: key === undefined ? {} : { 'idempotency-key': key } });
  const listed = async (): Promise<Todo[]> => (await backend.app.inject({ method: 'GET', url: '/api/todos' })).json<{ items: Todo[] }>().items;
  const todoItems = async () => (await backend.dump()).filter((item) => (item[ID] as number) > 0);
  const recordOf = async (key: string) => (await backend.dump()).find((item) => item[ID] === idempotencySlot(key));
  const changeRecord = (key: string, stored: boolean) =>
    documents.send(
      new UpdateCommand({
        TableName: backend.tableName,
        Key: { [ID]: idempotencySlot(key) },
        UpdateExpression: 'SET #stored = :stored',
        ExpressionAttributeNames: { '#stored': field.stored },
        ExpressionAttributeValues: { ':stored': stored },
      }),
    );
  const deleteItem = (id: number) => documents.send(new DeleteCommand({ TableName: backend.tableName, Key: { [ID]: id } }));

  it('answers a retry with the first result: same todo, status, Location and ETag, and stores one todo', async () => {
    const first = await post('"k-1"', 'buy milk');
    expect(first.statusCode).toBe(201);
    const todo = first.json<Todo>();
    const retry = await post('"k-1"', 'buy milk');
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(todo);
    expect(retry.headers['location']).toBe(`/api/todos/${todo.id}`);
    expect(retry.headers['etag']).toBe('"1"');
    expect(await listed()).toEqual([todo]);
  });

  it('keeps answering the original result after the todo changed or was deleted, and never re-creates it', async () => {
    const todo = (await post('k-2', 'original')).json<Todo>();
    await backend.app.inject({ method: 'PATCH', url: `/api/todos/${todo.id}`, payload: { title: 'renamed' } });
    expect((await post('k-2', 'original')).json()).toEqual(todo);
    await backend.app.inject({ method: 'DELETE', url: `/api/todos/${todo.id}` });
    const retry = await post('k-2', 'original');
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(todo);
    expect(await listed()).toEqual([]);
  });

  it('treats a title differing only in surrounding white space as the same body', async () => {
    const todo = (await post('k-3', 'tea')).json<Todo>();
    expect((await post('k-3', '  tea ')).json()).toEqual(todo);
    expect(await todoItems()).toHaveLength(1);
  });

  it('refuses the same key with another body with a 422 problem naming the header, creating nothing', async () => {
    const todo = (await post('k-4', 'first')).json<Todo>();
    const before = await backend.dump();
    const reused = await post('k-4', 'second');
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(reused.json()).toMatchObject({ type: ProblemType.idempotencyKeyReused, status: 422, errors: [{ field: 'headers/idempotency-key' }] });
    expect(await backend.dump()).toEqual(before);
    expect((await post('k-4', 'first')).json()).toEqual(todo);
  });

  it('creates one todo per key, and one per request without a key', async () => {
    await post('a', 'same title');
    await post('b', 'same title');
    await post(undefined, 'same title');
    await post(undefined, 'same title');
    expect(await listed()).toHaveLength(4);
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['holding a space', 'a b'],
    ['holding a tab', 'a\tb'],
    ['not ASCII', 'clé'],
  ])('refuses a key %s with a 400 problem naming the header, changing nothing', async (_, key) => {
    const response = await post(key, 'x');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({ type: ProblemType.validation, errors: [{ field: 'headers/idempotency-key' }] });
    expect(await backend.dump()).toEqual([]);
  });

  it('accepts a key of 255 visible ASCII characters', async () => {
    expect((await post('~'.repeat(255), 'x')).statusCode).toBe(201);
  });

  it('creates exactly one todo for 20 concurrent requests with one key, all answered with it', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => post('"burst"', 'once')));
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
    const todos = responses.map((response) => response.json<Todo>());
    expect(new Set(todos.map((todo) => JSON.stringify(todo))).size).toBe(1);
    expect(new Set(responses.map((response) => response.headers['location'])).size).toBe(1);
    expect(await todoItems()).toHaveLength(1);
    expect(await listed()).toEqual([todos[0]]);
  });

  it('creates exactly one todo when retries of one key reach two backend tasks at once', async () => {
    const otherTask = await startTestBackend(store, { tableName: backend.tableName });
    try {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => post('"two-tasks"', 'shared', i % 2 === 0 ? backend.app : otherTask.app)),
      );
      expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((response) => response.json<Todo>().id)).size).toBe(1);
      expect(await todoItems()).toHaveLength(1);
    } finally {
      await otherTask.stop();
    }
  });

  it('keeps the record for 24 hours, as the DynamoDB TTL attribute says', async () => {
    const before = Math.floor(Date.now() / 1000);
    const todo = (await post('k-ttl', 'kept')).json<Todo>();
    const record = await recordOf('k-ttl');
    expect(record).toMatchObject({ [field.key]: 'k-ttl', [field.stored]: true, [field.todo]: todo });
    expect(record?.[EXPIRES_AT]).toBeGreaterThanOrEqual(before + 24 * 60 * 60);
    expect(record?.[EXPIRES_AT]).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 24 * 60 * 60);
  });

  it('treats an expired record that TTL has not deleted yet as gone: the key creates anew', async () => {
    const old = (await post('k-old', 'then')).json<Todo>();
    await documents.send(
      new UpdateCommand({
        TableName: backend.tableName,
        Key: { [ID]: idempotencySlot('k-old') },
        UpdateExpression: 'SET #expires = :past',
        ExpressionAttributeNames: { '#expires': EXPIRES_AT },
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
      }),
    );
    const fresh = await post('k-old', 'now');
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json<Todo>()).toMatchObject({ title: 'now' });
    expect(fresh.json<Todo>().id).not.toBe(old.id);
    expect((await recordOf('k-old'))?.[EXPIRES_AT]).toBeGreaterThan(Date.now() / 1000 + 23 * 60 * 60);
  });

  it('finishes the create of a task that died after recording it but before writing the todo', async () => {
    const todo = (await post('k-died', 'half done')).json<Todo>();
    await deleteItem(todo.id);
    await changeRecord('k-died', false);
    const retry = await post('k-died', 'half done');
    expect(retry.json()).toEqual(todo);
    expect(await listed()).toEqual([todo]);
    expect((await recordOf('k-died'))?.[field.stored]).toBe(true);
  });

  it('answers the todo of a task that died after writing it but before marking it written, without a second one', async () => {
    const todo = (await post('k-unmarked', 'written')).json<Todo>();
    await changeRecord('k-unmarked', false);
    expect((await post('k-unmarked', 'written')).json()).toEqual(todo);
    expect(await todoItems()).toHaveLength(1);
  });

  it('chooses another id when the recorded one was taken by an unrelated todo meanwhile, leaving that todo alone', async () => {
    const todo = (await post('k-taken', 'mine')).json<Todo>();
    await deleteItem(todo.id);
    await changeRecord('k-taken', false);
    const unrelated = storedTodo(todo.id, '2020-01-01T00:00:00.000Z');
    await backend.putItems([unrelated]);
    const retry = (await post('k-taken', 'mine')).json<Todo>();
    expect(retry).toMatchObject({ title: 'mine', version: 1 });
    expect(retry.id).not.toBe(todo.id);
    expect((await post('k-taken', 'mine')).json()).toEqual(retry);
    expect(await todoItems()).toEqual(expect.arrayContaining([unrelated]));
    expect(await todoItems()).toHaveLength(2);
  });

  it('answers 409 when another key holds this key\'s record slot, creating nothing', async () => {
    const slot = idempotencySlot('k-mine');
    await backend.putItems([{ [ID]: slot, [field.key]: 'k-someone-else', [EXPIRES_AT]: Math.floor(Date.now() / 1000) + 3600 }]);
    const before = await backend.dump();
    const response = await post('k-mine', 'x');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ type: ProblemType.idempotencyKeyConflict, errors: [{ field: 'headers/idempotency-key' }] });
    expect(await backend.dump()).toEqual(before);
  });

  it('never shows records as todos to lists, bulk changes, legacy adoption or readiness', async () => {
    await post('k-a', 'a');
    await post('k-b', 'b');
    const records = (await backend.dump()).filter((item) => (item[ID] as number) < 0);
    expect(records).toHaveLength(2);

    expect((await listed()).map((todo) => todo.title).sort()).toEqual(['a', 'b']);
    expect((await backend.app.inject({ method: 'GET', url: '/api/todos?completed=false' })).json()).toMatchObject({ items: [{}, {}] });
    const completeAll = await backend.app.inject({ method: 'PATCH', url: '/api/todos', payload: { completed: true } });
    expect(completeAll.json()).toEqual({ changed: 2 });
    expect(await backend.app.todoRepository.adoptLegacyItems()).toEqual({ adopted: 0, skipped: 0 });
    const clear = await backend.app.inject({ method: 'DELETE', url: '/api/todos?completed=true' });
    expect(clear.json()).toEqual({ changed: 2 });
    expect((await backend.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    expect(await backend.dump()).toEqual(records);
  });

  it('is declared in the OpenAPI document', async () => {
    const document = (await backend.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const parameters = document.paths['/api/todos'].post.parameters as Array<{ name: string; in: string; required?: boolean; schema: object }>;
    expect(parameters).toContainEqual(
      expect.objectContaining({ name: 'idempotency-key', in: 'header', required: false, schema: expect.objectContaining({ maxLength: 255 }) }),
    );
  });
});
