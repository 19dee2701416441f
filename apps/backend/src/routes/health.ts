import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PROBLEM_CONTENT_TYPE, ProblemSchema, ProblemType } from '@todo/contract';
import { Type } from '@sinclair/typebox';

/** Readiness must answer within a second even when the store hangs. */
export const READY_TIMEOUT_MS = 800;

const StatusSchema = Type.Object({ status: Type.String() }, { additionalProperties: false });

/** Liveness and readiness probes; outside `/api`, never rate limited. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ishealthy',
    {
      schema: { summary: 'Liveness: the process answers', response: { 200: StatusSchema } },
      // A task that is merely busy is alive: never shed this probe, or ECS would kill busy tasks.
      config: { rateLimit: false, pressureHandler: () => undefined },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      schema: { summary: 'Readiness: the todo table answers and no shutdown is under way', response: { 200: StatusSchema, 503: ProblemSchema } },
      config: { rateLimit: false },
    },
    async (request, reply) => {
      const notReady = (detail: string) =>
        reply
          .code(503)
          .header('retry-after', '1')
          .type(PROBLEM_CONTENT_TYPE)
          .send({ type: ProblemType.serviceUnavailable, title: 'Not ready', status: 503, detail });
      if (app.lifecycle.draining) return notReady('Shutting down');
      try {
        await app.todoRepository.ping(AbortSignal.timeout(READY_TIMEOUT_MS));
      } catch (err) {
        request.log.warn({ err }, 'readiness check: the todo table did not answer');
        return notReady('The todo store does not answer');
      }
      return { status: 'ready' };
    },
  );
};

export default healthRoutes;
