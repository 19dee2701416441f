import { access } from 'node:fs/promises';
import { startBackendProcess, startEmbeddedDynamoDb, startNginx } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { paths } from './paths';
import { publishStackEnv } from './stack-env';

export const E2E_TABLE = 'todo-e2e';

/**
 * Starts the stack the tests drive: dynalite in this process, the built backend bundle as a child
 * process (rate limit off: the tests make many requests from one address), and the real nginx from
 * the frontend's template serving the built site. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const file of [paths.backendBundle, `${paths.frontendDist}/index.html`]) {
    await access(file).catch(() => {
      throw new Error(`${file} is missing: run \`npx nx run e2e:e2e\`, which builds the frontend and backend first`);
    });
  }
  const store = await startEmbeddedDynamoDb();
  await ensureTable(store.client, E2E_TABLE);
  const backend = await startBackendProcess({
    bundlePath: paths.backendBundle,
    dynamoDbEndpoint: store.endpoint,
    tableName: E2E_TABLE,
    env: { RATE_LIMIT_PER_MINUTE: '0' },
  }).catch(async (error: unknown) => {
    await store.stop();
    throw error;
  });
  const nginx = await startNginx({ templatePath: paths.nginxTemplate, staticRoot: paths.frontendDist, backendUpstream: `127.0.0.1:${backend.port}` }).catch(
    async (error: unknown) => {
      await backend.stop();
      await store.stop();
      throw error;
    },
  );
  publishStackEnv({ baseUrl: nginx.url, dynamoDbEndpoint: store.endpoint, tableName: E2E_TABLE });

  return async () => {
    await nginx.stop();
    await backend.stop();
    await store.stop();
  };
}
