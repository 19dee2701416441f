import { statSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, localDynamoDbClient, startChild, waitForHttp, type RunningChild } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { workspaceRoot } from '../paths';

/** dynalite in a child process of its own. */
export interface StoreProcess {
  child: RunningChild;
  endpoint: string;
}

export async function startStoreProcess(): Promise<StoreProcess> {
  const child = startChild(process.execPath, ['--import', 'tsx', join(__dirname, 'dynalite-server.ts')], {
    cwd: workspaceRoot,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const [, port] = await waitForLine(child, 'dynalite', /listening (\d+)/);
  return { child, endpoint: `http://127.0.0.1:${port}` };
}

/** Creates `tableName` (with the creation index) in the store if it is not there yet. */
export async function createTodoTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
}

export const backendBundle = join(workspaceRoot, 'apps/backend/dist/main.js');

/** Fails early, with the command that fixes it, when the production bundle was not built. */
export function assertBackendBuilt(): void {
  try {
    statSync(backendBundle);
  } catch {
    throw new Error(`${backendBundle} is missing: run \`npx nx run backend:build\` first`);
  }
}

export interface BackendProcess {
  child: RunningChild;
  origin: string;
  port: number;
}

/**
 * The backend bundle in production mode against the store, rate limiting off so the load is never
 * refused. Not the test harness's launcher: that one keeps the log in this process, and request
 * logs at the production level would cost this process (the load generator) CPU. `node` is this
 * process's own Node unless a section compares runtimes.
 */
export function launchBackend(endpoint: string, tableName: string, port: number, node = process.execPath): RunningChild {
  return startChild(node, [backendBundle], {
    cwd: workspaceRoot,
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      TODOTABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      RATE_LIMIT_PER_MINUTE: '0',
      // `METRICS_FLUSH_INTERVAL_MS=0 npm run bench -- --only api` measures the backend without its metrics.
      ...(process.env['METRICS_FLUSH_INTERVAL_MS'] ? { METRICS_FLUSH_INTERVAL_MS: process.env['METRICS_FLUSH_INTERVAL_MS'] } : {}),
    },
    // Request logs stay on (as in production) but go to /dev/null, not through this process.
    stdout: 'ignore',
  });
}

export async function startBackend(endpoint: string, tableName: string): Promise<BackendProcess> {
  assertBackendBuilt();
  const port = await findFreePort();
  const child = launchBackend(endpoint, tableName, port);
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/ready`, child, { name: 'backend' });
  return { child, origin, port };
}

/** Resolves with the first stdout match of `pattern`, or rejects when the child exits first. */
function waitForLine(running: RunningChild, name: string, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const stdout = running.child.stdout;
  if (!stdout) throw new Error(`${name}: stdout is not piped`);
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => finish(new Error(`${name}: no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const match = buffered.match(pattern);
      if (match) finish(undefined, match);
    };
    const onExit = () => finish(new Error(`${name} exited before announcing itself:\n${running.output()}`));
    function finish(error?: Error, match?: RegExpMatchArray) {
      clearTimeout(timer);
      stdout?.off('data', onData);
      running.child.off('exit', onExit);
      if (error) reject(error);
      else resolve(match as RegExpMatchArray);
    }
    stdout.on('data', onData);
    running.child.once('exit', onExit);
  });
}
