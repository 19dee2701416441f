import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateTodoHeadersSchema,
  CreateTodoSchema,
  formatEtag,
  ListTodosQuerySchema,
  PAGE_LIMIT_DEFAULT,
  TodoIdParamsSchema,
  TodoPageSchema,
  TodoSchema,
  UpdateTodoSchema,
  type Todo,
} from '@todo/contract';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { ProblemError } from '../lib/problem-error';
import { readIfMatch, readTodoId } from '../lib/request-input';
import { decodeCursor, encodeCursor } from '../repository/cursor';
import type { IdempotentCreateOutcome } from '../repository/idempotent-create';
import type { WriteOutcome } from '../repository/todo-writes';
import { IfMatchHeadersSchema, problemResponses } from './schemas';

/** The todo resource: list, create, read, change, delete one. Registered under `/api`. */
const todoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = app.todoRepository;

  app.get(
    '/todos',
    { schema: { summary: 'One page of todos in creation order', querystring: ListTodosQuerySchema, response: { 200: TodoPageSchema, ...problemResponses } } },
    async (request) => {
      const { limit = PAGE_LIMIT_DEFAULT, cursor, completed } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor, completed);
      if (cursor !== undefined && !after) {
        throw ProblemError.validation('query/cursor', 'is not a cursor this list gave out for this filter');
      }
      const page = await repository.list({ limit, completed, after });
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next, completed) : null };
    },
  );

  app.post(
    '/todos',
    {
      schema: {
        summary: 'Create a todo; safe to retry with the same Idempotency-Key',
        headers: CreateTodoHeadersSchema,
        body: CreateTodoSchema,
        response: { 201: TodoSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const title = request.body.title.trim();
      const key = request.headers['idempotency-key'];
      const todo = key === undefined ? await repository.create(title) : expectCreated(await repository.createOnce(title, key));
      return withEtag(reply, todo).code(201).header('location', `/api/todos/${todo.id}`).send(todo);
    },
  );

  app.get(
    '/todos/:id',
    { schema: { summary: 'One todo', params: TodoIdParamsSchema, response: { 200: TodoSchema, ...problemResponses } } },
    async (request, reply) => {
      const id = readTodoId(request.params.id);
      const todo = await repository.get(id);
      if (!todo) throw ProblemError.notFound(id);
      return withEtag(reply, todo).send(todo);
    },
  );

  app.patch(
    '/todos/:id',
    {
      schema: {
        summary: 'Change the title and/or completion; conditional with If-Match',
        params: TodoIdParamsSchema,
        headers: IfMatchHeadersSchema,
        body: UpdateTodoSchema,
        response: { 200: TodoSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const id = readTodoId(request.params.id);
      const ifMatch = readIfMatch(request.headers['if-match']);
      const { title, completed } = request.body;
      const outcome = await repository.update(id, { title: title?.trim(), completed }, ifMatch);
      const todo = expectDone(outcome, id);
      return withEtag(reply, todo).send(todo);
    },
  );

  app.delete(
    '/todos/:id',
    {
      schema: {
        summary: 'Delete a todo; conditional with If-Match',
        params: TodoIdParamsSchema,
        headers: IfMatchHeadersSchema,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const id = readTodoId(request.params.id);
      const outcome = await repository.remove(id, readIfMatch(request.headers['if-match']));
      if (outcome.kind !== 'deleted') expectDone(outcome, id);
      return reply.code(204).send(null);
    },
  );
};

function expectDone(outcome: WriteOutcome, id: number): Todo {
  if (outcome.kind === 'not-found') throw ProblemError.notFound(id);
  if (outcome.kind === 'stale') throw ProblemError.stale(outcome.current);
  return outcome.todo;
}

function expectCreated(outcome: IdempotentCreateOutcome): Todo {
  if (outcome.kind === 'key-reused') throw ProblemError.idempotencyKeyReused();
  if (outcome.kind === 'key-conflict') throw ProblemError.idempotencyKeyConflict();
  return outcome.todo;
}

function withEtag(reply: FastifyReply, todo: Todo): FastifyReply {
  return reply.header('etag', formatEtag(todo.version));
}

export default todoRoutes;
