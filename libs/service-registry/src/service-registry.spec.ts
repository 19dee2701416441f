import { callersFirst, calledBy, dependencyVariables, effectiveCallers } from './callers';
import { newServiceEntry } from './service-entry';
import { parseServiceRegistry, serviceRegistry } from './service-registry';

// A third entry, as `nx g @todo/platform:service stats --callers backend` writes it.
const stats = newServiceEntry({ name: 'stats', port: 10001, callers: ['backend'] });
const registryWith = (...extra: unknown[]) => ({ services: [...serviceRegistry, ...extra] });
const byName = (services: readonly { name: string }[]) => services.map((s) => s.name);

describe('the service registry', () => {
  it('lists the site behind the load balancer and the API with its table', () => {
    expect(serviceRegistry.map((s) => [s.name, s.resources])).toEqual([
      ['frontend', ['load-balancer']],
      ['backend', ['todo-table']],
    ]);
  });

  it("lets the public entry's nginx call every service with a public path", () => {
    const backend = serviceRegistry.find((s) => s.name === 'backend')!;
    expect(effectiveCallers(backend, serviceRegistry)).toEqual(['frontend']);
    expect(effectiveCallers(stats, [...serviceRegistry, stats])).toEqual(['backend']);
  });

  it('lists whom a service calls: the other side of its callers', () => {
    const services = [...serviceRegistry, stats];
    expect(services.map((caller) => [caller.name, byName(calledBy(caller, services))])).toEqual([
      ['frontend', ['backend']],
      ['backend', ['stats']],
      ['stats', []],
    ]);
  });

  it('gives each caller <NAME>_URL of what it calls, and nginx <NAME>_UPSTREAM of each public path', () => {
    const publicStats = { ...stats, publicPath: '/api/stats/' };
    const services = [...serviceRegistry, publicStats];
    const address = (service: { name: string; port: number }) => `${service.name}.test:${service.port}`;
    expect(dependencyVariables(services[0]!, services, address)).toEqual({
      BACKEND_URL: 'http://backend.test:10000',
      BACKEND_UPSTREAM: 'backend.test:10000',
      STATS_URL: 'http://stats.test:10001',
      STATS_UPSTREAM: 'stats.test:10001',
    });
    expect(dependencyVariables(services[1]!, services, address)).toEqual({ STATS_URL: 'http://stats.test:10001' });
    expect(dependencyVariables(publicStats, services, address)).toEqual({});
  });

  it('orders callers before the services they call', () => {
    expect(byName(callersFirst([stats, ...serviceRegistry]))).toEqual(['frontend', 'backend', 'stats']);
  });

  it('accepts a third entry', () => {
    expect(byName(parseServiceRegistry(registryWith(stats)))).toEqual(['frontend', 'backend', 'stats']);
  });

  it.each([
    ['a name that is no DNS label', { ...stats, name: 'Stats_1' }, 'Stats_1: name: expected string to match'],
    ['a port out of range', { ...stats, port: 80 }, 'stats: port: expected integer to be greater or equal to 1024, got 80'],
    ['a bad size', { ...stats, sizing: { ...stats.sizing, production: { ...stats.sizing.production, cpu: 'x' } } }, 'stats: sizing.production.cpu: expected integer, got "x"'],
    ['an entry with no name', { port: 10001 }, 'services[2]: name: expected required property'],
    ['a port taken by another service', { ...stats, port: 10000 }, 'stats: port 10000 is taken by backend'],
    ['an unknown caller', { ...stats, callers: ['nobody'] }, 'stats: caller nobody is not a service'],
    ['a caller calling itself', { ...stats, callers: ['stats'] }, 'stats: callers: cannot call itself'],
    ['a public path taken by another service', { ...stats, publicPath: '/api/' }, 'stats: public path /api/ is taken by backend'],
    ['a public path outside /api/', { ...stats, publicPath: '/stats/' }, 'stats: publicPath: expected string to match'],
    ['a duplicate name', { ...stats, name: 'backend', port: 10001 }, 'backend: name: listed twice'],
    ['an unknown field', { ...stats, replicas: 3 }, 'stats: replicas: unexpected property, got 3'],
    ['a second load balancer', { ...stats, runtime: 'nginx', resources: ['load-balancer'] }, 'resources: exactly one service must own the load balancer, found 2'],
  ])('rejects %s with one line naming the service and field', (_, entry, message) => {
    expect(() => parseServiceRegistry(registryWith(entry))).toThrow(`Invalid service registry: ${message}`);
    try {
      parseServiceRegistry(registryWith(entry));
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('rejects callers that call each other', () => {
    const a = { ...stats, name: 'a', port: 10011, callers: ['b'] };
    const b = { ...stats, name: 'b', port: 10012, callers: ['a'] };
    expect(() => callersFirst([...serviceRegistry, a, b])).toThrow(/cycle of callers/);
  });
});
