import { newServiceEntry } from '@todo/service-registry';
import { registeredServices } from './services';

describe('registeredServices', () => {
  it("lists this repository's registry", () => {
    expect(registeredServices()).toEqual(expect.arrayContaining(['backend', 'frontend']));
  });

  it('follows the registry: a service added by the generator needs no change here', () => {
    const entries = [newServiceEntry({ name: 'stats', port: 10001, callers: [] }), newServiceEntry({ name: 'audit', port: 10002, callers: [] })];
    expect(registeredServices(entries)).toEqual(['audit', 'stats']);
  });
});
