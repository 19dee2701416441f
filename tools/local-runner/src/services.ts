import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fields of a service registry entry (infra/src/services/registry.json) the runner reads. */
export interface RegistryService {
  name: string;
  runtime: 'node' | 'nginx';
  port: number;
  callers: string[];
  publicPath?: string;
  resources: string[];
}

export const REGISTRY_PATH = 'infra/src/services/registry.json';

export function readRegistry(repoRoot: string): RegistryService[] {
  return (JSON.parse(readFileSync(join(repoRoot, REGISTRY_PATH), 'utf8')) as { services: RegistryService[] }).services;
}

/** `stats` → `STATS`: the prefix of `<NAME>_URL` and `<NAME>_PORT`. */
export function variablePrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** The entry behind the load balancer: the site, run locally as the Vite dev server. */
export function isSite(service: RegistryService): boolean {
  return service.resources.includes('load-balancer');
}

/** Who calls `service`: its declared callers and, for a public path, the site (as in the infra). */
function callersOf(service: RegistryService, services: readonly RegistryService[]): string[] {
  const site = services.find(isSite);
  return [...new Set([...service.callers, ...(service.publicPath && site ? [site.name] : [])])];
}

/** `<NAME>_URL` of each service `caller` calls, at its local port: what the task definition gives it in AWS. */
export function dependencyUrls(caller: RegistryService, services: readonly RegistryService[], ports: Record<string, number>): Record<string, string> {
  return Object.fromEntries(
    services
      .filter((service) => callersOf(service, services).includes(caller.name))
      .map((service) => [`${variablePrefix(service.name)}_URL`, `http://127.0.0.1:${ports[service.name]}`]),
  );
}

/** The dev server's proxy for public paths other than `/api/` (nginx's generated locations), longest first. */
export function publicRoutes(services: readonly RegistryService[], ports: Record<string, number>): Record<string, string> {
  return Object.fromEntries(
    services
      .filter((service) => service.publicPath && service.publicPath !== '/api/')
      .sort((a, b) => b.publicPath!.length - a.publicPath!.length)
      .map((service) => [service.publicPath!, `http://127.0.0.1:${ports[service.name]}`]),
  );
}
