import { PROBLEM_CONTENT_TYPE } from '@todo/contract';
import fp from 'fastify-plugin';
import { problemFromError } from '../../lib/problem-from-error';

/**
 * Every error leaves as `application/problem+json` with a stable `type`. Client errors are logged
 * at info level, server-side ones (the store failing, a bug) as errors with the cause; bodies
 * never carry stack traces or internal names.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const { problem, headers, serverSide } = problemFromError(error);
      if (serverSide) request.log.error({ err: error }, problem.title);
      else request.log.info({ problem: problem.type, status: problem.status }, problem.title);
      return reply.code(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
    });

    app.setNotFoundHandler((_request, reply) => {
      const { problem } = problemFromError(Object.assign(new Error('not found'), { statusCode: 404 }));
      return reply.code(404).type(PROBLEM_CONTENT_TYPE).send({ ...problem, detail: 'No route of this API has this method and path' });
    });
  },
  { name: 'problem-handlers' },
);
