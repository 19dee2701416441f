import { join } from 'node:path';
import { findFreePort, localBackendEnv, startChild, waitForHttp } from '@todo/test-harness';

export interface HttpFloor {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<unknown>;
}

/** Starts `http-floor-server.ts` on a free port against the table, through tsx (this folder's tsconfig gives it the workspace's aliases). */
export async function startHttpFloor(options: { dynamoDbEndpoint: string; tableName: string }): Promise<HttpFloor> {
  const host = '127.0.0.1';
  const port = await findFreePort(host);
  const env = { PATH: process.env['PATH'], ...localBackendEnv({ ...options, host, port }) };
  const child = startChild(process.execPath, ['--import', 'tsx', join(__dirname, 'http-floor-server.ts')], { env, cwd: __dirname, stdout: 'ignore' });
  const url = `http://${host}:${port}`;
  try {
    await waitForHttp(`${url}/api/todos?limit=1`, child, { name: 'HTTP floor' });
  } catch (error) {
    await child.stop('SIGKILL');
    throw error;
  }
  return { url, pid: child.child.pid ?? -1, stop: () => child.stop() };
}
