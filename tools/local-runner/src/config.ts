import { resolve } from 'node:path';
import { isPublicEntry, serviceRegistry, variablePrefix, type ServiceEntry } from '@todo/service-registry';

export interface LocalConfig {
  /** Folder the embedded store persists to. @default '<repo>/.data' */
  dataDir: string;
  /** @default 8000 */
  dynamoDbPort: number;
  /** Every service of the registry. */
  services: readonly ServiceEntry[];
  /** Each service's local port (`<NAME>_PORT`): its registry port, 4200 for the site's dev server. */
  ports: Record<string, number>;
  /** @default 'todo-local' */
  tableName: string;
  /** Run the site's dev server too (`FRONTEND`). @default true */
  frontend: boolean;
}

export const repoRoot = resolve(__dirname, '../../..');

/** The site's dev server port when `FRONTEND_PORT` is unset; its registry port is nginx's in the container. */
const SITE_DEV_PORT = 4200;

/** Reads the runner's settings from the environment; a bad value stops the runner with one clear line. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, services = serviceRegistry): LocalConfig {
  return {
    dataDir: resolve(repoRoot, env['DATA_DIR'] ?? '.data'),
    dynamoDbPort: port(env, 'DYNAMODB_PORT', 8000),
    services,
    ports: Object.fromEntries(
      services.map((service) => [service.name, port(env, `${variablePrefix(service.name)}_PORT`, isPublicEntry(service) ? SITE_DEV_PORT : service.port)]),
    ),
    tableName: env['TODOTABLE_NAME'] || 'todo-local',
    frontend: env['FRONTEND'] !== 'off',
  };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number from 0 to 65535, got "${raw}"`);
  }
  return value;
}
