import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';

/** Collects every route's contract schemas into an OpenAPI document (served by routes/openapi.ts). */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Todo API',
          version: '1.0.0',
          description: 'Todos in creation order. Every error is application/problem+json (RFC 9457).',
        },
      },
    });
  },
  { name: 'swagger' },
);
