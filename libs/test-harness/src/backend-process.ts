import { startChild, waitForHttp, type ChildExit } from './child-process';
import { findFreePort } from './free-port';

export interface BackendProcessOptions {
  /** The built bundle, `apps/backend/dist/main.js`. */
  bundlePath: string;
  /** The store's endpoint, e.g. an embedded DynamoDB's (`AWS_ENDPOINT_URL_DYNAMODB`). */
  dynamoDbEndpoint: string;
  /** An existing table (`TODOTABLE_NAME`); create it first, e.g. with `ensureTable` of `@todo/todo-table`. */
  tableName: string;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default a free port on `host` */
  port?: number;
  /** More environment, e.g. `{ RATE_LIMIT_PER_MINUTE: '0' }`; it wins over the defaults here. @default {} */
  env?: Record<string, string>;
  /** How long to wait for `/ready`. @default 30000 */
  readyTimeoutMs?: number;
}

export interface BackendProcess {
  /** `http://<host>:<port>` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  readonly exited: Promise<ChildExit>;
  /** The latest part of its log. */
  output(): string;
  /** Sends `signal` (SIGTERM: a graceful shutdown, as ECS does), then SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<ChildExit>;
}

/**
 * Runs the built backend bundle as a child process, as its container does, against a local store,
 * and waits until `/ready` answers 200.
 */
export async function startBackendProcess(options: BackendProcessOptions): Promise<BackendProcess> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort(host));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    NODE_ENV: 'production',
    HOST: host,
    PORT: String(port),
    TODOTABLE_NAME: options.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoDbEndpoint,
    // A local store takes any credentials; fixed ones keep a developer's real profile out of tests.
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const running = startChild(process.execPath, [options.bundlePath], { env });
  const url = `http://${host}:${port}`;
  try {
    await waitForHttp(`${url}/ready`, running, { name: 'backend', timeoutMs: options.readyTimeoutMs ?? 30_000 });
  } catch (error) {
    await running.stop('SIGKILL');
    throw error;
  }
  return {
    url,
    host,
    port,
    pid: running.child.pid ?? -1,
    exited: running.exited,
    output: running.output,
    stop: running.stop,
  };
}
