import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { ProblemSchema, ProblemType, TodoSchema } from '@todo/contract';
import { serializerCompiler } from './serializer-compiler';

describe('serializerCompiler', () => {
  it('compiles each schema once, whichever route and status ask for it', () => {
    const notFound = serializerCompiler({ schema: ProblemSchema, method: 'GET', url: '/api/todos/:id', httpStatus: '4xx' });
    const unavailable = serializerCompiler({ schema: ProblemSchema, method: 'POST', url: '/api/todos', httpStatus: '5xx' });
    const todo = serializerCompiler({ schema: TodoSchema, method: 'GET', url: '/api/todos/:id', httpStatus: '200' });
    expect(unavailable).toBe(notFound);
    expect(todo).not.toBe(notFound);
  });

  it('writes exactly what Fastify’s own compiler writes', () => {
    const route = { schema: TodoSchema, method: 'PATCH', url: '/api/todos/:id', httpStatus: '200' };
    const fastifys = SerializerSelector()({}, undefined)(route);
    const todo = { id: 7, title: 'Write "tests"', completed: true, createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:01.000Z', version: 2, extra: 'dropped' };
    expect(serializerCompiler(route)(todo)).toBe(fastifys(todo));
    const problem = { type: ProblemType.notFound, title: 'Todo not found', status: 404, detail: 'There is no todo with id 7' };
    const problemRoute = { ...route, schema: ProblemSchema, httpStatus: '4xx' };
    expect(serializerCompiler(problemRoute)(problem)).toBe(SerializerSelector()({}, undefined)(problemRoute)(problem));
  });
});
