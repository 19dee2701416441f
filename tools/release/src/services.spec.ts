import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REGISTRY_PATH, registeredServices } from './services';

describe('registeredServices', () => {
  it("lists this repository's registry", () => {
    expect(registeredServices()).toEqual(expect.arrayContaining(['backend', 'frontend']));
  });

  it('follows the registry: a service added by the generator needs no change here', () => {
    const root = mkdtempSync(join(tmpdir(), 'todo-registry-'));
    try {
      mkdirSync(dirname(join(root, REGISTRY_PATH)), { recursive: true });
      writeFileSync(join(root, REGISTRY_PATH), JSON.stringify({ services: [{ name: 'stats' }, { name: 'frontend' }, { name: 'backend' }] }));
      expect(registeredServices(root)).toEqual(['backend', 'frontend', 'stats']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
