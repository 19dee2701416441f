import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { environmentNames } from '../config/environment-config';
import registryFile from './registry.json';

const Sizing = Type.Object(
  {
    cpu: Type.Integer({ description: 'Task CPU units (256 = 0.25 vCPU).' }),
    memoryMiB: Type.Integer({ description: 'Task memory in MiB, valid for `cpu` on Fargate.' }),
    desiredCount: Type.Integer({ description: 'Tasks to run once a first image has been released.' }),
    minCount: Type.Integer({ description: 'Lower bound of CPU target-tracking auto scaling.' }),
    maxCount: Type.Integer({ description: 'Upper bound of CPU target-tracking auto scaling.' }),
    targetCpuPercent: Type.Integer({ minimum: 1, maximum: 100, description: 'Average CPU utilization auto scaling keeps.' }),
  },
  { additionalProperties: false },
);

/** A DNS label of at most 20 characters: it names the project, image, ECS service, Cloud Map record and pipeline. */
export const SERVICE_NAME_PATTERN = '^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$';

const ServiceEntrySchema = Type.Object(
  {
    name: Type.String({ pattern: SERVICE_NAME_PATTERN }),
    /** `node`: a Node.js server image; `nginx`: the site's nginx image. */
    runtime: Type.Union([Type.Literal('node'), Type.Literal('nginx')]),
    port: Type.Integer({ minimum: 1024, maximum: 65535 }),
    /** Services whose tasks may connect to this one; each gets `<NAME>_URL`. */
    callers: Type.Array(Type.String()),
    /** Path prefix the public entry's nginx routes to this service, e.g. `/api/stats/`. */
    publicPath: Type.Optional(Type.String({ pattern: '^/api/([a-z0-9-]+/)*$' })),
    /** Resources the service owns beyond its ECS service: its table, or the public load balancer. */
    resources: Type.Array(Type.Union([Type.Literal('todo-table'), Type.Literal('load-balancer')])),
    sizing: Type.Object(
      Object.fromEntries(environmentNames.map((env) => [env, Sizing])) as Record<(typeof environmentNames)[number], typeof Sizing>,
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type ServiceEntry = Static<typeof ServiceEntrySchema>;
export type ServiceSizing = Static<typeof Sizing>;
export type ServiceName = string;

const RegistrySchema = Type.Object({ services: Type.Array(ServiceEntrySchema) }, { additionalProperties: false });

/** Services listed by `registry.json`, validated: the one list the infra, `npm start` and the generator read. */
export function parseServiceRegistry(data: unknown): readonly ServiceEntry[] {
  if (!Value.Check(RegistrySchema, data)) {
    const first = Value.Errors(RegistrySchema, data).First();
    throw new Error(`Invalid service registry: ${first?.path || '/'} ${first?.message ?? 'is invalid'}`);
  }
  validateServices(data.services);
  return data.services;
}

/** Throws on entries that disagree with each other: duplicate names, ports or paths, unknown callers. */
export function validateServices(services: readonly ServiceEntry[]): void {
  const problems: string[] = [];
  const names = new Set<string>();
  const ports = new Map<number, string>();
  const paths = new Map<string, string>();
  for (const service of services) {
    if (names.has(service.name)) problems.push(`${service.name}: listed twice`);
    names.add(service.name);
    const samePort = ports.get(service.port);
    if (samePort) problems.push(`${service.name}: port ${service.port} is taken by ${samePort}`);
    ports.set(service.port, service.name);
    if (service.publicPath) {
      const samePath = paths.get(service.publicPath);
      if (samePath) problems.push(`${service.name}: public path ${service.publicPath} is taken by ${samePath}`);
      paths.set(service.publicPath, service.name);
    }
  }
  for (const service of services) {
    for (const caller of service.callers) {
      if (!names.has(caller)) problems.push(`${service.name}: caller ${caller} is not a service`);
      if (caller === service.name) problems.push(`${service.name}: cannot call itself`);
    }
  }
  const publicEntries = services.filter((s) => s.resources.includes('load-balancer'));
  if (publicEntries.length !== 1) problems.push(`exactly one service must own the load balancer, found ${publicEntries.length}`);
  if (publicEntries[0] && publicEntries[0].runtime !== 'nginx') problems.push(`${publicEntries[0].name}: the load balancer's service must be nginx`);
  if (problems.length > 0) throw new Error(`Invalid service registry:\n- ${problems.join('\n- ')}`);
}

/** The committed registry. */
export const serviceRegistry: readonly ServiceEntry[] = parseServiceRegistry(registryFile);

/** The service behind the public load balancer (the site's nginx), which routes every public path. */
export function publicEntry(services: readonly ServiceEntry[]): ServiceEntry {
  const entry = services.find((s) => s.resources.includes('load-balancer'));
  if (!entry) throw new Error('no service owns the load balancer');
  return entry;
}

/**
 * Who may connect to `service`: its declared callers and, when it has a public path, the public
 * entry's nginx, which proxies that path.
 */
export function effectiveCallers(service: ServiceEntry, services: readonly ServiceEntry[]): string[] {
  const callers = new Set(service.callers);
  if (service.publicPath) callers.add(publicEntry(services).name);
  return [...callers];
}

/** `stats` → `STATS`: the prefix of the `<NAME>_URL` and `<NAME>_UPSTREAM` variables. */
export function variablePrefix(name: ServiceName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** Services in an order where every caller comes before the services it calls (ingress references the caller). */
export function callersFirst(services: readonly ServiceEntry[]): ServiceEntry[] {
  const ordered: ServiceEntry[] = [];
  const visiting = new Set<string>();
  const visit = (service: ServiceEntry) => {
    if (ordered.includes(service)) return;
    if (visiting.has(service.name)) throw new Error(`Invalid service registry: ${service.name} is in a cycle of callers`);
    visiting.add(service.name);
    for (const caller of effectiveCallers(service, services)) visit(services.find((s) => s.name === caller)!);
    visiting.delete(service.name);
    ordered.push(service);
  };
  services.forEach(visit);
  return ordered;
}
