import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifySerializerCompiler } from 'fastify';

/** Fastify's own compiler, with the options it uses by default (no shared schemas are added here). */
const compile = SerializerSelector()();

type Serializer = ReturnType<typeof compile>;

const compiled = new WeakMap<object, Serializer>();

/**
 * Fastify's fast-json-stringify serializers, compiled once per schema rather than once per route
 * and status: every route answers its errors with the same `ProblemSchema`, so without this the
 * backend generated and compiled the same code over a dozen times at start-up.
 */
export const serializerCompiler: FastifySerializerCompiler<object> = ({ schema, method, url, httpStatus = 'default' }) => {
  let serializer = compiled.get(schema);
  if (!serializer) {
    serializer = compile({ schema, method, url, httpStatus });
    compiled.set(schema, serializer);
  }
  return serializer;
};
