import { startContainerSite } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { E2E_TABLE } from './global-setup';
import { publishStackEnv } from './stack-env';

/**
 * The same stack as `global-setup.ts`, from the production images: the frontend's nginx container
 * and the backend container found by its service-discovery name on a container network; dynalite
 * in this process, so the tests reset and seed it directly as they do against host processes.
 * `nx run e2e:e2e-containers` builds both images first.
 */
export default async function globalSetupContainers(): Promise<() => Promise<void>> {
  const site = await startContainerSite({
    name: 'todo-e2e',
    tableName: E2E_TABLE,
    prepareStore: async (store) => void (await ensureTable(store.client, E2E_TABLE)),
    backendEnv: { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' },
  });
  publishStackEnv({ baseUrl: site.url, dynamoDbEndpoint: site.store.endpoint, tableName: E2E_TABLE });
  return () => site.stop();
}
