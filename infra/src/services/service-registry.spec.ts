import { callersFirst, effectiveCallers, parseServiceRegistry, serviceRegistry, type ServiceEntry } from './service-registry';

const sizing = { cpu: 256, memoryMiB: 512, desiredCount: 1, minCount: 1, maxCount: 2, targetCpuPercent: 70 };
const stats: ServiceEntry = {
  name: 'stats',
  runtime: 'node',
  port: 10001,
  callers: ['backend'],
  resources: [],
  sizing: { development: sizing, production: sizing },
};
const registryWith = (...extra: unknown[]) => ({ services: [...serviceRegistry, ...extra] });

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

  it('orders callers before the services they call', () => {
    expect(callersFirst([stats, ...serviceRegistry]).map((s) => s.name)).toEqual(['frontend', 'backend', 'stats']);
  });

  it('accepts a third entry', () => {
    expect(parseServiceRegistry(registryWith(stats)).map((s) => s.name)).toEqual(['frontend', 'backend', 'stats']);
  });

  it.each([
    ['a name that is no DNS label', { ...stats, name: 'Stats_1' }, /\/services\/2\/name/],
    ['a port taken by another service', { ...stats, port: 10000 }, /stats: port 10000 is taken by backend/],
    ['an unknown caller', { ...stats, callers: ['nobody'] }, /stats: caller nobody is not a service/],
    ['a public path taken by another service', { ...stats, publicPath: '/api/' }, /public path \/api\/ is taken by backend/],
    ['a public path outside /api/', { ...stats, publicPath: '/stats/' }, /\/services\/2\/publicPath/],
    ['a duplicate name', { ...stats, name: 'backend', port: 10001 }, /backend: listed twice/],
    ['an unknown field', { ...stats, replicas: 3 }, /\/services\/2/],
  ])('rejects %s', (_, entry, message) => {
    expect(() => parseServiceRegistry(registryWith(entry))).toThrow(message);
  });

  it('rejects callers that call each other', () => {
    const a = { ...stats, name: 'a', port: 10011, callers: ['b'] };
    const b = { ...stats, name: 'b', port: 10012, callers: ['a'] };
    expect(() => callersFirst([...serviceRegistry, a, b])).toThrow(/cycle of callers/);
  });
});
