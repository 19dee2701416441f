import { calledBy, variablePrefix, type ServiceEntry } from '@todo/service-registry';

/** `<NAME>_URL` of each service `caller` calls, at its local port: what the task definition gives it in AWS. */
export function dependencyUrls(caller: ServiceEntry, services: readonly ServiceEntry[], ports: Record<string, number>): Record<string, string> {
  return Object.fromEntries(calledBy(caller, services).map((service) => [`${variablePrefix(service.name)}_URL`, `http://127.0.0.1:${ports[service.name]}`]));
}

/** The dev server's proxy for public paths other than `/api/` (nginx's generated locations), longest first. */
export function publicRoutes(services: readonly ServiceEntry[], ports: Record<string, number>): Record<string, string> {
  return Object.fromEntries(
    services
      .filter((service) => service.publicPath && service.publicPath !== '/api/')
      .sort((a, b) => b.publicPath!.length - a.publicPath!.length)
      .map((service) => [service.publicPath!, `http://127.0.0.1:${ports[service.name]}`]),
  );
}
