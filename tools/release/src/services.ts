import { serviceRegistry, type ServiceEntry } from '@todo/service-registry';

/** The names of the registry's services, sorted: what `release` and `status` accept and show. */
export function registeredServices(services: readonly ServiceEntry[] = serviceRegistry): string[] {
  return services.map((service) => service.name).sort();
}
