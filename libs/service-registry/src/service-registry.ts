import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import registryFile from '../registry.json';
import { ServiceEntrySchema, type ServiceEntry } from './service-entry';

/** Where the registry lives, from the workspace root: the file the service generator edits. */
export const REGISTRY_PATH = 'libs/service-registry/registry.json';

const RegistrySchema = Type.Object({ services: Type.Array(ServiceEntrySchema) }, { additionalProperties: false });

/** A registry that fails its schema or disagrees with itself; the message is one line naming the service and field. */
export class ServiceRegistryError extends Error {
  override readonly name = 'ServiceRegistryError';
}

/** The registry's services, validated: the one list the infra, the tools and the generator read. */
export function parseServiceRegistry(data: unknown): readonly ServiceEntry[] {
  if (!Value.Check(RegistrySchema, data)) {
    const first = Value.Errors(RegistrySchema, data).First();
    throw new ServiceRegistryError(`Invalid service registry: ${describeSchemaError(data, first?.path ?? '', first?.message ?? 'is invalid', first?.value)}`);
  }
  validateServices(data.services);
  return data.services;
}

/** `/services/2/sizing/production/cpu` → `stats: sizing.production.cpu: expected integer, got "x"`. */
function describeSchemaError(data: unknown, path: string, message: string, value: unknown): string {
  const [, list, index, ...field] = path.split('/');
  const reason = `${message.charAt(0).toLowerCase()}${message.slice(1)}${value === undefined ? '' : `, got ${JSON.stringify(value)}`}`;
  if (list !== 'services' || index === undefined) return `${path || '/'}: ${reason}`;
  const entry = (data as { services: unknown[] }).services[Number(index)] as { name?: unknown } | undefined;
  const service = typeof entry?.name === 'string' && entry.name !== '' ? entry.name : `services[${index}]`;
  return field.length > 0 ? `${service}: ${field.join('.')}: ${reason}` : `${service}: ${reason}`;
}

/** Throws on the first disagreement between entries: a duplicate name, port or path, an unknown caller, no single site. */
export function validateServices(services: readonly ServiceEntry[]): void {
  const problem = firstProblem(services);
  if (problem) throw new ServiceRegistryError(`Invalid service registry: ${problem}`);
}

function firstProblem(services: readonly ServiceEntry[]): string | undefined {
  const names = new Set<string>();
  const ports = new Map<number, string>();
  const paths = new Map<string, string>();
  for (const service of services) {
    if (names.has(service.name)) return `${service.name}: name: listed twice`;
    names.add(service.name);
    const samePort = ports.get(service.port);
    if (samePort) return `${service.name}: port ${service.port} is taken by ${samePort}`;
    ports.set(service.port, service.name);
    if (service.publicPath) {
      const samePath = paths.get(service.publicPath);
      if (samePath) return `${service.name}: public path ${service.publicPath} is taken by ${samePath}`;
      paths.set(service.publicPath, service.name);
    }
  }
  for (const service of services) {
    for (const caller of service.callers) {
      if (caller === service.name) return `${service.name}: callers: cannot call itself`;
      if (!names.has(caller)) return `${service.name}: caller ${caller} is not a service`;
    }
  }
  const [site, ...moreSites] = services.filter((s) => s.resources.includes('load-balancer'));
  if (!site || moreSites.length > 0) return `resources: exactly one service must own the load balancer, found ${moreSites.length + (site ? 1 : 0)}`;
  if (site.runtime !== 'nginx') return `${site.name}: runtime: the load balancer's service must be nginx`;
  return undefined;
}

/** The committed registry (`registry.json` beside this library). */
export const serviceRegistry: readonly ServiceEntry[] = parseServiceRegistry(registryFile);
