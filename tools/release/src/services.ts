import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The service registry: the one list of services the infra, `npm start` and the generator read. */
export const REGISTRY_PATH = 'infra/src/services/registry.json';

/** The names of the services in the registry under `repoRoot`, sorted. */
export function registeredServices(repoRoot = join(__dirname, '..', '..', '..')): string[] {
  const registry = JSON.parse(readFileSync(join(repoRoot, REGISTRY_PATH), 'utf8')) as { services: { name: string }[] };
  return registry.services.map((service) => service.name).sort();
}
