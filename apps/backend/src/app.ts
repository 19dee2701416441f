import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BODY_LIMIT_BYTES, PROBLEM_CONTENT_TYPE } from '@todo/contract';
import { routeMetricsPlugin } from '@todo/route-metrics';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { BackendConfig } from './config';
import { batchedStdout } from './lib/log-destination';
import { validationProblem } from './lib/problem-error';
import { serializerCompiler } from './lib/serializer-compiler';
import { validatorCompiler } from './lib/validator-compiler';
import configPlugin from './plugins/app/config';
import dynamoDbPlugin from './plugins/app/dynamodb';
import legacyAdoptionPlugin, { type LegacyAdoptionOptions } from './plugins/app/legacy-adoption';
import lifecyclePlugin from './plugins/app/lifecycle';
import problemHandlersPlugin from './plugins/app/problem-handlers';
import todoRepositoryPlugin from './plugins/app/todo-repository';
import rateLimitPlugin from './plugins/external/rate-limit';
import swaggerPlugin from './plugins/external/swagger';
import underPressurePlugin from './plugins/external/under-pressure';
import bulkTodoRoutes from './routes/bulk-todos';
import healthRoutes from './routes/health';
import openApiRoute from './routes/openapi';
import todoRoutes from './routes/todos';

export interface BuildAppOptions {
  config: BackendConfig;
  /** pino logger settings, or false for none (tests). @default JSON lines at `config.logLevel` on `stdout` */
  logger?: FastifyServerOptions['logger'];
  /** Where the default logger and the metrics write their lines. @default this process's stdout, in batches (`batchedStdout`) */
  stdout?: DestinationStream;
  /** A DynamoDB client to use instead of one built from the config (tests). */
  dynamoDbClient?: DynamoDBClient;
  /** Tuning of the start-up adoption of the original service's items. */
  legacyAdoption?: LegacyAdoptionOptions;
  /** How often under-pressure samples the event loop. @default 1000 */
  pressureSampleIntervalMs?: number;
}

/** A request id from the proxy (nginx's `$request_id`) is kept when it looks like one; else a new one. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function requestId(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** Builds the whole backend, ready to `listen` or `inject`. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  // One writer for log and metric lines: two writers on one stdout could put a metric line inside a
  // log batch that a full pipe cut short, and CloudWatch would drop both.
  const stdout = options.logger === undefined ? (options.stdout ?? batchedStdout()) : undefined;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, stream: stdout },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: requestId,
    // A path Fastify's router cannot take (broken percent-encoding, a parameter over 100 characters)
    // is answered before any handler; without this, Fastify's own JSON names its error code and
    // echoes the path.
    frameworkErrors: (_error, _request, reply) => {
      void (reply as FastifyReply)
        .code(400)
        .type(PROBLEM_CONTENT_TYPE)
        .send(validationProblem([{ field: 'path', message: 'is not valid' }]));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain body is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');
  // Hooks on every request take a callback, not a promise: one allocation and one microtask fewer each.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  await app.register(configPlugin, { config });
  await app.register(lifecyclePlugin);
  await app.register(routeMetricsPlugin, { service: 'backend', ...app.config.metrics, output: stdout });
  await app.register(problemHandlersPlugin);

  await app.register(swaggerPlugin);
  await app.register(rateLimitPlugin);
  await app.register(underPressurePlugin, { sampleIntervalMs: options.pressureSampleIntervalMs });

  await app.register(dynamoDbPlugin, { client: options.dynamoDbClient });
  await app.register(todoRepositoryPlugin);
  await app.register(legacyAdoptionPlugin, options.legacyAdoption ?? {});

  await app.register(healthRoutes);
  await app.register(todoRoutes, { prefix: '/api' });
  await app.register(bulkTodoRoutes, { prefix: '/api' });
  await app.register(openApiRoute, { prefix: '/api' });
  return app;
}
