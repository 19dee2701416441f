import { startContainerSite, type ContainerSite, type ContainerSiteOptions } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';

/** nginx's `resolver ... valid=`: how long it may keep sending to an address the DNS no longer gives. */
export const DNS_TTL_MS = 5_000;

/** A site of the production images with an in-memory store, for one suite. */
export function startTestSite(name: string, options: Partial<ContainerSiteOptions> = {}): Promise<ContainerSite> {
  const tableName = 'todo-containers';
  return startContainerSite({
    name: `todo-test-${name}`,
    tableName,
    prepareStore: async (store) => void (await ensureTable(store.client, tableName)),
    // The load comes from one address; the limiter has its own suites.
    backendEnv: { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', ...options.backendEnv },
    stopTimeoutSeconds: 15,
    ...options,
  });
}
