import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { startChild, waitForHttp, type ChildExit, type RunningChild } from './child-process';
import { findFreePort } from './free-port';
import { workspacePaths } from './workspace-paths';

export interface LocalBackendEnvOptions {
  /** The store's endpoint, e.g. an embedded DynamoDB's (`AWS_ENDPOINT_URL_DYNAMODB`). */
  dynamoDbEndpoint: string;
  /**
   * An existing table (`TODOTABLE_NAME`); create it first, e.g. with `ensureTable` of `@todo/todo-table`.
   * Omitted for a service that has no table.
   */
  tableName?: string;
  host: string;
  port: number;
}

/**
 * The environment that points the backend at a local store. A local store takes any credentials;
 * fixed ones keep a developer's real AWS profile out of tests and tools.
 */
export function localBackendEnv(options: LocalBackendEnvOptions): Record<string, string> {
  return {
    HOST: options.host,
    PORT: String(options.port),
    ...(options.tableName === undefined ? {} : { TODOTABLE_NAME: options.tableName }),
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoDbEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
}

export interface BackendOptions extends Omit<LocalBackendEnvOptions, 'host' | 'port' | 'tableName'> {
  tableName: string;
  /**
   * What to run: `bundle`, the built bundle with plain node as its image runs it; `source`,
   * `apps/backend/src/main.ts` through tsx (no build needed). @default 'bundle'
   */
  entry?: 'bundle' | 'source';
  /** Run this bundle instead of the workspace's (e.g. a copy alone in an empty folder). */
  bundlePath?: string;
  /** The Node binary that runs it (a section comparing runtimes). @default this process's */
  node?: string;
  /** @default the bundle's folder */
  cwd?: string;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default a free port on `host` */
  port?: number;
  /**
   * More environment, e.g. `{ LOG_LEVEL: 'info' }`; it wins over the defaults here, which are
   * production mode, `LOG_LEVEL=warn` and rate limiting off (tests and benchmarks make many requests
   * from one address). @default {}
   */
  env?: Record<string, string>;
  /** Write stdout and stderr to this file instead of keeping them in this process. */
  logFile?: string;
  /** `ignore` sends stdout (request logs) to /dev/null, so they cost this process nothing. @default 'pipe' */
  stdout?: 'pipe' | 'ignore';
  /** Return once started, without waiting for `/ready` (for a start that is meant to fail). @default true */
  waitUntilReady?: boolean;
  /** How long to wait for `/ready`. @default 30000 */
  readyTimeoutMs?: number;
  /** How often to ask `/ready` while waiting. @default 100 */
  pollIntervalMs?: number;
}

export interface BackendProcess {
  /** `http://<host>:<port>` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  readonly exited: Promise<ChildExit>;
  /** The latest part of its log (stdout and stderr, or the log file). */
  output(): string;
  /** Sends `signal` (SIGTERM: a graceful shutdown, as ECS does), then SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<ChildExit>;
}

/** Runs the backend as a child process against a local store and, unless told not to, waits until `/ready` answers 200. */
export async function startBackend(options: BackendOptions): Promise<BackendProcess> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort(host));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    ...localBackendEnv({ ...options, host, port }),
    ...options.env,
  };
  const running = startEntry(options, env);
  const url = `http://${host}:${port}`;
  if (options.waitUntilReady ?? true) {
    try {
      await waitForHttp(`${url}/ready`, running, {
        name: 'backend',
        timeoutMs: options.readyTimeoutMs ?? 30_000,
        intervalMs: options.pollIntervalMs,
      });
    } catch (error) {
      await running.stop('SIGKILL');
      throw error;
    }
  }
  return { url, host, port, pid: running.child.pid ?? -1, exited: running.exited, output: running.output, stop: running.stop };
}

function startEntry(options: BackendOptions, env: NodeJS.ProcessEnv): RunningChild {
  const io = { env, logFile: options.logFile, stdout: options.stdout };
  if (options.entry === 'source') {
    // tsx finds the backend's tsconfig (and so the workspace's path aliases) from its folder.
    const cwd = options.cwd ?? dirname(dirname(workspacePaths.backendSource));
    return startChild(options.node ?? process.execPath, ['--import', 'tsx', workspacePaths.backendSource], { ...io, cwd });
  }
  const bundlePath = options.bundlePath ?? workspacePaths.backendBundle;
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run \`npx nx run backend:build\` first`);
  return startChild(options.node ?? process.execPath, [bundlePath], { ...io, cwd: options.cwd ?? dirname(bundlePath) });
}
