import type { ServiceEntry, ServiceName } from './service-entry';

/** The service behind the public load balancer (the site's nginx), which routes every public path. */
export function publicEntry(services: readonly ServiceEntry[]): ServiceEntry {
  const entry = services.find(isPublicEntry);
  if (!entry) throw new Error('no service owns the load balancer');
  return entry;
}

export function isPublicEntry(service: ServiceEntry): boolean {
  return service.resources.includes('load-balancer');
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

/** The services `caller` may connect to: the other side of `effectiveCallers`. */
export function calledBy(caller: ServiceEntry, services: readonly ServiceEntry[]): ServiceEntry[] {
  return services.filter((service) => effectiveCallers(service, services).includes(caller.name));
}

/** `stats` → `STATS`: the prefix of the `<NAME>_URL`, `<NAME>_UPSTREAM` and `<NAME>_PORT` variables. */
export function variablePrefix(name: ServiceName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/**
 * `<NAME>_URL` of every service `caller` may call, so callers find their dependencies by name; an
 * nginx caller also gets `<NAME>_UPSTREAM` (`host:port`) of every service it routes a public path to.
 * `address` gives a service's `host:port` where the caller runs (its Cloud Map name in AWS).
 */
export function dependencyVariables(
  caller: ServiceEntry,
  services: readonly ServiceEntry[],
  address: (service: ServiceEntry) => string,
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const service of calledBy(caller, services)) {
    variables[`${variablePrefix(service.name)}_URL`] = `http://${address(service)}`;
    if (caller.runtime === 'nginx' && service.publicPath) variables[`${variablePrefix(service.name)}_UPSTREAM`] = address(service);
  }
  return variables;
}

/** Services in an order where every caller comes before the services it calls (ingress references the caller). */
export function callersFirst(services: readonly ServiceEntry[]): ServiceEntry[] {
  const ordered: ServiceEntry[] = [];
  const visiting = new Set<string>();
  const visit = (service: ServiceEntry) => {
    if (ordered.includes(service)) return;
    if (visiting.has(service.name)) throw new Error(`Invalid service registry: ${service.name} is in a cycle of callers`);
    visiting.add(service.name);
    for (const caller of services.filter((s) => effectiveCallers(service, services).includes(s.name))) visit(caller);
    visiting.delete(service.name);
    ordered.push(service);
  };
  services.forEach(visit);
  return ordered;
}
