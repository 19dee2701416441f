import type { LoadStats } from '../load/load-runs';
import { nginxSection, type NginxCase } from './nginx';

const load = (p50Ms: number): LoadStats => ({ requests: 100, errors: 0, durationS: 1, rps: 100, p50Ms, p99Ms: p50Ms * 3 });
const nginxCase = (operation: NginxCase['operation'], connections: number, added: number): NginxCase => ({ operation, connections, direct: load(1), proxied: load(1 + added) });

describe('nginxSection', () => {
  it('judges nginx by its own hop at the lowest concurrency, not by contention under load', () => {
    const section = nginxSection([nginxCase('list', 10, 6), nginxCase('list', 1, 0.5), nginxCase('create', 1, 2.5), nginxCase('create', 10, 1)]);
    expect(section.figures).toEqual({ 'list-added-p50-ms-lowest-concurrency': 0.5, 'create-added-p50-ms-lowest-concurrency': 2.5 });
  });
});
