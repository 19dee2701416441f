import { Value } from '@sinclair/typebox/value';
import { CreateTodoHeadersSchema, CreateTodoSchema, ListTodosQuerySchema, TodoIdParamsSchema, UpdateTodoSchema } from './todo.schema';
import { IDEMPOTENCY_KEY_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits';

describe('CreateTodoSchema', () => {
  it.each([['a'], ['  buy milk  '], ['x'.repeat(TITLE_MAX_LENGTH)]])('accepts the title %j', (title) => {
    expect(Value.Check(CreateTodoSchema, { title })).toBe(true);
  });

  it.each([[''], ['   '], ['\n\t'], ['x'.repeat(TITLE_MAX_LENGTH + 1)], [42], [null]])('rejects the title %j', (title) => {
    expect(Value.Check(CreateTodoSchema, { title })).toBe(false);
  });

  it('rejects unknown fields and a client-chosen id', () => {
    expect(Value.Check(CreateTodoSchema, { title: 'a', id: 7 })).toBe(false);
    expect(Value.Check(CreateTodoSchema, { title: 'a', completed: true })).toBe(false);
  });
});

describe('UpdateTodoSchema', () => {
  it('accepts a title, a completed flag, or both', () => {
    expect(Value.Check(UpdateTodoSchema, { title: 'b' })).toBe(true);
    expect(Value.Check(UpdateTodoSchema, { completed: false })).toBe(true);
    expect(Value.Check(UpdateTodoSchema, { title: 'b', completed: true })).toBe(true);
  });

  it('rejects an empty change, unknown fields and wrong types', () => {
    expect(Value.Check(UpdateTodoSchema, {})).toBe(false);
    expect(Value.Check(UpdateTodoSchema, { version: 2 })).toBe(false);
    expect(Value.Check(UpdateTodoSchema, { completed: 'true' })).toBe(false);
  });
});

describe('TodoIdParamsSchema', () => {
  it.each(['1', '42', String(Number.MAX_SAFE_INTEGER)])('accepts %s', (id) => {
    expect(Value.Check(TodoIdParamsSchema, { id })).toBe(true);
  });

  it.each(['0', '-1', '01', '1.5', '1e3', '0x10', ' 1', 'abc', '12345678901234567'])('rejects %j', (id) => {
    expect(Value.Check(TodoIdParamsSchema, { id })).toBe(false);
  });
});

describe('ListTodosQuerySchema', () => {
  it('accepts limits from 1 to 100 and a cursor', () => {
    expect(Value.Check(ListTodosQuerySchema, { limit: 1, cursor: 'abc', completed: true })).toBe(true);
    expect(Value.Check(ListTodosQuerySchema, { limit: 100 })).toBe(true);
  });

  it('rejects limits out of range, empty cursors and unknown parameters', () => {
    expect(Value.Check(ListTodosQuerySchema, { limit: 0 })).toBe(false);
    expect(Value.Check(ListTodosQuerySchema, { limit: 101 })).toBe(false);
    expect(Value.Check(ListTodosQuerySchema, { cursor: '' })).toBe(false);
    expect(Value.Check(ListTodosQuerySchema, { sort: 'title' })).toBe(false);
  });
});

describe('CreateTodoHeadersSchema', () => {
  it.each([['"8e03978e-40d5-43e8-bc93-6894a57f9324"'], ['k'], ['~'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH)], ['!#$%&()*+,-./:;<=>?@[]^_`{|}~']])(
    'accepts the key %j',
    (key) => {
      expect(Value.Check(CreateTodoHeadersSchema, { 'idempotency-key': key })).toBe(true);
    },
  );

  it.each([[''], ['a b'], ['tab\there'], ['ü'], ['x'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH + 1)]])('rejects the key %j', (key) => {
    expect(Value.Check(CreateTodoHeadersSchema, { 'idempotency-key': key })).toBe(false);
  });

  it('allows a create without a key, and other headers beside it', () => {
    expect(Value.Check(CreateTodoHeadersSchema, {})).toBe(true);
    expect(Value.Check(CreateTodoHeadersSchema, { 'content-type': 'application/json', 'idempotency-key': 'k' })).toBe(true);
  });
});
