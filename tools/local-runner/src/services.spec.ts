import { newServiceEntry, serviceRegistry } from '@todo/service-registry';
import { readConfig } from './config';
import { dependencyUrls, publicRoutes } from './services';

const services = [...serviceRegistry, newServiceEntry({ name: 'stats', port: 10001, callers: ['backend'], publicPath: '/api/stats/' })];
const byName = (name: string) => services.find((s) => s.name === name)!;

describe('the local runner', () => {
  it('runs every registry service on its own port, the site on 4200, each overridable by <NAME>_PORT', () => {
    expect(readConfig({}, services).ports).toEqual({ frontend: 4200, backend: 10000, stats: 10001 });
    expect(readConfig({ STATS_PORT: '4711' }, services).ports['stats']).toBe(4711);
    expect(() => readConfig({ STATS_PORT: 'x' }, services)).toThrow('STATS_PORT must be a port number from 0 to 65535, got "x"');
  });

  it('gives each caller <NAME>_URL of the services it calls, at their local ports', () => {
    const ports = { frontend: 4200, backend: 10000, stats: 4711 };
    expect(dependencyUrls(byName('backend'), services, ports)).toEqual({ STATS_URL: 'http://127.0.0.1:4711' });
    expect(dependencyUrls(byName('frontend'), services, ports)).toEqual({
      BACKEND_URL: 'http://127.0.0.1:10000',
      STATS_URL: 'http://127.0.0.1:4711',
    });
    expect(dependencyUrls(byName('stats'), services, ports)).toEqual({});
  });

  it("proxies the site's public paths other than /api/, longest first", () => {
    const more = [...services, newServiceEntry({ name: 'a', port: 10002, callers: [], publicPath: '/api/stats/daily/' })];
    expect(Object.entries(publicRoutes(more, { frontend: 4200, backend: 10000, stats: 10001, a: 10002 }))).toEqual([
      ['/api/stats/daily/', 'http://127.0.0.1:10002'],
      ['/api/stats/', 'http://127.0.0.1:10001'],
    ]);
  });
});
