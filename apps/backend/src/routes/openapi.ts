import type { FastifyPluginAsync } from 'fastify';

/** The OpenAPI document generated from the contract's schemas. Registered under `/api`. */
const openApiRoute: FastifyPluginAsync = async (app) => {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

export default openApiRoute;
